// Importing record.json: new records, newer revisions, skips, and every refusal leaving what is saved untouched.

import { beforeEach, describe, expect, it } from 'vitest';
import { computeContentHash, type DecisionRecord } from '../../../../electron/core/domain/index.ts';
import { createTestService, makeRecord, readTable, type TestDesk } from '../../../helpers/db.ts';

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
      ['another format', () => ({ ...newer(existing), format: 'some-other/thing@1' }), 'invalid-input', /not a Decision Desk record\.json/],
      ['a future format', () => ({ ...newer(existing), format: 'decision-desk/record@2' }), 'unsupported-format', /newer version/],
      ['an unknown field', () => ({ ...newer(existing), colour: 'red' }), 'invalid-input', /unknown field "colour"/],
      ['a missing field', () => { const { title: _title, ...rest } = newer(existing); return rest; }, 'invalid-input', /title/],
      ['a wrong type', () => ({ ...newer(existing), revision: '4' }), 'invalid-input', /revision/],
      ['text over its limit', () => newer(existing, { title: 'x'.repeat(501) }), 'invalid-input', /title: must be at most 500 characters/],
      ['a tampered content', () => ({ ...newer(existing), title: 'Tampered' }), 'invalid-input', /no longer matches its contentHash/],
      ['a tampered hash', () => ({ ...newer(existing), contentHash: 'a'.repeat(64) }), 'invalid-input', /contentHash/],
      ['a reference another record uses', () => makeRecord({ reference: 'OPCC.D.021.18' }), 'duplicate-reference', /OPCC\.D\.021\.18/],
      ['a new revision taking another record\'s reference', () => newer(existing, { reference: 'OPCC.D.007.24' }), 'duplicate-reference', /OPCC\.D\.007\.24/],
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

  it('keeps a record whose id another tool wrote in capitals reachable by that id', async () => {
    const record = makeRecord({ id: '6F1F0A3E-2C1B-4D5E-9F7A-0B1C2D3E4F50' });
    await desk.call('records.import', { record });
    expect(await desk.call('records.get', { id: record.id })).toEqual(record);
    expect(await desk.call('records.history', { id: record.id })).toHaveLength(1);
    expect((await desk.call('records.save', { id: record.id, baseRevision: 1, patch: { title: 'Edited' } })).revision).toBe(2);
  });

  it('refuses a call without a record', async () => {
    expect((await desk.fail('records.import', {})).code).toBe('invalid-input');
    expect((await desk.fail('records.import', { record: existing, extra: 1 })).code).toBe('invalid-input');
  });
});
