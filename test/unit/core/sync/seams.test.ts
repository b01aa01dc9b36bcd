// The seams of the sync engine: every share call through the driver (so faults can be injected there), and every
// record from the share through one gate before anything merges or stores it.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { DecisionRecord } from '../../../../electron/core/domain/index.ts';
import type { CoreLogFields } from '../../../../electron/core/log.ts';
import { nodeShareFs, type ShareFs } from '../../../../electron/core/sync/driver.ts';
import { createSyncEngine, type SyncEngineOptions } from '../../../../electron/core/sync/engine.ts';
import type { IncomingGate, IncomingSource } from '../../../../electron/core/sync/gate.ts';
import { chooseSharedFolder, joinedShare } from '../../../../electron/core/sync/share.ts';
import { watchSharedFolder } from '../../../../electron/core/sync/watch.ts';
import { createDb, tmpDataDir } from '../../../helpers/db.ts';
import {
  createDevice,
  type Device,
  fakeBundle,
  KENT_ROLES,
  listFiles,
  snapshot,
  testDriver,
  tmpShare,
} from './helpers.ts';
import { testOffice } from '../../../helpers/trust.ts';
import { manualTimers } from '../../../helpers/timers.ts';

const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });
const PASS_DONE = { timeout: 30_000, interval: 20 };

/** A second engine over a device's database, with the options the device helper does not take. */
function engineFor(device: Device, share: string, options: Partial<SyncEngineOptions> & { ops?: ShareFs } = {}) {
  const { ops, ...rest } = options;
  return createSyncEngine({
    db: device.db,
    settings: () => device.settings,
    bundle: fakeBundle,
    appVersion: '0.1.0-test',
    now: device.clock.now,
    driver: testDriver(share, ops),
    watch: null,
    publisher: () => testOffice.publisher,
    ...rest,
  });
}

function memoryLog() {
  const warnings: { event: string; fields?: CoreLogFields }[] = [];
  return {
    warnings,
    log: { warn: (event: string, fields?: CoreLogFields) => void warnings.push({ event, fields }), error: () => {} },
  };
}

describe('share calls go through the driver', () => {
  it('a folder that cannot be watched is reported in the log once; passes still run on the timer and lose nothing', async () => {
    const share = tmpShare();
    const watched: string[] = [];
    const ops: ShareFs = {
      ...nodeShareFs,
      watch: (dir) => {
        watched.push(dir);
        throw errno('EACCES');
      },
    };
    const laptop = await createDevice(share, 'Laptop');
    const record = await laptop.submit();
    const before = snapshot(laptop.db);
    const clock = manualTimers();
    const { warnings, log } = memoryLog();
    const engine = engineFor(laptop, share, { ops, watch: watchSharedFolder, timers: clock.timers, log });

    engine.start();
    expect(watched[0]).toBe(share);
    expect(warnings).toEqual([
      {
        event: 'sync.watch-failed',
        fields: expect.objectContaining({ folder: share, reason: 'permission-denied', fsCode: 'EACCES' }),
      },
    ]);
    expect(warnings[0]!.fields!.message).toMatch(/Permission denied: could not watch the shared folder/);
    expect(snapshot(laptop.db)).toEqual(before);

    // The timer's pass hands the record over all the same; the watcher is tried again after it, and not logged again.
    clock.fire();
    await vi.waitFor(() => expect(clock.delays()).toEqual([180_000]), PASS_DONE);
    expect(listFiles(share)).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^pending/${record.id}/`))]),
    );
    expect(engine.status()).toMatchObject({ state: 'synced', waiting: 0 });
    expect(watched.filter((dir) => dir === share)).toHaveLength(2);
    expect(warnings).toHaveLength(1);
    await engine.stop();
  });

  it('a share that is not there is not logged as a watch failure: the pass reports it', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    fs.rmSync(share, { recursive: true });
    const { warnings, log } = memoryLog();
    const clock = manualTimers();
    const engine = engineFor(laptop, share, { watch: watchSharedFolder, timers: clock.timers, log });
    engine.start();
    clock.fire();
    await vi.waitFor(() => expect(clock.delays()).toEqual([15_000]), PASS_DONE);
    expect(engine.status()).toMatchObject({ state: 'offline', lastError: { details: { reason: 'share-missing' } } });
    expect(warnings).toEqual([]);
    await engine.stop();
  });

  it('a folder that cannot be made (EACCES on mkdir) stops the pass with the reason, and the work waits', async () => {
    const share = tmpShare();
    let refuse = true;
    const pending = path.join(share, 'pending');
    const ops: ShareFs = {
      ...nodeShareFs,
      mkdir: async (dir) => (refuse && dir === pending ? Promise.reject(errno('EACCES')) : nodeShareFs.mkdir(dir)),
    };
    const laptop = await createDevice(share, 'Laptop', { ops });
    const record = await laptop.submit();
    const before = snapshot(laptop.db);
    const failed = await laptop.engine.pass();
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatchObject({ details: { reason: 'permission-denied', fsCode: 'EACCES', path: 'pending' } });
    expect(failed.error?.message).toMatch(/Permission denied: could not create the folder pending/);
    expect(snapshot(laptop.db)).toEqual(before);
    expect(laptop.engine.status()).toMatchObject({ state: 'offline', waiting: 1 });

    refuse = false;
    expect((await laptop.engine.pass()).handedOver).toEqual([{ recordId: record.id, revision: record.revision }]);
  });

  it('choosing a shared folder looks at it through the driver: its faults name the check that failed, and nothing is saved', async () => {
    const db = await createDb();
    const by = { deviceName: 'Laptop', now: new Date('2026-03-02T09:00:00Z') };
    const folder = tmpDataDir();
    const refusal = async (ops: ShareFs) => {
      try {
        await chooseSharedFolder(db, folder, by, { fs: ops });
      } catch (error) {
        return error as Error & { details: unknown };
      }
      throw new Error('expected a refusal');
    };
    const readOnly = await refusal({ ...nodeShareFs, createFile: async () => Promise.reject(errno('EROFS')) });
    expect(readOnly.details).toEqual({ field: 'sharedFolder', check: 'writable' });
    expect(readOnly.message).toMatch(/cannot be used: it is read-only\./);
    const full = await refusal({ ...nodeShareFs, createFile: async () => Promise.reject(errno('ENOSPC')) });
    expect(full.message).toMatch(/it is full\./);
    const closed = await refusal({ ...nodeShareFs, stat: async () => Promise.reject(errno('EACCES')) });
    expect(closed.details).toEqual({ field: 'sharedFolder', check: 'exists' });
    expect(closed.message).toMatch(/not allowed to open it/);
    expect(fs.readdirSync(folder)).toEqual([]);
    expect(joinedShare(db)).toBeNull();

    // The same folder without faults is set up as a share.
    await chooseSharedFolder(db, folder, by, { fs: nodeShareFs });
    expect(fs.readdirSync(folder)).toEqual(['decision-desk.json']);
    expect(joinedShare(db)).toMatchObject({ folder: path.resolve(folder) });
  });
});

describe('every record from the share passes one gate', () => {
  /** A gate that refuses everything and remembers what it was asked. */
  function refusingGate() {
    const asked: { id: string; source: IncomingSource }[] = [];
    const gate: IncomingGate = {
      admit: async (record: DecisionRecord, source: IncomingSource) => {
        asked.push({ id: record.id, source });
        return { ok: false, reason: 'the test gate refuses everything' };
      },
    };
    return { asked, gate };
  }

  it('a refused hand-over file is reported as tampered, never merged, and not asked about again', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    const tablet = await createDevice(share, 'Tablet');
    const record = await laptop.submit();
    await laptop.engine.pass();
    const { asked, gate } = refusingGate();
    const engine = engineFor(tablet, share, { gate });

    const summary = await engine.pass();
    expect(summary.ok).toBe(true);
    expect(summary.received).toEqual([]);
    expect(tablet.record(record.id)).toBeUndefined();
    const file = listFiles(share).find((f) => f.startsWith(`pending/${record.id}/`))!;
    expect(asked).toEqual([{ id: record.id, source: { kind: 'handover', path: file } }]);
    expect(engine.conflicts()).toEqual([
      expect.objectContaining({
        kind: 'tampered',
        recordId: record.id,
        path: file,
        message: `${file} on the shared folder was refused: the test gate refuses everything.`,
      }),
    ]);
    expect(summary.newConflicts).toBe(1);
    await engine.pass();
    expect(asked).toHaveLength(1);

    // The default gate (no option) admits it, once a person asks to look again.
    engine.resolveConflict(engine.conflicts()[0]!.id, 'retry');
    expect((await tablet.engine.pass()).received).toEqual([
      { recordId: record.id, revision: record.revision, action: 'imported' },
    ]);
  });

  it('a refused published bundle is reported as tampered and nothing is imported; publishing stops at a refused bundle', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    const record = await laptop.submit();
    for (const role of KENT_ROLES) laptop.sign(record.id, role);
    await laptop.engine.pass();
    expect(laptop.record(record.id)?.status).toBe('published');
    const tablet = await createDevice(share, 'Tablet');
    const { asked, gate } = refusingGate();
    const engine = engineFor(tablet, share, { gate });

    const summary = await engine.pass();
    expect(summary.received).toEqual([]);
    expect(tablet.record(record.id)).toBeUndefined();
    const folder = 'decisions/2026/OPCC.D.001.26';
    expect(asked).toEqual([{ id: record.id, source: { kind: 'bundle', path: folder } }]);
    expect(engine.conflicts()).toEqual([
      expect.objectContaining({ kind: 'tampered', recordId: record.id, path: folder }),
    ]);
    expect(engine.conflicts()[0]!.message).toMatch(/refused: the test gate refuses everything\. Nothing was imported/);

    // A device publishing its own decided record counts it as published only once the gate admits the bundle read back.
    const desk = await createDevice(tmpShare(), 'Desk');
    const decided = await desk.submit();
    for (const role of KENT_ROLES) desk.sign(decided.id, role);
    const refusing = refusingGate();
    const publisher = engineFor(desk, desk.settings.sharedFolder!, { gate: refusing.gate });
    const attempt = await publisher.pass();
    expect(attempt.published).toEqual([]);
    expect(desk.record(decided.id)?.status).toBe('decided');
    // Its own hand-over files are not read back in (it wrote them); the bundle it just moved into place is.
    expect(refusing.asked).toEqual([
      { id: decided.id, source: { kind: 'bundle', path: 'decisions/2026/OPCC.D.001.26' } },
    ]);
    expect(publisher.conflicts()).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'published-mismatch', recordId: decided.id })]),
    );
    expect(publisher.status().waiting).toBe(1);
  });
});
