// The sync engine: runs passes over the shared folder (on start, every few minutes, on demand, when the folder
// changes), drains the outbox, reports its status and conflicts, and lets a person resolve them.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  computeContentHash,
  ConflictError,
  type DecisionRecord,
  DecisionRecordSchema,
  DeskError,
  type DeskErrorData,
  describeIssues,
  InvalidInputError,
  NotFoundError,
  type OfficeTemplate,
  type Settings,
  toErrorData,
} from '../domain/index.ts';
import type { WritableDB } from '../db/connection.ts';
import { getRecord } from '../db/records.ts';
import { type CoreLog, stderrLog } from '../log.ts';
import { type BundleBuilder, emptySummary, type SyncContext } from './context.ts';
import { createShareDriver, type ShareDriver } from './driver.ts';
import { isShareWide, SyncError } from './errors.ts';
import { BUNDLE_AREAS, PENDING_AREAS } from './layout.ts';
import { asciiToken } from './names.ts';
import { handOver, pullPending } from './pending.ts';
import { publish, pullPublished } from './publish.ts';
import { type SyncActor, storeRecord } from './records.ts';
import { claimOnShare, claimQueued, scanClaims } from './references.ts';
import { openShare } from './share.ts';
import {
  closeConflict,
  closeContentConflicts,
  countOpenConflicts,
  countOutbox,
  deleteConflict,
  deleteState,
  enqueue,
  forgetSeen,
  getConflict,
  getState,
  itemFailed,
  listConflicts,
  type OutboxItem,
  outboxItems,
  setState,
} from './store.ts';
import {
  type ClaimResult,
  CONFLICT_ACTIONS_BY_KIND,
  type ConflictAction,
  type OutboxKind,
  type SyncConflict,
  type SyncConflictView,
  type SyncState,
  type SyncStatus,
  type SyncSummary,
} from './types.ts';

/** What sync reads from Settings, on every pass, so a change applies at once. */
export type SyncSettings = Pick<Settings, 'deviceName' | 'userName' | 'sharedFolder'> & {
  template: Pick<OfficeTemplate, 'referencePattern'>;
};

export interface SyncTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Calls `onChange` when anything in the folder changes; the engine only uses it to start a pass. */
export type FolderWatcher = (folder: string, onChange: () => void) => { close(): void };

export interface SyncEngineOptions {
  db: WritableDB;
  settings: () => SyncSettings;
  /** Makes the PDF and DOCX of a record's bundle (the export module, injected). */
  bundle: BundleBuilder;
  /** Written into each bundle's manifest. */
  appVersion: string;
  /** The share's folder, overriding Settings. */
  folder?: string;
  now?: () => Date;
  /** A driver over the share; by default one over `folder` with real file calls. Tests inject faults here. */
  driver?: ShareDriver;
  timers?: SyncTimers;
  /** null: do not watch the folder (passes still run on the timer and on demand). */
  watch?: FolderWatcher | null;
  /** Between passes when all is well. */
  intervalMs?: number;
  /** Where a pass that fails for a reason other than the share goes (the desk's log); standard error by default. */
  log?: CoreLog;
  /** A change in the folder starts a pass once it has been quiet this long. */
  debounceMs?: number;
}

export interface SyncEngine {
  /** The share's folder as it stands now (Settings, or the override); null until someone chooses one. */
  readonly folder: string | null;
  /** Runs a pass now (after the one running, if any), ignoring the backoff of failed items. Never throws for the share. */
  pass(): Promise<SyncSummary>;
  status(): SyncStatus;
  conflicts(): SyncConflictView[];
  resolveConflict(id: number, action: ConflictAction): SyncConflictView;
  /** Call after a record out for signature changes (submitted, signed, returned to draft). */
  queueHandover(recordId: string): void;
  /** Call when a record is decided. */
  queuePublish(recordId: string): void;
  /**
   * Claims the next reference of `year` on the share for a record being submitted. When the share is out of reach,
   * queues the claim and returns { pending: true }: submit the record without a reference (in the same tick, before
   * awaiting anything else) and a later pass gives it one.
   */
  claimReference(recordId: string, year: number): Promise<ClaimResult>;
  /** Brings the next pass forward (once started): the shared folder was just chosen, say. */
  requestPass(): void;
  /** Runs a pass now, then every intervalMs, and when the folder changes. */
  start(): void;
  /** Stops the timer and the watcher, and waits for a running pass. */
  stop(): Promise<void>;
}

const PASS_BACKOFF_MS = 15_000;
const ITEM_BACKOFF_MS = 30_000;
const ITEM_BACKOFF_MAX_MS = 30 * 60_000;

const realTimers: SyncTimers = {
  setTimeout(run, ms) {
    const handle = setTimeout(run, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Watches where news arrives. Windows and macOS watch a whole tree natively; Linux (inotify) cannot, and Node would
 * walk and watch every folder of the share, so there the root, pending/ and each record's folder in it, and the
 * register's year folders are watched, and the set is renewed after every pass.
 */
export const watchSharedFolder: FolderWatcher = (folder, onChange) => {
  const watchers: fs.FSWatcher[] = [];
  let closed = false;
  const add = (dir: string, recursive: boolean) => {
    if (closed) return;
    try {
      const watcher = fs.watch(dir, { recursive, persistent: false }, onChange);
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // Not there (yet), or not watchable on this file system: the timer still runs passes.
    }
  };
  if (process.platform === 'win32' || process.platform === 'darwin') add(folder, true);
  else {
    add(folder, false);
    for (const area of [...PENDING_AREAS, ...BUNDLE_AREAS]) {
      const dir = path.join(folder, area);
      add(dir, false);
      // Read without blocking: a share that hangs must not hold up the process.
      void fs.promises
        .readdir(dir, { withFileTypes: true })
        .then((entries) => entries.filter((e) => e.isDirectory()).forEach((e) => add(path.join(dir, e.name), false)))
        .catch(() => undefined);
    }
  }
  return {
    close() {
      closed = true;
      for (const watcher of watchers) watcher.close();
    },
  };
};

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, bundle, appVersion } = options;
  const now = options.now ?? (() => new Date());
  const timers = options.timers ?? realTimers;
  const watch = options.watch === undefined ? watchSharedFolder : options.watch;
  const intervalMs = options.intervalMs ?? 3 * 60_000;
  const debounceMs = options.debounceMs ?? 2_000;
  const drivers = new Map<string, ShareDriver>();
  const log = options.log ?? stderrLog();

  /** The share's folder, or null while nobody has chosen one: then there is none, and the work waits. */
  const currentFolder = (): string | null => {
    if (options.driver) return options.driver.root;
    const folder = options.folder ?? options.settings().sharedFolder;
    return folder ? path.resolve(folder) : null;
  };

  function driverFor(folder: string): ShareDriver {
    if (options.driver) return options.driver;
    let driver = drivers.get(folder);
    if (!driver) drivers.set(folder, (driver = createShareDriver(folder)));
    return driver;
  }

  function deviceId(): string {
    let id = getState(db, 'device-id');
    if (!id) setState(db, 'device-id', (id = randomBytes(3).toString('hex')));
    return id;
  }

  function who(): SyncActor {
    const settings = options.settings();
    return {
      actor: settings.userName || 'unknown',
      device: settings.deviceName,
      referencePattern: settings.template.referencePattern,
      now: now(),
    };
  }

  function context(folder: string, summary: SyncSummary): SyncContext {
    const deviceName = options.settings().deviceName;
    return {
      db,
      driver: driverFor(folder),
      now,
      who,
      deviceName,
      deviceToken: `${asciiToken(deviceName)}_${deviceId()}`,
      appVersion,
      bundle,
      summary,
    };
  }

  const handlers: Record<OutboxKind, (ctx: SyncContext, item: OutboxItem) => Promise<void>> = {
    claim: claimQueued,
    handover: handOver,
    publish,
  };

  /** Works through the queued items of one kind; a share-wide failure stops the pass, others wait for a later one. */
  async function drain(ctx: SyncContext, kind: OutboxKind, scheduled: boolean): Promise<void> {
    for (const item of outboxItems(db, scheduled ? now() : null).filter((i) => i.kind === kind)) {
      try {
        await handlers[kind](ctx, item);
      } catch (error) {
        const data = toErrorData(error);
        if (isShareWide(error)) {
          itemFailed(db, item.seq, data, null);
          throw error;
        }
        const wait = Math.min(ITEM_BACKOFF_MAX_MS, ITEM_BACKOFF_MS * 2 ** item.attempts);
        itemFailed(db, item.seq, data, new Date(now().getTime() + wait));
        ctx.summary.failures.push({ recordId: item.recordId, kind, error: data });
      }
    }
  }

  // Claims from a pass and from claimReference never run at once, so one device never races itself for a number.
  let claims: Promise<unknown> = Promise.resolve();
  function withClaimLock<T>(step: () => Promise<T>): Promise<T> {
    const run = claims.then(step, step);
    claims = run.catch(() => undefined);
    return run;
  }

  const notSetUp = () =>
    new SyncError('not-set-up', 'No shared folder has been chosen yet: choose the office’s shared folder in Settings. Until then records wait on this device to be handed over and published.');

  function noteFailure(error: unknown): DeskErrorData {
    const data = toErrorData(error);
    db.transaction(() => {
      if (isShareWide(error) && !getState(db, 'offline-since')) setState(db, 'offline-since', now().toISOString());
      setState(db, 'last-error', JSON.stringify(data));
      setState(db, 'failed-passes', String(failedPasses() + 1));
    })();
    return data;
  }

  const failedPasses = () => Number(getState(db, 'failed-passes') ?? 0);

  async function runPass(scheduled: boolean): Promise<SyncSummary> {
    const folder = currentFolder();
    const summary = emptySummary(folder, now());
    if (folder === null) {
      // Not a failure of the share: there is none yet. The work waits in the outbox, and the status says why.
      summary.ok = false;
      summary.error = notSetUp().toData();
      summary.waiting = countOutbox(db);
      return summary;
    }
    try {
      const ctx = context(folder, summary);
      await openShare(ctx);
      await withClaimLock(() => drain(ctx, 'claim', scheduled));
      await pullPending(ctx);
      await pullPublished(ctx);
      await drain(ctx, 'handover', scheduled);
      await drain(ctx, 'publish', scheduled);
      await scanClaims(ctx);
      db.transaction(() => {
        setState(db, 'last-synced-at', now().toISOString());
        for (const key of ['offline-since', 'last-error', 'failed-passes']) deleteState(db, key);
      })();
    } catch (error) {
      summary.ok = false;
      summary.error = noteFailure(error);
      if (!(error instanceof DeskError)) log.error('sync.pass-failed', error);
    }
    summary.finishedAt = now().toISOString();
    summary.waiting = countOutbox(db);
    return summary;
  }

  let current: Promise<SyncSummary> | null = null;
  let following: Promise<SyncSummary> | null = null;
  /** One pass at a time; calls during a pass share one pass after it. */
  function pass(scheduled: boolean): Promise<SyncSummary> {
    if (!current) {
      current = runPass(scheduled).finally(() => {
        current = null;
      });
      return current;
    }
    following ??= current.then(() => {
      following = null;
      return pass(scheduled);
    });
    return following;
  }

  let started = false;
  let timer: unknown = null;
  let dueAt = 0;
  let watcher: { close(): void } | null = null;

  function schedule(ms: number): void {
    if (!started) return;
    if (timer !== null) timers.clearTimeout(timer);
    dueAt = now().getTime() + ms;
    timer = timers.setTimeout(() => {
      timer = null;
      void tick();
    }, ms);
  }

  async function tick(): Promise<void> {
    const summary = await pass(true);
    if (!started) return;
    watchCurrentFolder();
    // A change seen during the pass has already set the next one, sooner.
    if (timer !== null) return;
    schedule(summary.ok ? intervalMs : Math.min(intervalMs, PASS_BACKOFF_MS * 2 ** (failedPasses() - 1)));
  }

  /** A change on the share brings the next pass forward to when the folder has been quiet for debounceMs. */
  function changed(): void {
    if (dueAt > now().getTime() + debounceMs || timer === null) schedule(debounceMs);
  }

  /** (Re)starts watching after each pass: the folder may have changed in Settings, or gained folders to watch. */
  function watchCurrentFolder(): void {
    if (!watch) return;
    watcher?.close();
    watcher = null;
    const folder = currentFolder();
    if (folder === null) return;
    try {
      watcher = watch(folder, changed);
    } catch {
      // The folder is not there yet: the timer keeps passes going, and the next one tries to watch again.
    }
  }

  function requestPass(): void {
    if (started) changed();
  }

  function view(conflict: SyncConflict): SyncConflictView {
    return { ...conflict, actions: [...CONFLICT_ACTIONS_BY_KIND[conflict.kind]] };
  }

  function keepVersion(conflict: SyncConflict, side: 'local' | 'remote', by: SyncActor): void {
    const local = conflict.recordId ? getRecord(db, conflict.recordId) : undefined;
    if (!local) throw new NotFoundError(`The record of this conflict is no longer in this database.`);
    const parsed = DecisionRecordSchema.safeParse(conflict.detail.remote);
    if (!parsed.success) throw new InvalidInputError(`The other version kept with this conflict is not valid: ${describeIssues(parsed.error)}`);
    const remote = parsed.data;
    const kept: DecisionRecord = side === 'local' ? local : remote;
    // Above both versions, so every device takes this one as the later and the conflict settles everywhere.
    const revision = Math.max(local.revision, remote.revision) + 1;
    const stored = storeRecord(db, { ...kept, revision, updatedAt: by.now.toISOString() }, side === 'local' ? 'workflow' : 'imported', 'sync-conflict-resolved', { kept: side, path: conflict.path }, by);
    enqueue(db, 'handover', stored.id, by.now);
    if (stored.status === 'decided') enqueue(db, 'publish', stored.id, by.now);
    closeContentConflicts(db, stored.id, `kept ${side}`, by.now);
  }

  function releaseReference(conflict: SyncConflict, by: SyncActor): void {
    const id = typeof conflict.detail.local === 'string' ? conflict.detail.local : conflict.recordId;
    const local = id ? getRecord(db, id) : undefined;
    if (!local || local.reference !== conflict.reference) {
      throw new NotFoundError('Neither record of this conflict is in this database with that reference: resolve it on the device that has one.');
    }
    if (local.status === 'decided' || local.status === 'published') {
      throw new InvalidInputError(
        `${local.reference} is ${local.status}: its signatures cover the reference, so it cannot be given a new one. Give the other record a new reference instead.`,
      );
    }
    const next: DecisionRecord = { ...local, reference: null, revision: local.revision + 1, updatedAt: by.now.toISOString() };
    next.contentHash = computeContentHash(next);
    storeRecord(db, next, 'workflow', 'reference-released', { reference: local.reference }, by);
    if (local.status === 'awaiting-signatures') {
      enqueue(db, 'claim', local.id, by.now, { year: by.now.getUTCFullYear(), released: [local.reference] });
    }
    closeConflict(db, conflict.id, 'new-reference', by.now);
  }

  return {
    get folder() {
      return currentFolder();
    },

    pass: () => pass(false),

    status() {
      const offlineSince = getState(db, 'offline-since') ?? null;
      const lastError = getState(db, 'last-error');
      const waiting = countOutbox(db);
      const conflicts = countOpenConflicts(db);
      const lastSyncedAt = getState(db, 'last-synced-at') ?? null;
      const folder = currentFolder();
      const state: SyncState = folder === null
        ? 'not-set-up'
        : offlineSince
        ? 'offline'
        : lastError
          ? 'error'
          : conflicts > 0
            ? 'conflicts'
            : waiting > 0
              ? 'waiting'
              : lastSyncedAt
                ? 'synced'
                : 'never-synced';
      return {
        folder,
        state,
        waiting,
        referencesPending: outboxItems(db).filter((i) => i.kind === 'claim').length,
        conflicts,
        offlineSince,
        lastSyncedAt,
        lastError: lastError ? (JSON.parse(lastError) as DeskErrorData) : null,
        running: current !== null,
      };
    },

    conflicts: () => listConflicts(db).map(view),

    resolveConflict(id, action) {
      const conflict = getConflict(db, id);
      if (!conflict) throw new NotFoundError(`There is no sync conflict ${id}.`);
      if (conflict.resolvedAt) throw new ConflictError(`This conflict was already resolved (${conflict.resolution}).`, { conflict: view(conflict) });
      if (!CONFLICT_ACTIONS_BY_KIND[conflict.kind].includes(action)) {
        throw new InvalidInputError(`"${action}" does not resolve a ${conflict.kind} conflict: choose ${CONFLICT_ACTIONS_BY_KIND[conflict.kind].join(' or ')}.`);
      }
      const by = who();
      db.transaction(() => {
        switch (action) {
          case 'keep-local':
          case 'keep-remote':
            keepVersion(conflict, action === 'keep-local' ? 'local' : 'remote', by);
            break;
          case 'new-reference':
            releaseReference(conflict, by);
            break;
          case 'retry': {
            // Forget it, and what was seen at its path, so the next pass looks again and reports it if it is still so.
            deleteConflict(db, id);
            if (conflict.path) forgetSeen(db, conflict.path);
            const record = conflict.recordId ? getRecord(db, conflict.recordId) : undefined;
            if (record?.status === 'decided') enqueue(db, 'publish', record.id, by.now);
            break;
          }
          case 'dismiss':
            closeConflict(db, id, 'dismissed', by.now);
        }
      }).immediate();
      requestPass();
      return view(getConflict(db, id) ?? { ...conflict, resolvedAt: by.now.toISOString(), resolution: action });
    },

    queueHandover(recordId) {
      enqueue(db, 'handover', recordId, now());
      requestPass();
    },

    queuePublish(recordId) {
      enqueue(db, 'publish', recordId, now());
      requestPass();
    },

    claimReference(recordId, year) {
      return withClaimLock(async () => {
        const folder = currentFolder();
        try {
          if (folder === null) throw notSetUp();
          const ctx = context(folder, emptySummary(folder, now()));
          await openShare(ctx);
          return { reference: await claimOnShare(ctx, recordId, year) };
        } catch (error) {
          if (!(error instanceof SyncError)) throw error;
          if (isShareWide(error)) noteFailure(error);
          enqueue(db, 'claim', recordId, now(), { year });
          requestPass();
          return { pending: true as const };
        }
      });
    },

    requestPass,

    start() {
      if (started) return;
      started = true;
      watchCurrentFolder();
      schedule(0);
    },

    async stop() {
      started = false;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      watcher?.close();
      watcher = null;
      await current?.catch(() => undefined);
    },
  };
}
