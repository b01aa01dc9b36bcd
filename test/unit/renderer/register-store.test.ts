// The register's store: pages loaded as they scroll into view, search as you type (stale answers dropped), filters.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lineAt } from '../../../renderer/src/stores/records/query.ts';
import { recordsSelectors } from '../../../renderer/src/stores/records/selectors.ts';
import { PAGE_SIZE, resetRecordsStore, useRecordsStore } from '../../../renderer/src/stores/records/store.ts';
import { createFakeDesk, type FakeDesk } from './fake-desk.ts';

let fake: FakeDesk;
const register = () => useRecordsStore.getState();
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  fake = createFakeDesk();
  window.desk = fake.desk;
  resetRecordsStore();
});

afterEach(() => {
  delete window.desk;
});

describe('the register store', () => {
  it('loads only the first page, then the pages that scroll into view', async () => {
    fake.seed(PAGE_SIZE * 3 + 20, (i) => ({ title: `Decision ${i}` }));
    await register().registerOpened();
    expect(register().total).toBe(PAGE_SIZE * 3 + 20);
    expect(Object.keys(register().pages)).toEqual(['0']);
    expect(fake.callsOf('records.list')).toEqual([{ sort: 'updated', direction: 'desc', limit: PAGE_SIZE, offset: 0 }]);

    register().linesNeeded(PAGE_SIZE * 2 + 5, PAGE_SIZE * 2 + 30);
    register().linesNeeded(PAGE_SIZE * 2 + 6, PAGE_SIZE * 2 + 31);
    await settle();
    expect(Object.keys(register().pages).sort()).toEqual(['0', '2']);
    expect(fake.callsOf('records.list')).toHaveLength(2);
    expect(lineAt(register().pages, PAGE_SIZE * 2 + 5)?.title).toMatch(/^Decision/);
    expect(lineAt(register().pages, PAGE_SIZE + 5)).toBeUndefined();
  });

  it('searches as the person types, showing only the answer to the latest text', async () => {
    fake.seed(3, (i) => ({ title: ['Victim services', 'Vehicle fleet', 'Estates strategy'][i]! }));
    await register().registerOpened();
    const release = fake.hold('records.search');
    register().searchTyped('v');
    register().searchTyped('ve');
    register().searchTyped('veh');
    expect(recordsSelectors.searchText(register())).toBe('veh');
    release();
    await settle();
    await settle();
    expect(register().shownText).toBe('veh');
    expect(register().total).toBe(1);
    expect(lineAt(register().pages, 0)?.title).toBe('Vehicle fleet');
    expect(register().terms).toEqual(['veh']);
    // One search ran for "v" while the rest were typed; the next took the latest text, skipping "ve".
    expect(fake.callsOf('records.search').map((q) => q.text)).toEqual(['v', 'veh']);
  });

  it('passes the filters and the order to the service, and clears the filters again', async () => {
    fake.seed(2);
    register().filtersChosen({ status: 'draft', year: 2026, classification: 'confidential' });
    await settle();
    register().sortChosen('reference', 'asc');
    await settle();
    expect(fake.callsOf('records.list').at(-1)).toEqual({
      status: ['draft'],
      year: 2026,
      classification: 'confidential',
      sort: 'reference',
      direction: 'asc',
      limit: PAGE_SIZE,
      offset: 0,
    });
    expect(recordsSelectors.isFiltered(register())).toBe(true);
    expect(recordsSelectors.isEmpty(register())).toBe(true);
    register().filtersCleared();
    await settle();
    expect(register().total).toBe(2);
  });

  it('moves the keyboard line within the list, and shows a saved record’s new title in place', async () => {
    const [first] = fake.seed(3);
    await register().registerOpened();
    register().lineActivated(10);
    expect(register().activeIndex).toBe(2);
    register().lineActivated(-4);
    expect(register().activeIndex).toBe(0);
    const saved = fake.changeElsewhere(first!.id, { title: 'Renamed' });
    register().recordChanged(saved);
    expect(register().pages[0]?.find((line) => line.id === first!.id)?.title).toBe('Renamed');
  });

  it('keeps the failure in words, and loads on the next try', async () => {
    fake.failNext('records.list', { code: 'database-corrupt', message: 'The database file is damaged.' });
    await register().registerOpened();
    expect(register().listStatus).toBe('failed');
    expect(recordsSelectors.error(register())).toBe('The database file is damaged.');
    await register().registerOpened();
    expect(register().listStatus).toBe('ready');
    expect(recordsSelectors.error(register())).toBeNull();
  });

  it('lists the bin a page at a time, most recently deleted first, apart from the register', async () => {
    const drafts = fake.seed(PAGE_SIZE + 5, (i) => ({ title: `Draft ${i}` }));
    drafts.forEach((draft, i) => fake.bin.set(draft.id, new Date(Date.UTC(2026, 2, 3, 9, i)).toISOString()));
    fake.seed(1, () => ({ title: 'In the register' }));
    await register().registerOpened();
    expect(register().total).toBe(1);

    await register().shownChosen('bin');
    expect(fake.callsOf('records.list').at(-1)).toEqual({ bin: true, limit: PAGE_SIZE, offset: 0 });
    expect(register().bin).toMatchObject({ status: 'ready', total: PAGE_SIZE + 5 });
    expect(register().bin.items[0]?.title).toBe(`Draft ${PAGE_SIZE + 4}`);
    expect(recordsSelectors.binHasMore(register())).toBe(true);
    await register().binMoreRequested();
    expect(register().bin.items).toHaveLength(PAGE_SIZE + 5);
    expect(register().bin.items.at(-1)?.title).toBe('Draft 0');
    expect(recordsSelectors.binHasMore(register())).toBe(false);

    // A refused restore says why and keeps the draft in the bin.
    fake.failNext('records.restoreFromBin', { code: 'not-allowed', message: 'This record is not in the bin.' });
    expect(await register().restoreRequested({ id: drafts[0]!.id, title: 'Draft 0' })).toBe(false);
    expect(register().notice).toEqual({
      kind: 'error',
      message: 'The draft was not restored. This record is not in the bin.',
    });
    expect(register().bin.items).toHaveLength(PAGE_SIZE + 5);
    expect(await register().restoreRequested({ id: drafts[0]!.id, title: 'Draft 0' })).toBe(true);
    expect(register().bin.total).toBe(PAGE_SIZE + 4);
    expect(register().total).toBe(2);
  });
});
