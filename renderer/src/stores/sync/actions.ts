// What can happen to sync in the window, named as events: watching its status, Sync now, resolving conflicts.

import type { StateCreator } from 'zustand';
import { DeskError } from '../../../../electron/core/domain/errors.ts';
import { isEditable } from '../../../../electron/core/domain/workflow.ts';
import { api } from '../../api.ts';
import { useEditorStore } from '../editor/store.ts';
import { useRecordsStore } from '../records/store.ts';
import type { ConflictAction, SyncStatus, SyncStore, SyncSummary } from './store.ts';

/** How often the status is asked for while the window shows. */
export const STATUS_POLL_MS = 10_000;
/** How long the outcome of a Sync now that went well stays in view (one that failed stays until it is closed). */
export const OUTCOME_SHOWN_MS = 8_000;

export interface SyncActions {
  /** The window opened: ask for the status now, then every STATUS_POLL_MS while the window shows. */
  syncWatchStarted(): void;
  /** The window is closing (or a test ended): stop asking. */
  syncWatchStopped(): void;
  /** The window was hidden (minimised, another tab in front) or shown again: no asking while it is hidden. */
  windowVisibilityChanged(visible: boolean): void;
  /** Ask for the status once, now. */
  statusRequested(): Promise<void>;
  /** Sync now, from the button or the menu: one pass, then what it did, for a while. */
  syncNowRequested(): Promise<void>;
  outcomeDismissed(): void;
  /** The conflicts view came into view: list the open conflicts. */
  conflictsOpened(): Promise<void>;
  /** One of a conflict's actions was chosen. */
  conflictResolveRequested(id: number, action: ConflictAction): Promise<void>;
  /** Verify shared folder: every published record on the share checked again. The window stays usable meanwhile. */
  verifyShareRequested(): Promise<void>;
}

/** What each resolution did, in words for the person who chose it. */
const RESOLVED: Record<ConflictAction, string> = {
  'keep-local': 'Kept this device\u2019s version. Every device takes it at its next sync.',
  'keep-remote': 'Kept the other device\u2019s version. This device\u2019s version stays in the record\u2019s history.',
  'new-reference': 'The reference was released: the next sync gives the record a new one.',
  retry: 'Sync will look at it again on its next pass.',
  dismiss: 'Dismissed.',
};

/** Resolutions that change a record here, so the register and the open record are brought up to date. */
const CHANGES_RECORDS: ReadonlySet<ConflictAction> = new Set(['keep-local', 'keep-remote', 'new-reference']);

/** Whether a pass that stopped early still brought records in (before the share went away). */
const broughtRecords = (summary: SyncSummary) => summary.received.length + summary.claimed.length > 0;

/** After a pass: the register shows what arrived, and a locked record that is open shows its new signatures. */
async function showWhatArrived(): Promise<void> {
  const records = useRecordsStore.getState();
  if (records.listStatus !== 'idle') void records.registerOpened();
  const open = useEditorStore.getState().record;
  // A draft being edited is left alone: its next save finds any change and offers both versions.
  if (!open || isEditable(open.status)) return;
  try {
    const latest = await api.call('records.get', { id: open.id });
    if (latest.revision > (useEditorStore.getState().record?.revision ?? Infinity))
      useEditorStore.getState().recordReplaced(latest);
  } catch {
    // It stays as shown; opening it again fetches it.
  }
}

export const createSyncActions: StateCreator<SyncStore, [], [], SyncActions> = (set, get) => {
  let watching = false;
  let visible = true;
  let pollTimer: ReturnType<typeof setTimeout> | null = null;
  let outcomeTimer: ReturnType<typeof setTimeout> | null = null;
  // Answers may overtake each other: only one newer than the last shown is shown.
  let statusAsked = 0;
  let statusShown = 0;
  let conflictsAsked = 0;
  /** When the last pass seen finished (undefined: no status seen yet), to notice passes run in the background. */
  let seenPassAt: string | null | undefined;

  function stopPolling() {
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = null;
  }

  function schedulePoll() {
    stopPolling();
    if (!watching || !visible) return;
    pollTimer = setTimeout(() => {
      pollTimer = null;
      void get().statusRequested().then(schedulePoll);
    }, STATUS_POLL_MS);
  }

  function clearOutcomeTimer() {
    if (outcomeTimer) clearTimeout(outcomeTimer);
    outcomeTimer = null;
  }

  async function loadConflicts(): Promise<void> {
    const asked = ++conflictsAsked;
    if (get().conflictsStatus !== 'ready') set({ conflictsStatus: 'loading', conflictsError: null });
    try {
      const conflicts = await api.call('sync.conflicts', {});
      if (asked === conflictsAsked) set({ conflicts, conflictsStatus: 'ready', conflictsError: null });
    } catch (error) {
      if (asked === conflictsAsked) set({ conflictsStatus: 'failed', conflictsError: api.messageOf(error) });
    }
  }

  /** A new status: a pass finished since the last one, or the conflicts changed, so what they touch is refreshed. */
  function statusArrived(status: SyncStatus, previous: SyncStatus | null): void {
    const passed = seenPassAt !== undefined && status.lastSyncedAt !== seenPassAt;
    seenPassAt = status.lastSyncedAt;
    set({ status, availability: 'running', statusError: null });
    if (passed) void showWhatArrived();
    if (get().conflictsStatus !== 'idle' && (passed || status.conflicts !== previous?.conflicts)) void loadConflicts();
  }

  return {
    syncWatchStarted() {
      watching = true;
      visible = document.visibilityState !== 'hidden';
      if (visible) void get().statusRequested();
      schedulePoll();
    },

    syncWatchStopped() {
      watching = false;
      seenPassAt = undefined;
      stopPolling();
      clearOutcomeTimer();
    },

    windowVisibilityChanged(nowVisible) {
      const wasVisible = visible;
      visible = nowVisible;
      if (!visible) stopPolling();
      else if (!wasVisible && watching) {
        // Back in view: say how things are now, not as they were when it was hidden.
        void get().statusRequested();
        schedulePoll();
      }
    },

    async statusRequested() {
      const asked = ++statusAsked;
      try {
        const status = await api.call('sync.status', {});
        if (asked < statusShown) return;
        statusShown = asked;
        statusArrived(status, get().status);
      } catch (error) {
        if (asked < statusShown) return;
        statusShown = asked;
        const off = error instanceof DeskError && error.code === 'unavailable';
        set({ availability: off ? 'off' : 'unknown', statusError: api.messageOf(error) });
      }
    },

    async syncNowRequested() {
      if (get().syncing) return;
      clearOutcomeTimer();
      set({ syncing: true, outcome: null });
      let wentWell = false;
      try {
        const summary = await api.call('sync.now', {});
        wentWell = summary.ok;
        set({ outcome: { kind: 'done', summary } });
        // A pass that went well moves lastSyncedAt, and the status below refreshes the window for it.
        if (!summary.ok && broughtRecords(summary)) void showWhatArrived();
      } catch (error) {
        set({ outcome: { kind: 'failed', message: api.messageOf(error) } });
      } finally {
        set({ syncing: false });
      }
      if (wentWell) outcomeTimer = setTimeout(() => get().outcomeDismissed(), OUTCOME_SHOWN_MS);
      await get().statusRequested();
    },

    outcomeDismissed() {
      clearOutcomeTimer();
      set({ outcome: null });
    },

    async conflictsOpened() {
      set({ notice: null });
      await Promise.all([loadConflicts(), get().statusRequested()]);
    },

    async conflictResolveRequested(id, action) {
      if (get().resolving !== null) return;
      set({ resolving: { id, action }, notice: null });
      let resolved = false;
      try {
        await api.call('sync.resolve', { id, action });
        resolved = true;
        set({
          notice: { kind: 'saved', message: RESOLVED[action] },
          conflicts: get().conflicts.filter((c) => c.id !== id),
        });
      } catch (error) {
        set({ notice: { kind: 'error', message: `Not resolved. ${api.messageOf(error)}` } });
      } finally {
        set({ resolving: null });
      }
      await Promise.all([loadConflicts(), get().statusRequested()]);
      if (resolved && CHANGES_RECORDS.has(action)) await showWhatArrived();
    },

    async verifyShareRequested() {
      if (get().verification.phase === 'running') return;
      set({ verification: { phase: 'running' } });
      try {
        const result = await api.call('sync.verifyShare', {});
        set({ verification: { phase: 'done', result, at: new Date().toISOString() } });
      } catch (error) {
        set({ verification: { phase: 'failed', message: api.messageOf(error) } });
      }
      // What failed is reported as a conflict too: the list shows it.
      if (get().conflictsStatus !== 'idle') await loadConflicts();
    },
  };
};
