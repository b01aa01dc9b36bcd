// What one sync pass works with (database, driver, identity, bundle maker) and the summary it builds as it goes.

import type { DecisionRecord } from '../domain/index.ts';
import type { WritableDB } from '../db/connection.ts';
import type { ShareDriver } from './driver.ts';
import type { IncomingGate } from './gate.ts';
import type { SyncActor } from './records.ts';
import { type NewConflict, reportConflict } from '../db/sync.ts';
import type { SyncSummary } from './types.ts';

export interface BundleBytes {
  pdf: Uint8Array;
  docx: Uint8Array;
}

/** Makes the PDF and Word files of a record (in its published form) for its bundle on the share. */
export type BundleBuilder = (record: DecisionRecord) => Promise<BundleBytes>;

export interface SyncContext {
  db: WritableDB;
  driver: ShareDriver;
  now: () => Date;
  /** The audit identity, with the time of the call. */
  who: () => SyncActor;
  deviceName: string;
  /** This device on the share: an ASCII form of its name and a random id, e.g. "DESKTOP_AB12CD_3f9a1c". */
  deviceToken: string;
  appVersion: string;
  bundle: BundleBuilder;
  /** What every record read from the share passes before it is merged or stored (gate.ts). */
  gate: Required<IncomingGate>;
  /** Signs a bundle's manifest with this device's publishing key; null when it has none (publishing waits). */
  signManifest: (manifest: Uint8Array) => Uint8Array | null;
  /** A record as record.json on the share: the record with its template version beside it (templates.ts recordFile). */
  recordJson: (record: DecisionRecord) => Uint8Array;
  summary: SyncSummary;
}

export function emptySummary(folder: string | null, now: Date): SyncSummary {
  return {
    ok: true,
    folder,
    startedAt: now.toISOString(),
    finishedAt: now.toISOString(),
    error: null,
    claimed: [],
    handedOver: [],
    received: [],
    published: [],
    newConflicts: 0,
    failures: [],
    skipped: [],
    waiting: 0,
  };
}

/** Stores a conflict and counts it in the summary when it is new. */
export function conflict(ctx: SyncContext, found: NewConflict): void {
  if (reportConflict(ctx.db, found, ctx.now())) ctx.summary.newConflicts++;
}

/** Reports a sync client's conflict copy found at `path`: never read, left for a person to look at. */
export function conflictCopy(ctx: SyncContext, path: string): void {
  conflict(ctx, {
    key: `conflict-copy:${path}`,
    kind: 'conflict-copy',
    path,
    message: `The shared folder holds a conflict copy, ${path}, made by a sync client when a file changed in two places. Decision Desk does not read it; check it and delete it by hand.`,
  });
}
