// Publishing: a decided record's bundle (PDF, DOCX, record.json, manifest) written once to decisions/ or confidential/,
// verified by reading it back; and importing bundles other devices published.
//
// The bundle is built in a hidden staging folder beside its final place, each file written atomically, verified,
// and only then the folder is moved into place whole. So a bundle under its final name is always complete: a crash
// leaves a staging folder (this device's, cleared on the next attempt), never half a bundle. Moving a folder onto
// an existing one fails, so two devices publishing at once cannot mix their files: the second finds the first's
// bundle and, if it is the same record with the same content, takes it as published.

import { holdVersion } from '../db/templates.ts';
import type { TemplateVersionData } from '../templates.ts';
import {
  type DecisionRecord,
  DuplicateReferenceError,
  type Numbering,
  numberedParts,
  recordYear,
} from '../domain/index.ts';
import { durably } from '../db/durable.ts';
import { getRecord } from '../db/records.ts';
import { conflict, conflictCopy, type SyncContext } from './context.ts';
import { SyncError } from './errors.ts';
import { admitIncoming } from './gate.ts';
import {
  BUNDLE_AREAS,
  bundleArea,
  bundleFileNames,
  bundleFolder,
  checkSharedRecord,
  formatVersion,
  jsonBytes,
  type Manifest,
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  ManifestSchema,
  parseJsonBytes,
  RECORD_FILE,
  BUNDLE_FORMAT,
  bundleFileLimit,
  READ_LIMITS,
  sha256,
  stagingFolder,
} from './layout.ts';
import { cleanUpPending, duplicateReference, readAtMost } from './pending.ts';
import { markPublished, publishedForm, storeRecord } from './records.ts';
import { confirmShare } from './share.ts';
import type { ShareVerification } from './types.ts';
import {
  closeConflictByKey,
  finishItem,
  forgetSeen,
  markSeen,
  type OutboxItem,
  removeItemsFor,
  seenUnder,
} from '../db/sync.ts';

export type BundleInspection =
  | { state: 'absent' }
  /** No manifest yet: still arriving through a sync client, or not a bundle. */
  | { state: 'incomplete' }
  | { state: 'newer'; format: string }
  | { state: 'damaged'; reason: string }
  /** `carried`: the template version its record.json carries, checked against the hash the record names. */
  | {
      state: 'verified';
      manifest: Manifest;
      record: DecisionRecord;
      manifestSha: string;
      carried: TemplateVersionData | null;
    };

/**
 * Reads a bundle folder and checks its files against the manifest, and record.json against its own hash. `depth`
 * "all" reads every file back (after publishing: nothing counts until it does); "record" reads only the manifest and
 * record.json, which is all an import takes into the database, and checks the PDF and DOCX are there: reading
 * them would download every document of a OneDrive folder kept online-only, on every device that joins.
 */
export async function inspectBundle(
  ctx: SyncContext,
  folder: string,
  depth: 'all' | 'record' = 'all',
): Promise<BundleInspection> {
  const listing = await ctx.driver.list(folder);
  if (!listing) return { state: 'absent' };
  for (const name of listing.conflictCopies) conflictCopy(ctx, `${folder}/${name}`);
  const present = new Set(listing.entries.filter((e) => e.kind === 'file').map((e) => e.name));
  if (!present.has(MANIFEST_FILE)) return { state: 'incomplete' };
  const manifestBytes = await readAtMost(ctx, `${folder}/${MANIFEST_FILE}`, READ_LIMITS.manifest);
  if (!manifestBytes) return { state: 'damaged', reason: `its ${MANIFEST_FILE} is larger than a manifest can be` };
  const raw = parseJsonBytes(manifestBytes) as { format?: unknown } | null;
  if (raw === null) return { state: 'incomplete' };
  if ((formatVersion(raw.format, 'bundle') ?? 0) > 1) return { state: 'newer', format: String(raw.format) };
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) return { state: 'damaged', reason: 'its manifest.json is not valid' };
  const manifest = parsed.data;
  // Whose bundle it is, before anything in it is read: signed by a publishing key the office seal certified.
  const signature = present.has(MANIFEST_SIGNATURE_FILE)
    ? await readAtMost(ctx, `${folder}/${MANIFEST_SIGNATURE_FILE}`, READ_LIMITS.manifest)
    : null;
  const unsigned = ctx.gate.manifest(manifestBytes, signature, manifest.publishedAt, { kind: 'bundle', path: folder });
  if (unsigned) return { state: 'damaged', reason: unsigned };
  let record: DecisionRecord | null = null;
  let carried: TemplateVersionData | null = null;
  for (const file of manifest.files) {
    if (!present.has(file.name)) return { state: 'damaged', reason: `${file.name} is missing` };
    if (depth === 'record' && file.name !== RECORD_FILE) continue;
    if (file.bytes > bundleFileLimit(file.name))
      return { state: 'damaged', reason: `its manifest lists ${file.name} larger than Decision Desk can write it` };
    // No more than the manifest says: a file that grew is refused without being read whole.
    const bytes = await readAtMost(ctx, `${folder}/${file.name}`, file.bytes);
    if (!bytes || bytes.length !== file.bytes || sha256(bytes) !== file.sha256) {
      return { state: 'damaged', reason: `${file.name} does not match the hash in its manifest` };
    }
    if (file.name === RECORD_FILE) {
      const check = checkSharedRecord(bytes);
      if (check.state !== 'ok') return { state: 'damaged', reason: `record.json was refused (${check.state})` };
      record = check.record;
      carried = check.carried;
    }
  }
  if (!record) return { state: 'damaged', reason: 'it has no record.json' };
  if (
    record.id !== manifest.recordId ||
    record.contentHash !== manifest.contentHash ||
    record.reference !== manifest.reference ||
    record.status !== 'published'
  ) {
    return { state: 'damaged', reason: 'record.json does not match its manifest' };
  }
  return { state: 'verified', manifest, record, manifestSha: sha256(manifestBytes), carried };
}

/** Where a record's bundle goes: its area, year (of its reference) and folder. */
export function bundlePlace(record: DecisionRecord, numbering: Pick<Numbering, 'series'>) {
  const reference = record.reference!;
  const parts = numberedParts(numbering, reference);
  const year = recordYear(record, parts?.year ?? null);
  const area = bundleArea(record.classification);
  return { area, year, folder: bundleFolder(area, year, reference) };
}

/**
 * What a published record's bundle holds: its PDF, its Word file and its record.json, and the manifest that lists
 * each with its hash (what the signature seals). The manifest's bytes are returned as they are to be written.
 */
export function bundleContents(
  published: DecisionRecord,
  made: { pdf: Uint8Array; docx: Uint8Array },
  by: { recordJson: Uint8Array; appVersion: string; device: string },
): { files: { name: string; bytes: Uint8Array }[]; manifestBytes: Uint8Array } {
  const reference = published.reference!;
  const names = bundleFileNames(reference);
  const files = [
    { name: names.pdf, bytes: made.pdf },
    { name: names.docx, bytes: made.docx },
    { name: RECORD_FILE, bytes: by.recordJson },
  ];
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    recordId: published.id,
    reference,
    revision: published.revision,
    contentHash: published.contentHash,
    classification: published.classification,
    appVersion: by.appVersion,
    publishedAt: published.updatedAt,
    device: by.device,
    files: files.map((f) => ({ name: f.name, sha256: sha256(f.bytes), bytes: f.bytes.length })),
  };
  return { files, manifestBytes: jsonBytes(manifest) };
}

/** Publishes one decided record from the outbox. */
export async function publish(ctx: SyncContext, item: OutboxItem): Promise<void> {
  const record = getRecord(ctx.db, item.recordId);
  if (!record || record.status !== 'decided' || record.reference === null) {
    // Published already, not decided (yet, or any more), or gone: nothing to publish. A decided record always has
    // a reference (it was claimed before handover); should one lack it, the claim queued for it comes first.
    if (record?.status === 'published') await cleanUpPending(ctx, record.id);
    finishItem(ctx.db, item);
    return;
  }
  const who = ctx.who();
  const { area, year, folder } = bundlePlace(record, who.numbering);
  const existing = await inspectBundle(ctx, folder);
  if (existing.state !== 'absent') {
    await settleExisting(ctx, item, record, folder, existing);
    return;
  }

  const published = publishedForm(record, who.now);
  const { files, manifestBytes } = bundleContents(published, await ctx.bundle(published), {
    recordJson: ctx.recordJson(published),
    appVersion: ctx.appVersion,
    device: ctx.deviceName,
  });
  const manifestSignature = ctx.signManifest(manifestBytes);
  if (!manifestSignature) {
    throw new SyncError(
      'cannot-seal',
      `${record.reference} waits to be published: this device holds no publishing key certified by the office seal (Settings \u2192 Office seal).`,
    );
  }
  const staging = stagingFolder(area, year, record.reference, ctx.deviceToken);
  // A staging folder left by an attempt that stopped (a crash, a full disk) is this device's to clear.
  await ctx.driver.remove(staging);
  await ctx.driver.ensureFolder(staging);
  for (const file of files) await ctx.driver.writeOnce(`${staging}/${file.name}`, file.bytes);
  await ctx.driver.writeOnce(`${staging}/${MANIFEST_SIGNATURE_FILE}`, manifestSignature);
  await ctx.driver.writeOnce(`${staging}/${MANIFEST_FILE}`, manifestBytes);
  const staged = await inspectBundle(ctx, staging);
  if (staged.state !== 'verified' || staged.manifestSha !== sha256(manifestBytes)) {
    await ctx.driver.remove(staging);
    throw new SyncError(
      'damaged',
      `The bundle for ${record.reference} did not read back as written; it will be written again.`,
      {
        path: staging,
      },
    );
  }
  // Someone else's bundle got there first: theirs stands, and settleExisting decides what it means.
  if ((await ctx.driver.moveOnce(staging, folder)) === 'exists') await ctx.driver.remove(staging);
  await settleExisting(ctx, item, record, folder, await inspectBundle(ctx, folder));
}

/**
 * Decides what a bundle found under the record's final name means: the same record with the same content is
 * published (by this device a moment ago, by an attempt that crashed before noting it, or by another device);
 * anything else is a conflict, and nothing is overwritten.
 */
async function settleExisting(
  ctx: SyncContext,
  item: OutboxItem,
  record: DecisionRecord,
  folder: string,
  found: BundleInspection,
): Promise<void> {
  if (found.state === 'verified' && found.record.id === record.id && found.record.contentHash === record.contentHash) {
    // What is stored as published is the record.json read from the share: it passes the gate like any other.
    const verdict = await admitIncoming(ctx.gate, found.record, { kind: 'bundle', path: folder }, found.carried);
    if (!verdict.ok)
      return settleExisting(ctx, item, record, folder, {
        state: 'damaged',
        reason: `its record.json was refused: ${verdict.reason}`,
      });
    // It counts only as read back from the real share: the marker this device joined must still be there.
    await confirmShare(ctx);
    const who = ctx.who();
    // Durable (db/durable.ts): a record shown as published must not roll back on a power cut.
    const stored = durably(ctx.db, () => {
      finishItem(ctx.db, item);
      removeItemsFor(ctx.db, 'handover', record.id);
      markSeen(ctx.db, folder, found.manifestSha);
      return getRecord(ctx.db, record.id)?.status === 'published'
        ? null
        : markPublished(ctx.db, verdict.record, folder, who);
    });
    if (stored) {
      ctx.summary.published.push({ recordId: record.id, reference: record.reference!, path: folder });
      await cleanUpPending(ctx, record.id);
    }
    return;
  }
  if (found.state === 'verified' && found.record.id !== record.id) {
    ctx.db.transaction(() => {
      duplicateReference(ctx, found.record, folder);
      finishItem(ctx.db, item);
    })();
    return;
  }
  const why =
    found.state === 'verified'
      ? 'it holds a different version of this record'
      : found.state === 'damaged'
        ? found.reason
        : found.state === 'newer'
          ? `it was written by a newer version of Decision Desk (${found.format})`
          : 'it has no manifest yet (still arriving, or not a Decision Desk bundle)';
  conflict(ctx, {
    key: `published-mismatch:${folder}`,
    kind: 'published-mismatch',
    recordId: record.id,
    reference: record.reference,
    path: folder,
    message: `${record.reference} cannot be published: ${folder} already exists and ${why}. Nothing was overwritten.`,
    detail: found.state === 'verified' ? { local: record, published: found.record } : { local: record },
  });
  if (found.state === 'verified') finishItem(ctx.db, item);
  else throw new SyncError('exists', `${folder} already exists and ${why}.`, { path: folder });
}

/** Imports bundles other devices published: new ones only, so a pass over thousands of published records reads nothing. */
export async function pullPublished(ctx: SyncContext): Promise<void> {
  for (const area of BUNDLE_AREAS) {
    let years;
    try {
      years = await ctx.driver.list(area);
    } catch (error) {
      // The confidential area may be closed to this user on purpose; the open register still syncs.
      if (area === 'confidential' && error instanceof SyncError && error.reason === 'permission-denied') continue;
      throw error;
    }
    if (!years) continue;
    for (const name of years.conflictCopies) conflictCopy(ctx, `${area}/${name}`);
    for (const year of years.entries) {
      if (year.kind === 'folder' && /^\d{4}$/.test(year.name)) await pullYear(ctx, `${area}/${year.name}`);
    }
  }
}

async function pullYear(ctx: SyncContext, yearFolder: string): Promise<void> {
  const listing = await ctx.driver.list(yearFolder);
  if (!listing) return;
  for (const name of listing.conflictCopies) conflictCopy(ctx, `${yearFolder}/${name}`);
  const seen = seenUnder(ctx.db, yearFolder);
  for (const entry of listing.entries) {
    if (entry.kind !== 'folder' || seen.has(entry.name)) continue;
    const folder = `${yearFolder}/${entry.name}`;
    const found = await inspectBundle(ctx, folder, 'record');
    if (found.state === 'verified') {
      const verdict = await admitIncoming(ctx.gate, found.record, { kind: 'bundle', path: folder }, found.carried);
      if (verdict.ok) importBundle(ctx, folder, { ...found, record: verdict.record });
      else {
        conflict(ctx, {
          key: `tampered:${folder}`,
          kind: 'tampered',
          recordId: found.record.id,
          reference: found.record.reference,
          path: folder,
          message: `The published bundle ${folder} was refused: ${verdict.reason}. Nothing was imported.`,
        });
      }
    } else if (found.state === 'damaged') {
      conflict(ctx, {
        key: `tampered:${folder}`,
        kind: 'tampered',
        path: folder,
        message: `The published bundle ${folder} was refused: ${found.reason}. It was changed after publishing, or damaged; nothing was imported.`,
      });
    } else if (found.state !== 'absent') {
      ctx.summary.skipped.push({
        path: folder,
        reason: found.state === 'newer' ? `written in ${found.format}` : 'no manifest yet',
      });
    }
  }
}

function importBundle(ctx: SyncContext, folder: string, found: Extract<BundleInspection, { state: 'verified' }>): void {
  const remote = found.record;
  const who = ctx.who();
  durably(ctx.db, () => {
    closeConflictByKey(ctx.db, `tampered:${folder}`, 'verified', who.now);
    const local = getRecord(ctx.db, remote.id);
    if (local && local.contentHash !== remote.contentHash) {
      conflict(ctx, {
        key: `published-mismatch:${folder}`,
        kind: 'published-mismatch',
        recordId: remote.id,
        reference: remote.reference,
        path: folder,
        message: `${remote.reference} was published from another device with content that differs from the version here. Both are kept.`,
        detail: { local, published: remote },
      });
      markSeen(ctx.db, folder, found.manifestSha);
      return;
    }
    markSeen(ctx.db, folder, found.manifestSha);
    if (local?.status === 'published') return;
    if (found.carried) holdVersion(ctx.db, found.carried, who.now);
    try {
      if (local) markPublished(ctx.db, remote, folder, who);
      else storeRecord(ctx.db, remote, 'imported', 'imported', { path: folder }, who);
    } catch (error) {
      if (!(error instanceof DuplicateReferenceError)) throw error;
      // Looked at again on later passes: once the other record has a new reference, this one comes in.
      forgetSeen(ctx.db, folder);
      duplicateReference(ctx, remote, folder);
      return;
    }
    removeItemsFor(ctx.db, 'publish', remote.id);
    removeItemsFor(ctx.db, 'handover', remote.id);
    ctx.summary.received.push({ recordId: remote.id, revision: remote.revision, action: 'published' });
  });
}

/**
 * Reads every published bundle on the share whole and checks it again: every file against its signed manifest,
 * the PDF's seal, record.json through the gate. What fails is reported as tampered (and returned); nothing is changed.
 */
export async function verifyPublished(ctx: SyncContext): Promise<ShareVerification> {
  const result: ShareVerification = { checked: 0, problems: [] };
  for (const area of BUNDLE_AREAS) {
    let years;
    try {
      years = await ctx.driver.list(area);
    } catch (error) {
      if (area === 'confidential' && error instanceof SyncError && error.reason === 'permission-denied') continue;
      throw error;
    }
    for (const year of years?.entries ?? []) {
      if (year.kind !== 'folder' || !/^\d{4}$/.test(year.name)) continue;
      for (const entry of (await ctx.driver.list(`${area}/${year.name}`))?.entries ?? []) {
        if (entry.kind !== 'folder') continue;
        const folder = `${area}/${year.name}/${entry.name}`;
        const why = await bundleProblem(ctx, folder);
        result.checked++;
        if (why === null) continue;
        // A damaged bundle's record.json may not be readable: its folder is named by its reference.
        const reference = why.reference ?? entry.name;
        result.problems.push({ path: folder, reference, reason: why.reason });
        conflict(ctx, {
          key: `tampered:${folder}`,
          kind: 'tampered',
          recordId: why.recordId,
          reference,
          path: folder,
          message: `The published bundle ${folder} does not verify: ${why.reason}.`,
        });
      }
    }
  }
  return result;
}

async function bundleProblem(
  ctx: SyncContext,
  folder: string,
): Promise<{ reason: string; reference: string | null; recordId?: string } | null> {
  const found = await inspectBundle(ctx, folder, 'all');
  if (found.state === 'damaged') return { reason: found.reason, reference: null };
  if (found.state === 'incomplete')
    return { reason: 'it has no manifest (still arriving, or not a Decision Desk bundle)', reference: null };
  if (found.state !== 'verified') return null;
  const { record, manifest } = found;
  const verdict = await admitIncoming(ctx.gate, record, { kind: 'bundle', path: folder }, found.carried);
  if (!verdict.ok)
    return {
      reason: `its record.json was refused: ${verdict.reason}`,
      reference: record.reference,
      recordId: record.id,
    };
  const pdf = manifest.files.find((f) => f.name.endsWith('.pdf'));
  if (!pdf) return { reason: 'it has no PDF', reference: record.reference, recordId: record.id };
  const bytes = await readAtMost(ctx, `${folder}/${pdf.name}`, pdf.bytes);
  const sealed = bytes
    ? await ctx.gate.pdf(bytes, { kind: 'bundle', path: folder })
    : 'its PDF is larger than its manifest says';
  return sealed ? { reason: sealed, reference: record.reference, recordId: record.id } : null;
}
