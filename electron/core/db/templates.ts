// The templates table: every version of an office template this device holds, by the hash of its definition.
//
// A definition read back is untrusted (the database may have been edited by hand): it must still hash to the key it
// is stored under and still be a template; otherwise reading it fails with a message naming the version.

import {
  canonicalJson,
  DeskError,
  describeIssues,
  type OfficeTemplate,
  PARSE_OPTIONS,
  sha256Hex,
  templateDefinition,
  templateHash,
  TemplateInputSchema,
  upgradeTemplate,
} from '../domain/index.ts';
import type { ReadableDB, WritableDB } from './connection.ts';
import { prepared } from './statements.ts';

/** A version of a template as this device holds it. */
export interface HeldVersion {
  hash: string;
  id: string;
  version: number;
  /** The definition exactly as stored (and carried in record.json): it hashes to `hash`. */
  definition: Record<string, unknown>;
  /** The definition read as a template (its seal: none; the office's is put in by whoever uses it). */
  template: OfficeTemplate;
  storedAt: string;
  legacy: boolean;
}

interface TemplateRow {
  hash: string;
  id: string;
  version: number;
  definition: string;
  stored_at: string;
  legacy: number;
}

/**
 * The hash of a definition as written: SHA-256 over its canonical JSON, without any seal. For a template read by this
 * version it is templateHash; for one written by another version it is still the hash that version gave it.
 */
export function definitionHash(definition: unknown): string {
  if (
    typeof definition === 'object' &&
    definition !== null &&
    !Array.isArray(definition) &&
    'sealFingerprint' in definition
  ) {
    const { sealFingerprint: _seal, ...rest } = definition as Record<string, unknown>;
    return sha256Hex(canonicalJson(rest));
  }
  return sha256Hex(canonicalJson(definition));
}

/** The name of a version in messages: "kent version 3". */
export const versionName = (v: { id: string; version: number }) => `${v.id} version ${v.version}`;

/** What can be wrong with a definition read back: not an object, not what its hash says, not a valid template. */
export type DefinitionProblem = 'shape' | 'hash' | 'invalid';

const PROBLEM_WORDS: Record<DefinitionProblem, string> = {
  shape: 'it is not a template',
  hash: 'its definition no longer matches its hash',
  invalid: 'it is not a valid template',
};

/**
 * Reads a definition as a template version: it must hash to `hash` and be a template this version can read. Throws
 * `fail(problem, words)` otherwise (`words` says it in a clause: "it is not a valid template (labels.title: …)").
 */
export function readDefinition(
  definition: unknown,
  hash: string,
  fail: (problem: DefinitionProblem, words: string) => Error,
): { definition: Record<string, unknown>; template: OfficeTemplate } {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition))
    throw fail('shape', PROBLEM_WORDS.shape);
  if (definitionHash(definition) !== hash) throw fail('hash', PROBLEM_WORDS.hash);
  // As strict as a template given in Settings: the logo must be a real image.
  const parsed = TemplateInputSchema.safeParse(
    upgradeTemplate({ ...definition, sealFingerprint: null }),
    PARSE_OPTIONS,
  );
  if (!parsed.success) throw fail('invalid', `${PROBLEM_WORDS.invalid} (${describeIssues(parsed.error, 'template')})`);
  return { definition: definition as Record<string, unknown>, template: parsed.data };
}

function fromRow(row: TemplateRow): HeldVersion {
  const damaged = (_problem: DefinitionProblem | 'json', reason: string) =>
    new DeskError(
      'database-corrupt',
      `The template ${versionName(row)} (${row.hash.slice(0, 12)}) held in this database cannot be used: ${reason}. ` +
        'Records made with it cannot be printed or checked until it is repaired: import one of them again from its record.json (which carries its template), or restore the database from a backup.',
    );
  let raw: unknown;
  try {
    raw = JSON.parse(row.definition);
  } catch {
    throw damaged('json', 'it is not JSON');
  }
  const { definition, template } = readDefinition(raw, row.hash, damaged);
  return {
    hash: row.hash,
    id: row.id,
    version: row.version,
    definition,
    template,
    storedAt: row.stored_at,
    legacy: row.legacy === 1,
  };
}

// Parsed versions by database handle: a definition never changes under its hash, and a template is needed for every
// record printed or checked (a pack of thousands). A damaged row is not kept, so it fails each time it is asked for.
const parsedVersions = new WeakMap<ReadableDB, Map<string, HeldVersion>>();

function cacheOf(db: ReadableDB): Map<string, HeldVersion> {
  let cache = parsedVersions.get(db);
  if (!cache) parsedVersions.set(db, (cache = new Map()));
  return cache;
}

function lookUp(db: ReadableDB, key: string, query: () => TemplateRow | undefined): HeldVersion | null {
  const cache = cacheOf(db);
  const known = cache.get(key);
  if (known) return known;
  const row = query();
  if (!row) return null;
  const version = fromRow(row);
  cache.set(key, version);
  return version;
}

/** The version stored under `hash`, or null when this device does not hold it. Throws when it is held but damaged. */
export function heldVersion(db: ReadableDB, hash: string): HeldVersion | null {
  return lookUp(
    db,
    hash,
    () => prepared(db, 'SELECT * FROM templates WHERE hash = ?').get(hash) as TemplateRow | undefined,
  );
}

/** The version records of `id` made before template versions print with, or null when this device has none. */
export function legacyVersion(db: ReadableDB, id: string): HeldVersion | null {
  return lookUp(
    db,
    `legacy:${id}`,
    () => prepared(db, 'SELECT * FROM templates WHERE id = ? AND legacy = 1').get(id) as TemplateRow | undefined,
  );
}

/** Every version held, newest first; damaged ones are listed by their row alone (see `damaged`). */
export function listVersions(
  db: ReadableDB,
): { hash: string; id: string; version: number; storedAt: string; legacy: boolean; damaged: string | null }[] {
  const rows = prepared(db, 'SELECT * FROM templates ORDER BY rowid DESC').all() as TemplateRow[];
  return rows.map((row) => {
    let damaged: string | null = null;
    try {
      fromRow(row);
    } catch (error) {
      damaged = error instanceof Error ? error.message : String(error);
    }
    return {
      hash: row.hash,
      id: row.id,
      version: row.version,
      storedAt: row.stored_at,
      legacy: row.legacy === 1,
      damaged,
    };
  });
}

/** The highest version number held for a template id, or 0 when none is. */
export function highestVersion(db: ReadableDB, id: string): number {
  return (prepared(db, 'SELECT max(version) AS v FROM templates WHERE id = ?').get(id) as { v: number | null }).v ?? 0;
}

/**
 * Keeps a template version: a template of this office (its definition, without the seal), or a definition read from
 * a record.json and checked against its hash. A version held already is left as it is, unless what is held is
 * damaged: then the good definition replaces it. Returns whether anything was written.
 */
export function holdVersion(
  db: WritableDB,
  given: OfficeTemplate | { hash: string; definition: Record<string, unknown>; template: OfficeTemplate },
  at: Date,
): boolean {
  const { hash, definition, template } =
    'definition' in given
      ? given
      : {
          hash: templateHash(given),
          definition: templateDefinition(given) as Record<string, unknown>,
          template: given,
        };
  const row = prepared(db, 'SELECT * FROM templates WHERE hash = ?').get(hash) as TemplateRow | undefined;
  if (row) {
    try {
      fromRow(row);
      return false;
    } catch {
      prepared(db, 'UPDATE templates SET definition = ? WHERE hash = ?').run(JSON.stringify(definition), hash);
      parsedVersions.get(db)?.clear();
      return true;
    }
  }
  prepared(
    db,
    'INSERT INTO templates (hash, id, version, definition, stored_at, legacy) VALUES (?, ?, ?, ?, ?, 0)',
  ).run(hash, template.id, template.version, JSON.stringify(definition), at.toISOString());
  return true;
}
