// Reference claims: the next number of the year taken by exclusive create of references/<yy>/<nnnn>.claim, and
// the duplicates OneDrive lets through reported (two PCs can both "create" one file in a synced folder).

import { formatReference, parseReference } from '../domain/index.ts';
import { getRecord, referenceOwner } from '../db/records.ts';
import { prepared } from '../db/statements.ts';
import { conflict, conflictCopy, type SyncContext } from './context.ts';
import { SyncError } from './errors.ts';
import {
  type Claim,
  CLAIM_FORMAT,
  claimFile,
  ClaimSchema,
  jsonBytes,
  parseClaimName,
  parseJsonBytes,
  READ_LIMITS,
  REFERENCES,
  referencesFolder,
} from './layout.ts';
import { readAtMost } from './pending.ts';
import { assignReference } from './records.ts';
import { closeConflictByKey, enqueue, finishItem, markSeen, type OutboxItem, seenUnder } from './store.ts';

const MAX_TRIES = 1_000;

function localMaxNumber(ctx: SyncContext, year: number): number {
  const row = prepared(ctx.db, 'SELECT max(ref_number) AS n FROM records WHERE ref_year = ?').get(year) as { n: number | null };
  return row.n ?? 0;
}

async function readClaim(ctx: SyncContext, file: string): Promise<Claim | null> {
  const bytes = await readAtMost(ctx, file, READ_LIMITS.claim);
  const parsed = bytes ? ClaimSchema.safeParse(parseJsonBytes(bytes)) : null;
  return parsed?.success ? parsed.data : null;
}

export type ClaimCheck =
  | { state: 'valid'; claim: Claim }
  /** Empty: being written by its device, or left by one that crashed. Looked at again on a later pass. */
  | { state: 'empty' }
  | { state: 'invalid'; reason: string };

/**
 * Reads the claim `references/<yy>/<name>` and decides, from what is known here, whether it is a claim at all: it must
 * be small, parse as a claim, and name the reference its file name and folder give under the office's pattern. Whose
 * record it names is not checked: a claim by another device for a record this device has not received yet is valid.
 */
export async function checkClaim(ctx: SyncContext, folder: string, name: string): Promise<ClaimCheck> {
  const bytes = await readAtMost(ctx, `${folder}/${name}`, READ_LIMITS.claim);
  if (!bytes) return { state: 'invalid', reason: `it is larger than a claim can be (${READ_LIMITS.claim / 1024} KB)` };
  if (bytes.length === 0) return { state: 'empty' };
  const parsed = ClaimSchema.safeParse(parseJsonBytes(bytes));
  if (!parsed.success) return { state: 'invalid', reason: 'it is not a Decision Desk claim (not JSON, or not in the claim format)' };
  const parts = parseReference(ctx.who().referencePattern, parsed.data.reference);
  const number = parseClaimName(name);
  const yy = Number(folder.slice(folder.lastIndexOf('/') + 1));
  if (!parts || parts.number !== number || parts.year % 100 !== yy) {
    return { state: 'invalid', reason: `it claims ${parsed.data.reference.slice(0, 60)}, which is not the reference its file name stands for` };
  }
  return { state: 'valid', claim: parsed.data };
}

/** Reports a claim file that is not a claim: it holds no number, and it is not counted. */
function invalidClaim(ctx: SyncContext, file: string, reason: string): void {
  conflict(ctx, {
    key: `tampered:${file}`,
    kind: 'tampered',
    path: file,
    message: `The reference claim ${file} on the shared folder was refused: ${reason}. It does not count when the next reference is chosen (its number is skipped). Check it and delete it by hand.`,
  });
}

/**
 * Claims the next free reference of `year` on the share for a record and returns it; the caller stores it. A claim
 * this record already made (an attempt that stopped before the database heard of it) is found and reused, unless
 * its reference is one the record has given up (`released`, after a duplicate).
 */
export async function claimOnShare(ctx: SyncContext, recordId: string, year: number, released: readonly string[] = []): Promise<string> {
  const folder = referencesFolder(year);
  const pattern = ctx.who().referencePattern;
  await ctx.driver.ensureFolder(folder);
  const listing = await ctx.driver.list(folder);
  const numbers = (listing?.entries ?? []).flatMap((e) => {
    const number = e.kind === 'file' ? parseClaimName(e.name) : null;
    return number === null ? [] : [{ name: e.name, number }];
  });
  const localMax = localMaxNumber(ctx, year);
  const seen = seenUnder(ctx.db, folder);
  // Only valid claims move the numbering on; a file that is not one (garbage, a claim for another number) is
  // reported and skipped. Its name stays taken either way: exclusive create never writes over it.
  const counted: number[] = [];
  for (const { name, number } of numbers) {
    if (number <= localMax) continue;
    if (seen.has(name)) {
      counted.push(number);
      continue;
    }
    const check = await checkClaim(ctx, folder, name);
    if (check.state === 'empty') ctx.summary.skipped.push({ path: `${folder}/${name}`, reason: 'an empty claim (being written, or its writer stopped)' });
    if (check.state === 'invalid') invalidClaim(ctx, `${folder}/${name}`, check.reason);
    if (check.state !== 'valid') continue;
    counted.push(number);
    seen.set(name, JSON.stringify(check.claim));
    ctx.db.transaction(() => {
      closeConflictByKey(ctx.db, `tampered:${folder}/${name}`, 'a valid claim now', ctx.now());
      markSeen(ctx.db, `${folder}/${name}`, JSON.stringify(check.claim));
    })();
  }
  for (const [name, value] of seen) {
    if (parseClaimName(name) === null) continue;
    const claim = ClaimSchema.safeParse(parseJsonBytes(value)).data;
    if (claim?.recordId === recordId && !released.includes(claim.reference)) return claim.reference;
  }
  let number = Math.max(localMax, ...counted) + 1;
  for (let tries = 0; tries < MAX_TRIES; tries++, number++) {
    const reference = formatReference(pattern, { number, year });
    if (referenceOwner(ctx.db, reference)) continue;
    const claim: Claim = { format: CLAIM_FORMAT, recordId, reference, device: ctx.deviceName, claimedAt: ctx.now().toISOString() };
    const file = claimFile(year, number);
    if (!(await ctx.driver.createExclusive(file, jsonBytes(claim)))) continue;
    // Read back: on a share that only pretends to create exclusively, the file may already say someone else.
    if ((await readClaim(ctx, file))?.recordId !== recordId) continue;
    markSeen(ctx.db, file, JSON.stringify(claim));
    return reference;
  }
  throw new SyncError('io', `No free reference number was found in ${folder} after ${MAX_TRIES} tries.`, { path: folder });
}

/** Claims a reference for a record submitted while the share was out of reach, and gives it to the record. */
export async function claimQueued(ctx: SyncContext, item: OutboxItem): Promise<void> {
  const record = getRecord(ctx.db, item.recordId);
  if (!record || record.reference !== null || record.status === 'draft' || record.status === 'published') {
    finishItem(ctx.db, item);
    return;
  }
  const year = typeof item.payload.year === 'number' ? item.payload.year : ctx.now().getUTCFullYear();
  const released = Array.isArray(item.payload.released) ? item.payload.released.filter((r) => typeof r === 'string') : [];
  const reference = await claimOnShare(ctx, record.id, year, released);
  const who = ctx.who();
  const assigned = ctx.db.transaction(() => {
    const stored = assignReference(ctx.db, record.id, reference, who);
    // Out for signature, so it goes to the share now that it has its reference.
    if (stored) enqueue(ctx.db, 'handover', stored.id, who.now);
    finishItem(ctx.db, item);
    return stored;
  }).immediate();
  if (assigned) ctx.summary.claimed.push({ recordId: assigned.id, reference });
}

/**
 * Looks for claims the sync client kept twice: two records with one reference. A copy is recognised by what it is, a
 * file in a year's folder whose name is not exactly a canonical claim name, whatever the client made of it
 * ("0022-OPCC-PC-01.claim" from OneDrive, "0022 (conflicted copy …).claim" from Dropbox and Nextcloud,
 * "0022.sync-conflict-….claim" from Syncthing). Both records are reported by their ids; neither is changed.
 */
export async function scanClaims(ctx: SyncContext): Promise<void> {
  const years = await ctx.driver.list(REFERENCES);
  if (!years) return;
  for (const name of years.conflictCopies) conflictCopy(ctx, `${REFERENCES}/${name}`);
  for (const year of years.entries) {
    if (year.kind !== 'folder' || !/^\d{2}$/.test(year.name)) continue;
    const folder = `${REFERENCES}/${year.name}`;
    const listing = await ctx.driver.list(folder);
    if (!listing) continue;
    const copies = [
      ...listing.conflictCopies,
      ...listing.entries.filter((e) => e.kind === 'file' && parseClaimName(e.name) === null).map((e) => e.name),
    ];
    if (copies.length === 0) continue;
    const seen = seenUnder(ctx.db, folder);
    for (const copy of copies) {
      if (!seen.has(copy)) await reportDuplicateClaim(ctx, folder, copy);
    }
  }
}

async function reportDuplicateClaim(ctx: SyncContext, folder: string, copy: string): Promise<void> {
  const digits = /^(\d{4,6})/.exec(copy)?.[1];
  const original = digits ? `${String(Number(digits)).padStart(4, '0')}.claim` : null;
  const mine = await readClaim(ctx, `${folder}/${copy}`);
  const theirs = original ? await readClaim(ctx, `${folder}/${original}`).catch(() => null) : null;
  ctx.db.transaction(() => {
    if (mine && theirs && mine.recordId !== theirs.recordId) {
      const ids = [mine.recordId, theirs.recordId].sort();
      const local = ids.find((id) => getRecord(ctx.db, id)) ?? null;
      conflict(ctx, {
        key: `duplicate-reference:${theirs.reference}:${ids.join(':')}`,
        kind: 'duplicate-reference',
        recordId: local ?? ids[0],
        reference: theirs.reference,
        path: `${folder}/${copy}`,
        message: `Two records were given the reference ${theirs.reference} on different devices (the shared folder kept both claims). Both are kept; give one of them a new reference.`,
        detail: { recordIds: ids, local, claims: [theirs, mine] },
      });
    } else {
      conflictCopy(ctx, `${folder}/${copy}`);
    }
    markSeen(ctx.db, `${folder}/${copy}`, '');
  })();
}
