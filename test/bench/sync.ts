// The sync bench: a pass with nothing to do over a share of 10,000 published records, claiming a reference on it
// (the next number read from the database's 10,000 references and the year's claims), and publishing 200 decided
// records against the time their bundles take to make. Bundles come from a stand-in of realistic size (the real
// exports have their own bench), so the publish numbers measure what sync adds: writing, flushing, reading back,
// hashing and the database.

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type WritableDB } from '../../electron/core/db/connection.ts';
import { computeContentHash, type DecisionRecord, emptyContent, formatReference, RECORD_FORMAT } from '../../electron/core/domain/index.ts';
import type { BundleBuilder } from '../../electron/core/sync/context.ts';
import { createSyncEngine, type SyncEngine } from '../../electron/core/sync/engine.ts';
import {
  BUNDLE_FORMAT,
  bundleFileNames,
  bundleFolder,
  CLAIM_FORMAT,
  claimFile,
  jsonBytes,
  type Manifest,
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  RECORD_FILE,
  sha256,
} from '../../electron/core/sync/layout.ts';
import { publishedForm, storeRecord } from '../../electron/core/sync/records.ts';
import { queueSyncWork } from '../../electron/core/sync/index.ts';
import { signManifest } from '../../electron/core/trust/manifest.ts';
import { TEST_TEMPLATE, testOffice, testSignature, trustTestOffice } from '../helpers/trust.ts';
import { type BenchResult, elapsedMs, type Measurement, measurement, sample } from './stats.ts';

export interface SyncBenchOptions {
  /** Published records already on the share. */
  published: number;
  /** Decided records published in one pass. */
  publish: number;
}

const PATTERN = 'OPCC.D.{nnn}.{yy}';
const FIRST_YEAR = 2018;
const LAST_YEAR = 2026;
const ROLES = ['chief-finance-officer', 'chief-executive', 'commissioner'];
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** The real exports' targets (export bench: Word p50 < 25 ms, PDF p50 < 150 ms): what one bundle is allowed to take. */
const EXPORT_BUDGET_MS = 25 + 150;

const TARGETS = {
  noop: { stat: 'max', limit: 1_000 },
  // Submitting waits for the claim: it must feel immediate.
  claim: { stat: 'p50', limit: 100 },
  // Publishing stays under twice the time of exporting the bundles when what sync adds per record stays under
  // what the export itself may take.
  overhead: { stat: 'p50', limit: EXPORT_BUDGET_MS },
} as const satisfies Record<string, Measurement['target']>;

/** A stand-in for the exports with the sizes of a typical two-page record: a 120 KB PDF and a 30 KB Word file. */
function sizedBundle(): BundleBuilder {
  const fill = (size: number, seed: string) => {
    const bytes = new Uint8Array(size);
    const stamp = new TextEncoder().encode(seed);
    for (let i = 0; i < size; i++) bytes[i] = stamp[i % stamp.length]! ^ (i & 0xff);
    return bytes;
  };
  return async (record) => ({ pdf: fill(120_000, `${record.id}${record.contentHash}`), docx: fill(30_000, record.id) });
}

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

function decidedRecord(reference: string, year: number, index: number): DecisionRecord {
  const at = new Date(Date.UTC(year, 0, 1) + index * 3_600_000).toISOString();
  const record: DecisionRecord = {
    format: RECORD_FORMAT,
    id: randomUUID(),
    reference,
    ...emptyContent('kent'),
    originator: 'Chief Executive',
    title: `Decision ${index} of ${year}`,
    executiveSummary: 'The panel recommends the contract for **three years**.',
    recommendation: 'That the Commissioner approves the contract.',
    decision: 'I approve the contract.',
    signOffs: [],
    status: 'decided',
    revision: 6,
    contentHash: '',
    createdAt: at,
    updatedAt: at,
  };
  record.contentHash = computeContentHash(record);
  // Signed with the test office's keys, as a tablet enrolled in it would: every device's gate checks them.
  record.signOffs = ROLES.map((role) => {
    const signOff = { role, name: `${role} holder`, comments: '' };
    return { ...signOff, signature: testSignature(record, signOff, { signedBy: signOff.name, signedAt: at, device: 'Tablet', image: PNG }) };
  });
  return record;
}

/** Lays out published bundles and their claims the way devices would have left them (plain writes, for speed). */
async function populateShare(share: string, count: number, bundle: BundleBuilder): Promise<void> {
  const now = new Date('2026-06-01T12:00:00.000Z');
  fs.writeFileSync(path.join(share, 'decision-desk.json'), jsonBytes({ format: 'decision-desk/share@1' }));
  const perYear = Math.ceil(count / (LAST_YEAR - FIRST_YEAR + 1));
  for (let i = 0; i < count; i++) {
    const year = FIRST_YEAR + Math.floor(i / perYear);
    const number = (i % perYear) + 1;
    const reference = formatReference(PATTERN, { number, year });
    const published = publishedForm(decidedRecord(reference, year, number), now);
    const { pdf, docx } = await bundle(published);
    const names = bundleFileNames(reference);
    const files = [
      { name: names.pdf, bytes: pdf },
      { name: names.docx, bytes: docx },
      { name: RECORD_FILE, bytes: jsonBytes(published) },
    ];
    const manifest: Manifest = {
      format: BUNDLE_FORMAT,
      recordId: published.id,
      reference,
      revision: published.revision,
      contentHash: published.contentHash,
      classification: 'open',
      appVersion: 'bench',
      publishedAt: published.updatedAt,
      device: 'Laptop',
      files: files.map((f) => ({ name: f.name, sha256: sha256(f.bytes), bytes: f.bytes.length })),
    };
    const folder = path.join(share, bundleFolder('decisions', year, reference));
    fs.mkdirSync(folder, { recursive: true });
    const manifestBytes = jsonBytes(manifest);
    const signature = { name: MANIFEST_SIGNATURE_FILE, bytes: signManifest(manifestBytes, testOffice.publisher) };
    for (const file of [...files, signature, { name: MANIFEST_FILE, bytes: manifestBytes }]) fs.writeFileSync(path.join(folder, file.name), file.bytes);
    const claim = path.join(share, claimFile(year, number));
    fs.mkdirSync(path.dirname(claim), { recursive: true });
    fs.writeFileSync(claim, jsonBytes({ format: CLAIM_FORMAT, recordId: published.id, reference, device: 'Laptop', claimedAt: published.createdAt }));
  }
}

async function device(dataDir: string, share: string, name: string, bundle: BundleBuilder): Promise<{ db: WritableDB; engine: SyncEngine }> {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = await openDatabase(path.join(dataDir, 'decision-desk.sqlite'));
  await trustTestOffice(db, { enrol: false });
  const template = { numbering: TEST_TEMPLATE.numbering, signatories: TEST_TEMPLATE.signatories, sealFingerprint: TEST_TEMPLATE.sealFingerprint };
  const engine = createSyncEngine({
    db,
    publisher: () => testOffice.publisher,
    settings: () => ({ deviceName: name, userName: 'bench', sharedFolder: share, template }),
    bundle,
    appVersion: 'bench',
    watch: null,
  });
  return { db, engine };
}

export async function syncBench(options: SyncBenchOptions): Promise<BenchResult> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'decision-desk-bench-sync-'));
  const share = path.join(root, 'share');
  fs.mkdirSync(share);
  const bundle = sizedBundle();
  const measurements: Measurement[] = [];
  const facts: Record<string, number | string> = { published: options.published, publish: options.publish, bundle: 'stand-in, 120 KB PDF + 30 KB DOCX' };
  try {
    let start = process.hrtime.bigint();
    await populateShare(share, options.published, bundle);
    facts.populateSeconds = Math.round(elapsedMs(start)) / 1000;

    const reader = await device(path.join(root, 'desktop'), share, 'Desktop', bundle);
    try {
      // The first pass reads and verifies every bundle once; the ones after it read none of them again.
      start = process.hrtime.bigint();
      const first = await reader.engine.pass();
      if (!first.ok || first.received.length !== options.published) throw new Error(`the first pass imported ${first.received.length}: ${first.error?.message ?? ''}`);
      facts.firstPassSeconds = Math.round(elapsedMs(start)) / 1000;
      const noop = await sample(10, 2, () => undefined, async () => {
        const summary = await reader.engine.pass();
        if (!summary.ok || summary.received.length > 0) throw new Error('a pass with nothing to do did something');
      });
      measurements.push(
        measurement('sync.noopPass', `pass with nothing to do, ${options.published.toLocaleString('en-GB')} published`, noop, TARGETS.noop),
      );
      const who = { actor: 'bench', device: 'Desktop', numbering: TEST_TEMPLATE.numbering, now: new Date('2026-06-01T10:00:00.000Z') };
      const claims = await sample(20, 3, () => reader.db.transaction(() => storeRecord(reader.db, draftRecord(), 'created', 'created', {}, who))(), async (draft) => {
        const claim = await reader.engine.claimReference(draft.id, { year: LAST_YEAR, month: 6 });
        if (!('reference' in claim)) throw new Error('the claim was queued: the share was not reached');
      });
      measurements.push(measurement('sync.claim', `claim the next reference, ${options.published.toLocaleString('en-GB')} references held`, claims, TARGETS.claim));
    } finally {
      reader.db.close();
    }

    const publisher = await device(path.join(root, 'laptop'), share, 'Laptop', bundle);
    try {
      // This device has seen the register already: the timed pass is the publishing, not a first import.
      start = process.hrtime.bigint();
      await publisher.engine.pass();
      facts.warmUpSeconds = Math.round(elapsedMs(start)) / 1000;
      const now = new Date('2027-02-01T10:00:00.000Z');
      const who = { actor: 'bench', device: 'Laptop', numbering: { series: [{ id: 'main', label: 'Decisions', pattern: PATTERN, reset: 'year' as const }] }, now };
      const decided = Array.from({ length: options.publish }, (_, i) => decidedRecord(formatReference(PATTERN, { number: i + 1, year: 2027 }), 2027, i + 1));
      publisher.db.transaction(() => {
        for (const record of decided) {
          storeRecord(publisher.db, record, 'imported', 'imported', {}, who);
          queueSyncWork(publisher.db, 'publish', record.id, now);
        }
      })();
      start = process.hrtime.bigint();
      for (const record of decided) await bundle(publishedForm(record, now));
      const exportMs = elapsedMs(start);
      start = process.hrtime.bigint();
      const summary = await publisher.engine.pass();
      const publishMs = elapsedMs(start);
      if (summary.published.length !== options.publish) throw new Error(`published ${summary.published.length} of ${options.publish}`);
      facts.publishSeconds = Math.round(publishMs) / 1000;
      facts.bundlesOnlySeconds = Math.round(exportMs) / 1000;
      const perRecord = (publishMs - exportMs) / options.publish;
      measurements.push(
        measurement('sync.publishOverhead', `publish ${options.publish} decided: sync's share per record`, [perRecord], TARGETS.overhead, `${Math.round(publishMs)} ms in all; the real export may take ${EXPORT_BUDGET_MS} ms a record`),
      );
    } finally {
      publisher.db.close();
    }
    return { name: 'sync', measurements, facts };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
