// Checking a database file for damage: PRAGMA quick_check (the b-trees and their pages) or integrity_check (also
// every index against its table). A large file is checked on a worker thread with its own read-only connection, so
// the seconds a check of 50,000 records takes never hold up the process that serves the window.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';

export type CheckKind = 'quick_check' | 'integrity_check';

/** 'ok', or the first problems SQLite found (at most MAX_PROBLEMS lines). */
export type CheckVerdict = { ok: true } | { ok: false; problems: string[] };

const MAX_PROBLEMS = 10;

/** SQLite's lines, less the "ok" and the "*** in database main ***" headings (a row may hold several lines). */
function verdictOf(rows: string[]): CheckVerdict {
  if (rows.length === 1 && rows[0] === 'ok') return { ok: true };
  const lines = rows.flatMap((row) => row.split('\n')).filter((line) => line.trim() !== '');
  const problems = lines.filter((line) => line !== 'ok' && !/^\*\*\* in database /.test(line));
  return { ok: false, problems: problems.length > 0 ? problems : lines };
}
const CORRUPT = /^SQLITE_(CORRUPT|NOTADB)/;

/** Runs the check on an open handle (the caller's thread). A file too damaged to be read at all is a verdict too. */
export function checkHandle(db: Database.Database, kind: CheckKind): CheckVerdict {
  try {
    const rows = db.pragma(`${kind}(${MAX_PROBLEMS})`, { simple: false }) as Record<string, string>[];
    return verdictOf(rows.map((row) => String(Object.values(row)[0] ?? '')));
  } catch (error) {
    if (CORRUPT.test(String((error as { code?: unknown }).code ?? '')))
      return { ok: false, problems: [(error as Error).message] };
    throw error;
  }
}

/**
 * A read-only connection to a WAL-mode file that has no -wal and -shm beside it creates them and cannot remove them:
 * those it created go again afterwards, so checking a backup leaves the folder as it was.
 */
export async function withoutLeftovers<T>(file: string, read: () => T | Promise<T>): Promise<T> {
  const leftovers = [`${file}-wal`, `${file}-shm`].filter((f) => !fs.existsSync(f));
  try {
    return await read();
  } finally {
    for (const leftover of leftovers) if (fs.existsSync(leftover)) fs.rmSync(leftover, { force: true });
  }
}

/** Checks a file on this thread, with a read-only connection of its own. */
export function checkHere(file: string, kind: CheckKind, nativeBinding?: string): CheckVerdict {
  const leftovers = [`${file}-wal`, `${file}-shm`].filter((f) => !fs.existsSync(f));
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    return checkHandle(db, kind);
  } finally {
    db.close();
    for (const leftover of leftovers) fs.rmSync(leftover, { force: true });
  }
}

// Plain JavaScript so it runs the same under Node, tsx, vitest and the built app; better-sqlite3 comes by path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  const rows = db.pragma(workerData.kind + '(' + workerData.max + ')', { simple: false });
  parentPort.postMessage({ rows: rows.map((row) => String(Object.values(row)[0])) });
} catch (error) {
  parentPort.postMessage({ error: { message: String(error && error.message), code: String((error && error.code) || '') } });
} finally {
  if (db) db.close();
}
`;

let workerModule: string | null | undefined;
function betterSqlitePath(): string | null {
  if (workerModule === undefined) {
    try {
      workerModule = createRequire(import.meta.url).resolve('better-sqlite3');
    } catch {
      workerModule = null;
    }
  }
  return workerModule;
}

type WorkerAnswer = { rows: string[] } | { error: { message: string; code: string } };

function runWorker(file: string, kind: CheckKind, module: string, nativeBinding?: string): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, file, kind, max: MAX_PROBLEMS, nativeBinding },
    });
    // A check still running must not keep a finished command's process alive.
    worker.unref();
    worker.once('message', (answer: WorkerAnswer) => resolve(answer));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the check stopped (exit ${code})`)));
  });
}

const running = new Map<string, Promise<CheckVerdict>>();

/**
 * Checks `file` off this thread. Where no worker can load better-sqlite3 (an unusual packaging), it checks here
 * instead: slower for the window, never skipped. A check of the same file already running is shared.
 */
export function checkFile(
  file: string,
  kind: CheckKind,
  options: { nativeBinding?: string } = {},
): Promise<CheckVerdict> {
  const key = `${kind}:${file}`;
  const pending = running.get(key);
  if (pending) return pending;
  const module = betterSqlitePath();
  const check = (async (): Promise<CheckVerdict> => {
    let answer: WorkerAnswer | null = null;
    if (module)
      answer = await withoutLeftovers(file, () =>
        runWorker(file, kind, module, options.nativeBinding).catch(() => null),
      );
    if (!answer) return checkHere(file, kind, options.nativeBinding);
    if ('error' in answer) {
      if (CORRUPT.test(answer.error.code)) return { ok: false, problems: [answer.error.message] };
      throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
    }
    return verdictOf(answer.rows);
  })().finally(() => running.delete(key));
  running.set(key, check);
  return check;
}
