// The sync store: the status asked for while the window shows, a session without sync, Sync now and what it did,
// and conflicts listed and resolved, against the fake desk's sync.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatSavedAt } from '../../../renderer/src/format.ts';
import { resetEditorStore, useEditorStore } from '../../../renderer/src/stores/editor/store.ts';
import { resetRecordsStore, useRecordsStore } from '../../../renderer/src/stores/records/store.ts';
import { OUTCOME_SHOWN_MS, STATUS_POLL_MS } from '../../../renderer/src/stores/sync/actions.ts';
import { conflictSides, outcomeText, syncLabel, syncTone } from '../../../renderer/src/stores/sync/selectors.ts';
import { resetSyncStore, useSyncStore } from '../../../renderer/src/stores/sync/store.ts';
import { createFakeDesk, type FakeDesk, syncConflict as conflict, syncStatus } from './fake-desk.ts';

let fake: FakeDesk;
const sync = () => useSyncStore.getState();
const label = () => syncLabel(sync());
/** Lets the fake desk's answers (a few microtasks each) arrive, moving the clock by `ms` first. */
const elapse = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers();
  fake = createFakeDesk();
  window.desk = fake.desk;
  resetSyncStore();
  resetRecordsStore();
  resetEditorStore();
});

afterEach(() => {
  resetSyncStore();
  resetEditorStore();
  vi.useRealTimers();
  delete window.desk;
});

describe('the sync status', () => {
  it('is asked for at once and every ten seconds while the window shows, and not while it is hidden', async () => {
    fake.sync.status = syncStatus();
    sync().syncWatchStarted();
    await elapse();
    expect(fake.callsOf('sync.status')).toHaveLength(1);
    expect(label()).toBe(`Synced ${formatSavedAt('2026-03-02T09:00:00.000Z')}`);

    fake.sync.status = syncStatus({ state: 'waiting', waiting: 3 });
    await elapse(STATUS_POLL_MS);
    expect(fake.callsOf('sync.status')).toHaveLength(2);
    expect(label()).toBe('3 waiting to sync');

    sync().windowVisibilityChanged(false);
    await elapse(STATUS_POLL_MS * 5);
    expect(fake.callsOf('sync.status')).toHaveLength(2);

    // Shown again: the status is asked for at once, then on the usual beat.
    sync().windowVisibilityChanged(true);
    await elapse();
    expect(fake.callsOf('sync.status')).toHaveLength(3);
    await elapse(STATUS_POLL_MS);
    expect(fake.callsOf('sync.status')).toHaveLength(4);

    sync().syncWatchStopped();
    await elapse(STATUS_POLL_MS * 5);
    expect(fake.callsOf('sync.status')).toHaveLength(4);
  });

  it('says so when this session has no sync, and offers no Sync now', async () => {
    sync().syncWatchStarted();
    await elapse();
    expect(sync().availability).toBe('off');
    expect(label()).toBe('Sync not running');
    // Still asked for: the application may be restarted with sync.
    await elapse(STATUS_POLL_MS);
    expect(fake.callsOf('sync.status')).toHaveLength(2);
  });

  it('says the status is unknown when asking fails for another reason, and recovers on the next answer', async () => {
    fake.sync.status = syncStatus();
    fake.failNext('sync.status', { code: 'internal', message: 'The database is busy.' });
    await sync().statusRequested();
    expect(label()).toBe('Sync status unknown');
    expect(sync().statusError).toBe('The database is busy.');
    await sync().statusRequested();
    expect(label()).toMatch(/^Synced /);
  });

  it('words each state: no shared folder chosen, offline since, failing, conflicts to resolve, not synced yet', async () => {
    const cases: [Parameters<typeof syncStatus>[0], string][] = [
      [{ state: 'not-set-up', folder: null, waiting: 2 }, 'No shared folder chosen: 2 waiting'],
      [{ state: 'not-set-up', folder: null, waiting: 0 }, 'No shared folder chosen'],
      [
        { state: 'offline', offlineSince: '2026-03-02T11:20:00.000Z' },
        `Offline since ${formatSavedAt('2026-03-02T11:20:00.000Z')}`,
      ],
      [
        { state: 'error', lastError: { code: 'unavailable', message: 'The shared folder refused access.' } },
        'Sync failed',
      ],
      [{ state: 'conflicts', conflicts: 1 }, '1 conflict to resolve'],
      [{ state: 'conflicts', conflicts: 2 }, '2 conflicts to resolve'],
      [{ state: 'never-synced', lastSyncedAt: null }, 'Not synced yet'],
    ];
    for (const [change, words] of cases) {
      fake.sync.status = syncStatus(change);
      await sync().statusRequested();
      expect(label()).toBe(words);
    }
    // No shared folder is a thing for a person to do, not a failure of the network.
    fake.sync.status = syncStatus({ state: 'not-set-up', folder: null });
    await sync().statusRequested();
    expect(syncTone(sync())).toBe('attention');
  });

  it('shows only the newest answer when answers overtake each other', async () => {
    fake.sync.status = syncStatus({ state: 'waiting', waiting: 2 });
    const release = fake.hold('sync.status');
    const older = sync().statusRequested();
    release();
    fake.sync.status = syncStatus();
    await sync().statusRequested();
    await older;
    expect(label()).toMatch(/^Synced /);
  });
});

describe('Sync now', () => {
  it('runs a pass, says what it did for a while, and brings the register and status up to date', async () => {
    fake.sync.status = syncStatus({ state: 'waiting', waiting: 1 });
    await sync().statusRequested();
    await useRecordsStore.getState().registerOpened();
    const [arrived] = fake.seed(1, () => ({ title: 'Arrived from the tablet' }));
    fake.sync.nextPass = {
      handedOver: [{ recordId: 'a', revision: 2 }],
      received: [{ recordId: arrived!.id, revision: 1, action: 'imported' }],
    };

    const pass = sync().syncNowRequested();
    expect(sync().syncing).toBe(true);
    await pass;
    await elapse();
    expect(sync().syncing).toBe(false);
    expect(outcomeText(sync().outcome!)).toBe('Synced: 1 handed over, 1 received, 0 published; nothing waiting.');
    expect(label()).toMatch(/^Synced /);
    expect(useRecordsStore.getState().pages[0]?.map((line) => line.title)).toEqual(['Arrived from the tablet']);

    await elapse(OUTCOME_SHOWN_MS);
    expect(sync().outcome).toBeNull();
  });

  it('keeps a failed pass in view until it is closed, saying nothing is lost', async () => {
    fake.sync.status = syncStatus();
    fake.sync.nextPass = {
      ok: false,
      error: { code: 'unavailable', message: 'The shared folder /srv/share is not there.' },
      waiting: 2,
    };
    await sync().syncNowRequested();
    expect(outcomeText(sync().outcome!)).toBe(
      'Not synced. The shared folder /srv/share is not there. Nothing is lost: what is waiting is tried again at the next sync.',
    );
    await elapse(OUTCOME_SHOWN_MS * 3);
    expect(sync().outcome).not.toBeNull();
    sync().outcomeDismissed();
    expect(sync().outcome).toBeNull();
  });

  it('says why when the application refuses, and runs one pass however often it is pressed', async () => {
    await sync().syncNowRequested();
    expect(outcomeText(sync().outcome!)).toBe(
      'Not synced. Sync with the shared folder is not running in this session.',
    );

    fake.sync.status = syncStatus();
    const release = fake.hold('sync.now');
    const first = sync().syncNowRequested();
    void sync().syncNowRequested();
    release();
    await first;
    expect(fake.callsOf('sync.now')).toHaveLength(2);
  });

  it('shows new signatures on a locked record that is open once a pass brings them', async () => {
    fake.sync.status = syncStatus();
    const [record] = fake.seed(1, () => ({
      status: 'awaiting-signatures',
      reference: 'OPCC.D.001.26',
      title: 'Grants',
    }));
    await useEditorStore.getState().recordOpened(record!.id);
    await sync().statusRequested();
    const signed = {
      ...record!,
      revision: 2,
      signOffs: record!.signOffs.map((s, i) => (i === 0 ? { ...s, signature: null, comments: 'Agreed' } : s)),
    };
    fake.records.set(record!.id, signed);
    await sync().syncNowRequested();
    await elapse();
    expect(useEditorStore.getState().record?.revision).toBe(2);
  });
});

describe('conflicts', () => {
  it('lists the open conflicts and resolves one, then lists them again', async () => {
    fake.sync.status = syncStatus({ state: 'conflicts', conflicts: 2 });
    fake.sync.conflicts = [conflict({ id: 1 }), conflict({ id: 2, path: 'pending/x/3-Tablet-DESKTOP-AB12CD.json' })];
    await sync().conflictsOpened();
    expect(sync().conflictsStatus).toBe('ready');
    expect(sync().conflicts.map((c) => c.id)).toEqual([1, 2]);

    fake.sync.status = syncStatus({ state: 'conflicts', conflicts: 1 });
    await sync().conflictResolveRequested(1, 'dismiss');
    expect(fake.callsOf('sync.resolve')).toEqual([{ id: 1, action: 'dismiss' }]);
    expect(sync().notice).toEqual({ kind: 'saved', message: 'Dismissed.' });
    expect(sync().conflicts.map((c) => c.id)).toEqual([2]);
    expect(label()).toBe('1 conflict to resolve');
  });

  it('shows the refusal when a conflict cannot be resolved, and keeps it listed', async () => {
    fake.sync.status = syncStatus({ state: 'conflicts', conflicts: 1 });
    fake.sync.conflicts = [conflict({ id: 4, kind: 'content', actions: ['keep-local', 'keep-remote'] })];
    await sync().conflictsOpened();
    fake.failNext('sync.resolve', {
      code: 'not-found',
      message: 'The record of this conflict is no longer in this database.',
    });
    await sync().conflictResolveRequested(4, 'keep-local');
    expect(sync().notice).toEqual({
      kind: 'error',
      message: 'Not resolved. The record of this conflict is no longer in this database.',
    });
    expect(sync().conflicts.map((c) => c.id)).toEqual([4]);
  });

  it('lists the conflicts again when a background pass finds new ones', async () => {
    fake.sync.status = syncStatus();
    await sync().conflictsOpened();
    expect(sync().conflicts).toEqual([]);
    fake.sync.conflicts = [conflict({ id: 7 })];
    fake.sync.status = syncStatus({ state: 'conflicts', conflicts: 1, lastSyncedAt: '2026-03-02T09:10:00.000Z' });
    await sync().statusRequested();
    await elapse();
    expect(sync().conflicts.map((c) => c.id)).toEqual([7]);
  });

  it('reads both sides from what the share gave, checking each field', () => {
    const local = {
      id: 'r1',
      title: 'Grants',
      reference: 'OPCC.D.001.26',
      status: 'awaiting-signatures',
      revision: 4,
      updatedAt: '2026-03-02T09:00:00.000Z',
      signOffs: [{ signature: {} }, { signature: null }],
    };
    const remote = { ...local, revision: 4, title: 42, signOffs: [{ signature: {} }, { signature: {} }] };
    const sides = conflictSides(conflict({ kind: 'content', detail: { local, remote } }));
    expect(sides.map((side) => side.label)).toEqual(['This device\u2019s version', 'The other device\u2019s version']);
    expect(sides[0]!.facts.map((f) => `${f.term}: ${f.value}`)).toEqual([
      'Title: Grants',
      'Reference: OPCC.D.001.26',
      'Status: Awaiting signatures',
      'Revision: 4',
      `Last changed: ${sides[0]!.facts[4]!.value}`,
      'Signatures: 1 of 2 signed',
    ]);
    // A title that is not text is left out rather than shown as "42".
    expect(sides[1]!.facts.map((f) => f.term)).not.toContain('Title');

    const duplicate = conflictSides(
      conflict({ kind: 'duplicate-reference', detail: { recordIds: ['r1', 'r2'], local: 'r1', remote } }),
    );
    expect(duplicate.map((side) => side.label)).toEqual([
      'This device\u2019s record',
      'The other device\u2019s record',
    ]);
    expect(duplicate[0]!.facts).toEqual([{ term: 'Record ID', value: 'r1' }]);
    expect(conflictSides(conflict({ detail: {} }))).toEqual([]);
  });
});
