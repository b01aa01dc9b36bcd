// The engine around the passes: the share's marker, the default folder, timer and watcher, status, conflicts.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  computeContentHash,
  type DecisionRecord,
  type InvalidInputError,
} from '../../../../electron/core/domain/index.ts';
import { createSyncEngine, type SyncSettings, watchSharedFolder } from '../../../../electron/core/sync/engine.ts';
import { chooseSharedFolder } from '../../../../electron/core/sync/share.ts';
import { storeRecord } from '../../../../electron/core/sync/records.ts';
import { createDb, makeRecord, signAll, tmpDataDir } from '../../../helpers/db.ts';
import { TEST_TEMPLATE } from '../../../helpers/trust.ts';
import { createDevice, fakeBundle, listFiles, PATTERN, tmpShare, writeMarker } from './helpers.ts';
import { manualTimers } from '../../../helpers/timers.ts';

/**
 * How long a condition is waited for: the time a pass takes on a busy machine, never a timing the test depends on
 * (the timers here are fired by hand; only the watcher test has real ones, and it waits for what the watcher did).
 */
const PASS_DONE = { timeout: 30_000, interval: 20 };

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
  it('a pass never sets up a share: a folder without the marker is "share missing", and a foreign marker is refused', async () => {
    const empty = tmpDataDir();
    const laptop = await createDevice(empty, 'Laptop');
    expect(laptop.engine.status()).toMatchObject({ state: 'never-synced', folder: empty });
    const summary = await laptop.engine.pass();
    expect(summary.error).toMatchObject({ code: 'unavailable', details: { reason: 'share-missing' } });
    expect(summary.error?.message).toMatch(/choose it in Settings/);
    expect(fs.readdirSync(empty)).toEqual([]);

    const other = tmpDataDir();
    fs.writeFileSync(path.join(other, 'decision-desk.json'), '{"name":"something else"}');
    const stranger = await createDevice(other, 'Laptop');
    expect((await stranger.engine.pass()).error).toMatchObject({
      code: 'invalid-input',
      details: { reason: 'not-a-share' },
    });
  });

  it('remembers the share it joined: a different share at the same path is refused, and nothing is written to it', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    await laptop.submit();
    expect((await laptop.engine.pass()).ok).toBe(true);
    // The share was lost and someone set up a new, empty one at the same path.
    fs.rmSync(share, { recursive: true });
    fs.mkdirSync(share);
    writeMarker(share);
    const record = await laptop.submit();
    expect(record.reference).toBeNull();
    const summary = await laptop.engine.pass();
    expect(summary.error).toMatchObject({ code: 'invalid-input', details: { reason: 'not-a-share' } });
    expect(summary.error?.message).toMatch(/different Decision Desk share .*choose it again in Settings/);
    expect(listFiles(share)).toEqual(['decision-desk.json']);
    expect(laptop.engine.status()).toMatchObject({ state: 'offline', referencesPending: 1 });
  });

  it('with no shared folder chosen there is none: "not set up", the work waits, and choosing one sends it', async () => {
    const db = await createDb();
    const template = {
      numbering: TEST_TEMPLATE.numbering,
      signatories: TEST_TEMPLATE.signatories,
      sealFingerprint: TEST_TEMPLATE.sealFingerprint,
    };
    const settings: SyncSettings = { deviceName: 'Laptop', userName: '', sharedFolder: null, template };
    const engine = createSyncEngine({
      db,
      settings: () => settings,
      bundle: fakeBundle,
      appVersion: '0.1.0-test',
      watch: null,
    });
    expect(engine.folder).toBeNull();
    const who = {
      actor: 'A',
      device: 'Laptop',
      numbering: { series: [{ id: 'main', label: 'Decisions', pattern: PATTERN, reset: 'year' as const }] },
      now: new Date('2026-03-02T09:00:00Z'),
    };
    const { id } = db.transaction(() =>
      storeRecord(db, makeRecord({ status: 'awaiting-signatures' }), 'workflow', 'submitted', {}, who),
    )();
    expect(await engine.claimReference(id, { year: 2026, month: 3 })).toEqual({ pending: true });
    engine.queueHandover(id);
    const summary = await engine.pass();
    expect(summary).toMatchObject({
      ok: false,
      folder: null,
      error: { code: 'unavailable', details: { reason: 'not-set-up' } },
      waiting: 2,
    });
    expect(engine.status()).toMatchObject({
      state: 'not-set-up',
      folder: null,
      waiting: 2,
      referencesPending: 1,
      offlineSince: null,
    });

    const share = tmpDataDir();
    expect(await chooseSharedFolder(db, share, { deviceName: 'Laptop', now: new Date('2026-03-02T09:00:00Z') })).toBe(
      share,
    );
    const marker = JSON.parse(fs.readFileSync(path.join(share, 'decision-desk.json'), 'utf8'));
    expect(marker).toEqual({
      format: 'decision-desk/share@1',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      createdAt: '2026-03-02T09:00:00.000Z',
      createdBy: 'Laptop',
    });
    settings.sharedFolder = share;
    expect((await engine.pass()).ok).toBe(true);
    expect(engine.status()).toMatchObject({ state: 'synced', folder: share, referencesPending: 0 });
    expect(listFiles(share)).toEqual(
      expect.arrayContaining(['references/26/0001.claim', expect.stringMatching(new RegExp(`^pending/${id}/`))]),
    );
  });

  it('checks a chosen shared folder: absolute, there, a folder, writable, empty or already a share', async () => {
    const db = await createDb();
    const by = { deviceName: 'Laptop', now: new Date('2026-03-02T09:00:00Z') };
    const refusal = async (folder: string) => {
      try {
        await chooseSharedFolder(db, folder, by);
      } catch (error) {
        return error as InvalidInputError;
      }
      throw new Error(`${folder} was accepted`);
    };
    const base = tmpDataDir();
    fs.writeFileSync(path.join(base, 'passwd'), 'root:x:0:0');
    fs.mkdirSync(path.join(base, 'full'));
    fs.writeFileSync(path.join(base, 'full', 'budget.xlsx'), 'x');
    fs.mkdirSync(path.join(base, 'read-only'));
    fs.chmodSync(path.join(base, 'read-only'), 0o555);
    const cases: [string, string, RegExp][] = [
      ['Decisions', 'absolute', /not a full path/],
      [path.join(base, 'missing'), 'exists', /does not exist/],
      [path.join(base, 'passwd'), 'folder', /is a file, not a folder/],
      [path.join(base, 'full'), 'empty-or-share', /not empty and holds no decision-desk\.json/],
    ];
    // root writes anywhere: the permission check shows only as another user.
    if (process.getuid?.() !== 0) cases.push([path.join(base, 'read-only'), 'writable', /cannot write to it/]);
    for (const [folder, check, message] of cases) {
      const error = await refusal(folder);
      expect(error).toMatchObject({ code: 'invalid-input', details: { field: 'sharedFolder', check } });
      expect(error.message).toMatch(message);
    }
    expect(fs.readdirSync(path.join(base, 'full'))).toEqual(['budget.xlsx']);
    fs.chmodSync(path.join(base, 'read-only'), 0o755);
    fs.writeFileSync(
      path.join(base, 'full', 'decision-desk.json'),
      JSON.stringify({ format: 'decision-desk/share@2' }),
    );
    expect((await refusal(path.join(base, 'full'))).message).toMatch(/newer version of Decision Desk/);
    // An existing share is joined as it is: its marker is not rewritten.
    const existing = tmpShare();
    const marker = fs.readFileSync(path.join(existing, 'decision-desk.json'));
    await chooseSharedFolder(db, existing, by);
    expect(fs.readFileSync(path.join(existing, 'decision-desk.json'))).toEqual(marker);
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
    await vi.waitFor(() => expect(clock.delays()).toEqual([180_000]), PASS_DONE);
    expect(laptop.engine.status().state).toBe('synced');

    // A change on the share brings the next pass forward, once things are quiet for two seconds.
    watcher.state.change();
    watcher.state.change();
    expect(clock.delays()).toEqual([2_000]);
    laptop.engine.queueHandover('00000000-0000-4000-8000-000000000000');
    expect(clock.delays()).toEqual([2_000]);
    clock.fire();
    await vi.waitFor(() => expect(clock.delays()).toEqual([180_000]), PASS_DONE);
    expect(laptop.engine.status().waiting).toBe(0);

    // The folder goes away: the next passes come sooner, backing off, until it is back.
    fs.renameSync(share, `${share}-away`);
    clock.fire();
    await vi.waitFor(() => expect(clock.delays()).toEqual([15_000]), PASS_DONE);
    clock.fire();
    await vi.waitFor(() => expect(clock.delays()).toEqual([30_000]), PASS_DONE);
    expect(laptop.engine.status()).toMatchObject({ state: 'offline', offlineSince: '2026-03-02T09:00:00.000Z' });
    fs.renameSync(`${share}-away`, share);
    clock.fire();
    await vi.waitFor(() => expect(clock.delays()).toEqual([180_000]), PASS_DONE);
    expect(laptop.engine.status().state).toBe('synced');

    await laptop.engine.stop();
    expect(clock.delays()).toEqual([]);
    expect(watcher.state.closed).toBe(true);
    watcher.state.change();
    expect(clock.delays()).toEqual([]);
  });

  it("picks up another device's handover by itself when the folder changes (real watcher, real timers)", async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop', {
      watch: watchSharedFolder,
      intervalMs: 3_600_000,
      debounceMs: 20,
    });
    const tablet = await createDevice(share, 'Tablet');
    laptop.engine.start();
    await vi.waitFor(() => expect(laptop.engine.status().state).toBe('synced'), PASS_DONE);
    const record = await tablet.submit();
    await tablet.engine.pass();
    await vi.waitFor(() => expect(laptop.record(record.id)?.reference).toBe('OPCC.D.001.26'), PASS_DONE);
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

  it('a hand-over file rewriting a record out for signature here is set aside and reported, never merged', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    const tablet = await createDevice(share, 'Tablet');
    const record = await laptop.submit();
    laptop.sign(record.id, 'chief-finance-officer');
    await laptop.engine.pass();
    await tablet.engine.pass();
    const here = tablet.record(record.id)!;
    expect(here.signOffs[0]!.signature).not.toBeNull();
    const rewritten = { ...here, title: 'Rewritten after signing', revision: here.revision + 3 };
    laptop.put(signAll({ ...rewritten, contentHash: computeContentHash(rewritten) }));
    laptop.engine.queueHandover(record.id);
    await laptop.engine.pass();
    await tablet.engine.pass();
    expect(tablet.record(record.id)).toEqual(here);
    expect(tablet.engine.conflicts()).toEqual([
      expect.objectContaining({
        kind: 'content',
        recordId: record.id,
        message: expect.stringMatching(/awaiting signatures here .*different content/),
      }),
    ]);
  });

  it('a hand-over file of a decided record without its signatures is refused as a state that cannot happen', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    const tablet = await createDevice(share, 'Tablet');
    const record = await laptop.submit();
    await laptop.engine.pass();
    await tablet.engine.pass();
    const before = tablet.record(record.id);
    laptop.put({ ...record, status: 'decided', revision: record.revision + 1 });
    laptop.engine.queueHandover(record.id);
    await laptop.engine.pass();
    await tablet.engine.pass();
    expect(tablet.record(record.id)).toEqual(before);
    expect(tablet.engine.conflicts()).toEqual([
      expect.objectContaining({
        kind: 'tampered',
        recordId: record.id,
        message: expect.stringMatching(/cannot happen.*commissioner has not signed/),
      }),
    ]);
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
    const titles = laptop.db
      .prepare("SELECT json_extract(body, '$.title') FROM revisions WHERE record_id = ? ORDER BY revision")
      .pluck()
      .all(record.id);
    expect(titles).toContain('The laptop version');
  });
});
