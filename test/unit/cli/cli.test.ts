// The command line as a user runs it: the real program in a child process, against real data folders.

import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DecisionRecord, LIMITS, type Page, type RecordSummary } from '../../../electron/core/domain/index.ts';
import { runCli } from '../../../electron/cli/program.ts';
import { DATABASE_FILE } from '../../../electron/core/paths.ts';
import { tmpDataDir } from '../../helpers/db.ts';
import { attachmentBomb } from '../../helpers/hostile-pdf.ts';

const execFileAsync = promisify(execFile);

const root = path.resolve(import.meta.dirname, '../../..');
const main = path.join(root, 'electron/cli/main.ts');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  env?: Record<string, string>;
  /** Run the built bin (see builtBin) from this folder instead of main.ts through tsx. */
  viaBinFrom?: string;
}

/** The platform folder would be the tester's own: every run gets a throwaway home unless the test names one. */
const home = tmpDataDir('decision-desk-cli-home-');

function cli(args: string[], options: RunOptions = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: home, ...options.env };
  if (!options.env?.DECISION_DESK_DATA) delete env.DECISION_DESK_DATA;
  const argv = options.viaBinFrom ? [builtBin, ...args] : ['--import', 'tsx', main, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: options.viaBinFrom ?? root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a command that must succeed and returns its standard output. */
async function ok(args: string[], options?: RunOptions): Promise<string> {
  const run = await cli(args, options);
  expect(run, `decision-desk ${args.join(' ')}`).toMatchObject({ code: 0, stderr: '' });
  return run.stdout;
}

function expectNoStackTrace(run: Run) {
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toMatch(/node:internal|\.ts:\d+/);
}

function writeJson(file: string, value: unknown): string {
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

const grantContent = {
  title: 'Grant to a rural crime partnership',
  originator: 'Chief Executive',
  reference: 'OPCC.D.001.25',
  executiveSummary:
    'The partnership asks for a **two-year** grant.\n\n- farm watch schemes\n- a heritage crime officer',
  recommendation: 'The Commissioner is recommended to approve the grant.',
  impact: {
    planObjectives: 'Supports safer rural communities.',
    equalityImpactAssessment: false,
    diversityImpact: false,
    diversityExplanation: '',
  },
};

/** Usage is settled before any data folder is opened, so these run in this process: same program, no spawn. */
async function inProcess(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (text) => (stderr += `${text}\n`),
  });
  return { code, stdout, stderr };
}

describe('decision-desk usage', () => {
  it('prints help with exit 0 and explains bad usage with exit 2, before touching any data folder', async () => {
    const help = await inProcess(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['new', 'list', 'show', 'export', 'import', '--data-dir', '--json'])
      expect(help.stdout).toContain(name);
    expect(await inProcess(['help'])).toEqual(help);
    const listHelp = await inProcess(['list', '--help']);
    expect(listHelp).toMatchObject({ code: 0, stderr: '' });
    expect(listHelp.stdout).toContain('--classification');
    expect((await inProcess(['help', 'show'])).stdout).toContain('Usage: decision-desk show <id|reference>');

    const usage: [string[], string][] = [
      [['frobnicate'], 'Unknown command "frobnicate"'],
      [[], 'No command given'],
      [['list', '--colour'], "Unknown option '--colour'"],
      [['--data-dir'], "Option '--data-dir <value>' argument missing"],
      [['--data-dir', '', 'list'], '--data-dir needs a folder'],
      [['show'], 'Missing <id|reference>'],
      [['new', 'surplus'], 'Unexpected argument "surplus"'],
      [['import'], 'Missing FILE...'],
      [
        ['export', 'OPCC.D.001.25', '--format', 'odt', '--out', 'x.odt'],
        'Unknown export format "odt" (available: json, docx, pdf, public-pdf)',
      ],
      [
        ['export', 'OPCC.D.001.25', '--out', 'x.txt'],
        'Name a format with --format (available: json, docx, pdf, public-pdf)',
      ],
      [['export', 'OPCC.D.001.25', '--format', 'json'], '--out FILE is required'],
      [['list', '--status', 'pending'], '--status must be one of: draft, awaiting-signatures, decided, published'],
      [['list', '--year', '1999'], '--year: too small'],
      [['list', '--limit', 'ten'], '--limit must be a whole number'],
      [['list', '--limit', '501'], '--limit: too big'],
      [['list', '--sort', 'relevance'], '--sort must be one of: updated, created, reference, title'],
    ];
    for (const [args, message] of usage) {
      const run = await inProcess(args);
      expect(run, args.join(' ')).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr, args.join(' ')).toMatch(
        /^decision-desk: .+\nUsage: decision-desk.*\nRun "decision-desk.* --help" for more\.\n$/,
      );
      expect(run.stderr, args.join(' ')).toContain(message);
    }
    expect(fs.readdirSync(home)).toEqual([]);
  });
});

describe('decision-desk commands', () => {
  it('creates, lists, shows and exports records', async () => {
    const dataDir = tmpDataDir();
    const d = ['--data-dir', dataDir];
    const empty = (await ok([...d, 'new'])).trim();
    expect(empty).toMatch(UUID);
    const grant = JSON.parse(
      await ok(['new', '--json', '--from', writeJson(path.join(dataDir, 'grant.json'), grantContent), ...d]),
    ) as DecisionRecord;
    expect(grant).toMatchObject({
      reference: 'OPCC.D.001.25',
      title: grantContent.title,
      status: 'draft',
      revision: 1,
    });

    // A whole record.json is a starting point: its id, hash and times are made afresh.
    const exported = path.join(dataDir, 'empty.json');
    await ok([...d, 'export', empty, '--format', 'json', '--out', exported]);
    const copy = JSON.parse(await ok([...d, '--json', 'new', '--from', exported])) as DecisionRecord;
    expect(copy.id).not.toBe(empty);
    expect(copy.contentHash).not.toBe(readJson<DecisionRecord>(exported).contentHash);

    const table = await ok([...d, 'list']);
    expect(table.split('\n')[0]).toMatch(/^Reference\s+Title\s+Status\s+Updated/);
    expect(table).toContain('OPCC.D.001.25');
    expect(table).toContain(grantContent.title);
    const [all, found, limited, confidential] = await Promise.all([
      ok([...d, 'list', '--json']),
      ok([...d, 'list', '--json', '--query', 'heritage']),
      ok([...d, 'list', '--json', '--status', 'draft', '--sort', 'title', '--limit', '2']),
      ok([...d, 'list', '--classification', 'confidential']),
    ]);
    expect((JSON.parse(all) as Page<RecordSummary>).total).toBe(3);
    expect((JSON.parse(found) as Page<RecordSummary>).items.map((r) => r.id)).toEqual([grant.id]);
    expect(JSON.parse(limited)).toMatchObject({ total: 3, items: [{}, {}] });
    expect(confidential.trim()).toBe('No records.');

    const [shown, shownJson, missing] = await Promise.all([
      ok([...d, 'show', 'OPCC.D.001.25']),
      ok([...d, 'show', grant.id, '--json']),
      cli([...d, 'show', 'OPCC.D.999.25']),
    ]);
    for (const text of [
      'Record of Decision',
      'REFERENCE: OPCC.D.001.25',
      'EXECUTIVE SUMMARY',
      'heritage crime officer',
      'Chief Finance Officer',
      'Yes ☐  No ☒',
    ]) {
      expect(shown).toContain(text);
    }
    expect(JSON.parse(shownJson)).toEqual(grant);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('decision-desk: No record has the id or reference "OPCC.D.999.25".\n');

    const out = path.join(dataDir, 'out', 'grant.json');
    fs.mkdirSync(path.dirname(out));
    const written = JSON.parse(await ok([...d, 'export', 'OPCC.D.001.25', '--out', out, '--json'])) as { file: string };
    expect(written.file).toBe(out);
    // record.json: the record, and beside it the template version it was made with (the office's Kent).
    const exportedFile = fs.readFileSync(out, 'utf8');
    const { officeTemplate, ...exportedRecord } = JSON.parse(exportedFile) as Record<string, unknown>;
    expect(exportedRecord).toEqual(grant);
    expect(exportedFile.startsWith(JSON.stringify(grant, null, 2).slice(0, -2))).toBe(true);
    expect(officeTemplate).toMatchObject({
      format: 'decision-desk/template@1',
      hash: grant.templateHash,
      template: { id: 'kent', version: 1 },
    });
    expect(fs.readdirSync(path.dirname(out))).toEqual(['grant.json']);
    const [noFolder, noOut] = await Promise.all([
      cli([...d, 'export', grant.id, '--out', path.join(dataDir, 'nowhere', 'grant.json')]),
      cli([...d, 'export', grant.id]),
    ]);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toContain('does not exist');
    expect(noOut.code).toBe(2);
  });

  it('refuses a --from file it cannot use, with the file and the reason', async () => {
    const dataDir = tmpDataDir();
    const d = ['--data-dir', dataDir];
    await ok([...d, 'new', '--from', writeJson(path.join(dataDir, 'grant.json'), grantContent)]);
    const file = (name: string, value: unknown) => writeJson(path.join(dataDir, name), value);
    const [duplicate, unknownFields, future, foreign] = await Promise.all([
      cli([...d, 'new', '--from', file('again.json', { title: 'Another', reference: 'OPCC.D.001.25' })]),
      cli([...d, 'new', '--from', file('odd.json', { title: 'Odd', colour: 'red', size: 3 })]),
      cli([...d, 'new', '--from', file('future.json', { format: 'decision-desk/record@3', title: 'From later' })]),
      cli([...d, 'new', '--from', file('foreign.json', { format: 'someone-else/v1', title: 'Not ours' })]),
    ]);
    for (const run of [duplicate, unknownFields, future, foreign]) {
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expectNoStackTrace(run);
    }
    expect(duplicate.stderr).toContain('The reference OPCC.D.001.25 is already used by another record');
    expect(unknownFields.stderr).toContain('odd.json: unknown fields "colour", "size"');
    expect(future.stderr).toContain(
      'future.json: This record.json is in format decision-desk/record@3, written by a newer version',
    );
    expect(foreign.stderr).toContain('is not a Decision Desk record.json');
    expect(JSON.parse(await ok([...d, 'list', '--json']))).toMatchObject({ total: 1 });
  });

  it('imports and starts from a file with only the content fields, null for the empty ones, saying what it filled in', async () => {
    const dataDir = tmpDataDir();
    const d = ['--data-dir', dataDir];
    const legacy = writeJson(path.join(dataDir, 'legacy.json'), {
      title: 'Moved from the old register',
      originator: 'Chief Executive',
      confidentialReason: null,
      backgroundDocuments: null,
      impact: {
        planObjectives: 'Supports the plan.',
        equalityImpactAssessment: null,
        diversityImpact: false,
        diversityExplanation: null,
      },
    });
    const imported = await cli([...d, 'import', legacy]);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toMatch(
      /^.*legacy\.json: created [0-9a-f-]{36}, revision 1, a new draft; filled in: format, id, status, revision, contentHash, createdAt, updatedAt, signOffs, reference, template, classification, confidentialReason, executiveSummary, recommendation, decision, backgroundDocuments, impact\.diversityExplanation\n$/,
    );
    const fromFile = JSON.parse(await ok([...d, 'new', '--from', legacy, '--json'])) as DecisionRecord;
    expect(fromFile).toMatchObject({
      title: 'Moved from the old register',
      confidentialReason: '',
      backgroundDocuments: [],
      status: 'draft',
    });
    expect(fromFile.impact).toEqual({
      planObjectives: 'Supports the plan.',
      equalityImpactAssessment: null,
      diversityImpact: false,
      diversityExplanation: '',
    });
    const tooLong = await cli([
      ...d,
      'new',
      '--from',
      writeJson(path.join(dataDir, 'long.json'), { title: 'x'.repeat(501), classification: 'secret' }),
    ]);
    expect(tooLong.code).toBe(1);
    expect(tooLong.stderr).toContain(
      'long.json: title: must be at most 500 characters; classification: must be "open" or "confidential"',
    );
    expect(JSON.parse(await ok([...d, 'list', '--json']))).toMatchObject({ total: 2 });
  });

  it('imports the good files of a mixed batch, reports each bad one, and round-trips an export exactly', async () => {
    const source = tmpDataDir();
    const target = tmpDataDir();
    const files = tmpDataDir();
    const s = ['--data-dir', source];
    const t = ['--data-dir', target];
    const at = (name: string) => path.join(files, name);

    await ok([...s, 'new', '--from', writeJson(at('grant-content.json'), grantContent)]);
    await ok([
      ...s,
      'new',
      '--from',
      writeJson(at('fleet-content.json'), { title: 'Fleet renewal', reference: 'OPCC.D.002.25' }),
    ]);
    await Promise.all([
      ok([...s, 'export', 'OPCC.D.001.25', '--format', 'json', '--out', at('grant.json')]),
      ok([...s, 'export', 'OPCC.D.002.25', '--format', 'json', '--out', at('fleet.json')]),
    ]);
    // The target already has another record numbered OPCC.D.002.25 (a whole record.json used as a starting point).
    const rival = JSON.parse(await ok([...t, 'new', '--json', '--from', at('fleet.json')])) as DecisionRecord;
    expect(rival.reference).toBe('OPCC.D.002.25');

    const grantText = fs.readFileSync(at('grant.json'), 'utf8');
    fs.writeFileSync(at('truncated.json'), grantText.slice(0, grantText.length / 2));
    fs.writeFileSync(at('notes.json'), 'Minutes of the meeting, not a record.');
    fs.writeFileSync(at('future.json'), grantText.replace('decision-desk/record@1', 'decision-desk/record@2'));
    fs.writeFileSync(at('tampered.json'), grantText.replace('two-year', 'ten-year'));
    fs.writeFileSync(at('grant-bom.json'), `\uFEFF${grantText}`);

    const names = [
      'grant.json',
      'grant-bom.json',
      'truncated.json',
      'notes.json',
      'future.json',
      'tampered.json',
      'fleet.json',
      'absent.json',
    ];
    const run = await cli([...t, 'import', ...names.map(at)]);
    expect(run.code).toBe(1);
    expectNoStackTrace(run);
    const grant = readJson<DecisionRecord>(at('grant.json'));
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      `${at('grant.json')}: created OPCC.D.001.25 (${grant.id}), revision 1`,
      `${at('grant-bom.json')}: skipped OPCC.D.001.25 (${grant.id}), revision 1: the database already has revision 1`,
    ]);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `${at('truncated.json')}: the file is truncated: its JSON ends too early`,
      `${at('notes.json')}: the file is not JSON`,
      `${at('future.json')}: This record.json is in format decision-desk/record@2, written by a newer version of Decision Desk; this version reads decision-desk/record@1.`,
      `${at('tampered.json')}: This record.json was changed outside Decision Desk: its content no longer matches its contentHash.`,
      `${at('fleet.json')}: The reference OPCC.D.002.25 is already used by another record (${rival.id}).`,
      `${at('absent.json')}: cannot be read: no such file or folder`,
    ]);

    // The imported record is the exported one, byte for byte once printed the same way.
    const [roundTrip, again] = await Promise.all([
      ok([...t, 'show', 'OPCC.D.001.25', '--json']),
      ok([...t, 'import', at('grant.json'), '--json']),
    ]);
    const { officeTemplate: _carried, ...grantRecord } = JSON.parse(grantText) as Record<string, unknown>;
    expect(`${roundTrip}`).toBe(`${JSON.stringify(grantRecord, null, 2)}\n`);
    expect((JSON.parse(roundTrip) as DecisionRecord).contentHash).toBe(grant.contentHash);
    expect(JSON.parse(again)).toEqual([
      {
        file: at('grant.json'),
        action: 'skipped',
        id: grant.id,
        reference: 'OPCC.D.001.25',
        revision: 1,
        reason: 'the database already has revision 1',
      },
    ]);
    expect(JSON.parse(await ok([...t, 'list', '--json']))).toMatchObject({ total: 2 });
  });
});

describe('decision-desk delete and restore', () => {
  it('deletes a draft to the bin, lists the bin, restores it, and refuses a numbered record', async () => {
    const dataDir = tmpDataDir();
    const t = ['--data-dir', dataDir];
    const draft = (await ok([...t, 'new'])).trim();
    expect(await ok([...t, 'delete', draft])).toBe(
      `Deleted ${draft} to the bin (restore it with: decision-desk restore ${draft}).\n`,
    );
    expect(JSON.parse(await ok([...t, 'list', '--json'])) as Page<RecordSummary>).toMatchObject({ total: 0 });
    const bin = JSON.parse(await ok([...t, 'list', '--bin', '--json'])) as Page<RecordSummary>;
    expect(bin.items.map((item) => item.id)).toEqual([draft]);
    expect(await ok([...t, 'restore', draft])).toBe(`Restored ${draft} from the bin.\n`);
    expect(
      (JSON.parse(await ok([...t, 'list', '--json'])) as Page<RecordSummary>).items.map((item) => item.id),
    ).toEqual([draft]);

    const numbered = await ok([
      ...t,
      'new',
      '--json',
      '--from',
      writeJson(path.join(dataDir, 'in.json'), { reference: 'OPCC.D.001.24' }),
    ]);
    const id = (JSON.parse(numbered) as DecisionRecord).id;
    const refused = await cli([...t, 'delete', id]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('has a reference: it stays in the register');
    expectNoStackTrace(refused);
  });
});

describe('decision-desk data folder', () => {
  it('takes --data-dir over DECISION_DESK_DATA over the platform folder, and reads never create one', async () => {
    const flagDir = tmpDataDir();
    const envDir = tmpDataDir();
    const platformHome = tmpDataDir();
    const fromFlag = (await ok(['new', '--data-dir', flagDir], { env: { DECISION_DESK_DATA: envDir } })).trim();
    expect(fs.existsSync(path.join(flagDir, DATABASE_FILE))).toBe(true);
    expect(fs.readdirSync(envDir)).toEqual([]);
    const fromEnv = (await ok(['new'], { env: { DECISION_DESK_DATA: envDir } })).trim();
    const fromPlatform = (await ok(['new'], { env: { HOME: platformHome, XDG_CONFIG_HOME: platformHome } })).trim();
    expect(fs.existsSync(path.join(platformHome, 'Decision Desk', DATABASE_FILE))).toBe(true);

    const listed = async (dir: string) =>
      (JSON.parse(await ok(['list', '--json', '--data-dir', dir])) as Page<RecordSummary>).items.map((r) => r.id);
    expect(await listed(flagDir)).toEqual([fromFlag]);
    expect(await listed(envDir)).toEqual([fromEnv]);
    expect(await listed(path.join(platformHome, 'Decision Desk'))).toEqual([fromPlatform]);

    const nowhere = path.join(tmpDataDir(), 'typo');
    const read = await cli(['list', '--data-dir', nowhere]);
    expect(read.code).toBe(1);
    expect(read.stderr).toContain(`There is no Decision Desk database in ${nowhere}`);
    expect(fs.existsSync(nowhere)).toBe(false);
  });

  it('stops with one clear line on a damaged database or one from a newer version, and leaves the file alone', async () => {
    const damagedDir = tmpDataDir();
    const damaged = path.join(damagedDir, DATABASE_FILE);
    const junk = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251));
    fs.writeFileSync(damaged, junk);
    const futureDir = tmpDataDir();
    const future = new Database(path.join(futureDir, DATABASE_FILE));
    future.pragma('user_version = 999');
    future.close();

    const runs = await Promise.all([
      cli(['list', '--data-dir', damagedDir]),
      cli(['new', '--data-dir', damagedDir]),
      cli(['import', '--data-dir', damagedDir, path.join(damagedDir, 'none.json')]),
      cli(['show', 'x', '--data-dir', futureDir]),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expectNoStackTrace(run);
    }
    expect(runs[0]!.stderr).toContain(`The database ${damaged} cannot be read`);
    expect(runs[3]!.stderr).toContain('written by a newer version of Decision Desk');
    expect(fs.readFileSync(damaged).equals(junk)).toBe(true);
  });
});

/** bin/decision-desk.mjs in a copy of the project whose CLI was built by `npm run build:cli` into its out/cli. */
let builtBin = '';

describe('bin/decision-desk.mjs', () => {
  beforeAll(async () => {
    const project = tmpDataDir('decision-desk-bin-');
    fs.mkdirSync(path.join(project, 'bin'));
    fs.copyFileSync(path.join(root, 'bin/decision-desk.mjs'), path.join(project, 'bin/decision-desk.mjs'));
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    const vite = path.join(root, 'node_modules/vite/bin/vite.js');
    await execFileAsync(
      process.execPath,
      [vite, 'build', '--config', 'electron/cli/vite.config.ts', '--outDir', path.join(project, 'out/cli')],
      { cwd: root },
    );
    builtBin = path.join(project, 'bin/decision-desk.mjs');
  }, 120_000);

  it('says how to build the CLI when it is not built, instead of failing on TypeScript', async () => {
    const bare = tmpDataDir('decision-desk-bin-bare-');
    fs.mkdirSync(path.join(bare, 'bin'));
    fs.copyFileSync(path.join(root, 'bin/decision-desk.mjs'), path.join(bare, 'bin/decision-desk.mjs'));
    const notBuilt = await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(bare, 'bin/decision-desk.mjs'), '--help'], { cwd: bare });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(notBuilt).toMatchObject({ code: 1, stdout: '' });
    expect(notBuilt.stderr).toMatch(/the command line is not built yet\. Run `npm run build:cli`/);
    expectNoStackTrace(notBuilt);
  });

  it('runs built JavaScript only: no TypeScript and no tsx', () => {
    const out = path.join(path.dirname(path.dirname(builtBin)), 'out/cli');
    const files = fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    expect(files).toContain('main.js');
    for (const file of files)
      expect(fs.readFileSync(path.join(out, file), 'utf8')).not.toMatch(/(?:from |import\()"(?:tsx|[^"]*\.ts")/);
    expect(fs.readFileSync(path.join(root, 'bin/decision-desk.mjs'), 'utf8')).not.toMatch(/['"]tsx/);
  });

  it('refuses a PDF that inflates to gigabytes with one clear line, from the built CLI', async () => {
    const bomb = path.join(tmpDataDir(), 'bomb.pdf');
    fs.writeFileSync(bomb, attachmentBomb(LIMITS.recordJsonBytes + 1024 * 1024));
    const refused = await cli(['verify', bomb], { viaBinFrom: os.tmpdir() });
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr.trim()).toBe(
      `decision-desk: ${bomb}: This PDF cannot be read: it is too large when decompressed.`,
    );
  });

  it('runs the CLI from any folder and passes the exit status back', async () => {
    const elsewhere = os.tmpdir();
    const dataDir = tmpDataDir();
    const [help, usage, created] = await Promise.all([
      cli(['--help'], { viaBinFrom: elsewhere }),
      cli(['show'], { viaBinFrom: elsewhere }),
      cli(['new', '--data-dir', dataDir, '--json'], { viaBinFrom: elsewhere }),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: decision-desk');
    expect(usage.code).toBe(2);
    expect(created.code).toBe(0);
    expect((JSON.parse(created.stdout) as DecisionRecord).id).toMatch(UUID);
  });
});
