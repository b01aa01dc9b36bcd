// Reference claims: the next number of the year taken by exclusive create of references/<yy>/<nnnn>.claim, and
// the duplicates OneDrive lets through reported (two PCs can both "create" one file in a synced folder).

import { formatReference } from '../domain/index.ts';
import { getRecord, referenceOwner } from '../db/records.ts';
import { prepared } from '../db/statements.ts';
import { conflict, conflictCopy, type SyncContext } from './context.ts';
import { SyncError } from './errors.ts';
import { type Claim, CLAIM_FORMAT, claimFile, ClaimSchema, jsonBytes, parseClaimName, parseJsonBytes, REFERENCES, referencesFolder } from './layout.ts';
import { assignReference } from './records.ts';
import { enqueue, finishItem, markSeen, type OutboxItem, seenUnder } from './store.ts';

const MAX_TRIES = 1_000;

function localMaxNumber(ctx: SyncContext, year: number): number {
  const row = prepared(ctx.db, 'SELECT max(ref_number) AS n FROM records WHERE ref_year = ?').get(year) as { n: number | null };
  return row.n ?? 0;
}

async function readClaim(ctx: SyncContext, file: string): Promise<Claim | null> {
  const parsed = ClaimSchema.safeParse(parseJsonBytes(await ctx.driver.read(file)));
  return parsed.success ? parsed.data : null;
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
  for (const { name, number } of numbers) {
    if (number <= localMax || seen.has(name)) continue;
    const claim = await readClaim(ctx, `${folder}/${name}`);
    // An empty claim is one being written, or one whose writer crashed: its number stays taken either way.
    if (!claim) continue;
    seen.set(name, JSON.stringify(claim));
    markSeen(ctx.db, `${folder}/${name}`, JSON.stringify(claim));
  }
  for (const [name, value] of seen) {
    if (parseClaimName(name) === null) continue;
    const claim = ClaimSchema.safeParse(parseJsonBytes(value)).data;
    if (claim?.recordId === recordId && !released.includes(claim.reference)) return claim.reference;
  }
  let number = Math.max(localMax, ...numbers.map((n) => n.number)) + 1;
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
 * Looks for claims the sync client kept twice ("0022-LAPTOP-X.claim" beside "0022.claim"): two records with one
 * reference. Both are reported by their record ids; neither is changed.
 */
export async function scanClaims(ctx: SyncContext): Promise<void> {
  const years = await ctx.driver.list(REFERENCES);
  if (!years) return;
  for (const name of years.conflictCopies) conflictCopy(ctx, `${REFERENCES}/${name}`);
  for (const year of years.entries) {
    if (year.kind !== 'folder' || !/^\d{2}$/.test(year.name)) continue;
    const folder = `${REFERENCES}/${year.name}`;
    const listing = await ctx.driver.list(folder);
    if (!listing || listing.conflictCopies.length === 0) continue;
    const seen = seenUnder(ctx.db, folder);
    for (const copy of listing.conflictCopies) {
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
