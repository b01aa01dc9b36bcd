// The sync engine: runs passes over the shared folder (on start, every few minutes, on demand, when the folder
// changes), drains the outbox, reports its status and conflicts, and lets a person resolve them. It orchestrates;
// the jobs live beside it: schedule.ts (when passes run), watch.ts (the folder watcher), share.ts (the marker),
// conflicts.ts (resolving), status.ts (what the status line says), and pending/publish/references (a pass's steps).

import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  type Day,
  type DecisionRecord,
  DeskError,
  type OfficeTemplate,
  type Settings,
  toErrorData,
} from '../domain/index.ts';
import type { WritableDB } from '../db/connection.ts';
import { type CoreLog, stderrLog } from '../log.ts';
import { conflictViews, resolveConflict } from './conflicts.ts';
import { type BundleBuilder, emptySummary, type SyncContext } from './context.ts';
import { createShareDriver, type ShareDriver } from './driver.ts';
import { isShareWide, SyncError } from './errors.ts';
import { trustGate } from '../trust/gate.ts';
import { type Publisher, signManifest as signManifestWith } from '../trust/manifest.ts';
import { readAnchors } from '../trust/store.ts';
import { recordFile, versionOf } from '../templates.ts';
import { jsonBytes } from './layout.ts';
import type { IncomingGate } from './gate.ts';
import { exchangeTrust, type TrustExchange } from './trust.ts';
import { asciiToken } from './names.ts';
import { handOver, pullPending } from './pending.ts';
import { publish, pullPublished, verifyPublished } from './publish.ts';
import { type PublicationSource, refreshPublication } from './publication.ts';
import { pullWithdrawals, pushWithdrawals } from './withdrawals.ts';
import type { SyncActor } from './records.ts';
import { claimOnShare, claimQueued, scanClaims } from './references.ts';
import { createPassSchedule, itemRetryAt, onePassAtATime, realTimers, type SyncTimers } from './schedule.ts';
import { notSetUp, openShare } from './share.ts';
import { failedPasses, noteFailure, noteSynced, syncStatus } from './status.ts';
import { countOutbox, enqueue, getState, itemFailed, type OutboxItem, outboxItems, setState } from '../db/sync.ts';
import type {
  ClaimResult,
  ConflictAction,
  OutboxKind,
  ShareVerification,
  SyncConflictView,
  SyncStatus,
  SyncSummary,
} from './types.ts';
import { type FolderWatcher, watchCurrentFolder, watchSharedFolder } from './watch.ts';

export type { SyncTimers } from './schedule.ts';
export { type FolderWatcher, watchSharedFolder } from './watch.ts';

/** What sync reads from Settings, on every pass, so a change applies at once. */
export type SyncSettings = Pick<Settings, 'deviceName' | 'userName' | 'sharedFolder'> & {
  /** The numbering, and what the gate checks signatures against: the signatories and the pinned seal. */
  template: Pick<OfficeTemplate, 'numbering' | 'signatories' | 'sealFingerprint'>;
};

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
  /** Every record read from the share passes it once before it is merged or stored; by default the format checks alone. */
  gate?: IncomingGate;
  /** This device's trust store, exchanged with the share each pass (sync/trust.ts): certificates, revocations. */
  trust?: TrustExchange;
  /**
   * The office's whole template (Settings gives sync only part of it): what a record that names no template version
   * and has no legacy one here prints with, carried in its record.json. Left out, such a record's file carries none.
   */
  officeTemplate?: () => OfficeTemplate;
  /** This device's publishing key and its chain (trust store): it signs manifests. Without one, publishing waits. */
  publisher?: () => Publisher | null;
  /**
   * The publication pack (export/pack.ts), written to <share>/publication/ after a pass when it changed. Only a
   * device that can publish (it has a publishing key) writes it.
   */
  publication?: PublicationSource;
  /** The most public PDFs one pass makes for the pack (sync/publication.ts: PDFS_PER_PASS). */
  publicationPdfsPerPass?: number;
}

export interface SyncEngine {
  /** The share's folder as it stands now (Settings, or the override); null until someone chooses one. */
  readonly folder: string | null;
  /** Runs a pass now (after the one running, if any), ignoring the backoff of failed items. Never throws for the share. */
  pass(): Promise<SyncSummary>;
  status(): SyncStatus;
  conflicts(): SyncConflictView[];
  resolveConflict(id: number, action: ConflictAction): SyncConflictView;
  /**
   * "Verify shared folder": reads every published bundle whole and checks it again (each file against its signed
   * manifest, the PDF's seal, record.json through the gate); what fails is reported as tampered.
   */
  verifyShare(): Promise<ShareVerification>;
  /** Call after a record out for signature changes (submitted, signed, returned to draft). */
  queueHandover(recordId: string): void;
  /** Call when a record is decided. */
  queuePublish(recordId: string): void;
  /**
   * Claims the next reference of the record's series, in the period `day` falls in, on the share for a record being
   * submitted. When the share is out of reach,
   * queues the claim and returns { pending: true }: submit the record without a reference (in the same tick, before
   * awaiting anything else) and a later pass gives it one.
   */
  claimReference(recordId: string, day: Day): Promise<ClaimResult>;
  /** Brings the next pass forward (once started): the shared folder was just chosen, say. */
  requestPass(): void;
  /** Runs a pass now, then every intervalMs, and when the folder changes. */
  start(): void;
  /** Stops the timer and the watcher, and waits for a running pass. */
  stop(): Promise<void>;
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, bundle, appVersion } = options;
  const now = options.now ?? (() => new Date());
  const drivers = new Map<string, ShareDriver>();
  const log = options.log ?? stderrLog();
  // Every record from the share is checked against the office's pinned seal as this database knows it right now.
  // The template a record's signatures are checked by is its own version (held here, or carried by its file).
  const ownGate = trustGate({
    templateOf: (record, carried) =>
      versionOf(db, record, options.officeTemplate?.(), carried)?.template ?? options.settings().template,
    anchors: () => readAnchors(db, options.settings().template),
  });
  const recordJson = (record: DecisionRecord) => jsonBytes(recordFile(db, record, options.officeTemplate?.()));
  const gate: Required<IncomingGate> = {
    admit: options.gate ? (record, source) => options.gate!.admit(record, source) : ownGate.admit,
    manifest: options.gate?.manifest ? (...args) => options.gate!.manifest!(...args) : ownGate.manifest,
    pdf: options.gate?.pdf ? (...args) => options.gate!.pdf!(...args) : ownGate.pdf,
  };
  const signManifest = (manifest: Uint8Array) => {
    const publisher = options.publisher?.() ?? null;
    return publisher ? signManifestWith(manifest, publisher) : null;
  };

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
      numbering: settings.template.numbering,
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
      gate,
      signManifest,
      recordJson,
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
        itemFailed(db, item.seq, data, itemRetryAt(now(), item.attempts));
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
      // What the seal issued and revoked is known before any record from the share is checked.
      if (options.trust) await exchangeTrust(ctx, options.trust);
      await withClaimLock(() => drain(ctx, 'claim', scheduled));
      await pullPending(ctx);
      await pullPublished(ctx);
      await drain(ctx, 'handover', scheduled);
      await drain(ctx, 'publish', scheduled);
      // Withdrawals after the bundles they withdraw: a notice names a record this device must hold, decided.
      await pushWithdrawals(ctx);
      await pullWithdrawals(ctx);
      await scanClaims(ctx);
      if (options.publication && options.publisher?.()) {
        const outcome = await refreshPublication(
          ctx,
          options.publication,
          summary.published.length > 0,
          options.publicationPdfsPerPass,
        );
        // A pack too large for one pass goes on in the next, soon after (the schedule's debounce), not at the interval.
        if (outcome?.remaining) schedule.changed();
      }
      noteSynced(db, now());
    } catch (error) {
      summary.ok = false;
      summary.error = noteFailure(db, error, now());
      if (!(error instanceof DeskError)) log.error('sync.pass-failed', error);
    }
    summary.finishedAt = now().toISOString();
    summary.waiting = countOutbox(db);
    return summary;
  }

  const passes = onePassAtATime(runPass);
  const watch = options.watch === undefined ? watchSharedFolder : options.watch;
  const watching = watch
    ? watchCurrentFolder({ watch, folder: currentFolder, driverFor, onChange: () => schedule.changed(), log })
    : null;
  const schedule = createPassSchedule({
    timers: options.timers ?? realTimers,
    now,
    intervalMs: options.intervalMs ?? 3 * 60_000,
    debounceMs: options.debounceMs ?? 2_000,
    pass: () => passes.run(true),
    failedPasses: () => failedPasses(db),
    afterPass: () => watching?.renew(),
  });

  const requestPass = () => schedule.changed();

  return {
    get folder() {
      return currentFolder();
    },

    pass: () => passes.run(false),

    async verifyShare() {
      const folder = currentFolder();
      if (folder === null) throw notSetUp();
      const ctx = context(folder, emptySummary(folder, now()));
      await openShare(ctx);
      if (options.trust) await exchangeTrust(ctx, options.trust);
      return verifyPublished(ctx);
    },

    status: () => syncStatus(db, currentFolder(), passes.running),

    conflicts: () => conflictViews(db),

    resolveConflict(id, action) {
      const resolved = resolveConflict(db, id, action, who());
      requestPass();
      return resolved;
    },

    queueHandover(recordId) {
      enqueue(db, 'handover', recordId, now());
      requestPass();
    },

    queuePublish(recordId) {
      enqueue(db, 'publish', recordId, now());
      requestPass();
    },

    claimReference(recordId, day) {
      return withClaimLock(async () => {
        const folder = currentFolder();
        try {
          if (folder === null) throw notSetUp();
          const ctx = context(folder, emptySummary(folder, now()));
          await openShare(ctx);
          return { reference: await claimOnShare(ctx, recordId, day) };
        } catch (error) {
          if (!(error instanceof SyncError)) throw error;
          if (isShareWide(error)) noteFailure(db, error, now());
          enqueue(db, 'claim', recordId, now(), { year: day.year, month: day.month });
          requestPass();
          return { pending: true as const };
        }
      });
    },

    requestPass,

    start() {
      if (schedule.started) return;
      watching?.renew();
      schedule.start();
    },

    async stop() {
      schedule.stop();
      watching?.close();
      await passes.idle();
    },
  };
}
