// Schema 20 and the sync tables: STRICT tables, one queued item per kind and record, conflicts reported once.

import { describe, expect, it } from 'vitest';
import {
  closeConflict,
  countOpenConflicts,
  enqueue,
  finishItem,
  itemFailed,
  listConflicts,
  markSeen,
  outboxItems,
  reportConflict,
  seenUnder,
} from '../../../../electron/core/db/sync.ts';
import { createBareDb, createDb, migrateTo, schemaObjects, userVersion } from '../../../helpers/db.ts';

const at = (iso: string) => new Date(iso);

describe('schema 20: sync tables', () => {
  it('adds outbox, sync_conflicts and sync_state as STRICT tables on top of schema 10', () => {
    const db = createBareDb();
    migrateTo(db, 10);
    db.prepare("INSERT INTO settings (key, value) VALUES ('userName', '\"Jo\"')").run();
    expect(migrateTo(db, 20)).toBe(20);
    expect(userVersion(db)).toBe(20);
    const tables = schemaObjects(db)
      .filter((o) => o.type === 'table')
      .map((o) => o.name);
    expect(tables).toEqual(expect.arrayContaining(['outbox', 'sync_conflicts', 'sync_state']));
    for (const table of ['outbox', 'sync_conflicts', 'sync_state']) {
      expect(schemaObjects(db).find((o) => o.name === table)!.sql).toMatch(/STRICT/);
    }
    expect(db.prepare('SELECT value FROM settings').pluck().get()).toBe('"Jo"');
    expect(() =>
      db
        .prepare("INSERT INTO outbox (kind, record_id, queued_at, attempts) VALUES ('handover', 'x', 'now', 'many')")
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() =>
      db.prepare("INSERT INTO outbox (kind, record_id, queued_at) VALUES ('upload', 'x', 'now')").run(),
    ).toThrow(/CHECK/);
  });
});

describe('the outbox', () => {
  it('holds one item per kind and record, claims first; a newer request survives finishing an older one', async () => {
    const db = await createDb();
    enqueue(db, 'publish', 'r1', at('2026-03-02T09:00:00Z'));
    enqueue(db, 'handover', 'r1', at('2026-03-02T09:00:01Z'));
    enqueue(db, 'claim', 'r2', at('2026-03-02T09:00:02Z'), { year: 2026 });
    enqueue(db, 'handover', 'r1', at('2026-03-02T09:00:03Z'));
    const items = outboxItems(db);
    expect(items.map((i) => [i.kind, i.recordId])).toEqual([
      ['claim', 'r2'],
      ['handover', 'r1'],
      ['publish', 'r1'],
    ]);
    expect(items[0]!.payload).toEqual({ year: 2026 });

    const handover = items[1]!;
    enqueue(db, 'handover', 'r1', at('2026-03-02T09:00:04Z'));
    finishItem(db, handover);
    expect(outboxItems(db).map((i) => i.kind)).toEqual(['claim', 'handover', 'publish']);
    finishItem(db, outboxItems(db)[1]!);
    expect(outboxItems(db).map((i) => i.kind)).toEqual(['claim', 'publish']);
  });

  it('keeps a failed item, due again after its backoff (or at once for a pass on demand)', async () => {
    const db = await createDb();
    enqueue(db, 'publish', 'r1', at('2026-03-02T09:00:00Z'));
    const [item] = outboxItems(db);
    itemFailed(db, item!.seq, { code: 'unavailable', message: 'busy' }, at('2026-03-02T09:01:00Z'));
    expect(outboxItems(db, at('2026-03-02T09:00:30Z'))).toEqual([]);
    expect(outboxItems(db, at('2026-03-02T09:01:00Z'))).toHaveLength(1);
    expect(outboxItems(db)[0]).toMatchObject({ attempts: 1, lastError: { code: 'unavailable', message: 'busy' } });
  });
});

describe('conflicts and seen paths', () => {
  it('reports a conflict once by its key, and keeps it closed once resolved', async () => {
    const db = await createDb();
    const conflict = { key: 'conflict-copy:a', kind: 'conflict-copy' as const, path: 'a', message: 'A copy.' };
    expect(reportConflict(db, conflict, at('2026-03-02T09:00:00Z'))).toBe(true);
    expect(reportConflict(db, conflict, at('2026-03-02T09:05:00Z'))).toBe(false);
    const [found] = listConflicts(db);
    expect(found).toMatchObject({
      kind: 'conflict-copy',
      path: 'a',
      foundAt: '2026-03-02T09:00:00.000Z',
      resolvedAt: null,
    });
    closeConflict(db, found!.id, 'dismissed', at('2026-03-02T10:00:00Z'));
    expect(reportConflict(db, conflict, at('2026-03-02T11:00:00Z'))).toBe(false);
    expect(countOpenConflicts(db)).toBe(0);
    expect(listConflicts(db, { includeResolved: true })[0]).toMatchObject({ resolution: 'dismissed' });
  });

  it('lists what was seen under one folder only', async () => {
    const db = await createDb();
    markSeen(db, 'decisions/2026/OPCC.D.001.26', 'a');
    markSeen(db, 'decisions/2026/OPCC.D.002.26', 'b');
    markSeen(db, 'decisions/20260/x', 'c');
    markSeen(db, 'decisions/2025/OPCC.D.001.25', 'd');
    expect([...seenUnder(db, 'decisions/2026')]).toEqual([
      ['OPCC.D.001.26', 'a'],
      ['OPCC.D.002.26', 'b'],
    ]);
  });
});
