// The publication life-cycle through the service: publication fields as signed content, withdrawal, late records.

import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type DecisionRecord,
  computeContentHash,
  decisionDay,
  lateRecords,
  publicationStatus,
  supersessions,
} from '../../../../electron/core/domain/index.ts';
import { createTestService, makeRecord, type TestDesk } from '../../../helpers/db.ts';
import { penStroke, pngDataUrl } from '../../../helpers/png.ts';
import { TEST_PIN, TEST_SIGNERS, type TestRole } from '../../../helpers/trust.ts';

let desk: TestDesk;
beforeEach(async () => {
  desk = await createTestService('2026-03-02T09:00:00.000Z');
});
afterEach(() => {
  desk.db.close();
  fs.rmSync(desk.dir, { recursive: true, force: true });
});

const content = {
  originator: 'Chief Executive',
  title: 'Estates strategy',
  executiveSummary: 'A new estates strategy.',
  recommendation: 'To agree it.',
  decision: 'Agreed.',
  impact: {
    planObjectives: 'Supports the plan.',
    equalityImpactAssessment: false,
    diversityImpact: false,
    diversityExplanation: 'None.',
  },
};

/** A record taken through every signature: decided, dated by the test clock. */
async function decided(extra: Record<string, unknown> = {}): Promise<DecisionRecord> {
  const draft = await desk.call('records.create', { content: { ...content, ...extra } });
  let record = await desk.call('records.submit', { id: draft.id, baseRevision: draft.revision });
  for (const role of ['chief-finance-officer', 'chief-executive', 'commissioner'] as TestRole[]) {
    record = await desk.call('records.sign', {
      id: record.id,
      role,
      name: TEST_SIGNERS[role],
      comments: '',
      image: pngDataUrl(),
      strokes: [penStroke()],
      pin: TEST_PIN,
    });
  }
  expect(record.status).toBe('decided');
  return record;
}

describe('publication fields', () => {
  it('are content: saved in a draft, covered by the hash, locked once submitted', async () => {
    const draft = await desk.call('records.create', { content });
    const saved = await desk.call('records.save', {
      id: draft.id,
      baseRevision: draft.revision,
      patch: { publication: { decisionDate: '2026-02-27', deferUntil: '2026-04-01', supersedes: ['OPCC.D.004.25'] } },
    });
    expect(saved.publication).toEqual({
      decisionDate: '2026-02-27',
      deferUntil: '2026-04-01',
      supersedes: ['OPCC.D.004.25'],
    });
    expect(saved.contentHash).not.toBe(draft.contentHash);
    expect(saved.contentHash).toBe(computeContentHash(saved));
    const submitted = await desk.call('records.submit', { id: saved.id, baseRevision: saved.revision });
    const locked = await desk.fail('records.save', {
      id: submitted.id,
      baseRevision: submitted.revision,
      patch: { publication: { deferUntil: '2027-01-01' } },
    });
    expect(locked.code).toBe('locked');
  });

  it('left empty are no publication at all: the record hashes as one without the field', async () => {
    const draft = await desk.call('records.create', { content });
    const saved = await desk.call('records.save', {
      id: draft.id,
      baseRevision: draft.revision,
      patch: { publication: { publicSummary: '', supersedes: [] } },
    });
    expect(saved.publication).toBeUndefined();
    expect(saved.contentHash).toBe(draft.contentHash);
  });

  it('refuses a date that is not a day and a reference that is not one', async () => {
    const draft = await desk.call('records.create', { content });
    const error = await desk.fail('records.save', {
      id: draft.id,
      baseRevision: draft.revision,
      patch: { publication: { decisionDate: '27/02/2026', supersedes: ['not a reference!'] } },
    });
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/decisionDate: must be a date, YYYY-MM-DD/);
    expect(error.message).toMatch(/supersedes\.0/);
  });

  it('the decision date is the one stated, else the day the Commissioner signed', async () => {
    const { template } = await desk.call('settings.get', {});
    expect(decisionDay(await decided(), template)).toBe('2026-03-02');
    expect(decisionDay(await decided({ publication: { decisionDate: '2026-02-20' } }), template)).toBe('2026-02-20');
  });
});

describe('withdrawal', () => {
  it('records who withdrew a decided record, when and why, and audits it; the signatures still hold', async () => {
    const record = await decided();
    desk.clock.set('2026-03-10T11:00:00.000Z');
    const withdrawn = await desk.call('records.withdraw', {
      id: record.reference!,
      reason: 'Superseded by events: the site was sold.',
    });
    expect(withdrawn.withdrawal).toEqual({
      at: '2026-03-10T11:00:00.000Z',
      by: expect.any(String),
      reason: 'Superseded by events: the site was sold.',
    });
    expect(withdrawn.contentHash).toBe(record.contentHash);
    const audit = await desk.call('records.audit', { id: record.id });
    expect(audit.at(-1)).toMatchObject({
      action: 'withdrawn',
      detail: { reason: 'Superseded by events: the site was sold.' },
    });
    const report = await desk.call('records.verify', { record: withdrawn });
    expect(report.valid).toBe(true);
  });

  it('is refused for a record not yet decided, twice, and without a reason', async () => {
    const draft = await desk.call('records.create', { content });
    expect((await desk.fail('records.withdraw', { id: draft.id, reason: 'No longer needed' })).code).toBe(
      'not-allowed',
    );
    const record = await decided();
    expect((await desk.fail('records.withdraw', { id: record.id, reason: '   ' })).code).toBe('invalid-input');
    await desk.call('records.withdraw', { id: record.id, reason: 'Withdrawn at the panel\u2019s request' });
    const again = await desk.fail('records.withdraw', { id: record.id, reason: 'Again' });
    expect(again.code).toBe('not-allowed');
    expect(again.message).toMatch(/already withdrawn on 2 March 2026/);
  });
});

describe('late records', () => {
  it('lists decided records unpublished more than the office\u2019s days, longest first; a deferral counts from its day', async () => {
    const first = await decided();
    const deferred = await decided({ publication: { deferUntil: '2026-03-20' } });
    const confidential = await decided({
      classification: 'confidential',
      confidentialReason: 'Commercial',
      title: 'Secret site',
    });
    desk.clock.set('2026-03-17T12:00:00.000Z');
    const late = await desk.call('records.late', {});
    expect(late.overdueDays).toBe(14);
    expect(late.records.map((r) => r.reference).sort()).toEqual([first.reference, confidential.reference].sort());
    expect(late.records.find((r) => r.id === confidential.id)).toMatchObject({
      title: 'Confidential',
      decidedOn: '2026-03-02',
      days: 15,
    });
    expect(late.records.some((r) => r.id === deferred.id)).toBe(false);
    desk.clock.set('2026-04-05T12:00:00.000Z');
    expect((await desk.call('records.late', {})).records.map((r) => r.id)).toContain(deferred.id);
  });

  it('says how many are late and lists the first `limit`; read from the database as the whole records say', async () => {
    const records = [
      await decided(),
      await decided({ publication: { decisionDate: '2026-01-20' } }),
      await decided({ publication: { deferUntil: '2026-03-04', decisionDate: '2026-02-10' } }),
      await decided({ classification: 'confidential', confidentialReason: 'Commercial', title: 'Secret site' }),
    ];
    desk.clock.set('2026-04-30T12:00:00.000Z');
    const all = await desk.call('records.late', {});
    expect(all.total).toBe(4);
    // The same list lateRecords makes from the whole records (the database reads only the few fields it needs).
    const { template } = await desk.call('settings.get', {});
    const whole = await Promise.all(records.map((r) => desk.call('records.get', { id: r.id })));
    expect(all.records).toEqual(lateRecords(whole, template, '2026-04-30'));
    expect(all.records[0]).toMatchObject({ id: records[1]!.id, decidedOn: '2026-01-20', days: 100 });

    const first = await desk.call('records.late', { limit: 2 });
    expect(first.total).toBe(4);
    expect(first.records).toEqual(all.records.slice(0, 2));
    for (const limit of [0, -1, 1.5, 1_001])
      expect((await desk.fail('records.late', { limit })).code).toBe('invalid-input');
  });
});

describe('publication status', () => {
  const published = (overrides: Partial<DecisionRecord>) => makeRecord({ status: 'published', ...overrides });

  it('is restricted, deferred, withdrawn or superseded as the record says, and published otherwise', () => {
    expect(publicationStatus(makeRecord({ status: 'decided' }), '2026-03-01')).toBe('unpublished');
    expect(publicationStatus(published({}), '2026-03-01')).toBe('published');
    expect(publicationStatus(published({ classification: 'confidential' }), '2026-03-01')).toBe('restricted');
    expect(publicationStatus(published({ publication: { deferUntil: '2026-03-02' } }), '2026-03-01')).toBe('deferred');
    expect(publicationStatus(published({ publication: { deferUntil: '2026-03-01' } }), '2026-03-01')).toBe('published');
    expect(
      publicationStatus(published({ withdrawal: { at: '2026-03-01T10:00:00Z', by: 'A', reason: 'B' } }), '2026-03-01'),
    ).toBe('withdrawn');
    expect(publicationStatus(published({}), '2026-03-01', ['OPCC.D.009.26'])).toBe('superseded');
  });

  it('links a superseded record to the later ones that name it, never to itself or a draft', () => {
    const earlier = published({ reference: 'OPCC.D.001.26' });
    const later = published({
      id: '6f1f0a3e-2c1b-4d5e-9f7a-0b1c2d3e4f50',
      reference: 'OPCC.D.007.26',
      publication: { supersedes: ['OPCC.D.001.26', 'OPCC.D.007.26'] },
    });
    const draft = makeRecord({
      id: '7f1f0a3e-2c1b-4d5e-9f7a-0b1c2d3e4f50',
      reference: 'OPCC.D.008.26',
      status: 'draft',
      publication: { supersedes: ['OPCC.D.001.26'] },
    });
    const links = supersessions([earlier, later, draft]);
    expect(links.get('OPCC.D.001.26')).toEqual(['OPCC.D.007.26']);
    expect(links.has('OPCC.D.007.26')).toBe(false);
  });

  it('late records skip published ones and those within the days', () => {
    const template = {
      signatories: [
        {
          role: 'commissioner',
          label: 'PCC',
          defaultName: '',
          decides: true,
          capacity: '',
          reserved: true,
          need: 'required' as const,
          after: [],
        },
      ],
      publication: { signatures: 'image' as const, comments: true, overdueDays: 5 },
    };
    const record = makeRecord({ status: 'decided', publication: { decisionDate: '2026-03-01' } });
    expect(lateRecords([record], template, '2026-03-06')).toEqual([]);
    expect(lateRecords([record], template, '2026-03-07')).toHaveLength(1);
    expect(lateRecords([{ ...record, status: 'published' }], template, '2026-04-01')).toEqual([]);
  });
});
