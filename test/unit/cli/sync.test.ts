// Two devices and a third on one shared folder, through the real command line: hand over, sign, publish, read back.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program.ts';
import { openDesk } from '../../../electron/core/desk.ts';
import type { DecisionRecord } from '../../../electron/core/domain/index.ts';
import { tmpDataDir } from '../../helpers/db.ts';
import { makePng } from '../../helpers/png.ts';
import { TEST_KDF, TEST_PIN, TEST_SIGNERS, type TestRole, trustTestOffice } from '../../helpers/trust.ts';

const root = tmpDataDir('decision-desk-cli-sync-');
const share = path.join(root, 'share');
const at = (name: string) => path.join(root, name);
fs.mkdirSync(share);
fs.writeFileSync(at('signature.png'), makePng(360, 110));

async function device(name: string) {
  const dir = at(name);
  const desk = await openDesk(dir, { dailyBackup: false });
  await desk.service['settings.update']({ patch: { deviceName: name, userName: `${name} user` } });
  // Every device of the office pins its seal; each has the signatories enrolled, as a shared tablet would.
  await trustTestOffice(desk);
  await desk.close();
  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const streams = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) };
    const code = await runCli(['--data-dir', dir, ...args], streams, {
      env: { DECISION_DESK_PIN: TEST_PIN },
      keys: { kdf: TEST_KDF },
    });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  };
  const ok = async (...args: string[]) => {
    const run = await cli(...args);
    expect(run, `${name}: ${args.join(' ')}`).toMatchObject({ code: 0, stderr: '' });
    return run.stdout;
  };
  return { cli, ok };
}

const complete = (title: string) => ({
  originator: 'Chief Executive',
  title,
  executiveSummary: 'A summary.',
  recommendation: 'The PCC is recommended to agree.',
  decision: 'To agree.',
  impact: {
    planObjectives: 'Supports the plan.',
    equalityImpactAssessment: false,
    diversityImpact: false,
    diversityExplanation: '',
  },
});

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('sync through a shared folder, from the command line', () => {
  it('has no shared folder until one is chosen: says so, and refuses one that cannot be a share', async () => {
    const fresh = await device('fresh');
    const status = await fresh.ok('sync', '--status');
    expect(status).toContain('Shared folder: none chosen yet');
    expect(status).toContain('State: not-set-up');
    const run = await fresh.cli('sync');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/No shared folder has been chosen yet/);
    const refused = await fresh.cli('sync', '--folder', at('signature.png'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is a file, not a folder/);
    expect(await fresh.ok('sync', '--status')).toContain('State: not-set-up');
  });

  it('hands a record from the laptop to the tablet for signing, publishes it, and a third device sees it', async () => {
    const laptop = await device('laptop');
    const tablet = await device('tablet');
    const office = await device('office');
    fs.writeFileSync(at('draft.json'), JSON.stringify(complete('Shared folder hand-over')));
    const id = (await laptop.ok('new', '--from', at('draft.json'))).trim();
    await laptop.ok('sync', '--folder', share);
    const submitted = await laptop.ok('submit', id);
    const reference = /OPCC\.D\.\d{3}\.\d\d/.exec(submitted)![0];
    expect(fs.readdirSync(path.join(share, 'references'), { recursive: true }).join(' ')).toContain('.claim');
    await laptop.ok('sync');

    await tablet.ok('sync', '--folder', share);
    const onTablet = JSON.parse(await tablet.ok('show', reference, '--json')) as DecisionRecord;
    expect(onTablet).toMatchObject({ id, status: 'awaiting-signatures' });
    for (const role of ['chief-finance-officer', 'chief-executive', 'commissioner']) {
      await tablet.ok(
        'sign',
        reference,
        '--role',
        role,
        '--name',
        TEST_SIGNERS[role as TestRole],
        '--image',
        at('signature.png'),
      );
    }
    await tablet.ok('sync');

    await laptop.ok('sync');
    const back = JSON.parse(await laptop.ok('show', reference, '--json')) as DecisionRecord;
    expect(['decided', 'published']).toContain(back.status);
    expect(back.signOffs.every((s) => s.signature !== null)).toBe(true);

    const year = String(new Date().getFullYear());
    const bundle = path.join(share, 'decisions', year, reference);
    const manifest = JSON.parse(fs.readFileSync(path.join(bundle, 'manifest.json'), 'utf8')) as {
      files: { name: string; sha256: string }[] | Record<string, { sha256: string }>;
    };
    const entries = Array.isArray(manifest.files)
      ? manifest.files.map((f) => [f.name, f.sha256] as const)
      : Object.entries(manifest.files).map(([name, f]) => [name, f.sha256] as const);
    expect(entries.map(([name]) => path.extname(name)).sort()).toEqual(['.docx', '.json', '.pdf']);
    for (const [name, hash] of entries) expect(sha256(path.join(bundle, name))).toBe(hash);
    const verified = await laptop.cli('verify', path.join(bundle, entries.find(([n]) => n.endsWith('.pdf'))![0]));
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toMatch(/Checked against the office seal .* \([0-9a-f]{64}\)/);
    expect(verified.stdout.match(/: trusted:/g)).toHaveLength(3);

    await laptop.ok('sync');
    await tablet.ok('sync');
    expect(JSON.parse(await laptop.ok('show', reference, '--json'))).toMatchObject({ status: 'published' });
    expect(fs.existsSync(path.join(share, 'pending', id))).toBe(false);

    await office.ok('sync', '--folder', share);
    expect(JSON.parse(await office.ok('show', reference, '--json'))).toMatchObject({ id, status: 'published' });
    const status = await office.ok('sync', '--status');
    expect(status).toContain('State: synced');

    // An auditor's check of the whole share: every bundle read whole; an edited PDF is found and named.
    expect(await office.ok('sync', '--verify')).toMatch(/^Checked 1 published record: all verify\./);
    const pdf = path.join(bundle, entries.find(([n]) => n.endsWith('.pdf'))![0]);
    const bytes = fs.readFileSync(pdf);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x01;
    fs.writeFileSync(pdf, bytes);
    const tampered = await office.cli('sync', '--verify');
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/^Checked 1 published record: 1 do not verify\./);
    expect(tampered.stdout).toContain(`${reference}: ${path.basename(pdf)} does not match the hash in its manifest`);
  });

  it('gives two laptops submitting at once two different references', async () => {
    const first = await device('first');
    const second = await device('second');
    const ids: string[] = [];
    for (const [n, laptop] of [first, second].entries()) {
      fs.writeFileSync(at(`race-${n}.json`), JSON.stringify(complete(`Race ${n}`)));
      ids.push((await laptop.ok('new', '--from', at(`race-${n}.json`))).trim());
      await laptop.ok('sync', '--folder', share);
    }
    const [a, b] = await Promise.all([first.ok('submit', ids[0]!), second.ok('submit', ids[1]!)]);
    const refA = /OPCC\.D\.\d{3}\.\d\d/.exec(a)![0];
    const refB = /OPCC\.D\.\d{3}\.\d\d/.exec(b)![0];
    expect(refA).not.toBe(refB);
  });

  it('submits with the reference pending when the share is out of reach, and claims it on the next sync', async () => {
    const away = await device('away');
    fs.writeFileSync(at('away.json'), JSON.stringify(complete('Submitted offline')));
    const id = (await away.ok('new', '--from', at('away.json'))).trim();
    // Its own share, chosen while connected, then unplugged (an empty mount point stays where it was).
    const own = at('away-share');
    fs.mkdirSync(own);
    await away.ok('sync', '--folder', own);
    fs.renameSync(own, `${own}-unplugged`);
    fs.mkdirSync(own);
    const submitted = JSON.parse(await away.ok('submit', id, '--json')) as DecisionRecord;
    expect(submitted).toMatchObject({ status: 'awaiting-signatures', reference: null });
    const early = await away.cli(
      'sign',
      id,
      '--role',
      'chief-executive',
      '--name',
      TEST_SIGNERS['chief-executive'],
      '--image',
      at('signature.png'),
    );
    expect(early.stderr).toContain('reference is still pending');
    expect(await away.ok('sync', '--status')).toMatch(/1 reference\(s\) pending/);
    expect(fs.readdirSync(own)).toEqual([]);
    fs.rmdirSync(own);
    fs.renameSync(`${own}-unplugged`, own);
    await away.ok('sync');
    expect(JSON.parse(await away.ok('show', id, '--json'))).toMatchObject({
      reference: expect.stringMatching(/^OPCC\.D\./),
    });
  });
});
