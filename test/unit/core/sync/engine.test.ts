// The engine around the passes: the share's marker, the default folder, timer and watcher, status, conflicts.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { computeContentHash, type DecisionRecord } from '../../../../electron/core/domain/index.ts';
import { createSyncEngine, defaultSharedFolder, type SyncTimers, watchSharedFolder } from '../../../../electron/core/sync/engine.ts';
import { createDb, tmpDataDir } from '../../../helpers/db.ts';
import { createDevice, fakeBundle, PATTERN, tmpShare } from './helpers.ts';

/** Timers the test fires by hand: each scheduled callback with its delay. */
function manualTimers() {
  let next = 1;
  const scheduled = new Map<number, { run: () => void; ms: number }>();
  const timers: SyncTimers = {
    setTimeout(run, ms) {
      scheduled.set(next, { run, ms });
      return next++;
    },
    clearTimeout: (handle) => void scheduled.delete(handle as number),
  };
  return {
    timers,
    delays: () => [...scheduled.values()].map((s) => s.ms),
    fire() {
      const [id, entry] = [...scheduled.entries()][0]!;
      scheduled.delete(id);
      entry.run();
    },
  };
}

function manualWatch() {
  const state = { folder: null as string | null, change: () => {}, closed: false };
  return {
    state,
    watch: (folder: string, onChange: () => void) => {
      state.folder = folder;
      state.change = onChange;
      return { close: () => void (state.closed = true) };
    },
  };
}

describe('the sync engine', () => {
  it('marks a new share, and refuses a folder whose decision-desk.json is not ours', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    expect(laptop.engine.status()).toMatchObject({ state: 'never-synced', folder: share });
    await laptop.engine.pass();
    expect(JSON.parse(fs.readFileSync(path.join(share, 'decision-desk.json'), 'utf8'))).toEqual({
      format: 'decision-desk/share@1',
      createdAt: '2026-03-02T09:00:00.000Z',
      createdBy: 'Laptop',
    });
    expect(laptop.engine.status()).toMatchObject({ state: 'synced', lastSyncedAt: '2026-03-02T09:00:00.000Z' });

    const other = tmpShare();
    fs.writeFileSync(path.join(other, 'decision-desk.json'), '{"name":"something else"}');
    const stranger = await createDevice(other, 'Laptop');
    const summary = await stranger.engine.pass();
    expect(summary.error).toMatchObject({ code: 'invalid-input', details: { reason: 'not-a-share' } });
  });

  it('defaults to "Decision Desk Shared" in Documents, made on the first pass', async () => {
    const documents = tmpDataDir();
    const db = await createDb();
    const engine = createSyncEngine({
      db,
      settings: () => ({ deviceName: 'Laptop', userName: '', sharedFolder: null, template: { referencePattern: PATTERN } }),
      bundle: fakeBundle,
      appVersion: '0.1.0-test',
      documentsDir: documents,
      watch: null,
    });
    expect(engine.folder).toBe(path.join(documents, 'Decision Desk Shared'));
    expect(defaultSharedFolder(documents)).toBe(engine.folder);
    expect((await engine.pass()).ok).toBe(true);
    expect(fs.readdirSync(engine.folder)).toEqual(['decision-desk.json']);
  });

  it('passes on start, on a timer, and when the folder changes (debounced); backs off after a failure; stops', async () => {
    const share = tmpShare();
    const clock = manualTimers();
    const watcher = manualWatch();
    const laptop = await createDevice(share, 'Laptop', { timers: clock.timers, watch: watcher.watch });
    laptop.engine.start();
    expect(watcher.state.folder).toBe(share);
    expect(clock.delays()).toEqual([0]);
    clock.fire();
    await vi.waitFor(() => expect(clock.delays()).toEqual([180_000]));
    expect(laptop.engine.status().state).toBe('synced');

    // A change on the share brings the next pass forward, once things are quiet for two seconds.
    watcher.state.change();
    watcher.state.change();
    expect(clock.delays()).toEqual([2_000]);
    laptop.engine.queueHandover('00000000-0000-4000-8000-000000000000');
    expect(clock.delays()).toEqual([2_000]);
    clock.fire();
    await vi.waitFor(() => expect(clock.delays()).toEqual([180_000]));
    expect(laptop.engine.status().waiting).toBe(0);

    // The folder goes away: the next passes come sooner, backing off, until it is back.
    fs.rmSync(share, { recursive: true });
    clock.fire();
    await vi.waitFor(() => expect(clock.delays()).toEqual([15_000]));
    clock.fire();
    await vi.waitFor(() => expect(clock.delays()).toEqual([30_000]));
    expect(laptop.engine.status()).toMatchObject({ state: 'offline', offlineSince: '2026-03-02T09:00:00.000Z' });
    fs.mkdirSync(share);
    clock.fire();
    await vi.waitFor(() => expect(clock.delays()).toEqual([180_000]));
    expect(laptop.engine.status().state).toBe('synced');

    await laptop.engine.stop();
    expect(clock.delays()).toEqual([]);
    expect(watcher.state.closed).toBe(true);
    watcher.state.change();
    expect(clock.delays()).toEqual([]);
  });

  it("picks up another device's handover by itself when the folder changes (real watcher, real timers)", async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop', { watch: watchSharedFolder, intervalMs: 3_600_000, debounceMs: 20 });
    const tablet = await createDevice(share, 'Tablet');
    laptop.engine.start();
    await vi.waitFor(() => expect(laptop.engine.status().state).toBe('synced'));
    const record = await tablet.submit();
    await tablet.engine.pass();
    await vi.waitFor(() => expect(laptop.record(record.id)?.reference).toBe('OPCC.D.001.26'), { timeout: 20_000, interval: 50 });
    await laptop.engine.stop();
  });

  it('runs one pass at a time: calls during a pass share the one after it', async () => {
    const laptop = await createDevice(tmpShare(), 'Laptop');
    const [a, b, c] = [laptop.engine.pass(), laptop.engine.pass(), laptop.engine.pass()];
    expect(laptop.engine.status().running).toBe(true);
    const [first, second, third] = await Promise.all([a, b, c]);
    expect(second).toBe(third);
    expect(first).not.toBe(second);
    expect(laptop.engine.status().running).toBe(false);
  });
});

describe('content conflicts', () => {
  /** Two devices holding one record, then each with different content at the same revision. */
  async function diverged() {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    const tablet = await createDevice(share, 'Tablet');
    const record = await laptop.submit();
    await laptop.engine.pass();
    await tablet.engine.pass();
    const change = (base: DecisionRecord, title: string) => {
      const next = { ...base, title, revision: base.revision + 1 };
      return { ...next, contentHash: computeContentHash(next) };
    };
    laptop.put(change(record, 'The laptop version'));
    tablet.put(change(record, 'The tablet version'));
    laptop.engine.queueHandover(record.id);
    tablet.engine.queueHandover(record.id);
    await laptop.engine.pass();
    await tablet.engine.pass();
    await laptop.engine.pass();
    return { laptop, tablet, record };
  }

  it('two different contents at one revision: both kept, shown to the person on each device', async () => {
    const { laptop, tablet, record } = await diverged();
    for (const [device, mine, theirs] of [
      [laptop, 'The laptop version', 'The tablet version'],
      [tablet, 'The tablet version', 'The laptop version'],
    ] as const) {
      expect(device.record(record.id)?.title).toBe(mine);
      const [found] = device.engine.conflicts();
      expect(found).toMatchObject({ kind: 'content', recordId: record.id, actions: ['keep-local', 'keep-remote'] });
      expect((found!.detail.remote as DecisionRecord).title).toBe(theirs);
      expect((found!.detail.local as DecisionRecord).title).toBe(mine);
      expect(device.engine.status()).toMatchObject({ state: 'conflicts', conflicts: 1 });
    }
  });

  it('keeping the other version on one device settles it on both', async () => {
    const { laptop, tablet, record } = await diverged();
    const [found] = laptop.engine.conflicts();
    expect(laptop.engine.resolveConflict(found!.id, 'keep-remote')).toMatchObject({ resolution: 'kept remote' });
    expect(laptop.record(record.id)).toMatchObject({ title: 'The tablet version', revision: record.revision + 2 });
    await laptop.engine.pass();
    await tablet.engine.pass();
    expect(tablet.record(record.id)?.title).toBe('The tablet version');
    expect(tablet.engine.conflicts()).toEqual([]);
    expect(laptop.engine.conflicts()).toEqual([]);
    expect(() => laptop.engine.resolveConflict(found!.id, 'keep-local')).toThrow(/already resolved/);
  });

  it('keeping this version moves it above both, and the other device takes it', async () => {
    const { laptop, tablet, record } = await diverged();
    const [found] = tablet.engine.conflicts();
    expect(() => tablet.engine.resolveConflict(found!.id, 'retry')).toThrow(/choose keep-local or keep-remote/);
    tablet.engine.resolveConflict(found!.id, 'keep-local');
    await tablet.engine.pass();
    await laptop.engine.pass();
    expect(laptop.record(record.id)?.title).toBe('The tablet version');
    expect(laptop.engine.conflicts()).toEqual([]);
    // The laptop's version is still in its history: nothing was lost.
    const titles = laptop.db.prepare("SELECT json_extract(body, '$.title') FROM revisions WHERE record_id = ? ORDER BY revision").pluck().all(record.id);
    expect(titles).toContain('The laptop version');
  });
});
