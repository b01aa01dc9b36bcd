// The office's trust on the command line, on real data folders: the seal (made, or imported from a .p12 that openssl
// makes), enrolment, signing and recording with a PIN, revocation, status and verify. A PIN or passphrase is never
// printed, never taken as an argument, and a wrong one is refused in a sentence with exit status 1.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program.ts';
import type { DecisionRecord, DeviceKeyView, TrustStatus, VerifyReport } from '../../../electron/core/domain/index.ts';
import { tmpDataDir } from '../../helpers/db.ts';
import { makePng } from '../../helpers/png.ts';
import { TEST_KDF } from '../../helpers/trust.ts';

const root = tmpDataDir('decision-desk-cli-office-');
const at = (name: string) => path.join(root, name);
const PASSPHRASE = 'the seal passphrase of the office';
const PINS = { cfo: '314159', ce: '271828', pcc: '161803', clerk: '141421' };
const SECRETS = [PASSPHRASE, ...Object.values(PINS)];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The program in this process on data folder `data`, with standard input `stdin` and only the environment given. */
async function run(
  data: string,
  args: string[],
  io: { stdin?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const lines = io.stdin?.split('\n') ?? [];
  const code = await runCli(
    ['--data-dir', data, ...args],
    { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readLines: async (count) => lines.slice(0, count) },
    { env: io.env ?? {}, keys: { kdf: TEST_KDF } },
  );
  const result = { code, stdout: out.join('\n'), stderr: err.join('\n') };
  // Whatever happened, no secret is ever printed.
  for (const secret of SECRETS) expect(`${result.stdout}\n${result.stderr}`, args.join(' ')).not.toContain(secret);
  return result;
}

async function ok(
  data: string,
  args: string[],
  io?: { stdin?: string; env?: Record<string, string> },
): Promise<string> {
  const result = await run(data, args, io);
  expect(result, args.join(' ')).toMatchObject({ code: 0, stderr: '' });
  return result.stdout;
}

const sealEnv = { DECISION_DESK_SEAL_PASSPHRASE: PASSPHRASE };
const complete = {
  originator: 'Chief Executive',
  title: 'Body-worn cameras for the rural teams',
  executiveSummary: 'The rural teams need cameras.',
  recommendation: 'The PCC is recommended to approve the purchase.',
  decision: 'To approve the purchase.',
  impact: {
    planObjectives: 'Supports safer rural communities.',
    equalityImpactAssessment: false,
    diversityImpact: false,
    diversityExplanation: '',
  },
};

async function submittedRecord(data: string, title: string): Promise<string> {
  fs.writeFileSync(at(`${title}.json`), JSON.stringify({ ...complete, title }));
  const id = (await ok(data, ['new', '--from', at(`${title}.json`)])).trim();
  await ok(data, ['submit', id]);
  return id;
}

const status = async (data: string) => JSON.parse(await ok(data, ['office', 'status', '--json'])) as TrustStatus;

describe('the office seal and enrolment', () => {
  const data = at('office');

  it('says there is no seal yet, and refuses to enrol or sign without one', async () => {
    fs.mkdirSync(data);
    const shown = await run(data, ['office', 'status']);
    // A folder with no database yet: status is read-only and says so.
    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain('There is no Decision Desk database');
    await ok(data, ['new']);
    expect(await ok(data, ['office', 'status'])).toContain(
      'The office has no seal on this device yet: create one with "decision-desk office init"',
    );
    const enrol = await run(data, ['enrol', '--role', 'chief-executive', '--name', 'Gareth Lloyd'], {
      env: { ...sealEnv, DECISION_DESK_PIN: PINS.ce },
    });
    expect(enrol.code).toBe(1);
    expect(enrol.stderr).toContain('The office has no seal on this device yet');
  });

  it('creates the seal with the passphrase from standard input, never from an argument, and only once', async () => {
    const none = await run(data, ['office', 'init']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      'The seal\u2019s passphrase is needed: set DECISION_DESK_SEAL_PASSPHRASE or pass --passphrase-stdin',
    );
    const argv = await run(data, ['office', 'init', '--passphrase', PASSPHRASE]);
    expect(argv.code).toBe(2);
    expect(argv.stderr).toContain('never given as arguments');
    const short = await run(data, ['office', 'init', '--passphrase-stdin'], { stdin: 'too short\n' });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');
    const empty = await run(data, ['office', 'init', '--passphrase-stdin'], { stdin: '' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('line 1, but that line is missing or empty');

    const created = await ok(data, ['office', 'init', '--passphrase-stdin'], { stdin: `${PASSPHRASE}\r\n` });
    expect(created).toContain('Created the office seal for Office of the Police and Crime Commissioner for Kent.');
    const fingerprint = /Fingerprint: ([0-9a-f]{64})/.exec(created)![1]!;
    const again = await run(data, ['office', 'init'], { env: sealEnv });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('The office already has a seal');
    const seal = await status(data);
    expect(seal.pinned).toBe(fingerprint);
    expect(seal.seal).toMatchObject({ fingerprint, onThisDevice: true });
  });

  it('enrols the signatories and a recorder, each under their own PIN, with the seal\u2019s passphrase', async () => {
    const both = await ok(
      data,
      ['enrol', '--role', 'chief-finance-officer', '--name', 'Priya Raman', '--passphrase-stdin', '--pin-stdin'],
      {
        stdin: `${PASSPHRASE}\n${PINS.cfo}\n`,
      },
    );
    expect(both).toMatch(
      /^Enrolled Priya Raman as chief-finance-officer on this device: key signatory-[0-9a-f-]{36}, certificate [0-9a-f]{16}, valid until /,
    );
    await ok(data, ['enrol', '--role', 'chief-executive', '--name', 'Gareth Lloyd'], {
      env: { ...sealEnv, DECISION_DESK_PIN: PINS.ce },
    });
    await ok(data, ['enrol', '--role', 'commissioner', '--name', 'Helen Ashworth', '--pin-stdin'], {
      stdin: `${PINS.pcc}\n`,
      env: sealEnv,
    });
    const clerk = JSON.parse(
      await ok(data, ['enrol', '--recorder', '--name', 'Sam Clerk', '--json'], {
        env: { ...sealEnv, DECISION_DESK_PIN: PINS.clerk },
      }),
    ) as DeviceKeyView;
    expect(clerk).toMatchObject({ kind: 'recorder', name: 'Sam Clerk', usable: true });

    const wrongSeal = await run(data, ['enrol', '--role', 'commissioner', '--name', 'Someone'], {
      env: { DECISION_DESK_SEAL_PASSPHRASE: 'not the passphrase at all', DECISION_DESK_PIN: '000000' },
    });
    expect(wrongSeal).toMatchObject({ code: 1, stderr: 'decision-desk: The seal\u2019s passphrase is not right.' });
    const role = await run(data, ['enrol', '--role', 'monitoring-officer', '--name', 'X'], {
      env: { ...sealEnv, DECISION_DESK_PIN: '000000' },
    });
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('no signatory with the role "monitoring-officer"');
    const shortPin = await run(data, ['enrol', '--recorder', '--name', 'X'], {
      env: { ...sealEnv, DECISION_DESK_PIN: '12' },
    });
    expect(shortPin.code).toBe(1);
    expect(shortPin.stderr).toContain('at least 6 characters');
    expect((await run(data, ['enrol', '--name', 'X'], { env: sealEnv })).code).toBe(2);

    const shown = await ok(data, ['office', 'status']);
    for (const text of [
      'Office seal: Office of the Police and Crime Commissioner for Kent',
      'on this device (enrol and revoke here)',
      'Keys on this device:',
      'Priya Raman',
      'Sam Clerk',
      'can sign',
      'can publish',
      'Certificates this device believes:',
      'Revocations: none',
    ]) {
      expect(shown).toContain(text);
    }
    expect((await status(data)).keys.filter((k) => k.usable).map((k) => k.kind)).toEqual([
      'seal',
      'publisher',
      'signatory',
      'signatory',
      'signatory',
      'recorder',
    ]);
  });

  it('signs with the PIN (drawn and typed), refuses a wrong one with what is left, records paper with the recorder\u2019s key, and verifies', async () => {
    fs.writeFileSync(at('signature.png'), makePng(300, 100));
    const id = await submittedRecord(data, 'Signed with keys');
    const cfo = [
      'sign',
      id,
      '--role',
      'chief-finance-officer',
      '--name',
      'Priya Raman',
      '--image',
      at('signature.png'),
    ];
    const noPin = await run(data, cfo);
    expect(noPin.code).toBe(2);
    expect(noPin.stderr).toContain('The PIN is needed: set DECISION_DESK_PIN or pass --pin-stdin');
    const wrong = await run(data, [...cfo, '--pin-stdin'], { stdin: '999999\n' });
    expect(wrong).toMatchObject({ code: 1, stderr: 'decision-desk: The PIN is not right (9 tries left).' });
    const pinArg = await run(data, [...cfo, '--pin', PINS.cfo]);
    expect(pinArg.code).toBe(2);
    expect(pinArg.stderr).not.toContain(PINS.cfo);
    const other = await run(
      data,
      ['sign', id, '--role', 'chief-finance-officer', '--name', 'Not Enrolled', '--typed'],
      { env: { DECISION_DESK_PIN: PINS.cfo } },
    );
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('belongs to Priya Raman, not to Not Enrolled');
    expect(
      (
        await run(data, [
          'sign',
          id,
          '--role',
          'chief-executive',
          '--name',
          'Gareth Lloyd',
          '--typed',
          '--image',
          at('signature.png'),
        ])
      ).code,
    ).toBe(2);

    await ok(data, [...cfo, '--pin-stdin'], { stdin: `${PINS.cfo}\n` });
    await ok(data, ['sign', id, '--role', 'chief-executive', '--name', 'Gareth Lloyd', '--typed'], {
      env: { DECISION_DESK_PIN: PINS.ce },
    });
    const today = new Date().toISOString().slice(0, 10);
    const paper = await ok(
      data,
      ['paper', id, '--role', 'commissioner', '--name', 'Helen Ashworth', '--signed-on', today],
      {
        env: { DECISION_DESK_PIN: PINS.clerk },
      },
    );
    expect(paper).toMatch(
      /^Recorded the paper signature of commissioner on OPCC\.D\.\d{3}\.\d\d \(recorded by Sam Clerk\): the record is decided\.$/,
    );
    const record = JSON.parse(await ok(data, ['show', id, '--json'])) as DecisionRecord;
    expect(record.signOffs.map((s) => s.signature?.method)).toEqual(['drawn', 'typed', 'paper']);
    expect(fs.readFileSync(path.join(data, 'decision-desk.sqlite')).includes(PINS.cfo)).toBe(false);

    await ok(data, ['export', id, '--out', at('signed.json')]);
    const verified = await run(data, ['verify', at('signed.json')]);
    expect(verified.code, verified.stdout).toBe(0);
    const fingerprint = (await status(data)).pinned!;
    expect(verified.stdout).toContain(
      `Checked against the office seal Office of the Police and Crime Commissioner for Kent (${fingerprint})`,
    );
    expect(verified.stdout).toMatch(
      /valid {4}chief-finance-officer: Priya Raman \(drawn\), .*\n {11}certificate [0-9a-f]{16} \(Priya Raman, chief-finance-officer\): trusted: /,
    );
    expect(verified.stdout).toMatch(/valid {4}chief-executive: Gareth Lloyd \(typed\)/);
    expect(verified.stdout).toMatch(
      /valid {4}commissioner: Helen Ashworth on paper, recorded by Sam Clerk, .*\n {11}certificate [0-9a-f]{16} \(Sam Clerk\): trusted/,
    );
  });

  it('picks the one recorder key, and asks which when there are several', async () => {
    await ok(data, ['enrol', '--recorder', '--name', 'Second Clerk'], {
      env: { ...sealEnv, DECISION_DESK_PIN: PINS.clerk },
    });
    const id = await submittedRecord(data, 'Two recorders');
    const today = new Date().toISOString().slice(0, 10);
    const paper = ['paper', id, '--role', 'chief-executive', '--name', 'Gareth Lloyd', '--signed-on', today];
    const which = await run(data, paper, { env: { DECISION_DESK_PIN: PINS.clerk } });
    expect(which.code).toBe(2);
    expect(which.stderr).toMatch(
      /2 recorders’ keys \(Sam Clerk: recorder-.*, Second Clerk: recorder-.*\): choose one with --recorder KEYID/,
    );
    const second = (await status(data)).keys.find((k) => k.name === 'Second Clerk')!;
    expect(await ok(data, [...paper, '--recorder', second.id], { env: { DECISION_DESK_PIN: PINS.clerk } })).toContain(
      'recorded by Second Clerk',
    );
  });

  it('revokes a certificate by the start of its fingerprint: status shows it, and its key signs no more', async () => {
    const before = await status(data);
    const ce = before.keys.find((k) => k.role === 'chief-executive')!;
    const prefix = ce.certificate!.fingerprint.slice(0, 12);
    expect((await run(data, ['revoke', 'zz'], { env: sealEnv })).code).toBe(2);
    expect((await run(data, ['revoke', prefix, '--reason', 'lost'], { env: sealEnv })).code).toBe(2);
    const wrong = await run(data, ['revoke', prefix], {
      env: { DECISION_DESK_SEAL_PASSPHRASE: 'not the passphrase at all' },
    });
    expect(wrong).toMatchObject({ code: 1, stderr: 'decision-desk: The seal\u2019s passphrase is not right.' });
    const revoked = await ok(data, ['revoke', prefix, '--reason', 'key-compromise', '--passphrase-stdin'], {
      stdin: `${PASSPHRASE}\n`,
    });
    expect(revoked).toMatch(
      new RegExp(
        `^Revoked Gareth Lloyd’s signatory certificate ${ce.certificate!.fingerprint.slice(0, 16)} \\(key-compromise\\) from `,
      ),
    );
    const after = await status(data);
    expect(after.revocationsAsOf).not.toBeNull();
    expect(after.keys.find((k) => k.id === ce.id)).toMatchObject({
      usable: false,
      certificate: { revokedAt: expect.any(String) },
    });
    const shown = await ok(data, ['office', 'status']);
    expect(shown).toMatch(/Revocations: Gareth Lloyd \([0-9a-f]{16}, signatory\) from /);
    const id = await submittedRecord(data, 'After the revocation');
    const refused = await run(data, ['sign', id, '--role', 'chief-executive', '--name', 'Gareth Lloyd', '--typed'], {
      env: { DECISION_DESK_PIN: PINS.ce },
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('cannot sign: it is revoked, expired or disabled');
  });

  it('verify in a folder that pins another seal, or none, trusts none of the signatures and says why', async () => {
    const elsewhere = at('elsewhere');
    await ok(elsewhere, ['new']);
    const none = await run(elsewhere, ['verify', at('signed.json')]);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('Checked against no office seal');
    expect(none.stdout.match(/NOT TRUSTED: this device has no office seal/g)).toHaveLength(3);
    await ok(elsewhere, ['office', 'init'], { env: sealEnv });
    const other = await run(elsewhere, ['verify', at('signed.json'), '--json']);
    expect(other.code).toBe(1);
    const report = JSON.parse(other.stdout) as VerifyReport;
    expect(report.signatures.map((s) => s.reason)).toEqual(
      Array(3).fill('the certificate was not issued by this office\u2019s seal'),
    );
    expect(report.signatures.map((s) => s.certificate?.name)).toEqual(['Priya Raman', 'Gareth Lloyd', 'Sam Clerk']);
  });
});

describe('importing the seal IT issued', () => {
  const data = at('imported');
  const P12_PASSPHRASE = 'it-department-secret';
  beforeAll(() => {
    const key = at('it-key.pem');
    const cert = at('it-cert.pem');
    const subject =
      '/CN=Office of the Police and Crime Commissioner for Kent/OU=seal/O=Office of the Police and Crime Commissioner for Kent';
    const quiet = { stdio: 'pipe' } as const;
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-keyout',
        key,
        '-out',
        cert,
        '-nodes',
        '-days',
        '3650',
        '-subj',
        subject,
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
      ],
      quiet,
    );
    execFileSync(
      'openssl',
      ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', at('seal.p12'), '-passout', `pass:${P12_PASSPHRASE}`],
      quiet,
    );
    const leaf = at('leaf-cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-keyout',
        at('leaf-key.pem'),
        '-out',
        leaf,
        '-nodes',
        '-days',
        '30',
        '-subj',
        '/CN=Not an authority',
        '-addext',
        'basicConstraints=critical,CA:FALSE',
      ],
      quiet,
    );
    execFileSync(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-inkey',
        at('leaf-key.pem'),
        '-in',
        leaf,
        '-out',
        at('leaf.p12'),
        '-passout',
        `pass:${P12_PASSPHRASE}`,
      ],
      quiet,
    );
  });

  it('takes the .p12 passphrase from the second line of standard input or its variable, and refuses a wrong one or a non-authority', async () => {
    await ok(data, ['new']);
    const wrong = await run(data, ['office', 'import', at('seal.p12'), '--passphrase-stdin'], {
      stdin: `${PASSPHRASE}\nnot it\n`,
    });
    expect(wrong).toMatchObject({ code: 1, stderr: 'decision-desk: The passphrase does not open this .p12 file.' });
    const missing = await run(data, ['office', 'import', at('seal.p12')], { env: sealEnv });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('The .p12 file\u2019s passphrase is needed: set DECISION_DESK_P12_PASSPHRASE');
    const leaf = await run(data, ['office', 'import', at('leaf.p12')], {
      env: { ...sealEnv, DECISION_DESK_P12_PASSPHRASE: P12_PASSPHRASE },
    });
    expect(leaf.code).toBe(1);
    expect(leaf.stderr).toContain('not a certification authority');
    expect((await run(data, ['office', 'import'], { env: sealEnv })).code).toBe(2);
    expect((await run(data, ['office', 'import', at('nothing.p12')], { env: sealEnv })).code).toBe(1);

    const imported = await ok(data, ['office', 'import', at('seal.p12'), '--passphrase-stdin'], {
      stdin: `${PASSPHRASE}\n${P12_PASSPHRASE}\n`,
    });
    expect(imported).toContain('Imported the office seal Office of the Police and Crime Commissioner for Kent');
    const pem = fs.readFileSync(at('it-cert.pem'), 'utf8');
    const expected = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], {
      input: pem,
      encoding: 'utf8',
    })
      .split('=')[1]!
      .trim()
      .replace(/:/g, '')
      .toLowerCase();
    expect((await status(data)).pinned).toBe(expected);
    await ok(data, ['enrol', '--role', 'commissioner', '--name', 'Helen Ashworth'], {
      env: { ...sealEnv, DECISION_DESK_PIN: PINS.pcc },
    });
    expect((await status(data)).keys.find((k) => k.kind === 'signatory')).toMatchObject({ usable: true });
  });
});

describe('secrets through a real standard input', () => {
  it('reads the passphrase and PIN piped into the program, and prints neither', async () => {
    const data = at('piped');
    const main = path.resolve(import.meta.dirname, '../../../electron/cli/main.ts');
    const piped = (args: string[], stdin: string) =>
      new Promise<Run>((resolve, reject) => {
        const env: NodeJS.ProcessEnv = { ...process.env, HOME: root };
        for (const name of ['DECISION_DESK_PIN', 'DECISION_DESK_SEAL_PASSPHRASE', 'DECISION_DESK_DATA'])
          delete env[name];
        const child = spawn(process.execPath, ['--import', 'tsx', main, '--data-dir', data, ...args], { env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
        child.stdin.end(stdin);
      });
    const created = await piped(['office', 'init', '--passphrase-stdin'], `${PASSPHRASE}\n`);
    expect(created, created.stderr).toMatchObject({ code: 0, stderr: '' });
    const enrolled = await piped(
      ['enrol', '--role', 'chief-finance-officer', '--name', 'Priya Raman', '--passphrase-stdin', '--pin-stdin'],
      `${PASSPHRASE}\n${PINS.cfo}\n`,
    );
    expect(enrolled, enrolled.stderr).toMatchObject({ code: 0, stderr: '' });
    const wrong = await piped(['revoke', '0123456789abcdef', '--passphrase-stdin'], 'wrong\n');
    expect(wrong.code).toBe(2);
    for (const result of [created, enrolled, wrong])
      for (const secret of SECRETS) expect(result.stdout + result.stderr).not.toContain(secret);
  });
});
