// The command line from draft to verified PDF: submit, sign three times, export Word and PDF, register, audit, verify.

import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program.ts';
import type { DecisionRecord, VerifyReport } from '../../../electron/core/domain/index.ts';
import { tmpDataDir } from '../../helpers/db.ts';
import { makePng } from '../../helpers/png.ts';
import { TEST_KDF } from '../../helpers/trust.ts';

const dir = tmpDataDir('decision-desk-cli-workflow-');
const data = path.join(dir, 'data');
const file = (name: string) => path.join(dir, name);
const PASSPHRASE = 'a long seal passphrase';
const PIN = '246810';

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const streams = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) };
  const env = { DECISION_DESK_PIN: PIN, DECISION_DESK_SEAL_PASSPHRASE: PASSPHRASE };
  const code = await runCli(['--data-dir', data, ...args], streams, { env, keys: { kdf: TEST_KDF } });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function ok(...args: string[]) {
  const run = await cli(...args);
  expect(run, args.join(' ')).toMatchObject({ code: 0, stderr: '' });
  return run.stdout;
}

const complete = {
  originator: 'Chief Executive',
  title: 'Replacement of the custody suite roof',
  classification: 'open',
  executiveSummary: 'The roof of the **custody suite** leaks.\n\n1. Survey done\n2. Tender run',
  recommendation: 'The PCC is recommended to approve the spend.',
  decision: 'To approve the spend of £240,000.',
  impact: {
    planObjectives: 'Keeps custody safe.',
    equalityImpactAssessment: false,
    diversityImpact: false,
    diversityExplanation: '',
  },
};

// The office this data folder trusts, made through the command line: its seal, and everyone who signs in this file.
const SIGNERS = {
  'chief-finance-officer': ['Finance Officer', 'F', 'Priya Raman'],
  'chief-executive': ['Chief Exec', 'E', 'Owen Pritchard'],
  commissioner: ['The Commissioner', 'Ruth Adebayo'],
};
beforeAll(async () => {
  await ok('office', 'init');
  for (const [role, names] of Object.entries(SIGNERS))
    for (const name of names) await ok('enrol', '--role', role, '--name', name);
});

describe('sign-off on the command line', () => {
  it('takes a record from draft through three signatures to a verified PDF', async () => {
    fs.writeFileSync(file('draft.json'), JSON.stringify(complete));
    fs.writeFileSync(file('signature.png'), makePng(400, 120));
    const id = (await ok('new', '--from', file('draft.json'))).trim();

    const submitted = await ok('submit', id);
    expect(submitted).toMatch(/^Submitted OPCC\.D\.001\.\d\d: awaiting signatures\.$/);
    const reference = /OPCC\.D\.001\.\d\d/.exec(submitted)![0];

    const early = await cli(
      'sign',
      reference,
      '--role',
      'commissioner',
      '--name',
      'The Commissioner',
      '--image',
      file('signature.png'),
    );
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('signs last');

    await ok(
      'sign',
      reference,
      '--role',
      'chief-finance-officer',
      '--name',
      'Finance Officer',
      '--image',
      file('signature.png'),
    );
    await ok(
      'sign',
      id,
      '--role',
      'chief-executive',
      '--name',
      'Chief Exec',
      '--image',
      file('signature.png'),
      '--comments',
      'Full support.',
    );
    expect(
      await ok(
        'sign',
        reference,
        '--role',
        'commissioner',
        '--name',
        'The Commissioner',
        '--image',
        file('signature.png'),
      ),
    ).toContain('the record is decided');

    const returned = await cli('return', reference, '--reason', 'Too late');
    expect(returned.code).toBe(1);
    expect(returned.stderr).toContain('final');

    const audit = await ok('audit', reference);
    for (const action of ['created', 'submitted', 'signed', 'decided']) expect(audit).toContain(action);
    expect(audit).toContain('audit chain whole (');

    await ok('export', reference, '--out', file('record.docx'));
    const docx = unzipSync(new Uint8Array(fs.readFileSync(file('record.docx'))));
    const documentXml = new TextDecoder().decode(docx['word/document.xml']);
    expect(Object.keys(docx).some((name) => name.startsWith('word/media/'))).toBe(true);
    // Three signatures drawn in (the same test PNG, stored once and placed three times).
    expect(documentXml.match(/<a:blip /g)).toHaveLength(3);
    expect(documentXml).toContain('Replacement of the custody suite roof');

    await ok('export', reference, '--format', 'pdf', '--out', file('record.pdf'));
    expect(fs.readFileSync(file('record.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const verified = await cli('verify', file('record.pdf'), '--json');
    expect(verified.code).toBe(0);
    const report = JSON.parse(verified.stdout) as VerifyReport;
    expect(report.valid).toBe(true);
    expect(report.signatures.map((s) => s.valid)).toEqual([true, true, true]);
    expect(report.signatures.map((s) => s.certificate?.name)).toEqual([
      'Finance Officer',
      'Chief Exec',
      'The Commissioner',
    ]);
    expect(report.seal?.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    await ok('export', reference, '--out', file('record.json'));
    const record = JSON.parse(fs.readFileSync(file('record.json'), 'utf8')) as DecisionRecord;
    fs.writeFileSync(
      file('tampered.json'),
      JSON.stringify({ ...record, decision: record.decision.replace('240,000', '420,000') }),
    );
    const tampered = await cli('verify', file('tampered.json'));
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('NOT VALID');
    expect(tampered.stdout.match(/INVALID/g)).toHaveLength(3);

    await ok('register', '--out', file('register.csv'));
    const csv = fs.readFileSync(file('register.csv'), 'utf8');
    expect(csv).toContain(reference);
    expect(csv).toContain('Replacement of the custody suite roof');
  });

  it('refuses bad signing input with a clear message and exit status', async () => {
    fs.writeFileSync(file('not-a-png.png'), 'just text');
    const id = (await ok('new')).trim();
    const draft = await cli('sign', id, '--role', 'chief-executive', '--name', 'A', '--image', file('signature.png'));
    expect(draft.code).toBe(1);
    expect(draft.stderr).toContain('submitted for signatures first');
    const usage = await cli('sign', id, '--role', 'chief-executive');
    expect(usage.code).toBe(2);
    const notPng = await cli('sign', id, '--role', 'chief-executive', '--name', 'A', '--image', file('not-a-png.png'));
    expect(notPng.code).toBe(1);
    expect(notPng.stderr).toContain('not a PNG');
    const incomplete = await cli('submit', id);
    expect(incomplete.code).toBe(1);
    expect(incomplete.stderr).toContain('Add a title.');
    const missing = await cli('verify', file('nothing-here.json'));
    expect(missing.code).toBe(1);
  });
});

describe('publication on the command line', () => {
  it('lists no late record at first, withdraws a decided record with its reason, and refuses without one', async () => {
    fs.writeFileSync(file('late.json'), JSON.stringify(complete));
    fs.writeFileSync(file('signature.png'), makePng(400, 120));
    const id = (await ok('new', '--from', file('late.json'))).trim();
    await ok('submit', id);
    await ok(
      'sign',
      id,
      '--role',
      'chief-finance-officer',
      '--name',
      'Finance Officer',
      '--image',
      file('signature.png'),
    );
    await ok('sign', id, '--role', 'chief-executive', '--name', 'Chief Exec', '--image', file('signature.png'));
    await ok('sign', id, '--role', 'commissioner', '--name', 'The Commissioner', '--image', file('signature.png'));
    // Decided today: not late until the office's 14 days have passed.
    expect(await ok('late')).toBe('No decided record is unpublished after 14 days.');
    expect(JSON.parse(await ok('late', '--json'))).toEqual({ overdueDays: 14, total: 0, records: [] });

    const bare = await cli('withdraw', id);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--reason TEXT is required');
    expect(await ok('withdraw', id, '--reason', 'The estate was sold.')).toMatch(
      /^Withdrew OPCC\.D\.\d{3}\.\d\d: The estate was sold\.$/,
    );
    const shown = JSON.parse(await ok('show', id, '--json')) as DecisionRecord;
    expect(shown.withdrawal).toMatchObject({ reason: 'The estate was sold.' });
    const again = await cli('withdraw', id, '--reason', 'Again');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already withdrawn');
  });
});

describe('what the command line says and keeps', () => {
  it('says the reference is pending when the shared folder is out of reach, never "Submitted null"', async () => {
    const share = file('share-gone');
    fs.mkdirSync(share);
    fs.writeFileSync(file('pending.json'), JSON.stringify({ ...complete, title: 'Submitted while the share is away' }));
    const id = (await ok('new', '--from', file('pending.json'))).trim();
    const { openDesk } = await import('../../../electron/core/desk.ts');
    const desk = await openDesk(data, { dailyBackup: false });
    await desk.service['settings.update']({ patch: { sharedFolder: share } });
    await desk.close();
    fs.rmSync(share, { recursive: true });
    try {
      const submitted = await ok('submit', id);
      expect(submitted).not.toContain('null');
      expect(submitted).toBe(
        'Submitted: awaiting signatures. Its reference is pending until the shared folder can be reached.',
      );
    } finally {
      const reset = await openDesk(data, { dailyBackup: false });
      await reset.service['settings.update']({ patch: { sharedFolder: null } });
      await reset.close();
    }
  });

  it('keeps the officer\u2019s comments when sign has no --comments, and replaces them with --comments', async () => {
    fs.writeFileSync(file('comments.json'), JSON.stringify({ ...complete, title: 'Comments kept' }));
    fs.writeFileSync(file('signature.png'), makePng(400, 120));
    const id = (await ok('new', '--from', file('comments.json'))).trim();
    const { openDesk } = await import('../../../electron/core/desk.ts');
    const desk = await openDesk(data, { dailyBackup: false });
    const record = await desk.service['records.get']({ id });
    const signOffs = record.signOffs.map(({ role, name }) => ({ role, name, comments: `${role} supports this.` }));
    await desk.service['records.save']({ id, baseRevision: record.revision, patch: { signOffs }, mode: 'explicit' });
    await desk.close();
    await ok('submit', id);
    await ok('sign', id, '--role', 'chief-finance-officer', '--name', 'F', '--image', file('signature.png'));
    await ok(
      'sign',
      id,
      '--role',
      'chief-executive',
      '--name',
      'E',
      '--image',
      file('signature.png'),
      '--comments',
      'Replaced.',
    );
    const shown = JSON.parse(await ok('show', id, '--json')) as DecisionRecord;
    expect(shown.signOffs.map((s) => s.comments)).toEqual([
      'chief-finance-officer supports this.',
      'Replaced.',
      'commissioner supports this.',
    ]);
  });

  it('refuses a JSON file nested thousands of levels deep with one line naming the file', async () => {
    fs.writeFileSync(
      file('deep.json'),
      `{"format":"decision-desk/record@1","title":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    );
    for (const args of [
      ['import', file('deep.json')],
      ['new', '--from', file('deep.json')],
    ]) {
      const run = await cli(...args);
      expect(run.code, args[0]).toBe(1);
      expect(run.stderr).toContain(`${file('deep.json')}: the file's JSON is nested more than 32 levels deep`);
      expect(run.stderr.split('\n')).toHaveLength(1);
    }
  });
});

describe('the Record of signing page', () => {
  it('ends the PDF with each signature and the returns, and none for a draft when the setting is off', async () => {
    const { execFileSync } = await import('node:child_process');
    fs.writeFileSync(file('draft2.json'), JSON.stringify({ ...complete, title: 'Signing page check' }));
    fs.writeFileSync(file('signature.png'), makePng(400, 120));
    const id = (await ok('new', '--from', file('draft2.json'))).trim();
    await ok('submit', id);
    await ok('return', id, '--reason', 'Figures to be checked by finance');
    await ok('submit', id);
    const signers = {
      'chief-finance-officer': 'Priya Raman',
      'chief-executive': 'Owen Pritchard',
      commissioner: 'Ruth Adebayo',
    };
    for (const [role, name] of Object.entries(signers))
      await ok('sign', id, '--role', role, '--name', name, '--image', file('signature.png'));
    await ok('export', id, '--out', file('signed.pdf'));
    // Table cells wrap, so words are compared with the line breaks folded away.
    const text = execFileSync('pdftotext', [file('signed.pdf'), '-'], { encoding: 'utf8' })
      .replace(/-\n/g, '-')
      .replace(/\s+/g, ' ');
    const page = text.slice(text.indexOf('Record of signing'));
    expect(text).toContain('Record of signing');
    for (const name of Object.values(signers)) expect(page).toContain(name);
    expect(page).toContain('Chief Finance Officer');
    expect(page).toContain('Police and Crime Commissioner for Kent');
    expect(page).toContain('Returned to draft');
    expect(page).toContain('Figures to be checked by finance');
    expect(page).not.toContain('Not valid');

    fs.copyFileSync(file('signed.pdf'), '/tmp/signed-page-check.pdf');
    const { openDesk } = await import('../../../electron/core/desk.ts');
    const desk = await openDesk(data, { dailyBackup: false });
    await desk.service['settings.update']({ patch: { recordOfSigningPage: false } });
    await desk.close();
    await ok('export', id, '--out', file('without.pdf'));
    expect(execFileSync('pdftotext', [file('without.pdf'), '-'], { encoding: 'utf8' })).not.toContain(
      'Record of signing',
    );
  });
});
