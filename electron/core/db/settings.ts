// Settings as JSON values by key; the service owns their schema and defaults.

import type { ReadableDB, WritableDB } from './connection.ts';
import { prepared } from './statements.ts';

export function readSettings(db: ReadableDB): Record<string, unknown> {
  const rows = prepared(db, 'SELECT key, value FROM settings').all() as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export function writeSettings(db: WritableDB, values: Record<string, unknown>): void {
  const put = prepared(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const [key, value] of Object.entries(values)) put.run(key, JSON.stringify(value));
}
