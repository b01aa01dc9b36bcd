// kill -9 in the middle of a publish: a child process publishes one file call at a time and is killed with SIGKILL
// at an exact step; no half-written file is ever visible under its final name, and the next pass completes it.

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { createDevice, KENT_ROLES, listFiles, tmpShare } from './helpers.ts';

const child = path.join(import.meta.dirname, 'fixtures', 'publish-child.ts');
const FINAL = 'decisions/2026/OPCC.D.001.26';
const BUNDLE_FILES = ['OPCC.D.001.26.docx', 'OPCC.D.001.26.pdf', 'manifest.json', 'manifest.sig.json', 'record.json'];

function exited(process: ChildProcess): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve) => process.once('exit', (code, signal) => resolve(signal ?? code)));
}

/**
 * Lets the child take one file call at a time until `ready` holds, checking at every step (so at every state the
 * share passes through, not at samples of them) that no final bundle is ever half there.
 */
async function stepUntil(share: string, worker: ChildProcess, ready: (files: string[]) => boolean): Promise<void> {
  let output = '';
  worker.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for await (const line of createInterface({ input: worker.stdout! })) {
    output += `${line}\n`;
    if (!line.startsWith('step ')) continue;
    const files = listFiles(share);
    const final = files.filter((f) => f.startsWith(`${FINAL}/`)).map((f) => f.slice(FINAL.length + 1));
    if (final.length > 0) expect(final.sort()).toEqual(BUNDLE_FILES);
    if (ready(files)) return;
    worker.stdin!.write('go\n');
  }
  throw new Error(`the child finished before the moment to kill it:\n${output}`);
}

async function decidedOnDisk() {
  const share = tmpShare();
  const laptop = await createDevice(share, 'Laptop');
  const record = await laptop.submit();
  for (const role of KENT_ROLES) laptop.sign(record.id, role);
  laptop.db.close();
  return { share, dbFile: laptop.dbFile, record };
}

async function killWhen(share: string, dbFile: string, ready: (files: string[]) => boolean) {
  const worker = spawn(process.execPath, ['--import', 'tsx', child, dbFile, share, 'Laptop'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exit = exited(worker);
  try {
    await stepUntil(share, worker, ready);
  } finally {
    worker.kill('SIGKILL');
  }
  expect(await exit).toBe('SIGKILL');
}

describe('a publish killed with SIGKILL', () => {
  it('while the bundle is being built: nothing under the final name; the next pass publishes', async () => {
    const { share, dbFile, record } = await decidedOnDisk();
    await killWhen(share, dbFile, (files) =>
      files.some((f) => /^decisions\/2026\/\.OPCC\.D\.001\.26\..+\.partial\/OPCC\.D\.001\.26\.docx$/.test(f)),
    );
    expect(fs.existsSync(path.join(share, FINAL))).toBe(false);

    const laptop = await createDevice(share, 'Laptop', { dbFile });
    expect(laptop.record(record.id)?.status).toBe('decided');
    expect(laptop.engine.status().waiting).toBe(1);
    const summary = await laptop.engine.pass();
    expect(summary.published).toEqual([{ recordId: record.id, reference: 'OPCC.D.001.26', path: FINAL }]);
    expect(laptop.record(record.id)?.status).toBe('published');
    expect(listFiles(share).filter((f) => f.includes('.partial'))).toEqual([]);
    expect(fs.readdirSync(path.join(share, FINAL)).sort()).toEqual(BUNDLE_FILES);
  });

  it('after the bundle is in place but before the database heard: the next pass finds it and completes', async () => {
    const { share, dbFile, record } = await decidedOnDisk();
    await killWhen(share, dbFile, (files) => files.some((f) => f === `${FINAL}/manifest.json`));

    const laptop = await createDevice(share, 'Laptop', { dbFile });
    expect(laptop.record(record.id)?.status).toBe('decided');
    const manifest = fs.readFileSync(path.join(share, FINAL, 'manifest.json'));
    const summary = await laptop.engine.pass();
    // The pass reads the register before it publishes, so it finds the bundle there and takes it as published.
    expect(summary).toMatchObject({
      ok: true,
      published: [],
      received: [{ recordId: record.id, action: 'published' }],
      waiting: 0,
    });
    expect(laptop.record(record.id)?.status).toBe('published');
    // Taken as it was: the bundle under its final name was not written again.
    expect(fs.readFileSync(path.join(share, FINAL, 'manifest.json'))).toEqual(manifest);
    expect(listFiles(share).filter((f) => f.includes('.partial'))).toEqual([]);
  });
});
