// The hot queries read through indexes: checked with EXPLAIN QUERY PLAN on the statements the store really runs.

import { beforeEach, describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../../electron/core/db/connection.ts';
import { getRecord, getRecordByReference, insertRecord, listRecords } from '../../../../electron/core/db/records.ts';
import { captureStatements, createDb, makeRecord, queryPlan } from '../../../helpers/db.ts';

let db: WritableDB;

beforeEach(async () => {
  db = await createDb();
  const statuses = ['draft', 'awaiting-signatures', 'decided', 'published'] as const;
  db.transaction(() => {
    for (let i = 0; i < 200; i++) {
      const at = new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString();
      insertRecord(db, makeRecord({ status: statuses[i % 4], createdAt: at, updatedAt: at }), null);
    }
  })();
  // Plans are taken with statistics, as a database that has been in use for a while would have them.
  db.exec('ANALYZE');
});

/** The plan of each SELECT the action ran, with the parameters it ran with. */
function plansOf(action: () => void): string[][] {
  return captureStatements(db, action)
    .filter((s) => /^\s*SELECT/i.test(s.sql))
    .map((s) => queryPlan(db, s.sql, s.params));
}

const listQuery = { sort: 'updated', direction: 'desc', limit: 50, offset: 0 } as const;

describe('query plans', () => {
  it('get by id searches the unique index on id', () => {
    const [plan] = plansOf(() => getRecord(db, 'b2d1f6a0-0000-4000-8000-000000000000'));
    expect(plan!.join('\n')).toMatch(/SEARCH records USING INDEX \S+ \(id=\?\)/);
  });

  it('get by reference searches the unique index on reference', () => {
    const [plan] = plansOf(() => getRecordByReference(db, 'OPCC.D.021.18'));
    expect(plan!.join('\n')).toMatch(/SEARCH records USING INDEX \S+ \(reference=\?\)/);
  });

  it.each(['desc', 'asc'] as const)(
    'the register, newest updated first (%s), reads records_by_updated with no sort',
    (direction) => {
      const [page] = plansOf(() => listRecords(db, { ...listQuery, direction }));
      expect(page!.join('\n')).toContain('records_by_updated');
      expect(page!.join('\n')).not.toContain('TEMP B-TREE');
    },
  );

  it('the register filtered by one status reads records_by_status with no sort', () => {
    const [page] = plansOf(() => listRecords(db, { ...listQuery, status: ['draft'] }));
    expect(page!.join('\n')).toMatch(/USING (COVERING )?INDEX records_by_status \(status=\?\)/);
    expect(page!.join('\n')).not.toContain('TEMP B-TREE');
  });

  it.each([
    ['year', { year: 2024 }, 'records_by_year'],
    ['classification', { classification: 'confidential' }, 'records_by_classification'],
  ] as const)('the register filtered by %s reads its index with no sort', (_name, filter, index) => {
    const [page] = plansOf(() => listRecords(db, { ...listQuery, ...filter }));
    expect(page!.join('\n')).toContain(index);
    expect(page!.join('\n')).not.toContain('TEMP B-TREE');
  });

  it('the count for a status filter is answered from an index', () => {
    const [, count] = plansOf(() => listRecords(db, { ...listQuery, status: ['draft'] }));
    expect(count!.join('\n')).toMatch(/USING COVERING INDEX records_by_status \(status=\?\)/);
  });
});
