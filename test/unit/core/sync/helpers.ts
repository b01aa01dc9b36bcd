// Sync test helpers: devices (each its own data folder and database) over one real shared folder, and the
// service's submit and sign steps mimicked directly on the database.

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WritableDB } from '../../../../electron/core/db/connection.ts';
import { getRecord } from '../../../../electron/core/db/records.ts';
import {
  computeContentHash,
  type Day,
  type DecisionRecord,
  type Numbering,
  type RevisionKind,
} from '../../../../electron/core/domain/index.ts';
import {
  createShareDriver,
  type ShareDriver,
  type ShareFs,
  nodeShareFs,
} from '../../../../electron/core/sync/driver.ts';
import {
  createSyncEngine,
  type SyncEngine,
  type SyncEngineOptions,
  type SyncSettings,
} from '../../../../electron/core/sync/engine.ts';
import { storeRecord, type SyncActor } from '../../../../electron/core/sync/records.ts';
import { createDb, makeRecord, testClock, type TestClock, tmpDataDir } from '../../../helpers/db.ts';
import { TEST_TEMPLATE, testOffice, testSignature, trustTestOffice } from '../../../helpers/trust.ts';

export { KENT_ROLES } from '../../../helpers/db.ts';
import { fakeBundle } from './fixtures/fake-bundle.ts';

export { fakeBundle };

export const PATTERN = 'OPCC.D.{nnn}.{yy}';
export const YEAR = 2026;
export const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A clock and sleep for the driver's retries: sleeping moves the clock, so "a minute of retries" takes no time. */
export function instantRetries() {
  let time = 0;
  return { clock: () => time, sleep: async (ms: number) => void (time += ms) };
}

/** A real driver over `share` whose sleeps take no time, over the given file calls. */
export function testDriver(share: string, ops: ShareFs = nodeShareFs): ShareDriver {
  return createShareDriver(share, { fs: ops, ...instantRetries() });
}

/** A new share as choosing an empty folder in Settings leaves it: a folder holding only its marker. */
export function tmpShare(): string {
  const share = tmpDataDir('decision-desk-share-');
  writeMarker(share);
  return share;
}

export function writeMarker(share: string, id: string = randomUUID()): string {
  const marker = { format: 'decision-desk/share@1', id, createdAt: '2026-03-01T09:00:00.000Z', createdBy: 'Test' };
  fs.writeFileSync(path.join(share, 'decision-desk.json'), `${JSON.stringify(marker, null, 2)}\n`);
  return id;
}

export interface Device {
  name: string;
  dir: string;
  dbFile: string;
  db: WritableDB;
  clock: TestClock;
  engine: SyncEngine;
  settings: SyncSettings;
  who(): SyncActor;
  record(id: string): DecisionRecord | undefined;
  /** Creates a draft and submits it as the service will, on `day` (March 2026): claim a reference, lock, queue the handover. */
  submit(overrides?: Partial<DecisionRecord>, day?: Day): Promise<DecisionRecord>;
  /** Signs as the service will: the signature over the current content hash, decided after the last signatory. */
  sign(id: string, role: string, options?: { queuePublish?: boolean }): DecisionRecord;
  /** Stores a record as-is (a state the test sets up). */
  put(record: DecisionRecord, kind?: RevisionKind): DecisionRecord;
}

export interface DeviceOptions extends Partial<
  Pick<
    SyncEngineOptions,
    'timers' | 'watch' | 'driver' | 'bundle' | 'intervalMs' | 'debounceMs' | 'publicationPdfsPerPass'
  >
> {
  ops?: ShareFs;
  dbFile?: string;
  /** The office's numbering (the test office's, one series OPCC.D.{nnn}.{yy}, unless given). */
  numbering?: Numbering;
  /** The publication pack this device writes to the share, made from its database. */
  publication?: (db: WritableDB) => NonNullable<SyncEngineOptions['publication']>;
}

export async function createDevice(share: string, name: string, options: DeviceOptions = {}): Promise<Device> {
  const dir = options.dbFile ? path.dirname(options.dbFile) : tmpDataDir();
  const dbFile = options.dbFile ?? path.join(dir, 'decision-desk.sqlite');
  const db = await createDb(dbFile);
  const clock = testClock('2026-03-02T09:00:00.000Z');
  // Every device trusts the test office: the gate checks what arrives against its seal, and manifests are signed.
  await trustTestOffice(db, { enrol: false });
  const template = {
    numbering: options.numbering ?? TEST_TEMPLATE.numbering,
    signatories: TEST_TEMPLATE.signatories,
    sealFingerprint: TEST_TEMPLATE.sealFingerprint,
  };
  const settings: SyncSettings = { deviceName: name, userName: `${name} user`, sharedFolder: share, template };
  const engine = createSyncEngine({
    publisher: () => testOffice.publisher,
    db,
    settings: () => settings,
    bundle: options.bundle ?? fakeBundle,
    appVersion: '0.1.0-test',
    now: clock.now,
    driver: options.driver ?? testDriver(share, options.ops),
    watch: options.watch ?? null,
    timers: options.timers,
    intervalMs: options.intervalMs,
    debounceMs: options.debounceMs,
    publication: options.publication?.(db),
    publicationPdfsPerPass: options.publicationPdfsPerPass,
  });
  const who = (): SyncActor => ({
    actor: settings.userName,
    device: name,
    numbering: settings.template.numbering,
    now: clock.now(),
  });
  const put = (record: DecisionRecord, kind: RevisionKind = 'workflow') =>
    db.transaction(() => storeRecord(db, record, kind, kind, {}, who()))();

  return {
    name,
    dir,
    dbFile,
    db,
    clock,
    engine,
    settings,
    who,
    put,
    record: (id) => getRecord(db, id),
    async submit(overrides = {}, day = { year: YEAR, month: 3 }) {
      clock.advance(1_000);
      const at = clock.now().toISOString();
      const draft = put(
        makeRecord({ title: 'Funding for a rural crime partnership', createdAt: at, updatedAt: at, ...overrides }),
        'created',
      );
      const claim = await engine.claimReference(draft.id, day);
      const submitted: DecisionRecord = {
        ...draft,
        reference: 'reference' in claim ? claim.reference : null,
        status: 'awaiting-signatures',
        revision: draft.revision + 1,
        updatedAt: clock.now().toISOString(),
      };
      submitted.contentHash = computeContentHash(submitted);
      const stored = put(submitted);
      engine.queueHandover(stored.id);
      return stored;
    },
    sign(id, role, { queuePublish = true } = {}) {
      clock.advance(60_000);
      const record = getRecord(db, id)!;
      const decides = record.signOffs.at(-1)!.role === role;
      const signOffs = record.signOffs.map((signOff) => {
        if (signOff.role !== role) return signOff;
        const signed = { ...signOff, name: `${role} holder`, comments: `Signed on ${name}.` };
        // With the test office's key for the role, as records.sign does with the signer's.
        const signature = testSignature(record, signed, {
          signedBy: `${role} holder`,
          signedAt: clock.now().toISOString(),
          device: name,
          image: PNG,
        });
        return { ...signed, signature };
      });
      const signed = put({
        ...record,
        signOffs,
        status: decides ? 'decided' : record.status,
        revision: record.revision + 1,
        updatedAt: clock.now().toISOString(),
      });
      engine.queueHandover(id);
      if (decides && queuePublish) engine.queuePublish(id);
      return signed;
    },
  };
}

/** Every file under a folder, relative, "/"-separated and sorted. */
export function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

/** A snapshot of what a database holds that sync must never lose: records, revisions and the outbox. */
export function snapshot(db: WritableDB) {
  return {
    records: db.prepare('SELECT id, revision, status, reference, content_hash FROM records ORDER BY id').all(),
    revisions: db.prepare('SELECT record_id, revision FROM revisions ORDER BY record_id, revision').all(),
    outbox: db.prepare('SELECT kind, record_id FROM outbox ORDER BY kind, record_id').all(),
  };
}
