// The migration registry: one file per step, applied in one transaction that also sets PRAGMA user_version.

import type { WritableDB } from '../connection.ts';
import migrateTo10 from './0010-initial.ts';
import migrateTo20 from './0020-sync.ts';
import migrateTo30 from './0030-bin.ts';
import migrateTo40 from './0040-audit-chain.ts';
import migrateTo50 from './0050-trust.ts';
import migrateTo60 from './0060-publication.ts';
import migrateTo80 from './0080-templates.ts';
import migrateTo90 from './0090-search-sections.ts';
import migrateTo100 from './0100-search-pending.ts';

export interface Migration {
  version: number;
  name: string;
  up: (db: WritableDB) => void;
}

/** Never edit a step that has shipped: add a new one. Versions step in tens so a fix can slot in between. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'initial', up: migrateTo10 },
  { version: 20, name: 'sync', up: migrateTo20 },
  { version: 30, name: 'bin', up: migrateTo30 },
  { version: 40, name: 'audit-chain', up: migrateTo40 },
  { version: 50, name: 'trust', up: migrateTo50 },
  { version: 60, name: 'publication', up: migrateTo60 },
  { version: 80, name: 'templates', up: migrateTo80 },
  { version: 90, name: 'search-sections', up: migrateTo90 },
  { version: 100, name: 'search-pending', up: migrateTo100 },
];

for (let i = 1; i < MIGRATIONS.length; i++) {
  if (MIGRATIONS[i]!.version <= MIGRATIONS[i - 1]!.version) {
    throw new Error(`migrations are not in order at version ${MIGRATIONS[i]!.version}`);
  }
}

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

export function pendingMigrations(version: number): Migration[] {
  return MIGRATIONS.filter((m) => m.version > version);
}

/** Applies every pending step, or none: a failure leaves the database exactly as it was. */
export function migrate(db: WritableDB, target = SCHEMA_VERSION): number {
  const from = db.pragma('user_version', { simple: true }) as number;
  const steps = pendingMigrations(from).filter((m) => m.version <= target);
  if (steps.length === 0) return from;
  db.transaction(() => {
    for (const step of steps) step.up(db);
    db.pragma(`user_version = ${steps.at(-1)!.version}`);
  })();
  return steps.at(-1)!.version;
}
