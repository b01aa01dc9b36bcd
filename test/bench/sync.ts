// The sync bench: a pass with nothing to do over a share of 10,000 published records, claiming a reference on it
// (the next number read from the database's 10,000 references and the year's claims), and publishing 200 decided
// records against the time their bundles take to make. Bundles come from a stand-in of realistic size (the real
// exports have their own bench), so the publish numbers measure what sync adds: writing, flushing, reading back,
// hashing and the database.
//
// The slow-share rows run the same passes through a wrapper that waits 20 ms before every file operation, as an SMB
// share over a VPN or a OneDrive folder does, and count the operations: a pass with nothing to do, receiving one
// record another device published, and publishing one.

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  computeContentHash,
  type DecisionRecord,
  emptyContent,
  formatReference,
  RECORD_FORMAT,
} from '../../electron/core/domain/index.ts';
import { nodeShareFs } from '../../electron/core/sync/driver.ts';
import { queueSyncWork } from '../../electron/core/sync/index.ts';
import { publishedForm, storeRecord } from '../../electron/core/sync/records.ts';
import {
  decidedRecord,
  device,
  LAST_YEAR,
  PATTERN,
  populateShare,
  sizedBundle,
  writeBundle,
} from '../helpers/published-share.ts';
import { slowShare } from '../helpers/slow-share.ts';
import { TEST_TEMPLATE } from '../helpers/trust.ts';
import { type BenchResult, elapsedMs, type Measurement, measurement, sampleTimings, Timings } from './stats.ts';

export interface SyncBenchOptions {
  /** Published records already on the share. */
  published: number;
  /** Decided records published in one pass. */
  publish: number;
}

/** The real exports' targets (export bench: Word p50 < 25 ms, PDF p50 < 150 ms): what one bundle is allowed to take. */
const EXPORT_BUDGET_MS = 25 + 150;

/** What a file operation costs on an SMB share over a VPN or in a OneDrive folder (5 to 50 ms). */
const SLOW_SHARE_MS = 20;

const TARGETS = {
  noop: { stat: 'max', limit: 1_000 },
  // Submitting waits for the claim: it must feel immediate.
  claim: { stat: 'p50', limit: 100 },
  // Publishing stays under twice the time of exporting the bundles when what sync adds per record stays under
  // what the export itself may take.
  overhead: { stat: 'p50', limit: EXPORT_BUDGET_MS },
} as const satisfies Record<string, Measurement['target']>;

function draftRecord(): DecisionRecord {
  const at = new Date('2026-06-01T09:00:00.000Z').toISOString();
  const record: DecisionRecord = {
    format: RECORD_FORMAT,
    id: randomUUID(),
    reference: null,
    ...emptyContent('kent'),
    title: 'A draft about to be submitted',
    signOffs: [],
    status: 'draft',
    revision: 1,
    contentHash: '',
    createdAt: at,
    updatedAt: at,
  };
  record.contentHash = computeContentHash(record);
  return record;
}

/** What one kind of pass cost on the slow share: the most operations any run of it made. */
function operationsNote(counts: number[]): string {
  return `${Math.max(...counts)} share operations at ${SLOW_SHARE_MS} ms each`;
}

export async function syncBench(options: SyncBenchOptions): Promise<BenchResult> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'decision-desk-bench-sync-'));
  const share = path.join(root, 'share');
  fs.mkdirSync(share);
  const bundle = sizedBundle();
  const measurements: Measurement[] = [];
  const facts: Record<string, number | string> = {
    published: options.published,
    publish: options.publish,
    bundle: 'stand-in, 120 KB PDF + 30 KB DOCX',
    slowShareMs: SLOW_SHARE_MS,
  };
  const published = options.published.toLocaleString('en-GB');
  try {
    let start = process.hrtime.bigint();
    await populateShare(share, options.published, bundle);
    facts.populateSeconds = Math.round(elapsedMs(start)) / 1000;

    // Both devices reach the share through a wrapper that counts every file operation and, for the slow-share rows,
    // waits SLOW_SHARE_MS before each one, as an SMB share over a VPN or a OneDrive folder does.
    const readerShare = slowShare(nodeShareFs, 0);
    const reader = await device(path.join(root, 'desktop'), share, 'Desktop', bundle, readerShare.fs);
    try {
      // The first pass reads and verifies every bundle once; the ones after it read none of them again.
      start = process.hrtime.bigint();
      const first = await reader.engine.pass();
      if (!first.ok || first.received.length !== options.published)
        throw new Error(`the first pass imported ${first.received.length}: ${first.error?.message ?? ''}`);
      facts.firstPassSeconds = Math.round(elapsedMs(start)) / 1000;
      const noop = await sampleTimings(
        10,
        2,
        () => undefined,
        async () => {
          const summary = await reader.engine.pass();
          if (!summary.ok || summary.received.length > 0) throw new Error('a pass with nothing to do did something');
        },
      );
      measurements.push(
        measurement('sync.noopPass', `pass with nothing to do, ${published} published`, noop, TARGETS.noop),
      );

      readerShare.delayMs = SLOW_SHARE_MS;
      const noopOps: number[] = [];
      const slowNoop = await sampleTimings(
        5,
        1,
        () => readerShare.reset(),
        async () => {
          const summary = await reader.engine.pass();
          if (!summary.ok || summary.received.length > 0) throw new Error('a pass with nothing to do did something');
          noopOps.push(readerShare.total());
        },
      );
      measurements.push(
        measurement(
          'sync.slow.noopPass',
          `slow share: pass with nothing to do, ${published} published`,
          slowNoop,
          TARGETS.noop,
          operationsNote(noopOps),
        ),
      );
      facts.slowNoopOperations = Math.max(...noopOps);

      // Another device publishes one record; this one receives it in its next pass.
      let next = 9_000;
      const receiveOps: number[] = [];
      const receive = await sampleTimings(
        3,
        0,
        async () => {
          readerShare.delayMs = 0;
          await writeBundle(share, LAST_YEAR, next++, bundle);
          readerShare.delayMs = SLOW_SHARE_MS;
          readerShare.reset();
        },
        async () => {
          const summary = await reader.engine.pass();
          if (!summary.ok || summary.received.length !== 1)
            throw new Error(
              `receiving one record received ${summary.received.length}: ${summary.error?.message ?? ''}`,
            );
          receiveOps.push(readerShare.total());
        },
      );
      measurements.push(
        measurement(
          'sync.slow.receiveOne',
          `slow share: receive one new record, ${published} published`,
          receive,
          null,
          operationsNote(receiveOps),
        ),
      );
      facts.slowReceiveOperations = Math.max(...receiveOps);
      readerShare.delayMs = 0;

      const who = {
        actor: 'bench',
        device: 'Desktop',
        numbering: TEST_TEMPLATE.numbering,
        now: new Date('2026-06-01T10:00:00.000Z'),
      };
      const claims = await sampleTimings(
        20,
        3,
        () => reader.db.transaction(() => storeRecord(reader.db, draftRecord(), 'created', 'created', {}, who))(),
        async (draft) => {
          const claim = await reader.engine.claimReference(draft.id, { year: LAST_YEAR, month: 6 });
          if (!('reference' in claim)) throw new Error('the claim was queued: the share was not reached');
        },
      );
      measurements.push(
        measurement('sync.claim', `claim the next reference, ${published} references held`, claims, TARGETS.claim),
      );
    } finally {
      reader.db.close();
    }

    const publisherShare = slowShare(nodeShareFs, 0);
    const publisher = await device(path.join(root, 'laptop'), share, 'Laptop', bundle, publisherShare.fs);
    try {
      // This device has seen the register already: the timed pass is the publishing, not a first import.
      start = process.hrtime.bigint();
      await publisher.engine.pass();
      facts.warmUpSeconds = Math.round(elapsedMs(start)) / 1000;
      const now = new Date('2027-02-01T10:00:00.000Z');
      const who = {
        actor: 'bench',
        device: 'Laptop',
        numbering: { series: [{ id: 'main', label: 'Decisions', pattern: PATTERN, reset: 'year' as const }] },
        now,
      };
      const decided = Array.from({ length: options.publish + 3 }, (_, i) =>
        decidedRecord(formatReference(PATTERN, { number: i + 1, year: 2027 }), 2027, i + 1),
      );
      publisher.db.transaction(() => {
        for (const record of decided) storeRecord(publisher.db, record, 'imported', 'imported', {}, who);
        for (const record of decided.slice(0, options.publish)) queueSyncWork(publisher.db, 'publish', record.id, now);
      })();
      start = process.hrtime.bigint();
      for (const record of decided.slice(0, options.publish)) await bundle(publishedForm(record, now));
      const exportMs = elapsedMs(start);
      const batch = new Timings();
      const summary = await batch.time(() => publisher.engine.pass());
      const publishMs = batch.wall[0]!;
      if (summary.published.length !== options.publish)
        throw new Error(`published ${summary.published.length} of ${options.publish}`);
      facts.publishSeconds = Math.round(publishMs) / 1000;
      facts.publishCpuSeconds = Math.round(batch.cpu[0]!) / 1000;
      facts.bundlesOnlySeconds = Math.round(exportMs) / 1000;
      const perRecord = (publishMs - exportMs) / options.publish;
      measurements.push(
        measurement(
          'sync.publishOverhead',
          `publish ${options.publish} decided: sync's share per record`,
          [perRecord],
          TARGETS.overhead,
          `${Math.round(publishMs)} ms in all (CPU ${Math.round(batch.cpu[0]!)} ms); the real export may take ${EXPORT_BUDGET_MS} ms a record`,
        ),
      );

      publisherShare.delayMs = SLOW_SHARE_MS;
      const publishOps: number[] = [];
      const queued = decided.slice(options.publish);
      const publishOne = await sampleTimings(
        queued.length,
        0,
        () => {
          const record = queued.shift()!;
          queueSyncWork(publisher.db, 'publish', record.id, now);
          publisherShare.reset();
        },
        async () => {
          const one = await publisher.engine.pass();
          if (one.published.length !== 1)
            throw new Error(`publishing one record published ${one.published.length}: ${one.error?.message ?? ''}`);
          publishOps.push(publisherShare.total());
        },
      );
      measurements.push(
        measurement(
          'sync.slow.publishOne',
          `slow share: publish one decided record, ${published} published`,
          publishOne,
          null,
          operationsNote(publishOps),
        ),
      );
      facts.slowPublishOperations = Math.max(...publishOps);
    } finally {
      publisher.db.close();
    }
    return { name: 'sync', measurements, facts };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
