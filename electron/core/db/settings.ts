// Settings as JSON values by key; the service owns their schema and defaults.

import type { ReadableDB, WritableDB } from './connection.ts';
import { prepared } from './statements.ts';

export function readSettings(db: ReadableDB): Record<string, unknown> {
  const rows = prepared(db, 'SELECT key, value FROM settings').all() as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

/** Writes through writeSettings on each connection, counted: SQLite's data_version does not move for a connection's own. */
const writes = new WeakMap<ReadableDB, number>();

/**
 * What the stored settings were read under: it changes when this connection writes settings or another connection
 * (the command line on the same folder) commits anything. Null inside a transaction, whose writes may yet be rolled
 * back: what is read there is not to be kept.
 */
export function settingsStamp(db: ReadableDB): string | null {
  if (db.inTransaction) return null;
  return `${String(db.pragma('data_version', { simple: true }))}:${writes.get(db) ?? 0}`;
}

export function writeSettings(db: WritableDB, values: Record<string, unknown>): void {
  writes.set(db, (writes.get(db) ?? 0) + 1);
  const put = prepared(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  for (const [key, value] of Object.entries(values)) put.run(key, JSON.stringify(value));
}
