// `npm run web` and `npm start` as a person runs them: one line with the address, served until Ctrl+C.

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, ROOT } from './support/renderer.ts';

const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64})/;

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const running: Running[] = [];
let tmp: string;

function run(args: string[], env: NodeJS.ProcessEnv = {}): Running {
  // A home of its own: the app syncs to a shared folder in the user's Documents by default.
  const home = { HOME: path.join(tmp, 'home'), XDG_CONFIG_HOME: path.join(tmp, 'home', '.config') };
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...home, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const handle = { child, stdout: () => stdout, stderr: () => stderr, exited };
  running.push(handle);
  return handle;
}

/** Resolves with the address once the process has printed it; fails with what it printed if it exits first. */
async function addressOf(handle: Running): Promise<string> {
  for (;;) {
    const found = URL_LINE.exec(handle.stdout());
    if (found) return found[1]!;
    const code = await Promise.race([handle.exited, new Promise((resolve) => setTimeout(resolve, 100, 'waiting'))]);
    if (code !== 'waiting')
      throw new Error(
        `exited with ${String(code)} before printing an address:\n${handle.stdout()}\n${handle.stderr()}`,
      );
  }
}

async function listRecords(url: string): Promise<{ ok: boolean; value?: { total: number } }> {
  const { origin, hash } = new URL(url);
  const response = await fetch(`${origin}/api/records.list`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Desk-Token': hash.slice('#token='.length) },
    body: '{}',
  });
  return (await response.json()) as { ok: boolean; value?: { total: number } };
}

function electronIsInstalled(): boolean {
  const packageDir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  return (
    fs.existsSync(pathFile) && fs.existsSync(path.join(packageDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim()))
  );
}

beforeAll(() => {
  ensureRendererBuilt();
});

afterEach(async () => {
  for (const handle of running.splice(0)) {
    if (handle.child.exitCode === null && handle.child.signalCode === null) {
      handle.child.kill('SIGKILL');
      await handle.exited;
    }
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm run web (electron/web/main.ts)', () => {
  it('serves DECISION_DESK_DATA, prints exactly one line with the address, and closes the database on SIGTERM', async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-web-main-'));
    const dataDir = path.join(tmp, 'from-env');
    const web = run([TSX, 'electron/web/main.ts', '--no-open'], { DECISION_DESK_DATA: dataDir });
    const url = await addressOf(web);

    expect(web.stdout()).toBe(`Decision Desk is open at ${url} (Ctrl+C stops it).\n`);
    expect(await listRecords(url)).toEqual({ ok: true, value: { items: [], total: 0 } });
    expect(fs.existsSync(path.join(dataDir, 'decision-desk.sqlite'))).toBe(true);

    web.child.kill('SIGTERM');
    expect(await web.exited).toBe(0);
    // A clean close checkpoints the write-ahead log and removes it.
    expect(fs.existsSync(path.join(dataDir, 'decision-desk.sqlite-wal'))).toBe(false);
    expect(web.stdout().split('\n').filter(Boolean)).toHaveLength(1);
    expect(web.stderr()).toBe('');
  });

  it('refuses a bad option with the usage and exit code 2', async () => {
    const web = run([TSX, 'electron/web/main.ts', '--port', 'eighty']);
    expect(await web.exited).toBe(2);
    expect(web.stderr()).toContain('Usage: npm run web');
  });
});

describe('npm start (scripts/start.mjs) without the Electron binary', () => {
  it.skipIf(electronIsInstalled())(
    'builds the window, says Electron is not installed in one line with the address, and stops on Ctrl+C',
    async () => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-start-'));
      const flagDir = path.join(tmp, 'from-flag');
      const envDir = path.join(tmp, 'from-env');
      const start = run(['scripts/start.mjs', '--no-open', '--data-dir', flagDir], { DECISION_DESK_DATA: envDir });
      const url = await addressOf(start);

      const lines = start.stdout().split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Electron is not installed here, so Decision Desk is served in your browser/);
      expect(lines[0]).toContain(url);

      const page = await fetch(url, { redirect: 'manual' });
      expect(page.status).toBe(200);
      expect(page.headers.get('set-cookie')).toBeNull();
      expect((await listRecords(url)).ok).toBe(true);
      // --data-dir wins over DECISION_DESK_DATA.
      expect(fs.existsSync(path.join(flagDir, 'decision-desk.sqlite'))).toBe(true);
      expect(fs.existsSync(envDir)).toBe(false);

      start.child.kill('SIGINT');
      expect(await start.exited).toBe(0);
      expect(fs.existsSync(path.join(flagDir, 'decision-desk.sqlite-wal'))).toBe(false);
    },
  );
});

/** The process's descendants, read from /proc: pid and command name. */
function descendantsOf(root: number): { pid: number; name: string }[] {
  const children = new Map<number, { pid: number; name: string }[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), { pid: Number(entry), name }]);
    } catch {
      // Gone meanwhile.
    }
  }
  const found: { pid: number; name: string }[] = [];
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      visit(child.pid);
    }
  };
  visit(root);
  return found;
}

/** Whether a process still runs (a zombie waiting to be reaped does not). */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function call(
  url: string,
  method: string,
  input: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const { origin, hash } = new URL(url);
  const response = await fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Desk-Token': hash.slice('#token='.length) },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
}

/** Resolves with the exit code, or rejects once `bound` ms pass: only a process that hangs fails this. */
function exitWithin(handle: Running, bound: number): Promise<number | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`still running ${bound} ms after the signal:\n${handle.stderr()}`)),
      bound,
    );
  });
  return Promise.race([handle.exited, hung]).finally(() => clearTimeout(timer));
}

describe.skipIf(process.platform !== 'linux')('stopping browser mode with the PDF engine running', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops on ${signal} with the database closed and no Chromium left behind`, async () => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-stop-'));
      const dataDir = path.join(tmp, 'data');
      const entry = electronIsInstalled()
        ? [TSX, 'electron/web/main.ts', '--no-open']
        : ['scripts/start.mjs', '--no-open'];
      const start = run([...entry, '--data-dir', dataDir]);
      const url = await addressOf(start);
      const created = await call(url, 'records.create', { content: { title: 'Custody suite refurbishment' } });
      expect(created.ok).toBe(true);
      const exported = await call(url, 'export.pdf', { id: (created.value as { id: string }).id });
      expect(exported.ok).toBe(true);
      const chromium = descendantsOf(start.child.pid!).filter((child) => /chrom/i.test(child.name));
      expect(chromium.length).toBeGreaterThan(0);

      start.child.kill(signal);
      expect(await exitWithin(start, 60_000)).toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'decision-desk.sqlite-wal'))).toBe(false);
      // Chromium's processes end with their browser; each is waited for, as a condition, not for a time.
      for (const child of chromium) {
        while (alive(child.pid)) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
  }
});

describe.skipIf(process.platform !== 'linux' || electronIsInstalled())(
  'stopping npm start while it builds the window',
  () => {
    it('stops on SIGTERM during the build, and takes the build with it', async () => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-stop-build-'));
      const start = run(['scripts/start.mjs', '--no-open', '--data-dir', path.join(tmp, 'data')]);
      let builder: { pid: number } | undefined;
      while (!builder) {
        builder = descendantsOf(start.child.pid!).find(
          (child) => child.name === 'node' || child.name.startsWith('node'),
        );
        if (!builder) {
          const code = await Promise.race([start.exited, new Promise((resolve) => setTimeout(resolve, 20, 'waiting'))]);
          if (code !== 'waiting') throw new Error(`exited with ${String(code)} before building:\n${start.stderr()}`);
        }
      }
      start.child.kill('SIGTERM');
      expect(await exitWithin(start, 60_000)).toBe(128 + os.constants.signals.SIGTERM);
      while (alive(builder.pid)) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(start.stdout()).toBe('');
      expect(fs.existsSync(path.join(tmp, 'data'))).toBe(false);
    });
  },
);
