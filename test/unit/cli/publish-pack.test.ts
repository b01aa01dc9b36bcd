// `decision-desk publish-pack --out DIR`: the publication pack written whole to a folder, an earlier pack replaced,
// any other folder left alone.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program.ts';
import { openDesk } from '../../../electron/core/desk.ts';
import { storeRecord } from '../../../electron/core/sync/records.ts';
import { ChromiumPdfEngine } from '../../../electron/core/export/chromium-engine.ts';
import { makeRecord, tmpDataDir } from '../../helpers/db.ts';
import { publishedFixtures } from '../../helpers/pack.ts';

const root = tmpDataDir('decision-desk-cli-pack-');
const dataDir = path.join(root, 'data');
const engine = new ChromiumPdfEngine();

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--data-dir', dataDir, ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const files = (dir: string) =>
  (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();

beforeAll(async () => {
  const desk = await openDesk(dataDir, { dailyBackup: false, pdfEngine: engine });
  const who = {
    actor: 'Test',
    device: 'Test device',
    numbering: { series: [{ id: 'main', label: 'Decisions', pattern: 'OPCC.D.{nnn}.{yy}', reset: 'year' as const }] },
    now: new Date('2024-03-02T10:00:00.000Z'),
  };
  for (const record of publishedFixtures())
    desk.db.transaction(() => storeRecord(desk.db, record, 'imported', 'imported', {}, who))();
  // A decided record not yet published is not in the pack.
  desk.db.transaction(() =>
    storeRecord(
      desk.db,
      makeRecord({ reference: 'OPCC.D.099.24', status: 'decided', title: 'Not yet published' }),
      'imported',
      'imported',
      {},
      who,
    ),
  )();
  await desk.close();
});

afterAll(() => engine.close());

describe('publish-pack', () => {
  it('writes the pack to a new folder: the register, the open data, the pages and the PDFs of open decisions', async () => {
    const out = path.join(root, 'pack');
    const run = await cli('publish-pack', '--out', out);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(`Wrote the publication pack to ${out} (5 decisions)`);
    const written = files(out);
    expect(written).toEqual(
      expect.arrayContaining(['index.html', 'pack.css', 'pack.json', 'register.csv', 'register.js', 'register.json']),
    );
    expect(written).toContain('decisions/OPCC.D.021.24.pdf');
    expect(written).not.toContain('decisions/OPCC.D.030.24.pdf');
    expect(fs.readFileSync(path.join(out, 'decisions/OPCC.D.021.24.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).not.toContain('Not yet published');
    // Nothing left beside it.
    expect(fs.readdirSync(root).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('is the same files the window gets as a zip from export.publicationPack, named for the day', async () => {
    const desk = await openDesk(dataDir, {
      dailyBackup: false,
      pdfEngine: engine,
      now: () => new Date('2024-06-01T23:30:00.000Z'),
    });
    try {
      const zip = await desk.service['export.publicationPack']({});
      expect(zip).toMatchObject({ fileName: 'Publication pack 2024-06-02.zip', mediaType: 'application/zip' });
      const { unzipSync } = await import('fflate');
      expect(Object.keys(unzipSync(Buffer.from(zip.base64, 'base64'))).sort()).toEqual(files(path.join(root, 'pack')));
    } finally {
      await desk.close();
    }
  });

  it('replaces an earlier pack whole, and refuses a folder that is not one, leaving it as it was', async () => {
    const out = path.join(root, 'again');
    expect((await cli('publish-pack', '--out', out)).code).toBe(0);
    fs.writeFileSync(path.join(out, 'stray.txt'), 'left by hand');
    expect((await cli('publish-pack', '--out', out)).code).toBe(0);
    expect(files(out)).not.toContain('stray.txt');

    const other = path.join(root, 'documents');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'budget.xlsx'), 'keep me');
    const refused = await cli('publish-pack', '--out', other);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not empty and holds no earlier publication pack/);
    expect(files(other)).toEqual(['budget.xlsx']);

    const usage = await cli('publish-pack');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--out DIR is required/);
  });
});
