// Withdrawals on the share: a decided record withdrawn on one device is withdrawn on every device, so that whichever
// device next makes the publication pack shows it withdrawn.
//
// A bundle is written once and never changed, so a withdrawal after publication travels as a notice of its own:
//   <share>/withdrawals/<record-id>.json               { format, recordId, reference, contentHash, withdrawal }
//   <share>/withdrawals/<record-id>.sig.json           its signature by a publishing key the office seal certified
//   <share>/confidential/withdrawals/…                 the same for a confidential record
// written once (exclusive create) by a device that can publish, and believed by every device only when its signature
// holds and it names a record the device holds, decided, with the same content hash. Anyone can write the share: a
// notice that fails any of this is reported and never applied.

import { z } from 'zod';
import { ContentHash, type DecisionRecord, RecordId, ReferenceSchema, WithdrawalSchema } from '../domain/index.ts';
import { getRecord, withdrawnRecords } from '../db/records.ts';
import { conflict, type SyncContext } from './context.ts';
import { SyncError } from './errors.ts';
import { jsonBytes, parseJsonBytes, READ_LIMITS, sha256 } from './layout.ts';
import { readAtMost } from './pending.ts';
import { storeRecord } from './records.ts';
import { markSeen, seenUnder } from '../db/sync.ts';

export const WITHDRAWAL_FORMAT = 'decision-desk/withdrawal@1';
export const WITHDRAWAL_AREAS = ['withdrawals', 'confidential/withdrawals'] as const;

const NoticeSchema = z.strictObject({
  format: z.literal(WITHDRAWAL_FORMAT),
  recordId: RecordId,
  reference: ReferenceSchema,
  contentHash: ContentHash,
  withdrawal: WithdrawalSchema,
});
type Notice = z.infer<typeof NoticeSchema>;

const areaOf = (record: Pick<DecisionRecord, 'classification'>) =>
  record.classification === 'confidential' ? WITHDRAWAL_AREAS[1] : WITHDRAWAL_AREAS[0];
const NOTICE_NAME = /^([0-9a-f-]{36})\.json$/;

/** Writes a notice for each record withdrawn on this device that the share does not have yet. */
export async function pushWithdrawals(ctx: SyncContext): Promise<void> {
  const seen = new Map(WITHDRAWAL_AREAS.map((area) => [area, seenUnder(ctx.db, area)]));
  for (const record of withdrawnRecords(ctx.db)) {
    const area = areaOf(record);
    const path = `${area}/${record.id}.json`;
    if (seen.get(area)!.has(`${record.id}.json`)) continue;
    const notice: Notice = {
      format: WITHDRAWAL_FORMAT,
      recordId: record.id,
      reference: record.reference!,
      contentHash: record.contentHash,
      withdrawal: record.withdrawal!,
    };
    const bytes = jsonBytes(notice);
    // A device that cannot publish leaves the notice to one that can (it has the withdrawn record once it syncs).
    const signature = ctx.signManifest(bytes);
    if (!signature) continue;
    await ctx.driver.ensureFolder(area);
    // The signature first: a notice is never there without it. Another device's notice for the record stands.
    await ctx.driver.writeOnce(`${area}/${record.id}.sig.json`, signature);
    await ctx.driver.writeOnce(path, bytes);
    markSeen(ctx.db, path, sha256(bytes));
  }
}

/** Applies the notices other devices wrote: new ones only, each checked before it is believed. */
export async function pullWithdrawals(ctx: SyncContext): Promise<void> {
  for (const area of WITHDRAWAL_AREAS) {
    let listing;
    try {
      listing = await ctx.driver.list(area);
    } catch (error) {
      // The confidential area may be closed to this user on purpose.
      if (area !== 'withdrawals' && error instanceof SyncError && error.reason === 'permission-denied') continue;
      throw error;
    }
    if (!listing) continue;
    const seen = seenUnder(ctx.db, area);
    const files = new Set(listing.entries.filter((e) => e.kind === 'file').map((e) => e.name));
    for (const name of files) {
      const match = NOTICE_NAME.exec(name);
      if (!match || seen.has(name)) continue;
      // Its signature is written first, but a sync client may bring the two in either order: until it is here the
      // notice waits, unread and unbelieved, and is looked at again next pass.
      if (!files.has(`${match[1]}.sig.json`)) {
        ctx.summary.skipped.push({ path: `${area}/${name}`, reason: 'its signature has not arrived' });
        continue;
      }
      await pullNotice(ctx, area, match[1]!);
    }
  }
}

async function pullNotice(ctx: SyncContext, area: string, recordId: string): Promise<void> {
  const path = `${area}/${recordId}.json`;
  const refuse = (why: string, bytes: Uint8Array | null) =>
    ctx.db.transaction(() => {
      conflict(ctx, {
        key: `tampered:${path}`,
        kind: 'tampered',
        recordId: getRecord(ctx.db, recordId) ? recordId : null,
        path,
        message: `The withdrawal notice ${path} on the shared folder was refused: ${why}. Nothing was withdrawn.`,
      });
      markSeen(ctx.db, path, bytes ? sha256(bytes) : 'unread');
    })();
  const bytes = await readAtMost(ctx, path, READ_LIMITS.manifest);
  if (!bytes) return refuse('it is larger than a notice can be', null);
  const parsed = NoticeSchema.safeParse(parseJsonBytes(bytes));
  if (!parsed.success || parsed.data.recordId !== recordId) return refuse('it is not a valid withdrawal notice', bytes);
  const notice = parsed.data;
  const signature = await readAtMost(ctx, `${area}/${recordId}.sig.json`, READ_LIMITS.manifest);
  const unsigned = ctx.gate.manifest(bytes, signature, notice.withdrawal.at, { kind: 'bundle', path });
  if (unsigned) return refuse(unsigned, bytes);
  const record = getRecord(ctx.db, recordId);
  // The bundle not here yet (still arriving, or in an area this device cannot read): tried again next pass.
  if (!record || (record.status !== 'decided' && record.status !== 'published')) return;
  if (record.contentHash !== notice.contentHash || record.reference !== notice.reference) {
    return refuse(`it names a version of ${record.reference ?? 'this record'} that is not the one decided`, bytes);
  }
  const who = ctx.who();
  ctx.db.transaction(() => {
    if (!record.withdrawal) {
      const withdrawn = {
        ...record,
        withdrawal: notice.withdrawal,
        revision: record.revision + 1,
        updatedAt: who.now.toISOString(),
      };
      storeRecord(
        ctx.db,
        withdrawn,
        'workflow',
        'withdrawn',
        { reason: notice.withdrawal.reason, name: notice.withdrawal.by, path },
        who,
      );
    }
    markSeen(ctx.db, path, sha256(bytes));
  })();
}
