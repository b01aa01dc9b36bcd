// A search counts its matches as far as SEARCH_COUNT_CAP and says "more" past it ("1,000+"), with or without a
// filter, and the bin's drafts are never counted. And a draft autosaved since the last search is found by the words
// it has now, not the ones it had, though its save no longer re-indexes it (schema 100: search_pending).

import { describe, expect, it } from 'vitest';
import { openMemoryDatabase, type WritableDB } from '../../../../electron/core/db/connection.ts';
import { insertRecord, setBinned, updateRecord } from '../../../../electron/core/db/records.ts';
import { indexPendingDrafts, searchRecords } from '../../../../electron/core/db/search.ts';
import { computeContentHash, type DecisionRecord, SEARCH_COUNT_CAP } from '../../../../electron/core/domain/index.ts';
import { makeRecord } from '../../../helpers/db.ts';

const CAP = SEARCH_COUNT_CAP;

function register(
  count: number,
  extra: (i: number) => Partial<DecisionRecord> = () => ({}),
): { db: WritableDB; records: DecisionRecord[] } {
  const db = openMemoryDatabase();
  const records: DecisionRecord[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const record = makeRecord({ title: `Fleet vehicles ${i}`, status: i % 2 ? 'published' : 'draft', ...extra(i) });
      insertRecord(db, record, null);
      records.push(record);
    }
  })();
  return { db, records };
}

const search = (db: WritableDB, text: string, filter: { status?: DecisionRecord['status'][] } = {}) =>
  searchRecords(db, { text, sort: 'updated', direction: 'desc', limit: 50, offset: 0, ...filter });

describe('how far a search counts', () => {
  for (const [count, total, capped] of [
    [CAP - 1, CAP - 1, false],
    [CAP, CAP, false],
    [CAP + 1, CAP, true],
  ] as const) {
    it(`${count} matches: total ${total}${capped ? ', and more' : ''}`, () => {
      const { db } = register(count);
      const found = search(db, 'fleet');
      expect({ total: found.total, capped: found.capped }).toEqual({ total, capped });
      expect(found.items).toHaveLength(50);
      // A filter counts through its own index, as far as the cap too.
      const published = search(db, 'fleet', { status: ['published'] });
      expect(published.total).toBe(Math.floor(count / 2));
      expect(published.capped).toBe(false);
    });
  }

  it('counts a filtered search past the cap as "more", and never counts the bin', () => {
    const { db, records } = register(2 * CAP + 3);
    expect(search(db, 'fleet', { status: ['published'] })).toMatchObject({ total: CAP, capped: true });
    // With no filter, the matches less the bin's: three in the bin leave exactly the cap, two leave one more.
    const { db: small, records: few } = register(CAP + 3);
    for (const record of few.slice(0, 3)) setBinned(small, record.id, '2026-01-01T00:00:00.000Z');
    expect(search(small, 'fleet')).toMatchObject({ total: CAP, capped: false });
    setBinned(small, few[0]!.id, null);
    expect(search(small, 'fleet')).toMatchObject({ total: CAP, capped: true });
    expect(records).toHaveLength(2 * CAP + 3);
  });
});

describe('a draft saved since the last search', () => {
  it('is found by the words it has now; its save only noted it, and the next search or the upkeep indexes it', () => {
    const { db, records } = register(3);
    const draft = records.find((r) => r.status === 'draft')!;
    const changed = { ...draft, title: 'Helicopter lease', revision: draft.revision + 1 };
    changed.contentHash = computeContentHash(changed);
    updateRecord(db, changed, null);
    expect(db.prepare('SELECT count(*) AS n FROM search_pending').get()).toEqual({ n: 1 });
    expect(search(db, 'helicopter').items.map((r) => r.id)).toEqual([draft.id]);
    expect(search(db, 'fleet').items.map((r) => r.id)).not.toContain(draft.id);
    expect(db.prepare('SELECT count(*) AS n FROM search_pending').get()).toEqual({ n: 0 });

    // The upkeep's way: indexed with nothing searched.
    const again = { ...changed, title: 'Drone trial', revision: changed.revision + 1 };
    updateRecord(db, again, null);
    expect(indexPendingDrafts(db)).toBe(1);
    expect(indexPendingDrafts(db)).toBe(0);
    expect(search(db, 'drone').items.map((r) => r.id)).toEqual([draft.id]);
    expect(search(db, 'helicopter').items).toEqual([]);
  });

  it('is indexed at once when it leaves draft, and a deleted record leaves nothing pending', () => {
    const { db, records } = register(3);
    const draft = records.find((r) => r.status === 'draft')!;
    updateRecord(db, { ...draft, title: 'Body-worn cameras', revision: 2 }, null);
    updateRecord(
      db,
      { ...draft, title: 'Body-worn cameras renewed', status: 'awaiting-signatures', revision: 3 },
      null,
    );
    expect(db.prepare('SELECT count(*) AS n FROM search_pending').get()).toEqual({ n: 0 });
    const match = (word: string) =>
      db.prepare('SELECT rowid FROM records_fts WHERE records_fts MATCH ?').all(`"${word}"`);
    expect(match('renewed')).toHaveLength(1);
    updateRecord(db, { ...draft, title: 'Back to draft', status: 'draft', revision: 4 }, null);
    db.prepare('DELETE FROM records WHERE id = ?').run(draft.id);
    expect(db.prepare('SELECT count(*) AS n FROM search_pending').get()).toEqual({ n: 0 });
    expect(match('renewed')).toEqual([]);
    expect(match('back')).toEqual([]);
  });
});
