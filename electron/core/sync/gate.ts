// The one way in for records read from the share: every record.json of a hand-over file (pending/ or
// confidential/pending/) and of a published bundle passes `admitIncoming` once, after the format checks
// (checkSharedRecord: schema, content hash, missingForStatus) and before any merge or store code sees it. A gate
// refuses a record by returning a reason; sync then reports the file as tampered and never merges or publishes it.
// The gate itself is trust/gate.ts (signatures against the pinned seal); the engine uses it unless told otherwise.

import type { DecisionRecord } from '../domain/index.ts';
import type { TemplateVersionData } from '../templates.ts';

export interface IncomingSource {
  kind: 'handover' | 'bundle';
  /** Relative to the share's root: the hand-over file, or the bundle's folder (its record.json is inside). */
  path: string;
}

export type GateVerdict = { ok: true; record: DecisionRecord } | { ok: false; reason: string };

export interface IncomingGate {
  /**
   * `carried`: the template version the record's file carries (officeTemplate), checked against its hash; the record
   * is checked by its own version, which may be that one when this device does not hold it yet.
   */
  admit(
    record: DecisionRecord,
    source: IncomingSource,
    carried?: TemplateVersionData | null,
  ): Promise<GateVerdict> | GateVerdict;
  /**
   * A bundle's manifest.json bytes and its signature file (null when there is none), as read: why they are not
   * this office's, or null. Left out, the engine's own (trust/gate.ts) answers.
   */
  manifest?(
    manifest: Uint8Array,
    signature: Uint8Array | null,
    publishedAt: string,
    source: IncomingSource,
  ): string | null;
  /** A bundle's PDF: why its seal is not the office's or does not hold over every byte, or null. */
  pdf?(bytes: Uint8Array, source: IncomingSource): Promise<string | null>;
}

/**
 * Asks `gate` about one record from the share; what it admits (its `record`) is what sync goes on with. A gate that
 * throws refuses, its message the reason, so one file it cannot judge does not stop the pass.
 */
export async function admitIncoming(
  gate: IncomingGate,
  record: DecisionRecord,
  source: IncomingSource,
  carried?: TemplateVersionData | null,
): Promise<GateVerdict> {
  let verdict: GateVerdict;
  try {
    verdict = await gate.admit(record, source, carried);
  } catch (error) {
    return { ok: false, reason: `its check failed (${error instanceof Error ? error.message : String(error)})` };
  }
  return verdict.ok ? verdict : { ok: false, reason: verdict.reason || 'it was refused' };
}
