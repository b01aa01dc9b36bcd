// A shared folder as other devices leave it after years of publishing: signed bundles and their claims, laid out
// with plain writes (fast enough for tens of thousands), and a device (its own database and sync engine) over it.
// For the sync bench and the tests that count what a pass costs.

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type WritableDB } from '../../electron/core/db/connection.ts';
import {
  computeContentHash,
  type DecisionRecord,
  emptyContent,
  formatReference,
  RECORD_FORMAT,
} from '../../electron/core/domain/index.ts';
import type { BundleBuilder } from '../../electron/core/sync/context.ts';
import { createShareDriver, type ShareFs } from '../../electron/core/sync/driver.ts';
import { createSyncEngine, type SyncEngine } from '../../electron/core/sync/engine.ts';
import {
  bundleFolder,
  CLAIM_FORMAT,
  claimFile,
  jsonBytes,
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
} from '../../electron/core/sync/layout.ts';
import { bundleContents } from '../../electron/core/sync/publish.ts';
import { publishedForm } from '../../electron/core/sync/records.ts';
import { signManifest } from '../../electron/core/trust/manifest.ts';
import { TEST_TEMPLATE, testOffice, testSignature, trustTestOffice } from './trust.ts';

export const PATTERN = 'OPCC.D.{nnn}.{yy}';
export const FIRST_YEAR = 2018;
export const LAST_YEAR = 2026;
const ROLES = ['chief-finance-officer', 'chief-executive', 'commissioner'];
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A stand-in for the exports with the sizes of a typical two-page record: a 120 KB PDF and a 30 KB Word file. */
export function sizedBundle(): BundleBuilder {
  const fill = (size: number, seed: string) => {
    const bytes = new Uint8Array(size);
    const stamp = new TextEncoder().encode(seed);
    for (let i = 0; i < size; i++) bytes[i] = stamp[i % stamp.length]! ^ (i & 0xff);
    return bytes;
  };
  return async (record) => ({ pdf: fill(120_000, `${record.id}${record.contentHash}`), docx: fill(30_000, record.id) });
}

export function decidedRecord(reference: string, year: number, index: number): DecisionRecord {
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
    return {
      ...signOff,
      signature: testSignature(record, signOff, { signedBy: signOff.name, signedAt: at, device: 'Tablet', image: PNG }),
    };
  });
  return record;
}

/** Lays out published bundles and their claims the way devices would have left them (plain writes, for speed). */
export async function populateShare(share: string, count: number, bundle: BundleBuilder): Promise<void> {
  fs.writeFileSync(path.join(share, 'decision-desk.json'), jsonBytes({ format: 'decision-desk/share@1' }));
  const perYear = Math.ceil(count / (LAST_YEAR - FIRST_YEAR + 1));
  for (let i = 0; i < count; i++)
    await writeBundle(share, FIRST_YEAR + Math.floor(i / perYear), (i % perYear) + 1, bundle);
}

/** One published bundle and its claim, as another device leaves them: OPCC.D.{number}.{year}. */
export async function writeBundle(share: string, year: number, number: number, bundle: BundleBuilder): Promise<void> {
  const now = new Date('2026-06-01T12:00:00.000Z');
  const reference = formatReference(PATTERN, { number, year });
  const published = publishedForm(decidedRecord(reference, year, number), now);
  // Made by the code that publishes, so that what the tests and the bench read is what a device writes.
  const { files, manifestBytes } = bundleContents(published, await bundle(published), {
    recordJson: jsonBytes(published),
    appVersion: 'bench',
    device: 'Laptop',
  });
  const folder = path.join(share, bundleFolder('decisions', year, reference));
  fs.mkdirSync(folder, { recursive: true });
  const signature = { name: MANIFEST_SIGNATURE_FILE, bytes: signManifest(manifestBytes, testOffice.publisher) };
  for (const file of [...files, signature, { name: MANIFEST_FILE, bytes: manifestBytes }])
    fs.writeFileSync(path.join(folder, file.name), file.bytes);
  const claim = path.join(share, claimFile(year, number));
  fs.mkdirSync(path.dirname(claim), { recursive: true });
  fs.writeFileSync(
    claim,
    jsonBytes({
      format: CLAIM_FORMAT,
      recordId: published.id,
      reference,
      device: 'Laptop',
      claimedAt: published.createdAt,
    }),
  );
}

/** A device over the share: a database trusting the test office, and a sync engine (through `ops` when given). */
export async function device(
  dataDir: string,
  share: string,
  name: string,
  bundle: BundleBuilder,
  ops?: ShareFs,
): Promise<{ db: WritableDB; engine: SyncEngine }> {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = await openDatabase(path.join(dataDir, 'decision-desk.sqlite'));
  await trustTestOffice(db, { enrol: false });
  const template = {
    numbering: TEST_TEMPLATE.numbering,
    signatories: TEST_TEMPLATE.signatories,
    sealFingerprint: TEST_TEMPLATE.sealFingerprint,
  };
  const engine = createSyncEngine({
    db,
    publisher: () => testOffice.publisher,
    settings: () => ({ deviceName: name, userName: 'bench', sharedFolder: share, template }),
    bundle,
    appVersion: 'bench',
    watch: null,
    ...(ops ? { driver: createShareDriver(share, { fs: ops }) } : {}),
  });
  return { db, engine };
}
