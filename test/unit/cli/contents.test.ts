// `decision-desk contents FILE`: what a file contains, printed plainly or as JSON, with no data folder at all.

import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program.ts';
import { type FileContents, LIMITS } from '../../../electron/core/domain/index.ts';
import { exportDocx } from '../../../electron/core/export/docx.ts';
import { recordJsonBytes } from '../../../electron/core/export/pdf.ts';
import { signedRecord, templateWithLogo } from '../../fixtures/records/index.ts';
import { tmpDataDir } from '../../helpers/db.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('decision-desk contents', () => {
  // A folder with no database in it: the command needs none and makes none.
  const dir = tmpDataDir('decision-desk-contents-');
  const args = (...rest: string[]) => ['--data-dir', path.join(dir, 'no-desk-here'), 'contents', ...rest];

  it('prints what a Word export contains, and the people asked about that it names', async () => {
    const file = path.join(dir, 'record.docx');
    fs.writeFileSync(file, await exportDocx(signedRecord(), templateWithLogo()));
    const result = await run(args(file, '--person', 'Priya Raman', '--person', 'Nobody Else'));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^record\.docx: Word document, [\d,]+ bytes$/);
    expect(lines).toContain('Metadata:');
    expect(lines).toContain(
      '  Title: Record of Decision OPCC.D.021.25: Joint Victim Support Service with Neighbouring Forces',
    );
    expect(lines).toContain('  Author: Office of the Police and Crime Commissioner for Kent');
    expect(lines).toContain('Attached files: none');
    expect(lines).toContain('Images: 4');
    expect(lines).toContain('People named: Priya Raman');
    expect(lines).toContain('Not shown on the page: nothing');
    expect(fs.existsSync(path.join(dir, 'no-desk-here'))).toBe(false);
  });

  it('answers JSON with --json, the people of the record itself when none are asked about', async () => {
    const file = path.join(dir, 'record.json');
    fs.writeFileSync(file, recordJsonBytes(signedRecord()));
    const result = await run(['--json', ...args(file)]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const contents = JSON.parse(result.stdout) as FileContents;
    expect(contents).toMatchObject({ kind: 'json', fileName: 'record.json', attachments: [] });
    expect(contents.people).toEqual(expect.arrayContaining(['Priya Raman', 'Gareth Lloyd', 'Helen Ashworth']));
    expect(contents.images).toHaveLength(3);
  });

  it('lists comments and tracked changes of a Word file made elsewhere', async () => {
    const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const file = path.join(dir, 'edited.docx');
    fs.writeFileSync(
      file,
      zipSync({
        'word/document.xml': strToU8(
          `<w:document ${w}><w:body><w:p><w:ins w:id="1" w:author="Tom"><w:r><w:t>new</w:t></w:r></w:ins></w:p></w:body></w:document>`,
        ),
        'word/comments.xml': strToU8(
          `<w:comments ${w}><w:comment w:id="0" w:author="Ann"><w:p/></w:comment></w:comments>`,
        ),
      }),
    );
    const result = await run(args(file));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Not shown on the page:\n  1 comment (word/comments.xml), by Ann\n  Tracked changes: 1 insertion, 0 deletions, by Tom',
    );
  });

  it('refuses a zip bomb in plain words, naming the file', async () => {
    const file = path.join(dir, 'bomb.docx');
    fs.writeFileSync(
      file,
      zipSync({ 'word/document.xml': [new Uint8Array(LIMITS.recordJsonBytes + 1024), { level: 9 }] }),
    );
    const result = await run(args(file));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `decision-desk: ${file}: This file cannot be read: it is too large when decompressed (it may be a zip bomb).`,
    );
  });

  it('says so for a file that is not there', async () => {
    const result = await run(args(path.join(dir, 'missing.pdf')));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/missing\.pdf: cannot be read: no such file or folder/);
  });
});
