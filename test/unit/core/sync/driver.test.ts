// The shared-folder driver on real folders: write-once, temporary files, conflict copies, retries and error codes.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createShareDriver, nodeShareFs, type ShareFs } from '../../../../electron/core/sync/driver.ts';
import { SyncError } from '../../../../electron/core/sync/errors.ts';
import { tmpDataDir } from '../../../helpers/db.ts';
import { instantRetries, listFiles, testDriver, tmpShare, writeMarker } from './helpers.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

async function failure(promise: Promise<unknown>): Promise<SyncError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SyncError) return error;
    throw error;
  }
  throw new Error('expected a SyncError');
}

describe('ShareDriver', () => {
  it('writes a file once, through a temporary name, and never replaces it', async () => {
    const share = tmpShare();
    const driver = testDriver(share);
    await driver.ensureFolder('pending/a');
    expect(await driver.writeOnce('pending/a/1-x.json', bytes('first'))).toBe('moved');
    expect(await driver.writeOnce('pending/a/1-x.json', bytes('second'))).toBe('exists');
    expect(fs.readFileSync(path.join(share, 'pending/a/1-x.json'), 'utf8')).toBe('first');
    expect(listFiles(share)).toEqual(['decision-desk.json', 'pending/a/1-x.json']);
  });

  it('lists without temporary or system files, and hands conflict copies back apart', async () => {
    const share = tmpShare();
    for (const name of [
      '1-x.json',
      '.1-x.json.0a1b2c3d.partial',
      '~$report.docx',
      'desktop.ini',
      'Thumbs.db',
      '1-x-DESKTOP-AB12CD.json',
      '1-x (1).json',
    ]) {
      fs.writeFileSync(path.join(share, name), '{}');
    }
    fs.mkdirSync(path.join(share, 'pending'));
    const listing = await testDriver(share).list('');
    expect(listing!.entries.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: '1-x.json', kind: 'file' },
      { name: 'decision-desk.json', kind: 'file' },
      { name: 'pending', kind: 'folder' },
    ]);
    expect(listing!.conflictCopies.sort()).toEqual(['1-x (1).json', '1-x-DESKTOP-AB12CD.json']);
    expect(await testDriver(share).list('missing')).toBeNull();
  });

  it('creates exclusively: false when the file is there', async () => {
    const share = tmpShare();
    const driver = testDriver(share);
    expect(await driver.createExclusive('0001.claim', bytes('a'))).toBe(true);
    expect(await driver.createExclusive('0001.claim', bytes('b'))).toBe(false);
    expect(fs.readFileSync(path.join(share, '0001.claim'), 'utf8')).toBe('a');
  });

  it('moves a folder only to a free name: onto an existing one it says "exists" and replaces nothing', async () => {
    const share = tmpShare();
    const driver = testDriver(share);
    await driver.ensureFolder('.staging.partial');
    await driver.writeOnce('.staging.partial/a.txt', bytes('new'));
    await driver.ensureFolder('final');
    await driver.writeOnce('final/a.txt', bytes('old'));
    expect(await driver.moveOnce('.staging.partial', 'final')).toBe('exists');
    expect(fs.readFileSync(path.join(share, 'final/a.txt'), 'utf8')).toBe('old');
    await driver.remove('final');
    expect(await driver.moveOnce('.staging.partial', 'final')).toBe('moved');
    expect(fs.readFileSync(path.join(share, 'final/a.txt'), 'utf8')).toBe('new');
  });

  it('retries sharing violations with backoff for up to a minute, then fails with "busy" and the errno', async () => {
    const share = tmpShare();
    let calls = 0;
    const retry = instantRetries();
    const ops: ShareFs = {
      ...nodeShareFs,
      rename: async () => {
        calls++;
        throw errno('EBUSY');
      },
    };
    const driver = createShareDriver(share, { fs: ops, ...retry });
    const error = await failure(driver.writeOnce('a.txt', bytes('a')));
    expect(error.details).toEqual({ reason: 'busy', fsCode: 'EBUSY', path: 'a.txt' });
    expect(error.code).toBe('unavailable');
    expect(retry.clock()).toBeGreaterThanOrEqual(60_000);
    expect(calls).toBeGreaterThan(500);
    // The temporary copy went with the failure.
    expect(listFiles(share)).toEqual(['decision-desk.json']);
  });

  it('retries EPERM and EACCES only where they mean a sharing violation (Windows)', async () => {
    const share = tmpShare();
    let calls = 0;
    const ops: ShareFs = {
      ...nodeShareFs,
      rename: async (from, to) => {
        if (calls++ < 3) throw errno('EPERM');
        return nodeShareFs.rename(from, to);
      },
    };
    expect(
      await createShareDriver(share, { fs: ops, ...instantRetries(), platform: 'win32' }).writeOnce(
        'a.txt',
        bytes('a'),
      ),
    ).toBe('moved');
    calls = 0;
    const error = await failure(
      createShareDriver(share, { fs: ops, ...instantRetries(), platform: 'linux' }).writeOnce('b.txt', bytes('b')),
    );
    expect(error.details).toMatchObject({ reason: 'permission-denied', fsCode: 'EPERM' });
    expect(calls).toBe(1);
  });

  it('gives machine reasons: share-missing, disk-full, share-unreachable', async () => {
    const share = tmpShare();
    const gone = path.join(share, 'unplugged');
    expect((await failure(testDriver(gone).checkRoot())).details.reason).toBe('share-missing');
    expect((await failure(testDriver(gone).list(''))).details.reason).toBe('share-missing');
    expect((await failure(testDriver(gone).writeOnce('a.txt', bytes('a')))).details).toMatchObject({
      reason: 'share-missing',
      fsCode: 'ENOENT',
    });
    const full = testDriver(share, { ...nodeShareFs, createFile: async () => Promise.reject(errno('ENOSPC')) });
    expect((await failure(full.writeOnce('a.txt', bytes('a')))).shareWide).toBe(true);
    const flaky = testDriver(share, {
      ...nodeShareFs,
      readFile: async (_file: string, _max: number) => Promise.reject(errno('ETIMEDOUT')),
    });
    expect((await failure(flaky.read('a.txt', 100))).details).toMatchObject({
      reason: 'share-unreachable',
      fsCode: 'ETIMEDOUT',
    });
    fs.writeFileSync(path.join(share, 'file'), '');
    expect((await failure(testDriver(path.join(share, 'file')).checkRoot())).details.reason).toBe('not-a-share');
  });

  it('never creates the share or anything above the folders it owns: a share that went away stays away', async () => {
    const parent = tmpDataDir();
    const share = path.join(parent, 'Volumes', 'OPCC');
    fs.mkdirSync(share, { recursive: true });
    writeMarker(share);
    const driver = testDriver(share);
    await driver.ensureFolder('decisions/2026/.OPCC.D.001.26.x.partial');
    expect(fs.statSync(path.join(share, 'decisions/2026/.OPCC.D.001.26.x.partial')).isDirectory()).toBe(true);

    // Unmounted: the path is gone altogether, or an empty mount point is left where the share was.
    fs.renameSync(share, path.join(parent, 'OPCC elsewhere'));
    expect((await failure(driver.ensureFolder('pending/a'))).details.reason).toBe('share-missing');
    expect(fs.existsSync(share)).toBe(false);
    fs.mkdirSync(share);
    expect((await failure(driver.ensureFolder('pending/a'))).details.reason).toBe('share-missing');
    expect((await failure(driver.writeOnce('pending/a/1-x.json', bytes('a')))).details.reason).toBe('share-missing');
    expect((await failure(driver.checkMarker())).details.reason).toBe('share-missing');
    expect(fs.readdirSync(share)).toEqual([]);

    // The share gone between the marker check and the first folder: the mkdir fails, it does not rebuild the path.
    fs.rmSync(share, { recursive: true });
    fs.mkdirSync(share);
    writeMarker(share);
    const vanishing = testDriver(share, {
      ...nodeShareFs,
      mkdir: async (dir) => {
        fs.rmSync(share, { recursive: true, force: true });
        return nodeShareFs.mkdir(dir);
      },
    });
    expect((await failure(vanishing.ensureFolder('references/26'))).details.reason).toBe('share-missing');
    expect(fs.existsSync(share)).toBe(false);
  });

  it('reads at most what it is told: a larger file is refused unread, with its size', async () => {
    const share = tmpShare();
    fs.writeFileSync(path.join(share, 'big.claim'), Buffer.alloc(5_000, 0x20));
    const driver = testDriver(share);
    expect((await driver.read('big.claim', 5_000)).length).toBe(5_000);
    const refused = await failure(driver.read('big.claim', 4_999));
    expect(refused.details).toMatchObject({ reason: 'too-large', fsCode: 'EFBIG', path: 'big.claim' });
    expect(refused.message).toMatch(/5000 bytes/);
    expect(refused.shareWide).toBe(false);
  });

  it('refuses names Windows or OneDrive cannot hold, and paths of 260 characters or more', async () => {
    const driver = testDriver(tmpShare());
    for (const name of [
      'a:b.json',
      'NUL.txt',
      'com1',
      'trailing.',
      'trailing ',
      'desktop.ini',
      '~$lock.docx',
      'x_vti_y',
      'a|b',
    ]) {
      const error = await failure(driver.writeOnce(`pending/${name}`, bytes('a')));
      expect(error.details.reason).toBe('unsafe-name');
      expect(error.code).toBe('invalid-input');
    }
    const long = await failure(driver.writeOnce(`${'a'.repeat(120)}/${'b'.repeat(140)}.json`, bytes('a')));
    expect(long.details.reason).toBe('path-too-long');
  });
});
