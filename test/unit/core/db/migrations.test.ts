// The migration registry: each step's schema, the order of steps, and all-or-nothing application.

import { describe, expect, it } from 'vitest';
import {
  migrate,
  type Migration,
  MIGRATIONS,
  pendingMigrations,
  SCHEMA_VERSION,
} from '../../../../electron/core/db/migrations/index.ts';
import { createBareDb, insertRows, migrateTo, readTable, schemaObjects, userVersion } from '../../../helpers/db.ts';

const names = (db: ReturnType<typeof createBareDb>, type: string) =>
  schemaObjects(db)
    .filter((o) => o.type === type)
    .map((o) => o.name);

describe('the migration registry', () => {
  it('steps up strictly, and SCHEMA_VERSION is the last step', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions.length).toBeGreaterThan(0);
    versions.forEach((version, i) => {
      if (i > 0) expect(version).toBeGreaterThan(versions[i - 1]!);
      expect(Number.isInteger(version) && version > 0).toBe(true);
    });
    expect(SCHEMA_VERSION).toBe(versions.at(-1));
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });

  it('knows which steps a database still needs', () => {
    expect(pendingMigrations(0)).toEqual(MIGRATIONS);
    expect(pendingMigrations(SCHEMA_VERSION)).toEqual([]);
  });

  it('takes a bare database to the current schema, and does nothing the second time', () => {
    const db = createBareDb();
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
    const schema = schemaObjects(db);
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(schemaObjects(db)).toEqual(schema);
  });
});

describe('migration 10 (initial)', () => {
  it('creates the tables', () => {
    const db = createBareDb();
    expect(migrateTo(db, 10)).toBe(10);
    expect(userVersion(db)).toBe(10);
    expect(names(db, 'table')).toEqual(
      expect.arrayContaining(['audit', 'records', 'records_fts', 'revisions', 'settings']),
    );
    const columns = (db.prepare("SELECT name FROM pragma_table_info('records')").all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).toEqual([
      'seq',
      'id',
      'reference',
      'ref_year',
      'ref_number',
      'status',
      'classification',
      'year',
      'title',
      'originator',
      'revision',
      'content_hash',
      'created_at',
      'updated_at',
      'body',
    ]);
  });

  it('creates the indexes the lists and the audit log read through', () => {
    const db = createBareDb();
    migrateTo(db, 10);
    expect(names(db, 'index')).toEqual(
      expect.arrayContaining([
        'audit_by_record',
        'records_by_classification',
        'records_by_reference',
        'records_by_status',
        'records_by_updated',
        'records_by_year',
      ]),
    );
    // id and reference are UNIQUE: SQLite's own indexes serve lookups by either.
    const unique = db.prepare('SELECT name FROM pragma_index_list(\'records\') WHERE "unique" = 1').all();
    expect(unique).toHaveLength(2);
  });

  it('creates a contentless FTS5 table kept in step by triggers', () => {
    const db = createBareDb();
    migrateTo(db, 10);
    const fts = schemaObjects(db).find((o) => o.name === 'records_fts')!;
    expect(fts.sql).toMatch(/USING fts5/i);
    expect(fts.sql).toContain('remove_diacritics 2');
    expect(names(db, 'trigger')).toEqual(['records_fts_delete', 'records_fts_insert', 'records_fts_update']);

    const match = (word: string) =>
      (
        db.prepare('SELECT rowid FROM records_fts WHERE records_fts MATCH ?').all(`"${word}"`) as { rowid: number }[]
      ).map((r) => r.rowid);
    insertRows(db, 'records', [
      {
        seq: 1,
        id: 'a',
        reference: 'OPCC.D.021.18',
        status: 'draft',
        classification: 'open',
        year: 2018,
        title: 'Rural crime',
        originator: 'Chief Executive',
        revision: 1,
        content_hash: 'x',
        created_at: 't',
        updated_at: 't',
        body: JSON.stringify({ executiveSummary: 'about drones', recommendation: 'approve', decision: 'agreed' }),
      },
    ]);
    expect(match('drones')).toEqual([1]);
    expect(match('rural')).toEqual([1]);
    db.prepare('UPDATE records SET title = ?, body = ? WHERE seq = 1').run(
      'Urban crime',
      JSON.stringify({ executiveSummary: 'about cameras' }),
    );
    expect(match('rural')).toEqual([]);
    expect(match('drones')).toEqual([]);
    expect(match('cameras')).toEqual([1]);
    db.prepare('DELETE FROM records WHERE seq = 1').run();
    expect(match('cameras')).toEqual([]);
  });

  it('enforces the record a revision belongs to', () => {
    const db = createBareDb();
    migrateTo(db, 10);
    expect(() =>
      insertRows(db, 'revisions', [
        { record_id: 'nobody', revision: 1, kind: 'saved', saved_at: 't', first_saved_at: 't', body: '{}' },
      ]),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('migration 20 (sync)', () => {
  it('adds the outbox, the sync conflicts and the sync state, keeping the records of a version-10 database', () => {
    const db = createBareDb();
    migrateTo(db, 10);
    insertRows(db, 'records', [
      {
        id: 'kept',
        status: 'draft',
        classification: 'open',
        year: 2024,
        title: 'From version 10',
        originator: '',
        revision: 1,
        content_hash: 'x',
        created_at: 't',
        updated_at: 't',
        body: '{}',
      },
    ]);
    const records = readTable(db, 'records');
    expect(migrateTo(db, 20)).toBe(20);
    expect(userVersion(db)).toBe(20);
    expect(names(db, 'table')).toEqual(expect.arrayContaining(['outbox', 'sync_conflicts', 'sync_state']));
    expect(names(db, 'index')).toContain('sync_conflicts_open');
    expect(readTable(db, 'records')).toEqual(records);
    expect(() => insertRows(db, 'outbox', [{ kind: 'delete', record_id: 'kept', queued_at: 't' }])).toThrow(/CHECK/);
  });
});

describe('applying migrations', () => {
  it('applies every pending step in one transaction: a failing step leaves the version and the schema as they were', () => {
    const db = createBareDb();
    db.exec('CREATE TABLE notes (text TEXT)');
    insertRows(db, 'notes', [{ text: 'kept' }]);
    const before = schemaObjects(db);
    const failing: Migration = {
      version: SCHEMA_VERSION + 10,
      name: 'failing',
      up: (handle) => {
        handle.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('step failed');
      },
    };
    // The registry is a plain array at run time; the extra step is removed again whatever happens.
    const registry = MIGRATIONS as Migration[];
    registry.push(failing);
    try {
      expect(() => migrate(db, failing.version)).toThrow('step failed');
    } finally {
      registry.splice(registry.indexOf(failing), 1);
    }
    expect(userVersion(db)).toBe(0);
    expect(schemaObjects(db)).toEqual(before);
    expect(readTable(db, 'notes')).toEqual([{ text: 'kept' }]);
  });

  it('leaves a database whose first step fails exactly as it was', () => {
    const db = createBareDb();
    // A table of the same name as one the first step creates makes that step fail part-way.
    db.exec('CREATE TABLE audit (entry TEXT)');
    insertRows(db, 'audit', [{ entry: 'theirs' }]);
    const before = schemaObjects(db);
    expect(() => migrate(db)).toThrow(/already exists/);
    expect(userVersion(db)).toBe(0);
    expect(schemaObjects(db)).toEqual(before);
    expect(readTable(db, 'audit')).toEqual([{ entry: 'theirs' }]);
  });

  it('stops at the target version', () => {
    const db = createBareDb();
    expect(migrate(db, 0)).toBe(0);
    expect(userVersion(db)).toBe(0);
    expect(schemaObjects(db)).toEqual([]);
  });
});

describe('schema 40: the audit chain', () => {
  it('chains the existing entries of each record in the order they were written', async () => {
    const { listAudit } = await import('../../../../electron/core/db/audit.ts');
    const { checkAuditChain } = await import('../../../../electron/core/domain/index.ts');
    const db = createBareDb();
    migrateTo(db, 30);
    const entry = (record_id: string, action: string, at: string) => ({
      record_id,
      at,
      actor: 'A',
      device: 'D',
      action,
      revision: 1,
      content_hash: null,
      detail: '{"role":"x"}',
    });
    insertRows(db, 'audit', [
      entry('r1', 'created', '2024-01-01'),
      entry('r2', 'created', '2024-01-02'),
      entry('r1', 'saved', '2024-01-03'),
    ]);
    migrateTo(db, 40);
    const r1 = listAudit(db, 'r1');
    expect(r1.map((e) => e.action)).toEqual(['created', 'saved']);
    expect(r1[0]!.prevHash).toBeNull();
    expect(r1[1]!.prevHash).toBe(r1[0]!.hash);
    expect(checkAuditChain(r1)).toEqual({ whole: true, message: 'audit chain whole (2 entries)' });
    expect(listAudit(db, 'r2')[0]!.prevHash).toBeNull();
  });
});

describe('schema 80: template versions', () => {
  const legacyRows = (db: ReturnType<typeof createBareDb>) =>
    db.prepare('SELECT hash, id, version, legacy, definition FROM templates').all() as {
      hash: string;
      id: string;
      version: number;
      legacy: number;
      definition: string;
    }[];

  it('keeps the template a device had in Settings, read as this version reads it, as the legacy version of its id', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { OfficeTemplateSchema, templateHash, upgradeTemplate } =
      await import('../../../../electron/core/domain/index.ts');
    const before = JSON.parse(
      fs.readFileSync(
        path.resolve(import.meta.dirname, '../../../fixtures/templates/kent-before-versions.json'),
        'utf8',
      ),
    ) as Record<string, unknown>;
    const surrey = {
      ...before,
      id: 'surrey',
      area: 'Surrey',
      referencePattern: 'PCC/{yyyy}/{nnnn}',
      sealFingerprint: 'a'.repeat(64),
    };
    const db = createBareDb();
    migrateTo(db, 60);
    insertRows(db, 'settings', [{ key: 'template', value: JSON.stringify(surrey) }]);
    migrateTo(db, 80);
    const expected = OfficeTemplateSchema.parse(upgradeTemplate(surrey));
    const [row, ...others] = legacyRows(db);
    expect(others).toEqual([]);
    expect(row).toMatchObject({ id: 'surrey', version: 1, legacy: 1, hash: templateHash(expected) });
    // The form without the seal: the seal is trust, not form.
    expect(JSON.parse(row!.definition)).not.toHaveProperty('sealFingerprint');
    expect(JSON.parse(row!.definition).numbering.series[0].pattern).toBe('PCC/{yyyy}/{nnnn}');
  });

  it.each([
    ['no template in Settings (never changed)', null],
    ['a stored template that no longer validates', JSON.stringify({ id: 'broken' })],
    ['a stored value that is not JSON', '{"id": '],
  ])('with %s, keeps the built-in Kent template as it shipped before versions', async (_name, value) => {
    const { BUILTIN_TEMPLATE } = await import('../../../../electron/core/service.ts');
    const { templateHash } = await import('../../../../electron/core/domain/index.ts');
    const db = createBareDb();
    migrateTo(db, 60);
    if (value !== null) insertRows(db, 'settings', [{ key: 'template', value }]);
    migrateTo(db, 80);
    expect(legacyRows(db)).toEqual([
      expect.objectContaining({ id: 'kent', version: 1, legacy: 1, hash: templateHash(BUILTIN_TEMPLATE) }),
    ]);
  });

  it('allows one legacy version per template id', () => {
    const db = createBareDb();
    migrateTo(db, 80);
    expect(() =>
      insertRows(db, 'templates', [
        {
          hash: 'b'.repeat(64),
          id: 'kent',
          version: 2,
          definition: '{}',
          stored_at: '2026-01-01T00:00:00.000Z',
          legacy: 1,
        },
      ]),
    ).toThrow(/UNIQUE/);
  });
});

describe('schema 90: search reads the extra sections', () => {
  const match = (db: ReturnType<typeof createBareDb>, query: string) =>
    (
      db.prepare('SELECT rowid FROM records_fts WHERE records_fts MATCH ? ORDER BY rowid').all(query) as {
        rowid: number;
      }[]
    ).map((r) => r.rowid);
  const row = (seq: number, body: Record<string, unknown>) => ({
    seq,
    id: `r${seq}`,
    reference: null,
    status: 'draft',
    classification: 'open',
    year: 2026,
    title: `Record ${seq}`,
    originator: 'Chief Executive',
    revision: 1,
    content_hash: 'x',
    created_at: 't',
    updated_at: 't',
    body: JSON.stringify(body),
  });
  const sections = [
    { id: 'legal', kind: 'rich-text', text: 'The **monitoring officer** was consulted' },
    { id: 'equality', kind: 'yes-no', answer: true, explanation: 'Affects rural hamlets' },
    { id: 'consulted', kind: 'people', people: ['Priya Okonkwo', 'Dafydd Hughes'] },
    { id: 'review', kind: 'date', date: '2026-09-01' },
  ];

  it('indexes the sections of the records a version-80 database already holds, keeping what it found before', () => {
    const db = createBareDb();
    migrateTo(db, 80);
    insertRows(db, 'records', [row(1, { executiveSummary: 'about drones', sections }), row(2, { decision: 'agreed' })]);
    expect(match(db, '"hamlets"')).toEqual([]);
    const records = readTable(db, 'records');
    expect(migrateTo(db, 90)).toBe(90);
    expect(readTable(db, 'records')).toEqual(records);
    for (const word of ['monitoring', 'hamlets', 'Okonkwo', 'dafydd']) expect(match(db, `"${word}"`)).toEqual([1]);
    expect(match(db, 'sections : "hamlets"')).toEqual([1]);
    expect(match(db, '"drones"')).toEqual([1]);
    expect(match(db, '"agreed"')).toEqual([2]);
    expect(match(db, '"record"')).toEqual([1, 2]);
    // A date's value is no word to search for.
    expect(match(db, '"09"')).toEqual([]);
    expect(names(db, 'trigger')).toEqual(['records_fts_delete', 'records_fts_insert', 'records_fts_update']);
  });

  it('keeps the index in step as records with sections are added, changed and deleted', () => {
    const db = createBareDb();
    migrateTo(db, 90);
    insertRows(db, 'records', [row(1, { sections })]);
    expect(match(db, '"okonkwo"')).toEqual([1]);
    db.prepare('UPDATE records SET body = ? WHERE seq = 1').run(
      JSON.stringify({ sections: [{ id: 'consulted', kind: 'people', people: ['Ana Lima'] }] }),
    );
    expect(match(db, '"okonkwo"')).toEqual([]);
    expect(match(db, '"lima"')).toEqual([1]);
    db.prepare('DELETE FROM records WHERE seq = 1').run();
    expect(match(db, '"lima"')).toEqual([]);
  });

  it('rebuilds the index of the database the release before template versions made', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { tmpDataDir } = await import('../../../helpers/db.ts');
    const file = path.join(tmpDataDir(), 'old.sqlite');
    fs.copyFileSync(path.resolve(import.meta.dirname, '../../../fixtures/db/kent-before-versions.sqlite'), file);
    const db = createBareDb(file);
    expect(userVersion(db)).toBe(60);
    const words = (db.prepare('SELECT title FROM records ORDER BY seq').all() as { title: string }[])
      .map((r) => r.title.match(/\p{L}{4,}/u)?.[0])
      .filter((w): w is string => w !== undefined);
    expect(words.length).toBeGreaterThan(0);
    const before = words.map((w) => match(db, `"${w}"`));
    expect(before.every((rows) => rows.length > 0)).toBe(true);
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(words.map((w) => match(db, `"${w}"`))).toEqual(before);
    expect((db.prepare('SELECT count(*) AS n FROM records_fts').get() as { n: number }).n).toBe(
      (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n,
    );
  });
});
