// `template` on real data folders: the shipped templates, import of one or of IT's file, export, the versions held;
// and a record exported from one office template version read on a device that has another.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TemplateVersion } from '../../../electron/contract.ts';
import { runCli } from '../../../electron/cli/program.ts';
import { tmpDataDir } from '../../helpers/db.ts';
import { TEST_KDF } from '../../helpers/trust.ts';

const root = tmpDataDir('decision-desk-cli-template-');
const at = (name: string) => path.join(root, name);

async function run(data: string, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['--data-dir', data, ...args],
    { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readLines: async () => [] },
    { env: {}, keys: { kdf: TEST_KDF } },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function ok(data: string, args: string[]): Promise<string> {
  const result = await run(data, args);
  expect(result, args.join(' ')).toMatchObject({ code: 0, stderr: '' });
  return result.stdout;
}

describe('decision-desk template', () => {
  it('lists the shipped templates, makes one the office’s, exports it, and another device imports the file', async () => {
    const office = at('office');
    const shipped = await ok(office, ['template', 'shipped']);
    for (const id of ['kent', 'essex-pfcc', 'london']) expect(shipped).toContain(id);

    expect(await ok(office, ['template', 'import', '--shipped', 'essex-pfcc'])).toContain(
      'The office template is now essex-pfcc version 1',
    );
    const versions = JSON.parse(await ok(office, ['template', 'versions', '--json'])) as TemplateVersion[];
    expect(versions.map((v) => [v.id, v.current, v.legacy])).toEqual([
      ['essex-pfcc', true, false],
      ['kent', false, true],
    ]);
    expect(await ok(office, ['template', 'versions'])).toContain('records from before versions');

    const file = at('essex.json');
    await ok(office, ['template', 'export', file]);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({
      format: 'decision-desk/template@1',
      hash: versions[0]!.hash,
      template: { id: 'essex-pfcc' },
    });

    const other = at('other');
    expect(await ok(other, ['template', 'import', file])).toContain('essex-pfcc version 1');
    expect((JSON.parse(await ok(other, ['template', 'versions', '--json'])) as TemplateVersion[])[0]).toMatchObject({
      hash: versions[0]!.hash,
      current: true,
    });
    // Importing it again changes nothing.
    expect(await ok(other, ['template', 'import', file])).toContain('already: nothing changed');
  });

  it('refuses a template file that does not validate, naming the field, and bad usage with exit 2', async () => {
    const data = at('refusals');
    await ok(data, ['template', 'import', '--shipped', 'kent']);
    const kent = JSON.parse(await ok(data, ['template', 'export', at('kent.json'), '--json'])) as { file: string };
    const broken = JSON.parse(fs.readFileSync(kent.file, 'utf8')) as { template: { labels: Record<string, string> } };
    broken.template.labels.title = '';
    fs.writeFileSync(at('broken.json'), JSON.stringify(broken));
    const refused = await run(data, ['template', 'import', at('broken.json')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('template.labels.title');
    fs.writeFileSync(at('notes.json'), 'not a template');
    expect((await run(data, ['template', 'import', at('notes.json')])).stderr).toContain(
      'This is not a template file: it is not JSON.',
    );
    expect((await run(data, ['template', 'export'])).code).toBe(2);
    expect((await run(data, ['template', 'import'])).code).toBe(2);
    expect((await run(data, ['template', 'frobnicate'])).code).toBe(2);
    expect((await run(data, ['template', 'versions', '--shipped', 'kent'])).code).toBe(2);
  });

  it('a record exported under one version prints with it on a device whose template is another, and after its own office changes', async () => {
    const office = at('exchange');
    await ok(office, ['template', 'import', '--shipped', 'essex-pfcc']);
    fs.writeFileSync(
      at('content.json'),
      JSON.stringify({ title: 'Fire station refurbishment', executiveSummary: 'The station needs a new roof.' }),
    );
    const id = (await ok(office, ['new', '--from', at('content.json')])).trim();
    await ok(office, ['export', id, '--format', 'json', '--out', at('record.json')]);
    const exported = JSON.parse(fs.readFileSync(at('record.json'), 'utf8')) as {
      template: string;
      officeTemplate: { template: { id: string } };
    };
    expect(exported).toMatchObject({ template: 'essex-pfcc', officeTemplate: { template: { id: 'essex-pfcc' } } });

    // The office moves on to another template: the record still prints as it was made.
    await ok(office, ['template', 'import', '--shipped', 'london']);
    const shown = await ok(office, ['show', id]);
    expect(shown).toContain('Decision Report');
    expect(shown).toContain('POLICE, FIRE AND CRIME COMMISSIONER FOR ESSEX');

    // A Kent device takes the record with the version it carries, and prints it with that.
    const kent = at('kent-device');
    expect(await ok(kent, ['import', at('record.json')])).toContain('created');
    const there = await ok(kent, ['show', id]);
    expect(there).toContain('Decision Report');
    expect(there).not.toContain('Record of Decision');
  });
});
