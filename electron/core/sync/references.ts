// Reference claims: the next number of a series in its period taken by exclusive create of
// references/<yy>/<nnnn>.claim (the main series) or references/<series>/<period>/<nnnn>.claim, and the duplicates
// OneDrive lets through reported (two PCs can both "create" one file in a synced folder).

import {
  type Day,
  dayOf,
  formatSeriesReference,
  type Numbering,
  parsePattern,
  type Period,
  periodKey,
  periodOf,
  type Series,
  seriesOf,
} from '../domain/index.ts';
import { getRecord, highestNumber, referenceOwner } from '../db/records.ts';
import { conflict, conflictCopy, type SyncContext } from './context.ts';
import { SyncError } from './errors.ts';
import {
  type Claim,
  CLAIM_FORMAT,
  claimFileIn,
  ClaimSchema,
  claimsFolder,
  jsonBytes,
  parseClaimName,
  parseJsonBytes,
  PERIOD_CLAIMS_FOLDER,
  READ_LIMITS,
  REFERENCES,
  SERIES_CLAIMS_FOLDER,
  YEAR_CLAIMS_FOLDER,
} from './layout.ts';
import { readAtMost } from './pending.ts';
import { assignReference } from './records.ts';
import { closeConflictByKey, enqueue, finishItem, markSeen, type OutboxItem, seenUnder } from '../db/sync.ts';

const MAX_TRIES = 1_000;

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

/** Where one series' claims for one period go on the share. */
export interface ClaimPlace {
  folder: string;
  series: Pick<Series, 'id' | 'pattern' | 'reset'>;
  period: Period;
}

/** The place a record's claim goes: its series (the office's first if it names none) and the period `day` falls in. */
export function claimPlace(numbering: Pick<Numbering, 'series'>, seriesId: string | undefined, day: Day): ClaimPlace {
  const series = seriesOf(numbering, seriesId);
  const period = periodOf(series.reset, day);
  return { folder: claimsFolder(series, period), series, period };
}

/**
 * Reads the claim `<place.folder>/<name>` and decides, from what is known here, whether it is a claim at all: it must
 * be small, parse as a claim, and name the reference its file name and folder give under the series' pattern (that
 * number, in that period). Whose record it names is not checked: a claim by another device for a record this device
 * has not received yet is valid.
 */
export async function checkClaim(ctx: SyncContext, place: ClaimPlace, name: string): Promise<ClaimCheck> {
  const bytes = await readAtMost(ctx, `${place.folder}/${name}`, READ_LIMITS.claim);
  if (!bytes) return { state: 'invalid', reason: `it is larger than a claim can be (${READ_LIMITS.claim / 1024} KB)` };
  if (bytes.length === 0) return { state: 'empty' };
  const parsed = ClaimSchema.safeParse(parseJsonBytes(bytes));
  if (!parsed.success)
    return { state: 'invalid', reason: 'it is not a Decision Desk claim (not JSON, or not in the claim format)' };
  const parts = parsePattern(place.series.pattern, parsed.data.reference);
  const inPeriod =
    parts !== null &&
    (place.series.reset === 'never' || parts.year !== null) &&
    periodKey(place.series.reset, parts.year) === place.period.key;
  if (!parts || !inPeriod || parts.number !== parseClaimName(name)) {
    return {
      state: 'invalid',
      reason: `it claims ${parsed.data.reference.slice(0, 60)}, which is not the reference its file name stands for`,
    };
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
 * Claims the next free reference of the record's series in the period `day` falls in, on the share, and returns it;
 * the caller stores it. A claim this record already made (an attempt that stopped before the database heard of it) is
 * found and reused, unless its reference is one the record has given up (`released`, after a duplicate).
 */
export async function claimOnShare(
  ctx: SyncContext,
  recordId: string,
  day: Day,
  released: readonly string[] = [],
): Promise<string> {
  const numbering = ctx.who().numbering;
  const place = claimPlace(numbering, getRecord(ctx.db, recordId)?.series, day);
  const { folder, series } = place;
  await ctx.driver.ensureFolder(folder);
  const listing = await ctx.driver.list(folder);
  const numbers = (listing?.entries ?? []).flatMap((e) => {
    const number = e.kind === 'file' ? parseClaimName(e.name) : null;
    return number === null ? [] : [{ name: e.name, number }];
  });
  const localMax = highestNumber(ctx.db, numbering, series.id, place.period.key);
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
    const check = await checkClaim(ctx, place, name);
    if (check.state === 'empty')
      ctx.summary.skipped.push({
        path: `${folder}/${name}`,
        reason: 'an empty claim (being written, or its writer stopped)',
      });
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
    const reference = formatSeriesReference(series, number, day);
    if (referenceOwner(ctx.db, reference)) continue;
    const claim: Claim = {
      format: CLAIM_FORMAT,
      recordId,
      reference,
      device: ctx.deviceName,
      claimedAt: ctx.now().toISOString(),
    };
    const file = claimFileIn(folder, number);
    if (!(await ctx.driver.createExclusive(file, jsonBytes(claim)))) continue;
    // Read back: on a share that only pretends to create exclusively, the file may already say someone else.
    if ((await readClaim(ctx, file))?.recordId !== recordId) continue;
    markSeen(ctx.db, file, JSON.stringify(claim));
    return reference;
  }
  throw new SyncError('io', `No free reference number was found in ${folder} after ${MAX_TRIES} tries.`, {
    path: folder,
  });
}

/**
 * The day a queued claim was asked for: its year and month as queued. A claim queued before claims had a month knew
 * only its year (every series then restarted on 1 January); its month is taken as the last of that year, or today's
 * in this year.
 */
function queuedDay(payload: Record<string, unknown>, now: Date): Day {
  const today = dayOf(now);
  const year = typeof payload.year === 'number' && Number.isInteger(payload.year) ? payload.year : today.year;
  const month =
    typeof payload.month === 'number' && Number.isInteger(payload.month) && payload.month >= 1 && payload.month <= 12
      ? payload.month
      : year === today.year
        ? today.month
        : 12;
  return { year, month };
}

/** Claims a reference for a record submitted while the share was out of reach, and gives it to the record. */
export async function claimQueued(ctx: SyncContext, item: OutboxItem): Promise<void> {
  const record = getRecord(ctx.db, item.recordId);
  if (!record || record.reference !== null || record.status === 'draft' || record.status === 'published') {
    finishItem(ctx.db, item);
    return;
  }
  const released = Array.isArray(item.payload.released)
    ? item.payload.released.filter((r) => typeof r === 'string')
    : [];
  const reference = await claimOnShare(ctx, record.id, queuedDay(item.payload, ctx.now()), released);
  const who = ctx.who();
  const assigned = ctx.db
    .transaction(() => {
      const stored = assignReference(ctx.db, record.id, reference, who);
      // Out for signature, so it goes to the share now that it has its reference.
      if (stored) enqueue(ctx.db, 'handover', stored.id, who.now);
      finishItem(ctx.db, item);
      return stored;
    })
    .immediate();
  if (assigned) ctx.summary.claimed.push({ recordId: assigned.id, reference });
}

/**
 * Looks for claims the sync client kept twice: two records with one reference. A copy is recognised by what it is, a
 * file in a year's folder whose name is not exactly a canonical claim name, whatever the client made of it
 * ("0022-OPCC-PC-01.claim" from OneDrive, "0022 (conflicted copy …).claim" from Dropbox and Nextcloud,
 * "0022.sync-conflict-….claim" from Syncthing). Both records are reported by their ids; neither is changed.
 */
export async function scanClaims(ctx: SyncContext): Promise<void> {
  for (const folder of await claimFolders(ctx)) {
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

/**
 * The folders of claims on the share: references/<yy>/ and references/<series>/<period>/. A conflict copy of a folder
 * is reported; other names are not claims' folders and are left alone.
 */
async function claimFolders(ctx: SyncContext): Promise<string[]> {
  const top = await ctx.driver.list(REFERENCES);
  if (!top) return [];
  for (const name of top.conflictCopies) conflictCopy(ctx, `${REFERENCES}/${name}`);
  const folders: string[] = [];
  for (const entry of top.entries) {
    if (entry.kind !== 'folder') continue;
    if (YEAR_CLAIMS_FOLDER.test(entry.name)) folders.push(`${REFERENCES}/${entry.name}`);
    else if (SERIES_CLAIMS_FOLDER.test(entry.name)) {
      const series = `${REFERENCES}/${entry.name}`;
      const periods = await ctx.driver.list(series);
      if (!periods) continue;
      for (const name of periods.conflictCopies) conflictCopy(ctx, `${series}/${name}`);
      for (const period of periods.entries) {
        if (period.kind === 'folder' && PERIOD_CLAIMS_FOLDER.test(period.name))
          folders.push(`${series}/${period.name}`);
      }
    }
  }
  return folders;
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
