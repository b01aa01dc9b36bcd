// Search past SEARCH_COUNT_CAP: the page is found by walking the register order's index, and must equal
// a plain sort, as far as the first SEARCH_COUNT_CAP matches the register shows.

import { describe, expect, it } from 'vitest';
import { insertRecord, listRecords, type RecordFilter, type RecordSort } from '../../../../electron/core/db/records.ts';
import { searchRecords } from '../../../../electron/core/db/search.ts';
import { SEARCH_COUNT_CAP } from '../../../../electron/core/domain/index.ts';
import { makeRecord } from '../../../helpers/db.ts';
import { openMemoryDatabase } from '../../../../electron/core/db/connection.ts';

describe('searchRecords with many matches', () => {
  it('gives the same pages, in every order and with filters, as the register itself', () => {
    const db = openMemoryDatabase();
    const count = 2 * SEARCH_COUNT_CAP + 150;
    const statuses = ['draft', 'awaiting-signatures', 'decided', 'published'] as const;
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const day = String(1 + (i % 28)).padStart(2, '0');
        const year = 2018 + (i % 7);
        const reference =
          i % 5 === 0 ? null : `OPCC.D.${String(1 + (i % 400)).padStart(3, '0')}.${String(year % 100)}-${i}`;
        const record = makeRecord({
          title: `Common procurement item ${(i * 7919) % count}`,
          executiveSummary: 'Every record here mentions procurement.',
          status: statuses[i % 4]!,
          classification: i % 9 === 0 ? 'confidential' : 'open',
          reference,
          createdAt: `${year}-03-${day}T09:00:00.000Z`,
          updatedAt: `2024-0${1 + (i % 9)}-${day}T${String(i % 24).padStart(2, '0')}:00:00.000Z`,
        });
        insertRecord(db, record, reference ? { year, number: 1 + (i % 400) } : null);
      }
    })();
    const cases: (RecordFilter & { sort: RecordSort; direction: 'asc' | 'desc' })[] = [
      { sort: 'updated', direction: 'desc' },
      { sort: 'created', direction: 'asc' },
      { sort: 'title', direction: 'asc' },
      { sort: 'reference', direction: 'desc' },
      { sort: 'reference', direction: 'asc' },
      { sort: 'updated', direction: 'desc', status: ['published'] },
      { sort: 'title', direction: 'desc', classification: 'confidential' },
    ];
    for (const query of cases) {
      for (const offset of [0, 100, SEARCH_COUNT_CAP - 10, SEARCH_COUNT_CAP]) {
        const page = { limit: 50, offset, ...query };
        const found = searchRecords(db, { text: 'procurement', ...page });
        const listed = listRecords(db, page);
        const shown = Math.min(listed.total, SEARCH_COUNT_CAP);
        expect(found.total, JSON.stringify(page)).toBe(shown);
        expect(found.capped, JSON.stringify(page)).toBe(listed.total > SEARCH_COUNT_CAP);
        // No page reaches past the matches the register shows.
        const wanted = listed.items.slice(0, Math.max(0, shown - offset)).map((r) => r.id);
        expect(
          found.items.map((r) => r.id),
          JSON.stringify(page),
        ).toEqual(wanted);
      }
    }
    db.close();
  });
});
