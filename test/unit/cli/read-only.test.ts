// Read-only commands never change the database file: not even to bring an older one up to date.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program.ts';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index.ts';
import { insertRecord } from '../../../electron/core/db/records.ts';
import { openDesk } from '../../../electron/core/desk.ts';
import { DATABASE_FILE } from '../../../electron/core/paths.ts';
import { createBareDb, fileDigest, makeRecord, migrateTo, tmpDataDir, userVersion } from '../../helpers/db.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('list and show', () => {
  it('read a database of an older schema without migrating it: the file stays byte for byte the same', async () => {
    const dir = tmpDataDir();
    const file = path.join(dir, DATABASE_FILE);
    const old = createBareDb(file);
    migrateTo(old, MIGRATIONS[0]!.version);
    const record = makeRecord({ title: 'An older record' });
    insertRecord(old, record, null);
    old.close();
    const digest = fileDigest(file);
    const listed = await run(['--data-dir', dir, 'list']);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('An older record');
    const shown = await run(['--data-dir', dir, '--json', 'show', record.id]);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: record.id, title: 'An older record' });
    expect(fileDigest(file)).toBe(digest);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('backups'))).toEqual([]);
    const check = createBareDb(file);
    expect(userVersion(check)).toBe(MIGRATIONS[0]!.version);
  });

  it('leave a current database byte for byte the same', async () => {
    const dir = tmpDataDir();
    const desk = await openDesk(dir, { dailyBackup: false });
    const record = await desk.service['records.create']({ content: { title: 'Current' } });
    await desk.close();
    const file = path.join(dir, DATABASE_FILE);
    const digest = fileDigest(file);
    expect((await run(['--data-dir', dir, 'list'])).code).toBe(0);
    expect((await run(['--data-dir', dir, 'show', record.id])).code).toBe(0);
    expect(fileDigest(file)).toBe(digest);
  });
});
