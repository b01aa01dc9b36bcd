// Deleting a draft: a draft that never had a reference goes to the bin (restorable, audited); a numbered record never.

import { describe, expect, it } from 'vitest';
import { createTestService, readTable, type TestDesk } from '../../../helpers/db.ts';

async function draft(desk: TestDesk, title: string) {
  return desk.call('records.create', { content: { title } });
}

describe('the bin', () => {
  it('moves an abandoned draft to the bin: gone from the register and from search, listed in the bin', async () => {
    const desk = await createTestService();
    const kept = await draft(desk, 'Rural crime partnership');
    const abandoned = await draft(desk, 'Untitled rural draft');
    desk.clock.advance(60_000);

    const binned = await desk.call('records.delete', { id: abandoned.id });
    expect(binned).toEqual({ id: abandoned.id, binnedAt: '2024-03-01T09:01:00.000Z' });

    const register = await desk.call('records.list', {});
    expect(register.items.map((item) => item.id)).toEqual([kept.id]);
    expect(register.total).toBe(1);
    const found = await desk.call('records.search', { text: 'rural' });
    expect(found.items.map((item) => item.id)).toEqual([kept.id]);
    // Counted without the bin, with and without a filter (the unfiltered count subtracts the bin's matches).
    expect(found.total).toBe(1);
    expect((await desk.call('records.search', { text: 'rural', status: ['draft'] })).total).toBe(1);
    expect((await desk.call('records.search', { text: 'untitled' })).total).toBe(0);

    const bin = await desk.call('records.list', { bin: true });
    expect(bin.items).toEqual([expect.objectContaining({ id: abandoned.id, binnedAt: '2024-03-01T09:01:00.000Z' })]);
    expect(bin.total).toBe(1);

    // Still there, and audited: nothing saved is lost.
    expect((await desk.call('records.get', { id: abandoned.id })).title).toBe('Untitled rural draft');
    expect((await desk.call('records.audit', { id: abandoned.id })).map((entry) => entry.action)).toEqual([
      'created',
      'binned',
    ]);
  });

  it('restores a binned draft to the register', async () => {
    const desk = await createTestService();
    const abandoned = await draft(desk, 'Second thoughts');
    await desk.call('records.delete', { id: abandoned.id });
    const restored = await desk.call('records.restoreFromBin', { id: abandoned.id });
    expect(restored).toMatchObject({ id: abandoned.id, title: 'Second thoughts', revision: abandoned.revision });
    expect((await desk.call('records.list', {})).items.map((item) => item.id)).toEqual([abandoned.id]);
    expect((await desk.call('records.list', {})).items[0]).not.toHaveProperty('binnedAt');
    expect((await desk.call('records.list', { bin: true })).items).toEqual([]);
    expect((await desk.call('records.audit', { id: abandoned.id })).map((entry) => entry.action)).toEqual([
      'created',
      'binned',
      'restored-from-bin',
    ]);
    expect((await desk.fail('records.restoreFromBin', { id: abandoned.id })).code).toBe('not-allowed');
  });

  it('never bins a record that has had a reference, nor one out of draft', async () => {
    const desk = await createTestService();
    const numbered = await desk.call('records.create', { content: { title: 'Numbered' }, reference: 'OPCC.D.001.24' });
    const before = readTable(desk.db, 'records');
    const refused = await desk.fail('records.delete', { id: numbered.id });
    expect(refused).toMatchObject({
      code: 'not-allowed',
      message: expect.stringMatching(/OPCC\.D\.001\.24.*reference/),
    });
    expect(readTable(desk.db, 'records')).toEqual(before);
    expect((await desk.fail('records.delete', { id: '6f1c2b8e-4d1a-4c1e-9a57-3e2f0b9d7c11' })).code).toBe('not-found');
  });

  it('keeps a binned draft from being saved, submitted or binned again until it is restored', async () => {
    const desk = await createTestService();
    const abandoned = await draft(desk, 'In the bin');
    await desk.call('records.delete', { id: abandoned.id });
    const save = await desk.fail('records.save', {
      id: abandoned.id,
      baseRevision: abandoned.revision,
      patch: { title: 'Edited' },
    });
    expect(save).toMatchObject({ code: 'not-allowed', message: expect.stringMatching(/in the bin/) });
    expect((await desk.fail('records.submit', { id: abandoned.id, baseRevision: abandoned.revision })).code).toBe(
      'not-allowed',
    );
    expect((await desk.fail('records.delete', { id: abandoned.id })).code).toBe('not-allowed');
    expect((await desk.call('records.get', { id: abandoned.id })).title).toBe('In the bin');
  });
});
