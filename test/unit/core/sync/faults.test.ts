// Faults of real shares, injected through the driver's file calls on real folders: after each, nothing in the
// database is lost, the queue still holds the work, and the next pass succeeds.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeShareFs, type ShareFs } from '../../../../electron/core/sync/driver.ts';
import { createDevice, type Device, KENT_ROLES, listFiles, snapshot, tmpShare } from './helpers.ts';

const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });
const underShare = (share: string, file: string, folder: string) =>
  path.relative(share, file).split(path.sep)[0] === folder;

/** A laptop with one decided record queued for publishing (the handover queued too), over file calls `ops`. */
async function laptopWithDecided(share: string, ops: ShareFs) {
  const laptop = await createDevice(share, 'Laptop', { ops });
  const record = await laptop.submit();
  for (const role of KENT_ROLES) laptop.sign(record.id, role);
  return { laptop, record: laptop.record(record.id)! };
}

function expectNothingLost(device: Device, before: ReturnType<typeof snapshot>) {
  const after = snapshot(device.db);
  expect(after.records).toEqual(before.records);
  expect(after.revisions).toEqual(before.revisions);
  expect(after.outbox).toEqual(before.outbox);
}

/** No temporary file anywhere, and any bundle under its final name is complete. */
function expectNoHalfFiles(share: string) {
  const files = listFiles(share);
  expect(files.filter((f) => f.includes('.partial'))).toEqual([]);
  const bundles = new Set(
    files.filter((f) => f.startsWith('decisions/')).map((f) => f.split('/').slice(0, 3).join('/')),
  );
  for (const bundle of bundles) {
    expect(
      files
        .filter((f) => f.startsWith(`${bundle}/`))
        .map((f) => f.split('/')[3])
        .sort(),
    ).toEqual(['OPCC.D.001.26.docx', 'OPCC.D.001.26.pdf', 'manifest.json', 'manifest.sig.json', 'record.json']);
  }
}

describe('sync survives the faults of real shares', () => {
  it('the share disappears in the middle of publishing: nothing is rebuilt where it was, and the record waits', async () => {
    const share = tmpShare();
    const unmounted = `${share}-unmounted`;
    let vanish = true;
    const ops: ShareFs = {
      ...nodeShareFs,
      mkdir: async (dir) => {
        if (vanish && underShare(share, dir, 'decisions')) {
          // Unmounted while publishing: an empty mount point (or the folder OneDrive leaves) stays at the path.
          vanish = false;
          fs.renameSync(share, unmounted);
          fs.mkdirSync(share);
        }
        return nodeShareFs.mkdir(dir);
      },
    };
    const { laptop, record } = await laptopWithDecided(share, ops);
    const before = snapshot(laptop.db);

    const failed = await laptop.engine.pass();
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatchObject({ code: 'unavailable', details: { reason: 'share-missing' } });
    expect(failed.published).toEqual([]);
    expect(fs.readdirSync(share)).toEqual([]);
    expect(laptop.record(record.id)?.status).toBe('decided');
    expectNothingLost(laptop, {
      ...before,
      outbox: before.outbox.filter((i) => (i as { kind: string }).kind === 'publish'),
    });
    expect(laptop.engine.status()).toMatchObject({
      state: 'offline',
      waiting: 1,
      offlineSince: '2026-03-02T09:03:01.000Z',
    });

    // A pass while it is away finds an empty folder where the share was: still missing, and nothing is written there.
    expect((await laptop.engine.pass()).error).toMatchObject({ details: { reason: 'share-missing' } });
    expect(fs.readdirSync(share)).toEqual([]);
    expect(laptop.record(record.id)?.status).toBe('decided');

    // Mounted again: the record that waited is published to the real share.
    fs.rmdirSync(share);
    fs.renameSync(unmounted, share);
    const summary = await laptop.engine.pass();
    expect(summary.ok).toBe(true);
    expect(summary.published).toHaveLength(1);
    expect(laptop.record(record.id)?.status).toBe('published');
    expect(laptop.engine.status()).toMatchObject({ state: 'synced', waiting: 0, offlineSince: null, lastError: null });
    expectNoHalfFiles(share);
  });

  it('a share that goes away after its bundle is staged is not published: it counts only read back from the real share', async () => {
    const share = tmpShare();
    const unmounted = `${share}-unmounted`;
    let vanish = true;
    const ops: ShareFs = {
      ...nodeShareFs,
      rename: async (from, to) => {
        await nodeShareFs.rename(from, to);
        if (vanish && underShare(share, to, 'decisions') && !path.basename(to).includes('partial')) {
          // The bundle moved into place, then the share went; the same path now holds a copy without the marker.
          vanish = false;
          fs.cpSync(share, unmounted, { recursive: true });
          fs.rmSync(path.join(share, 'decision-desk.json'));
        }
      },
    };
    const { laptop, record } = await laptopWithDecided(share, ops);
    const failed = await laptop.engine.pass();
    expect(failed.error).toMatchObject({ details: { reason: 'share-missing' } });
    expect(laptop.record(record.id)?.status).toBe('decided');
    expect(laptop.engine.status().waiting).toBe(1);

    fs.rmSync(share, { recursive: true });
    fs.renameSync(unmounted, share);
    expect((await laptop.engine.pass()).published).toHaveLength(1);
    expect(laptop.record(record.id)?.status).toBe('published');
  });

  it('a rename fails with EBUSY for a while (antivirus, OneDrive): retried within the pass', async () => {
    const share = tmpShare();
    let busy = 0;
    const ops: ShareFs = {
      ...nodeShareFs,
      rename: async (from, to) => {
        if (busy++ < 25) throw errno('EBUSY');
        return nodeShareFs.rename(from, to);
      },
    };
    const { laptop, record } = await laptopWithDecided(share, ops);
    const summary = await laptop.engine.pass();
    expect(summary).toMatchObject({ ok: true, failures: [] });
    expect(busy).toBeGreaterThan(25);
    expect(laptop.record(record.id)?.status).toBe('published');
    expectNoHalfFiles(share);
  });

  it('a rename held busy for more than a minute (Word has the file open) leaves the work queued for the next pass', async () => {
    const share = tmpShare();
    let held = true;
    const ops: ShareFs = {
      ...nodeShareFs,
      rename: async (from, to) => {
        if (held && underShare(share, to, 'decisions')) throw errno('EBUSY');
        return nodeShareFs.rename(from, to);
      },
    };
    const { laptop, record } = await laptopWithDecided(share, ops);
    const first = await laptop.engine.pass();
    expect(first.ok).toBe(true);
    expect(first.failures).toEqual([
      {
        recordId: record.id,
        kind: 'publish',
        error: expect.objectContaining({
          code: 'unavailable',
          details: expect.objectContaining({ reason: 'busy', fsCode: 'EBUSY' }),
        }),
      },
    ]);
    expect(laptop.record(record.id)?.status).toBe('decided');
    expect(laptop.engine.status()).toMatchObject({ state: 'waiting', waiting: 1 });
    expect(listFiles(share).filter((f) => f.startsWith('decisions/2026/OPCC'))).toEqual([]);

    held = false;
    const second = await laptop.engine.pass();
    expect(second.published).toHaveLength(1);
    expectNoHalfFiles(share);
  });

  it('a write fails with ENOSPC (disk full): the pass stops, nothing half-written stays, the next pass succeeds', async () => {
    const share = tmpShare();
    let full = true;
    const ops: ShareFs = {
      ...nodeShareFs,
      createFile: async (file, bytes) => {
        if (full && underShare(share, file, 'decisions')) {
          // Part of the file reaches the disk before it fills up.
          fs.writeFileSync(file, bytes.subarray(0, 3));
          fs.rmSync(file);
          throw errno('ENOSPC');
        }
        return nodeShareFs.createFile(file, bytes);
      },
    };
    const { laptop, record } = await laptopWithDecided(share, ops);
    await laptop.engine.pass();
    const before = snapshot(laptop.db);
    expect(before.outbox).toEqual([{ kind: 'publish', record_id: record.id }]);
    const failed = await laptop.engine.pass();
    expect(failed).toMatchObject({
      ok: false,
      error: { code: 'unavailable', details: { reason: 'disk-full', fsCode: 'ENOSPC' } },
    });
    expectNothingLost(laptop, before);
    expect(laptop.engine.status()).toMatchObject({ state: 'offline', lastError: { details: { reason: 'disk-full' } } });

    full = false;
    expect((await laptop.engine.pass()).published).toHaveLength(1);
    expectNoHalfFiles(share);
  });

  it('permission denied on the share: the pass stops with the queue intact; a confidential area closed to this user is skipped', async () => {
    const share = tmpShare();
    let denied = true;
    const ops: ShareFs = {
      ...nodeShareFs,
      createFile: async (file, bytes) => {
        if (denied && underShare(share, file, 'decisions')) throw errno('EACCES');
        return nodeShareFs.createFile(file, bytes);
      },
      readdir: async (dir) => {
        if (underShare(share, dir, 'confidential')) throw errno('EACCES');
        return nodeShareFs.readdir(dir);
      },
    };
    const { laptop, record } = await laptopWithDecided(share, ops);
    fs.mkdirSync(path.join(share, 'confidential/2026'), { recursive: true });
    await laptop.engine.pass();
    const before = snapshot(laptop.db);
    const failed = await laptop.engine.pass();
    expect(failed).toMatchObject({ ok: false, error: { details: { reason: 'permission-denied', fsCode: 'EACCES' } } });
    expectNothingLost(laptop, before);

    denied = false;
    const summary = await laptop.engine.pass();
    expect(summary).toMatchObject({ ok: true, published: [{ recordId: record.id }] });
    expectNoHalfFiles(share);
  });

  it('a file truncated on the way is caught by reading it back, and written again', async () => {
    const share = tmpShare();
    let truncate = 2;
    const ops: ShareFs = {
      ...nodeShareFs,
      createFile: async (file, bytes) => {
        const target = underShare(share, file, 'decisions') || underShare(share, file, 'pending');
        if (target && truncate > 0 && bytes.length > 10) {
          truncate--;
          return nodeShareFs.createFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
        }
        return nodeShareFs.createFile(file, bytes);
      },
    };
    const { laptop, record } = await laptopWithDecided(share, ops);
    const first = await laptop.engine.pass();
    expect(first.ok).toBe(true);
    expect(first.failures.map((f) => [f.kind, (f.error.details as { reason: string }).reason])).toEqual([
      ['handover', 'damaged'],
      ['publish', 'damaged'],
    ]);
    expect(laptop.record(record.id)?.status).toBe('decided');
    expect(listFiles(share).filter((f) => f.startsWith('pending/') || f.startsWith('decisions/2026/OPCC'))).toEqual([]);

    const second = await laptop.engine.pass();
    expect(second.published).toHaveLength(1);
    expect(second.handedOver).toHaveLength(1);
    expectNoHalfFiles(share);
  });

  it('a pending file truncated by another device is skipped, not imported and not a conflict', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    const tablet = await createDevice(share, 'Tablet');
    const record = await laptop.submit();
    await laptop.engine.pass();
    const [file] = listFiles(path.join(share, 'pending', record.id));
    const bytes = fs.readFileSync(path.join(share, 'pending', record.id, file!));
    fs.writeFileSync(path.join(share, 'pending', record.id, '9-Other_abc123.json'), bytes.subarray(0, 200));

    const summary = await tablet.engine.pass();
    expect(summary.ok).toBe(true);
    expect(summary.skipped).toEqual([{ path: `pending/${record.id}/9-Other_abc123.json`, reason: 'not readable yet' }]);
    expect(tablet.record(record.id)?.revision).toBe(record.revision);
    expect(tablet.engine.conflicts()).toEqual([]);
  });

  it('a file far larger than its kind can be (600 MB) is reported, never read', async () => {
    const share = tmpShare();
    const reads: [string, number][] = [];
    const ops: ShareFs = {
      ...nodeShareFs,
      readFile: (file, max) => (reads.push([path.basename(file), max]), nodeShareFs.readFile(file, max)),
    };
    const { laptop, record } = await laptopWithDecided(share, nodeShareFs);
    await laptop.engine.pass();
    const other = await laptop.submit();
    await laptop.engine.pass();
    // Sparse files: 600 MB on paper, nothing on the disk.
    fs.truncateSync(path.join(share, 'decisions/2026/OPCC.D.001.26/record.json'), 600 * 1024 * 1024);
    fs.writeFileSync(path.join(share, 'pending', other.id, '9-Other_abc123.json'), '');
    fs.truncateSync(path.join(share, 'pending', other.id, '9-Other_abc123.json'), 600 * 1024 * 1024);

    const desktop = await createDevice(share, 'Desktop', { ops });
    const summary = await desktop.engine.pass();
    expect(summary.ok).toBe(true);
    expect(desktop.record(record.id)).toBeUndefined();
    expect(desktop.record(other.id)?.revision).toBe(other.revision);
    const refused = desktop.engine.conflicts().map((c) => [c.kind, c.path, c.message]);
    expect(refused).toEqual([
      [
        'tampered',
        `pending/${other.id}/9-Other_abc123.json`,
        expect.stringMatching(/refused unread: it is larger than any record\.json can be/),
      ],
      [
        'tampered',
        'decisions/2026/OPCC.D.001.26',
        expect.stringMatching(/record\.json does not match the hash in its manifest/),
      ],
    ]);
    // Every read named its limit, and none was near 600 MB.
    expect(reads.length).toBeGreaterThan(0);
    expect(Math.max(...reads.map(([, max]) => max))).toBeLessThanOrEqual(64 * 1024 * 1024);
  });

  it('a conflict copy appears: reported, never read', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    const tablet = await createDevice(share, 'Tablet');
    const record = await laptop.submit();
    await laptop.engine.pass();
    const folder = path.join(share, 'pending', record.id);
    const [file] = fs.readdirSync(folder);
    const copy = JSON.parse(fs.readFileSync(path.join(folder, file!), 'utf8'));
    fs.writeFileSync(
      path.join(folder, file!.replace('.json', '-DESKTOP-AB12CD.json')),
      JSON.stringify({ ...copy, revision: 99 }),
    );
    fs.writeFileSync(path.join(share, 'decision-desk (1).json'), '{}');

    await tablet.engine.pass();
    expect(tablet.record(record.id)?.revision).toBe(record.revision);
    const conflicts = tablet.engine.conflicts();
    expect(conflicts.map((c) => [c.kind, c.path, c.actions])).toEqual([
      ['conflict-copy', 'decision-desk (1).json', ['dismiss']],
      ['conflict-copy', `pending/${record.id}/${file!.replace('.json', '-DESKTOP-AB12CD.json')}`, ['dismiss']],
    ]);
    // Reported once, however many passes see it; dismissing it keeps it dismissed.
    await tablet.engine.pass();
    expect(tablet.engine.conflicts()).toHaveLength(2);
    tablet.engine.resolveConflict(conflicts[0]!.id, 'dismiss');
    await tablet.engine.pass();
    expect(tablet.engine.conflicts()).toHaveLength(1);
    expect(tablet.engine.status()).toMatchObject({ state: 'conflicts', conflicts: 1 });
  });

  it('a record.json edited by hand on the share is refused: its hashes do not match', async () => {
    const share = tmpShare();
    const { laptop, record } = await laptopWithDecided(share, nodeShareFs);
    await laptop.engine.pass();
    const file = path.join(share, 'decisions/2026/OPCC.D.001.26/record.json');
    const original = fs.readFileSync(file);
    fs.writeFileSync(
      file,
      original.toString('utf8').replace('Funding for a rural crime partnership', 'Funding for an urban partnership'),
    );

    const desktop = await createDevice(share, 'Desktop');
    const before = snapshot(desktop.db);
    const summary = await desktop.engine.pass();
    expect(summary.ok).toBe(true);
    expect(desktop.record(record.id)).toBeUndefined();
    expectNothingLost(desktop, before);
    const [refused] = desktop.engine.conflicts();
    expect(refused).toMatchObject({
      kind: 'tampered',
      path: 'decisions/2026/OPCC.D.001.26',
      actions: ['retry', 'dismiss'],
    });
    expect(refused!.message).toMatch(/record\.json does not match the hash in its manifest/);

    // Put right (restored from the publisher's copy): the next pass imports it and the conflict closes.
    fs.writeFileSync(file, original);
    await desktop.engine.pass();
    expect(desktop.record(record.id)?.status).toBe('published');
    expect(desktop.engine.conflicts()).toEqual([]);
  });

  it('a share set up by a newer version is refused, and nothing is written to it', async () => {
    const share = tmpShare();
    fs.writeFileSync(path.join(share, 'decision-desk.json'), JSON.stringify({ format: 'decision-desk/share@2' }));
    const { laptop } = await laptopWithDecided(share, nodeShareFs);
    const summary = await laptop.engine.pass();
    expect(summary).toMatchObject({
      ok: false,
      error: { code: 'unsupported-format', details: { reason: 'share-from-future' } },
    });
    expect(summary.error?.message).toMatch(/newer version of Decision Desk/);
    expect(listFiles(share)).toEqual(['decision-desk.json']);
    // Its reference could not be claimed there either: claim, handover and publish all wait.
    expect(laptop.engine.status()).toMatchObject({ waiting: 3, referencesPending: 1 });
  });
});

describe('published files are final', () => {
  it('a second device publishing the same record takes the bundle already there and overwrites nothing', async () => {
    const share = tmpShare();
    // Neither device has the register (decisions/) synced down yet, so both set out to publish.
    const register = path.join(share, 'decisions');
    const ops: ShareFs = { ...nodeShareFs, readdir: async (dir) => (dir === register ? [] : nodeShareFs.readdir(dir)) };
    const laptop = await createDevice(share, 'Laptop', { ops });
    const tablet = await createDevice(share, 'Tablet', { ops });
    const record = await laptop.submit();
    await laptop.engine.pass();
    await tablet.engine.pass();
    for (const role of KENT_ROLES) tablet.sign(record.id, role, { queuePublish: false });
    await tablet.engine.pass();
    expect((await laptop.engine.pass()).published).toHaveLength(1);
    const bundle = path.join(register, '2026/OPCC.D.001.26');
    const files = Object.fromEntries(fs.readdirSync(bundle).map((f) => [f, fs.readFileSync(path.join(bundle, f))]));

    tablet.engine.queuePublish(record.id);
    const summary = await tablet.engine.pass();
    expect(summary.published).toEqual([
      { recordId: record.id, reference: 'OPCC.D.001.26', path: 'decisions/2026/OPCC.D.001.26' },
    ]);
    expect(tablet.record(record.id)).toMatchObject({ status: 'published', contentHash: record.contentHash });
    expect(fs.readdirSync(bundle).sort()).toEqual(Object.keys(files).sort());
    for (const [name, content] of Object.entries(files))
      expect(fs.readFileSync(path.join(bundle, name))).toEqual(content);
    expectNoHalfFiles(share);
  });

  it('a different record already under the final name is a conflict, and nothing is overwritten', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    const record = await laptop.submit();
    for (const role of KENT_ROLES) laptop.sign(record.id, role);
    const bundle = path.join(share, 'decisions/2026/OPCC.D.001.26');
    fs.mkdirSync(bundle, { recursive: true });
    fs.writeFileSync(path.join(bundle, 'notes.txt'), 'put here by hand');
    const summary = await laptop.engine.pass();
    expect(summary.failures.map((f) => f.kind)).toEqual(['publish']);
    expect(laptop.record(record.id)?.status).toBe('decided');
    expect(fs.readdirSync(bundle)).toEqual(['notes.txt']);
    expect(laptop.engine.conflicts()).toEqual([
      expect.objectContaining({
        kind: 'published-mismatch',
        recordId: record.id,
        path: 'decisions/2026/OPCC.D.001.26',
        actions: ['retry', 'dismiss'],
      }),
    ]);
    expect(laptop.engine.status().waiting).toBe(1);
  });
});
