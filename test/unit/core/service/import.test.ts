// Importing record.json: new records, newer revisions, skips, and every refusal leaving what is saved untouched.

import { beforeEach, describe, expect, it } from 'vitest';
import { computeContentHash, type DecisionRecord } from '../../../../electron/core/domain/index.ts';
import { createTestService, makeRecord, readTable, signAll, type TestDesk } from '../../../helpers/db.ts';

let desk: TestDesk;
let existing: DecisionRecord;

const snapshot = () => ({
  records: readTable(desk.db, 'records'),
  revisions: readTable(desk.db, 'revisions'),
  audit: readTable(desk.db, 'audit'),
});

/** A newer revision of a record, as another device would have written it. */
function newer(record: DecisionRecord, changes: Partial<DecisionRecord> = {}): DecisionRecord {
  const next = { ...record, revision: record.revision + 1, updatedAt: '2024-03-02T10:00:00.000Z', ...changes };
  return { ...next, contentHash: computeContentHash(next) };
}

beforeEach(async () => {
  desk = await createTestService();
  existing = makeRecord({ reference: 'OPCC.D.021.18', revision: 3, title: 'Already here' });
  await desk.call('records.import', { record: existing });
});

describe('records.import', () => {
  it('creates a new record with the same id, revision and content', async () => {
    const record = makeRecord({ revision: 5, status: 'decided', reference: 'OPCC.D.004.24' });
    expect(await desk.call('records.import', { record })).toEqual({
      action: 'created',
      id: record.id,
      reference: 'OPCC.D.004.24',
      revision: 5,
    });
    expect(await desk.call('records.get', { id: record.id })).toEqual(record);
    expect(await desk.call('records.history', { id: record.id })).toEqual([
      expect.objectContaining({ revision: 5, kind: 'imported', contentHash: record.contentHash }),
    ]);
    expect((await desk.call('records.list', { year: 2024 })).items.map((r) => r.id)).toEqual([record.id]);
  });

  it('updates a record from a newer revision', async () => {
    const update = newer(existing, { title: 'Changed elsewhere' });
    expect(await desk.call('records.import', { record: update })).toEqual({
      action: 'updated',
      id: existing.id,
      reference: 'OPCC.D.021.18',
      revision: 4,
    });
    expect(await desk.call('records.get', { id: existing.id })).toEqual(update);
    expect((await desk.call('records.history', { id: existing.id })).map((r) => [r.revision, r.kind])).toEqual([
      [4, 'imported'],
      [3, 'imported'],
    ]);
    const audit = await desk.call('records.audit', { id: existing.id });
    expect(audit.at(-1)).toMatchObject({ action: 'imported', revision: 4, detail: { replacedRevision: 3 } });
  });

  it.each([
    ['the same', 0],
    ['an older', -1],
  ])('skips %s revision with a reason, changing nothing', async (_name, delta) => {
    const before = snapshot();
    const stale = { ...existing, revision: existing.revision + delta, title: 'Stale copy' };
    const outcome = await desk.call('records.import', { record: { ...stale, contentHash: computeContentHash(stale) } });
    expect(outcome).toEqual({
      action: 'skipped',
      id: existing.id,
      reference: existing.reference,
      revision: stale.revision,
      reason: 'the database already has revision 3',
    });
    expect(snapshot()).toEqual(before);
  });

  describe('refuses, changing nothing already saved,', () => {
    const refusals: [string, () => unknown, string, RegExp][] = [
      ['a string', () => 'record', 'invalid-input', /expected a JSON object/],
      ['null', () => null, 'invalid-input', /expected a JSON object/],
      ['an array', () => [existing], 'invalid-input', /expected a JSON object/],
      ['a number', () => 42, 'invalid-input', /expected a JSON object/],
      ['an object without a format', () => ({ id: existing.id }), 'invalid-input', /not a Decision Desk record\.json/],
      [
        'another format',
        () => ({ ...newer(existing), format: 'some-other/thing@1' }),
        'invalid-input',
        /not a Decision Desk record\.json/,
      ],
      [
        'a future format',
        () => ({ ...newer(existing), format: 'decision-desk/record@2' }),
        'unsupported-format',
        /newer version/,
      ],
      ['an unknown field', () => ({ ...newer(existing), colour: 'red' }), 'invalid-input', /unknown field "colour"/],
      [
        'a missing field',
        () => {
          const { title: _title, ...rest } = newer(existing);
          return rest;
        },
        'invalid-input',
        /title/,
      ],
      ['a wrong type', () => ({ ...newer(existing), revision: '4' }), 'invalid-input', /revision/],
      [
        'text over its limit',
        () => newer(existing, { title: 'x'.repeat(501) }),
        'invalid-input',
        /title: must be at most 500 characters/,
      ],
      [
        'a tampered content',
        () => ({ ...newer(existing), title: 'Tampered' }),
        'invalid-input',
        /no longer matches its contentHash/,
      ],
      ['a tampered hash', () => ({ ...newer(existing), contentHash: 'a'.repeat(64) }), 'invalid-input', /contentHash/],
      [
        'a reference another record uses',
        () => makeRecord({ reference: 'OPCC.D.021.18' }),
        'duplicate-reference',
        /OPCC\.D\.021\.18/,
      ],
      [
        "a new revision taking another record's reference",
        () => newer(existing, { reference: 'OPCC.D.007.24' }),
        'duplicate-reference',
        /OPCC\.D\.007\.24/,
      ],
    ];

    it.each(refusals)('%s', async (_name, make, code, message) => {
      await desk.call('records.import', { record: makeRecord({ reference: 'OPCC.D.007.24' }) });
      const before = snapshot();
      const error = await desk.fail('records.import', { record: make() });
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(snapshot()).toEqual(before);
    });
  });

  describe('a file with only the content fields (another tool\u2019s record.json)', () => {
    const content = {
      title: 'Moved from the old register',
      originator: 'Chief Finance Officer',
      executiveSummary: 'A record written by a script.',
      recommendation: 'That the Commissioner agrees.',
      decision: 'I agree.',
    };
    const STATE = ['format', 'id', 'status', 'revision', 'contentHash', 'createdAt', 'updatedAt', 'signOffs'];

    it('imports as a new draft, reporting each field it filled in', async () => {
      desk.clock.set('2024-05-02T08:00:00.000Z');
      const outcome = await desk.call('records.import', { record: content });
      expect(outcome).toEqual({
        action: 'created',
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        reference: null,
        revision: 1,
        filled: [
          ...STATE,
          'reference',
          'template',
          'classification',
          'confidentialReason',
          'backgroundDocuments',
          'impact',
        ],
      });
      const record = await desk.call('records.get', { id: outcome.id });
      expect(record).toMatchObject({
        ...content,
        format: 'decision-desk/record@1',
        status: 'draft',
        revision: 1,
        template: 'kent',
        classification: 'open',
        confidentialReason: '',
        backgroundDocuments: [],
        impact: { planObjectives: '', equalityImpactAssessment: null, diversityImpact: null, diversityExplanation: '' },
        createdAt: '2024-05-02T08:00:00.000Z',
      });
      expect(record.contentHash).toBe(computeContentHash(record));
      expect(record.signOffs.map((s) => [s.role, s.signature])).toEqual([
        ['chief-finance-officer', null],
        ['chief-executive', null],
        ['commissioner', null],
      ]);
      const audit = await desk.call('records.audit', { id: outcome.id });
      expect(audit.at(-1)).toMatchObject({ action: 'imported', revision: 1, detail: { contentOnly: true } });
      // It is an ordinary draft: it saves like one.
      expect(
        (await desk.call('records.save', { id: outcome.id, baseRevision: 1, patch: { title: 'Edited' } })).revision,
      ).toBe(2);
    });

    it('reads null for an optional or empty field as absent or empty', async () => {
      const outcome = await desk.call('records.import', {
        record: {
          format: 'decision-desk/record@1',
          id: null,
          reference: null,
          ...content,
          classification: null,
          confidentialReason: null,
          recommendation: null,
          backgroundDocuments: [{ title: 'Business case', attachment: null }, { title: null }],
          impact: {
            planObjectives: null,
            equalityImpactAssessment: false,
            diversityImpact: null,
            diversityExplanation: null,
          },
          signOffs: null,
        },
      });
      expect(outcome.action).toBe('created');
      expect(outcome).toMatchObject({
        filled: expect.arrayContaining([
          'classification',
          'confidentialReason',
          'recommendation',
          'impact.planObjectives',
          'impact.diversityExplanation',
        ]),
      });
      expect((outcome as { filled: string[] }).filled).not.toContain('impact.equalityImpactAssessment');
      expect((outcome as { filled: string[] }).filled).not.toContain('title');
      const record = await desk.call('records.get', { id: outcome.id });
      expect(record).toMatchObject({
        classification: 'open',
        confidentialReason: '',
        recommendation: '',
        backgroundDocuments: [{ title: 'Business case' }, { title: '' }],
        impact: {
          planObjectives: '',
          equalityImpactAssessment: false,
          diversityImpact: null,
          diversityExplanation: '',
        },
      });
      expect(record.backgroundDocuments[0]).not.toHaveProperty('attachment');
    });

    it('is always a new draft: the same file twice makes two records and replaces nothing', async () => {
      const before = await desk.call('records.get', { id: existing.id });
      const first = await desk.call('records.import', { record: { ...content, reference: 'OPCC.D.050.24' } });
      const second = await desk.call('records.import', { record: content });
      expect(second.id).not.toBe(first.id);
      expect(first.reference).toBe('OPCC.D.050.24');
      expect(await desk.call('records.get', { id: existing.id })).toEqual(before);
      expect((await desk.call('records.list', {})).total).toBe(3);
    });

    it('keeps sign-off names and comments by role, and the office\u2019s default originator when it has none', async () => {
      await desk.call('settings.update', { patch: { defaultOriginator: 'Chief Executive' } });
      const { originator: _originator, ...rest } = content;
      const outcome = await desk.call('records.import', {
        record: { ...rest, signOffs: [{ role: 'commissioner', name: 'C. Commissioner', comments: null }] },
      });
      const record = await desk.call('records.get', { id: outcome.id });
      expect(record.originator).toBe('Chief Executive');
      expect(record.signOffs[2]).toMatchObject({
        role: 'commissioner',
        name: 'C. Commissioner',
        comments: '',
        signature: null,
      });
      expect((outcome as { filled: string[] }).filled).toContain('originator');
    });

    const refusals: [string, () => unknown, string, RegExp][] = [
      ['an empty object', () => ({}), 'invalid-input', /none of the content fields/],
      ['only unknown fields', () => ({ name: 'x', colour: 'red' }), 'invalid-input', /none of the content fields/],
      [
        'a title over its limit',
        () => ({ ...content, title: 'x'.repeat(501) }),
        'invalid-input',
        /title: must be at most 500 characters/,
      ],
      [
        'a title that is a number',
        () => ({ ...content, title: 42 }),
        'invalid-input',
        /title: must be text, not a number/,
      ],
      [
        'an unknown classification',
        () => ({ ...content, classification: 'secret' }),
        'invalid-input',
        /classification: must be "open" or "confidential"/,
      ],
      [
        'too many background documents',
        () => ({ ...content, backgroundDocuments: Array.from({ length: 101 }, () => ({ title: 'd' })) }),
        'invalid-input',
        /backgroundDocuments: must list at most 100 documents/,
      ],
      [
        'a summary over its limit',
        () => ({ ...content, executiveSummary: 'x'.repeat(500_001) }),
        'invalid-input',
        /executiveSummary: must be at most 500,000 characters/,
      ],
      [
        'plan objectives over their limit',
        () => ({ ...content, impact: { planObjectives: 'x'.repeat(20_001) } }),
        'invalid-input',
        /impact\.planObjectives: must be at most 20,000 characters/,
      ],
      ['an unknown field', () => ({ ...content, colour: 'red' }), 'invalid-input', /unknown field "colour"/],
      [
        'a signature',
        () => ({ ...content, signOffs: [{ role: 'commissioner', name: 'C', signature: { signedBy: 'C' } }] }),
        'invalid-input',
        /signature.*new draft/,
      ],
      [
        'a future format',
        () => ({ ...content, format: 'decision-desk/record@2' }),
        'unsupported-format',
        /newer version/,
      ],
      [
        'a reference another record uses',
        () => ({ ...content, reference: 'OPCC.D.021.18' }),
        'duplicate-reference',
        /OPCC\.D\.021\.18/,
      ],
    ];

    it.each(refusals)('refuses %s in plain words, changing nothing', async (_name, make, code, message) => {
      const before = snapshot();
      const error = await desk.fail('records.import', { record: make() });
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(error.message).not.toMatch(/Invalid input|Invalid option|Too big|expected|received/);
      expect(snapshot()).toEqual(before);
    });

    it('keeps the strict reading for a whole record.json: null is refused there, and a missing field named', async () => {
      const nullTitle = await desk.fail('records.import', { record: { ...newer(existing), title: null } });
      expect(nullTitle.message).toMatch(/title: must be text, not null/);
      const { status: _status, ...noStatus } = newer(existing);
      expect((await desk.fail('records.import', { record: noStatus })).message).toMatch(/status: is missing/);
    });
  });

  describe('a record that is out for signature, decided or published', () => {
    const locked = (status: DecisionRecord['status']) =>
      makeRecord({ reference: 'OPCC.D.030.24', revision: 4, status, title: 'Locked here' });

    it.each(['awaiting-signatures', 'decided', 'published'] as const)(
      'is %s: a higher revision with other content is a conflict naming the record, and nothing changes',
      async (status) => {
        const here = locked(status);
        await desk.call('records.import', { record: here });
        const before = snapshot();
        const other = newer(here, { title: 'Rewritten elsewhere', revision: 9 });
        const error = await desk.fail('records.import', {
          record: status === 'awaiting-signatures' ? other : signAll(other),
        });
        expect(error.code).toBe('conflict');
        expect(error.message).toMatch(/OPCC\.D\.030\.24/);
        expect(error.message).toMatch(/different content/);
        expect(snapshot()).toEqual(before);
      },
    );

    it('refuses a higher revision whose signatures differ other than by being added', async () => {
      const here = locked('decided');
      await desk.call('records.import', { record: here });
      const before = snapshot();
      const replaced = signAll({ ...here, revision: 7 }, '2024-04-01T10:00:00.000Z');
      const error = await desk.fail('records.import', { record: replaced });
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(/signatures/);
      expect(snapshot()).toEqual(before);
    });

    it('takes a higher revision that only adds signatures', async () => {
      const here = makeRecord({ reference: 'OPCC.D.031.24', revision: 2, status: 'awaiting-signatures' });
      await desk.call('records.import', { record: here });
      const all = signAll(here);
      const more = { ...here, revision: 3, signOffs: here.signOffs.map((s, i) => (i === 0 ? all.signOffs[0]! : s)) };
      expect((await desk.call('records.import', { record: more })).action).toBe('updated');
      const decided = { ...all, revision: 4, status: 'decided' as const };
      expect((await desk.call('records.import', { record: decided })).action).toBe('updated');
    });
  });

  it.each([
    ['decided', 'OPCC.D.040.24'],
    ['published', 'OPCC.D.041.24'],
  ] as const)('refuses a %s record without its signatures, saying what is missing', async (status, reference) => {
    const before = snapshot();
    const unsigned = makeRecord({ reference, status, signOffs: makeRecord().signOffs });
    const error = await desk.fail('records.import', { record: unsigned });
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(new RegExp(`${status}.*commissioner`));
    expect(snapshot()).toEqual(before);
  });

  it('keeps a record whose id another tool wrote in capitals reachable by that id', async () => {
    const record = makeRecord({ id: '6F1F0A3E-2C1B-4D5E-9F7A-0B1C2D3E4F50' });
    await desk.call('records.import', { record });
    expect(await desk.call('records.get', { id: record.id })).toEqual(record);
    expect(await desk.call('records.history', { id: record.id })).toHaveLength(1);
    expect(
      (await desk.call('records.save', { id: record.id, baseRevision: 1, patch: { title: 'Edited' } })).revision,
    ).toBe(2);
  });

  it('refuses a call without a record', async () => {
    expect((await desk.fail('records.import', {})).code).toBe('invalid-input');
    expect((await desk.fail('records.import', { record: existing, extra: 1 })).code).toBe('invalid-input');
  });
});
