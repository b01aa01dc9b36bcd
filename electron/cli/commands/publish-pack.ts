// `publish-pack`: the publication pack (the register, a page per decision with its PDF, the open data) as a folder.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { call, type Command, EXIT, printJson, stringOption, UsageError } from '../command.ts';
import { DeskError } from '../../core/domain/index.ts';
import { PACK_FORMAT, PACK_MARKER } from '../../core/export/pack.ts';

/** Whether a folder holds a pack this command wrote (its pack.json says so): only such a folder is replaced. */
function isPreviousPack(dir: string): boolean {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(dir, PACK_MARKER), 'utf8')) as { format?: unknown };
    return marker.format === PACK_FORMAT;
  } catch {
    return false;
  }
}

/** Writes the pack beside DIR and renames it into place whole; a previous pack at DIR is replaced. */
function writePackFolder(dir: string, files: Record<string, Uint8Array>): void {
  const parent = path.dirname(dir);
  const fail = (reason: string) =>
    new DeskError('unavailable', `Cannot write the publication pack to ${dir}: ${reason}.`);
  if (!fs.existsSync(parent)) throw fail(`the folder ${parent} does not exist`);
  let previous = false;
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory()) throw fail('it is a file');
    previous = fs.readdirSync(dir).length > 0;
    if (previous && !isPreviousPack(dir))
      throw fail(
        'it is a folder that is not empty and holds no earlier publication pack (no pack.json); choose an empty or new folder',
      );
  }
  const token = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = path.join(parent, `.${path.basename(dir)}.${token}.partial`);
  const old = path.join(parent, `.${path.basename(dir)}.${token}.old`);
  try {
    for (const [name, bytes] of Object.entries(files)) {
      const file = path.join(staging, ...name.split('/'));
      // The names come from the pack builder; still, nothing may land outside the staging folder.
      if (!file.startsWith(staging + path.sep)) throw fail(`the pack names a file outside it (${name.slice(0, 60)})`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, bytes);
    }
    if (fs.existsSync(dir)) fs.renameSync(dir, old);
    fs.renameSync(staging, dir);
  } catch (error) {
    if (!fs.existsSync(dir) && fs.existsSync(old)) fs.renameSync(old, dir);
    fs.rmSync(staging, { recursive: true, force: true });
    if (error instanceof DeskError) throw error;
    throw fail(
      (error as { code?: string }).code === 'ENOSPC'
        ? 'the disk is full'
        : error instanceof Error
          ? error.message
          : String(error),
    );
  }
  fs.rmSync(old, { recursive: true, force: true });
}

export const publishPackCommand: Command = {
  name: 'publish-pack',
  summary: 'Write the publication pack for the office website',
  usage: '--out DIR',
  description:
    'Writes the publication pack to DIR, a folder to upload to the website as it is: index.html (the register), one ' +
    'page per published decision with its PDF, register.csv and register.json. Confidential decisions appear by ' +
    'reference, date, decision maker, public summary and reason only. DIR must be new, empty or an earlier pack, ' +
    'which is replaced whole.',
  options: { out: { type: 'string' } },
  optionHelp: [['--out DIR', 'the folder to write (new, empty, or an earlier pack)']],
  positionals: { min: 0, max: 0, names: '' },
  writes: false,
  async run(context) {
    const out = stringOption(context.values, 'out');
    if (!out) throw new UsageError('--out DIR is required.');
    const dir = path.resolve(out);
    const desk = await context.openDesk();
    const zip = await call(desk, 'export.publicationPack', {});
    const { unzipSync } = await import('fflate');
    const files = unzipSync(Buffer.from(zip.base64, 'base64'));
    writePackFolder(dir, files);
    const count = Object.keys(files).filter((name) => name.startsWith('decisions/') && name.endsWith('.html')).length;
    if (context.json) printJson(context, { folder: dir, decisions: count, files: Object.keys(files).length });
    else context.print(`Wrote the publication pack to ${dir} (${count} decision${count === 1 ? '' : 's'})`);
    return EXIT.ok;
  },
};
