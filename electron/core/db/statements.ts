// A per-connection cache of prepared statements: hot queries are compiled once, values are always bound.

import type Database from 'better-sqlite3';
import type { ReadableDB } from './connection.ts';

const caches = new WeakMap<ReadableDB, Map<string, Database.Statement>>();

export function prepared(db: ReadableDB, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
