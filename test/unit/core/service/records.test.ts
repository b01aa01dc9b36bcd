// Creating, reading and saving records through dispatch: defaults, keys, base revisions, locks and no-op saves.

import { describe, expect, it } from 'vitest';
import { computeContentHash, type DecisionRecord } from '../../../../electron/core/domain/index.ts';
import { createTestService, makeRecord, readTable, type TestDesk } from '../../../helpers/db.ts';

/** Every table a save could touch, to prove a refused one touched none. */
const snapshot = (desk: TestDesk) => ({
  records: readTable(desk.db, 'records'),
  revisions: readTable(desk.db, 'revisions'),
  audit: readTable(desk.db, 'audit'),
});

describe('records.create', () => {
  it('makes a draft at revision 1 with defaults from the settings', async () => {
    const desk = await createTestService();
    await desk.call('settings.update', { patch: { defaultOriginator: 'Chief Executive' } });
    const record = await desk.call('records.create', {});
    expect(record).toMatchObject({
      format: 'decision-desk/record@1',
      reference: null,
      template: 'kent',
      originator: 'Chief Executive',
      title: '',
      classification: 'open',
      status: 'draft',
      revision: 1,
      createdAt: '2024-03-01T09:00:00.000Z',
      updatedAt: '2024-03-01T09:00:00.000Z',
    });
    expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(record.signOffs).toEqual([
      { role: 'chief-finance-officer', name: '', comments: '', signature: null },
      { role: 'chief-executive', name: '', comments: '', signature: null },
      { role: 'commissioner', name: '', comments: '', signature: null },
    ]);
  });

  it('takes its sign-offs from the template in order, with the default names', async () => {
    const desk = await createTestService();
    const { template } = await desk.call('settings.get', {});
    await desk.call('settings.update', {
      patch: {
        template: {
          ...template,
          signatories: [
            { role: 'monitoring-officer', label: 'Monitoring Officer', defaultName: 'M. Officer', decides: false },
            { role: 'chief-executive', label: 'Chief Executive', defaultName: 'C. Exec', decides: false },
            {
              role: 'commissioner',
              label: 'Commissioner',
              defaultName: 'P. Commissioner',
              decides: true,
              after: ['monitoring-officer', 'chief-executive'],
            },
          ],
        },
      },
    });
    const record = await desk.call('records.create', {});
    expect(record.signOffs.map((s) => [s.role, s.name])).toEqual([
      ['monitoring-officer', 'M. Officer'],
      ['chief-executive', 'C. Exec'],
      ['commissioner', 'P. Commissioner'],
    ]);
  });

  it('applies initial content, with a correct content hash, and stores what it returns', async () => {
    const desk = await createTestService();
    const record = await desk.call('records.create', { content: { title: 'Rural crime', decision: 'I approve.' } });
    expect(record.title).toBe('Rural crime');
    const stored = await desk.call('records.get', { id: record.id });
    expect(stored).toEqual(record);
    expect(record.contentHash).toBe(computeContentHash(record));
  });

  it('refuses a reference another record already has, and adds nothing', async () => {
    const desk = await createTestService();
    await desk.call('records.create', { reference: 'OPCC.D.021.18' });
    const before = snapshot(desk);
    const error = await desk.fail('records.create', { reference: 'OPCC.D.021.18' });
    expect(error.code).toBe('duplicate-reference');
    expect(error.message).toContain('OPCC.D.021.18');
    expect(snapshot(desk)).toEqual(before);
  });

  it('writes a "created" revision and audit entry', async () => {
    const desk = await createTestService();
    const record = await desk.call('records.create', {});
    expect(await desk.call('records.history', { id: record.id })).toEqual([
      expect.objectContaining({ revision: 1, kind: 'created', contentHash: record.contentHash }),
    ]);
    expect((await desk.call('records.audit', { id: record.id })).map((a) => a.action)).toEqual(['created']);
  });
});

describe('records.get', () => {
  it('finds a record by id, by id in capitals, and by reference', async () => {
    const desk = await createTestService();
    const record = await desk.call('records.create', { reference: 'OPCC.D.021.18' });
    expect((await desk.call('records.get', { id: record.id })).id).toBe(record.id);
    expect((await desk.call('records.get', { id: record.id.toUpperCase() })).id).toBe(record.id);
    expect((await desk.call('records.get', { id: 'OPCC.D.021.18' })).id).toBe(record.id);
    expect((await desk.call('records.get', { id: ' OPCC.D.021.18 ' })).id).toBe(record.id);
  });

  it('says not-found for an unknown id or reference', async () => {
    const desk = await createTestService();
    for (const id of ['3f2b8c1e-0000-4000-8000-000000000000', 'OPCC.D.999.18']) {
      const error = await desk.fail('records.get', { id });
      expect(error.code).toBe('not-found');
      expect(error.message).toContain(id);
    }
  });
});

describe('records.save', () => {
  async function draft(desk: TestDesk): Promise<DecisionRecord> {
    return desk.call('records.create', { content: { title: 'First title' } });
  }

  it('saves on the current revision: the revision goes up and the hash follows the content', async () => {
    const desk = await createTestService();
    const record = await draft(desk);
    desk.clock.advance(60_000);
    const saved = await desk.call('records.save', { id: record.id, baseRevision: 1, patch: { title: 'Second title' } });
    expect(saved).toMatchObject({
      revision: 2,
      title: 'Second title',
      updatedAt: '2024-03-01T09:01:00.000Z',
      createdAt: record.createdAt,
    });
    expect(saved.contentHash).not.toBe(record.contentHash);
    expect(await desk.call('records.get', { id: record.id })).toEqual(saved);
  });

  it('changes the names and comments of sign-offs by role, and nothing else of them', async () => {
    const desk = await createTestService();
    const record = await draft(desk);
    const saved = await desk.call('records.save', {
      id: record.id,
      baseRevision: 1,
      patch: { signOffs: [{ role: 'chief-executive', name: 'C. Exec', comments: 'Content.' }] },
    });
    expect(saved.revision).toBe(2);
    expect(saved.contentHash).toBe(record.contentHash);
    expect(saved.signOffs.map((s) => s.name)).toEqual(['', 'C. Exec', '']);
  });

  it('refuses a sign-off role the record does not have', async () => {
    const desk = await createTestService();
    const record = await draft(desk);
    const error = await desk.fail('records.save', {
      id: record.id,
      baseRevision: 1,
      patch: { signOffs: [{ role: 'chief-constable', name: 'X', comments: '' }] },
    });
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('chief-constable');
  });

  it('gives a conflict on a stale base revision, with the current record, and changes nothing', async () => {
    const desk = await createTestService();
    const record = await draft(desk);
    const current = await desk.call('records.save', { id: record.id, baseRevision: 1, patch: { title: 'Theirs' } });
    const before = snapshot(desk);
    const error = await desk.fail('records.save', { id: record.id, baseRevision: 1, patch: { title: 'Mine' } });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('revision 2');
    expect((error.details as { current: DecisionRecord }).current).toEqual(current);
    expect(snapshot(desk)).toEqual(before);
  });

  it('gives a conflict for a base revision from the future too', async () => {
    const desk = await createTestService();
    const record = await draft(desk);
    expect((await desk.fail('records.save', { id: record.id, baseRevision: 5, patch: { title: 'x' } })).code).toBe(
      'conflict',
    );
  });

  it.each(['awaiting-signatures', 'decided', 'published'] as const)(
    'refuses to change a record that is %s (locked)',
    async (status) => {
      const desk = await createTestService();
      const record = makeRecord({ status, reference: 'OPCC.D.021.18', revision: 4 });
      await desk.call('records.import', { record });
      const before = snapshot(desk);
      const error = await desk.fail('records.save', { id: record.id, baseRevision: 4, patch: { title: 'Changed' } });
      expect(error.code).toBe('locked');
      expect(error.message).toContain('OPCC.D.021.18');
      expect(snapshot(desk)).toEqual(before);
    },
  );

  it('refuses to change a record locked by a direct write to the database', async () => {
    const desk = await createTestService();
    const record = await draft(desk);
    const locked = { ...record, status: 'awaiting-signatures' };
    desk.db
      .prepare('UPDATE records SET status = ?, body = ? WHERE id = ?')
      .run(locked.status, JSON.stringify(locked), record.id);
    expect((await desk.fail('records.save', { id: record.id, baseRevision: 1, patch: { title: 'x' } })).code).toBe(
      'locked',
    );
  });

  it('says not-found for a record that does not exist', async () => {
    const desk = await createTestService();
    const error = await desk.fail('records.save', {
      id: '3f2b8c1e-0000-4000-8000-000000000000',
      baseRevision: 1,
      patch: {},
    });
    expect(error.code).toBe('not-found');
  });

  it('makes no revision for a save that changes nothing', async () => {
    const desk = await createTestService();
    const record = await draft(desk);
    const before = snapshot(desk);
    for (const mode of ['explicit', 'auto'] as const) {
      const same = await desk.call('records.save', {
        id: record.id,
        baseRevision: 1,
        patch: { title: 'First title' },
        mode,
      });
      expect(same).toEqual(record);
      expect(await desk.call('records.save', { id: record.id, baseRevision: 1, patch: {}, mode })).toEqual(record);
    }
    expect(snapshot(desk)).toEqual(before);
  });

  it('treats text that differs only in normalisation or forbidden characters as no change', async () => {
    const desk = await createTestService();
    const record = await desk.call('records.create', { content: { title: 'Cynllun G\u0175yr' } });
    const same = await desk.call('records.save', {
      id: record.id,
      baseRevision: 1,
      patch: { title: 'Cynllun Gw\u0302yr\u0000' },
    });
    expect(same.revision).toBe(1);
  });
});
