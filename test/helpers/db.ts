// Test helpers for the store: temp folders, real SQLite files, migrations step by step, rows in and out, records.

import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, TestRunner } from 'vitest';
import type { Method, MethodInput, MethodResult } from '../../electron/contract.ts';
import { openDatabase, type OpenOptions, type WritableDB } from '../../electron/core/db/connection.ts';
import { migrate } from '../../electron/core/db/migrations/index.ts';
import {
  computeContentHash,
  type DecisionRecord,
  DeskError,
  type DeskErrorData,
  emptyContent,
  RECORD_FORMAT,
} from '../../electron/core/domain/index.ts';
import { createService, type DeskService, dispatch, keysDirFor } from '../../electron/core/service.ts';
import { createTrustStore, type DeviceKey, type TrustStore } from '../../electron/core/trust/store.ts';
import type { PdfEngine } from '../../electron/core/export/pdf-engine.ts';
import { workerHost } from './host.ts';
import { signAllWithKeys, TEST_KDF, trustTestOffice } from './trust.ts';

/** The main side's engine for a host-backed test service: these tests print nothing. */
const hostEngine: PdfEngine = {
  print: () => Promise.reject(new DeskError('unavailable', 'No PDF engine in host-backed service tests.')),
  close: async () => {},
};

// What a test made goes after that test; what a beforeAll made goes after the file. Newest first, so databases
// close before their folders are removed.
const afterTest: (() => void)[] = [];
const afterFile: (() => void)[] = [];
const drain = (queue: (() => void)[]) => {
  while (queue.length > 0) queue.pop()!();
};
afterEach(() => drain(afterTest));
afterAll(() => drain(afterFile));

function onCleanup(cleanup: () => void): void {
  (TestRunner.getCurrentTest() ? afterTest : afterFile).push(cleanup);
}

/** A fresh folder under the system temp folder, removed after the test. */
export function tmpDataDir(prefix = 'decision-desk-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function closeAfterTest<T extends { open: boolean; close(): unknown }>(db: T): T {
  onCleanup(() => {
    if (db.open) db.close();
  });
  return db;
}

/** A real database file in a fresh temp folder, opened as the app opens it (migrated to the current schema). */
export async function createDb(
  file = path.join(tmpDataDir(), 'decision-desk.sqlite'),
  options: OpenOptions = {},
): Promise<WritableDB> {
  return closeAfterTest(await openDatabase(file, options));
}

/** A database file at user_version 0 with no schema: the starting point for migration tests. */
export function createBareDb(file = path.join(tmpDataDir(), 'decision-desk.sqlite')): WritableDB {
  const db = closeAfterTest(new Database(file)) as WritableDB;
  db.pragma('foreign_keys = ON');
  return db;
}

/** Applies the migrations up to `version`, as a database written by that version of the app would be. */
export function migrateTo(db: WritableDB, version: number): number {
  return migrate(db, version);
}

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

/** Inserts raw rows, bypassing the repositories: for states the API would never produce. */
export function insertRows(db: Database.Database, table: string, rows: Record<string, unknown>[]): void {
  for (const row of rows) {
    const columns = Object.keys(row);
    db.prepare(
      `INSERT INTO ${identifier(table)} (${columns.map(identifier).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    ).run(...Object.values(row));
  }
}

/** Every row of a table in storage order, to compare a table before and after an operation that must not change it. */
export function readTable(db: Database.Database, table: string): Record<string, unknown>[] {
  return db.prepare(`SELECT * FROM ${identifier(table)} ORDER BY rowid`).all() as Record<string, unknown>[];
}

/** The schema objects (tables, indexes, triggers) by type and name, internal ones left out. */
export function schemaObjects(
  db: Database.Database,
): { type: string; name: string; tbl_name: string; sql: string | null }[] {
  return db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
}

/** SHA-256 of a file's bytes, to prove a file was left untouched. */
export function fileDigest(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Damages a closed database file the way a failing disk does: garbage over whole pages in the middle of the file
 * (page 1, the header and schema, is left alone, so the file still opens). Returns how many pages were hit.
 */
export function damagePages(file: string, fraction = 0.25): number {
  const pageSize = fs.readFileSync(file).readUInt16BE(16) || 65536;
  const pages = Math.floor(fs.statSync(file).size / pageSize);
  if (pages < 4) throw new Error(`${file} has too few pages (${pages}) to damage`);
  const first = Math.max(2, Math.floor(pages * (0.5 - fraction / 2)));
  const count = Math.max(1, Math.floor(pages * fraction));
  const fd = fs.openSync(file, 'r+');
  try {
    // A fixed pattern, not random bytes: the same damage on every run.
    const garbage = Buffer.alloc(pageSize * count, 'Decision Desk damage \u00ff\u0001');
    fs.writeSync(fd, garbage, 0, garbage.length, (first - 1) * pageSize);
  } finally {
    fs.closeSync(fd);
  }
  return count;
}

/** The details of EXPLAIN QUERY PLAN for a statement, one line per step. */
export function queryPlan(db: Database.Database, sql: string, params: unknown[] = []): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail);
}

export interface CapturedStatement {
  sql: string;
  params: unknown[];
}

/** Runs `action` and returns every statement it ran on `db`, with its parameters, so the real queries can be explained. */
export function captureStatements(db: Database.Database, action: () => void): CapturedStatement[] {
  const captured: CapturedStatement[] = [];
  const original = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = original(sql);
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const run = statement[method].bind(statement) as (...params: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        captured.push({ sql, params });
        return run(...params);
      };
    }
    return statement;
  }) as typeof db.prepare;
  try {
    action();
  } finally {
    db.prepare = original;
  }
  return captured;
}

/** The signatory roles of the default (Kent) template, in order. */
export const KENT_ROLES = ['chief-finance-officer', 'chief-executive', 'commissioner'] as const;

/** A valid record.json with a correct contentHash; overrides apply before the hash unless they set contentHash. */
export function makeRecord(overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  const at = '2024-03-01T09:00:00.000Z';
  const record: DecisionRecord = {
    format: RECORD_FORMAT,
    id: randomUUID(),
    reference: null,
    ...emptyContent('kent'),
    originator: 'Chief Executive',
    title: 'Funding for a rural crime partnership',
    executiveSummary: 'The partnership asks for **two years** of funding.',
    recommendation: 'That the Commissioner approves the grant.',
    decision: 'I approve the grant.',
    signOffs: KENT_ROLES.map((role) => ({ role, name: '', comments: '', signature: null })),
    status: 'draft',
    revision: 1,
    contentHash: '',
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
  const hashed = { ...record, contentHash: overrides.contentHash ?? computeContentHash(record) };
  // A decided or published record has every signature (domain/signing.ts: requiredForStatus), unless the test says.
  const final = hashed.status === 'decided' || hashed.status === 'published';
  return final && overrides.signOffs === undefined ? signAll(hashed) : hashed;
}

/**
 * The record with every sign-off signed (drawn) over its current content hash, each with the test office's key for
 * its role (test/helpers/trust.ts), so it verifies wherever the test office is trusted.
 */
export function signAll(record: DecisionRecord, at = '2024-03-01T10:00:00.000Z'): DecisionRecord {
  return signAllWithKeys(record, at);
}

/** A clock the test moves by hand. */
export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
  set(iso: string): void;
}

export function testClock(start = '2024-03-01T09:00:00.000Z', shared?: SharedArrayBuffer): TestClock {
  let time = Date.parse(start);
  // A core host on a worker thread reads the same time from here (DESK_TRANSPORT=host).
  const mirror = shared ? new BigInt64Array(shared) : null;
  const publish = () => {
    if (mirror) Atomics.store(mirror, 0, BigInt(time));
  };
  publish();
  return {
    now: () => new Date(time),
    advance: (ms) => {
      time += ms;
      publish();
    },
    set: (iso) => {
      time = Date.parse(iso);
      publish();
    },
  };
}

export interface TestDesk {
  dir: string;
  file: string;
  db: WritableDB;
  service: DeskService;
  clock: TestClock;
  /** This device's trust store (the one the service signs with): the test office's seal is pinned in it. */
  trust: TrustStore;
  /** The keys enrolled for TEST_SIGNERS by role (PIN TEST_PIN), and the recorder's (none with office: false). */
  keys: Map<string, DeviceKey>;
  recorder: DeviceKey | null;
  /** Calls a method through dispatch, as every transport does, and returns its value; throws on an error envelope. */
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
  /** Calls a method through dispatch with any input and returns the error it must give; throws if it succeeds. */
  fail(method: string, input: unknown): Promise<DeskErrorData>;
}

/**
 * A service over a real database file in a temp folder, with a hand-moved clock, trusting the test office: its seal
 * pinned, and the three TEST_SIGNERS and TEST_RECORDER enrolled on this device with PIN TEST_PIN ('123456').
 * `office: false` leaves the database as a fresh install has it: no seal, no keys, default settings.
 */
export async function createTestService(start?: string, options: { office?: boolean } = {}): Promise<TestDesk> {
  const dir = tmpDataDir();
  const file = path.join(dir, 'decision-desk.sqlite');
  const db = await createDb(file);
  const viaHost = process.env.DESK_TRANSPORT === 'host';
  const sharedClock = viaHost ? new SharedArrayBuffer(8) : undefined;
  const clock = testClock(start, sharedClock);
  const trust = createTrustStore({ db, keysDir: keysDirFor(db), now: clock.now, kdf: TEST_KDF });
  const { keys, recorder } =
    options.office === false
      ? { keys: new Map<string, DeviceKey>(), recorder: null }
      : await trustTestOffice(db, { now: clock.now });
  const service = createService({ db, now: clock.now, trust });
  // DESK_TRANSPORT=host: call and fail go through a core host on a worker thread (serveDesk, driven by CoreHost) on
  // the same data folder and clock, as the app's main process reaches its utility process.
  let through = (method: string, input: unknown) => dispatch(service, method, input);
  if (viaHost) {
    const { host } = workerHost(
      { start: { dataDir: dir, kdf: TEST_KDF, dailyBackup: false }, engine: hostEngine },
      sharedClock,
    );
    await host.open();
    onCleanup(() => void host.close());
    through = (method, input) => host.call(method, input);
  }
  return {
    dir,
    file,
    db,
    service,
    clock,
    trust,
    keys,
    recorder,
    async call(method, input) {
      const envelope = await through(method, input);
      if (!envelope.ok) throw new Error(`${method} failed with ${envelope.error.code}: ${envelope.error.message}`);
      return envelope.value as MethodResult<typeof method>;
    },
    async fail(method, input) {
      const envelope = await through(method, input);
      if (envelope.ok)
        throw new Error(`${method} was expected to fail but returned ${JSON.stringify(envelope.value).slice(0, 200)}`);
      return envelope.error;
    },
  };
}

/** The service as the main process reaches the core host: (method, input) → dispatch's envelope. */
export function deskCall(service: DeskService): (method: string, input: unknown) => ReturnType<typeof dispatch> {
  return (method, input) => dispatch(service, method, input);
}
