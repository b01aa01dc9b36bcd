// The register: filters by status, year and classification, every sort, paging and the total.

import { beforeEach, describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../../../../electron/core/domain/index.ts';
import { createTestService, makeRecord, type TestDesk } from '../../../helpers/db.ts';

let desk: TestDesk;
const records: Record<string, DecisionRecord> = {};

const at = (day: number) => new Date(Date.UTC(2024, 0, day, 9)).toISOString();

beforeEach(async () => {
  desk = await createTestService();
  const rows: [string, Partial<DecisionRecord>][] = [
    ['a', { reference: 'OPCC.D.021.18', title: 'banana', status: 'published', createdAt: at(1), updatedAt: at(9) }],
    ['b', { reference: 'OPCC.D.003.19', title: 'Apple', status: 'decided', createdAt: at(2), updatedAt: at(8) }],
    [
      'c',
      {
        reference: 'OPCC.D.100.18',
        title: 'cherry',
        status: 'awaiting-signatures',
        classification: 'confidential',
        confidentialReason: 'Sensitive',
        createdAt: at(3),
        updatedAt: at(7),
      },
    ],
    ['d', { reference: null, title: 'Damson', status: 'draft', createdAt: at(4), updatedAt: at(6) }],
    [
      'e',
      {
        reference: null,
        title: 'elderberry',
        status: 'draft',
        classification: 'confidential',
        createdAt: at(5),
        updatedAt: at(10),
      },
    ],
  ];
  for (const [key, fields] of rows) {
    records[key] = makeRecord(fields);
    await desk.call('records.import', { record: records[key] });
  }
});

const keysOf = (items: { id: string }[]) =>
  items.map((item) => Object.keys(records).find((k) => records[k]!.id === item.id));

describe('records.list', () => {
  it('lists newest updated first by default, with the summary of each record', async () => {
    const page = await desk.call('records.list', {});
    expect(keysOf(page.items)).toEqual(['e', 'a', 'b', 'c', 'd']);
    expect(page.total).toBe(5);
    expect(page.items[1]).toEqual({
      id: records.a!.id,
      reference: 'OPCC.D.021.18',
      title: 'banana',
      originator: 'Chief Executive',
      status: 'published',
      classification: 'open',
      year: 2018,
      revision: 1,
      createdAt: at(1),
      updatedAt: at(9),
    });
  });

  it('sorts by updated and created both ways', async () => {
    expect(keysOf((await desk.call('records.list', { sort: 'updated', direction: 'asc' })).items)).toEqual([
      'd',
      'c',
      'b',
      'a',
      'e',
    ]);
    expect(keysOf((await desk.call('records.list', { sort: 'created' })).items)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(keysOf((await desk.call('records.list', { sort: 'created', direction: 'asc' })).items)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
  });

  it('sorts by reference by year then number, not as text, with records without one last', async () => {
    // As text, OPCC.D.003.19 would come before OPCC.D.021.18 and OPCC.D.100.18.
    expect(keysOf((await desk.call('records.list', { sort: 'reference', direction: 'asc' })).items)).toEqual([
      'a',
      'c',
      'b',
      'd',
      'e',
    ]);
    expect(
      keysOf((await desk.call('records.list', { sort: 'reference', direction: 'desc' })).items).slice(0, 3),
    ).toEqual(['b', 'c', 'a']);
    expect(
      keysOf((await desk.call('records.list', { sort: 'reference', direction: 'desc' })).items)
        .slice(3)
        .sort(),
    ).toEqual(['d', 'e']);
  });

  it('sorts by title without regard to case', async () => {
    expect(keysOf((await desk.call('records.list', { sort: 'title', direction: 'asc' })).items)).toEqual([
      'b',
      'a',
      'c',
      'd',
      'e',
    ]);
    expect(keysOf((await desk.call('records.list', { sort: 'title', direction: 'desc' })).items)).toEqual([
      'e',
      'd',
      'c',
      'a',
      'b',
    ]);
  });

  it('filters by status, one or several', async () => {
    const drafts = await desk.call('records.list', { status: ['draft'] });
    expect(keysOf(drafts.items)).toEqual(['e', 'd']);
    expect(drafts.total).toBe(2);
    const finished = await desk.call('records.list', { status: ['decided', 'published'] });
    expect(keysOf(finished.items)).toEqual(['a', 'b']);
  });

  it("filters by year: the reference's year, else the year the record was made", async () => {
    expect(keysOf((await desk.call('records.list', { year: 2018 })).items)).toEqual(['a', 'c']);
    expect(keysOf((await desk.call('records.list', { year: 2019 })).items)).toEqual(['b']);
    expect(keysOf((await desk.call('records.list', { year: 2024 })).items)).toEqual(['e', 'd']);
    expect(await desk.call('records.list', { year: 2030 })).toEqual({ items: [], total: 0 });
  });

  it('filters by classification, and combines filters', async () => {
    expect(keysOf((await desk.call('records.list', { classification: 'confidential' })).items)).toEqual(['e', 'c']);
    const combined = await desk.call('records.list', { classification: 'confidential', status: ['draft'], year: 2024 });
    expect(keysOf(combined.items)).toEqual(['e']);
    expect(combined.total).toBe(1);
  });

  it('pages with limit and offset, the total counting every match', async () => {
    const first = await desk.call('records.list', { limit: 2 });
    const second = await desk.call('records.list', { limit: 2, offset: 2 });
    const last = await desk.call('records.list', { limit: 2, offset: 4 });
    const beyond = await desk.call('records.list', { limit: 2, offset: 50 });
    expect([first, second, last, beyond].map((p) => p.total)).toEqual([5, 5, 5, 5]);
    expect([...keysOf(first.items), ...keysOf(second.items), ...keysOf(last.items)]).toEqual(['e', 'a', 'b', 'c', 'd']);
    expect(beyond.items).toEqual([]);
  });

  it('pages through records saved at the same moment without repeating or losing one', async () => {
    const fresh = await createTestService();
    const made = [];
    for (let i = 0; i < 7; i++)
      made.push((await fresh.call('records.create', { content: { title: `Same time ${i}` } })).id);
    const seen = [];
    for (let offset = 0; offset < 7; offset += 3)
      seen.push(...(await fresh.call('records.list', { limit: 3, offset })).items.map((r) => r.id));
    expect(seen).toEqual([...made].reverse());
  });

  it('refuses bad filters with a message naming them', async () => {
    for (const [input, field] of [
      [{ status: ['approved'] }, 'status.0'],
      [{ year: 1999 }, 'year'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 501 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ sort: 'colour' }, 'sort'],
      [{ direction: 'sideways' }, 'direction'],
      [{ classification: 'secret' }, 'classification'],
    ] as const) {
      const error = await desk.fail('records.list', input);
      expect(error.code).toBe('invalid-input');
      expect(error.message).toContain(`${field}:`);
    }
  });
});
