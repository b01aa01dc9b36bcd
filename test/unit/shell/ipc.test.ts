// The IPC wrapper over a real service on a temp data folder: foreign senders are refused, bad input gets an
// invalid-input envelope, good calls reach the database, and a closing app refuses new work but finishes old work.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DecisionRecord, DeskErrorData } from '../../../electron/core/domain/index.ts';
import {
  DeskIpc,
  ForeignSenderError,
  PendingWork,
  registerDeskIpc,
  type ShellActions,
} from '../../../electron/main/ipc.ts';
import { APP_ORIGIN } from '../../../electron/main/security.ts';
import { DESK_METHODS, methodChannel, PRINT_CHANNEL } from '../../../electron/preload/channels.ts';
import { createTestService, deskCall, type TestDesk } from '../../helpers/db.ts';
import { electronStub, invokeFromFrame, mainFrame, resetElectronStub, subFrame } from '../../helpers/electron-stub.ts';
import { recordingLog } from './recording-log.ts';

vi.mock('electron', async () => (await import('../../helpers/electron-stub.ts')).electronModule);

const APP = mainFrame('app://app/index.html');

let desk: TestDesk;
let ipc: DeskIpc;
let log: ReturnType<typeof recordingLog>;
let printed: string[];

beforeEach(async () => {
  resetElectronStub();
  desk = await createTestService();
  log = recordingLog();
  ipc = new DeskIpc({ trustedOrigin: APP_ORIGIN, log });
  printed = [];
  const shell: ShellActions = {
    printRecord: async (id) => {
      printed.push(id);
      return true;
    },
  };
  registerDeskIpc(ipc, deskCall(desk.service), shell);
});

const call = (method: string, frame: unknown, ...args: unknown[]) =>
  invokeFromFrame(methodChannel(method as never), frame as never, ...args) as Promise<{
    ok: boolean;
    value?: unknown;
    error?: DeskErrorData;
  }>;

describe('registration', () => {
  it('registers one handler per contract method and one for printing, all under desk:', () => {
    const channels = [...electronStub.ipcMain.handlers.keys()];
    expect(channels.sort()).toEqual([...DESK_METHODS.map(methodChannel), PRINT_CHANNEL].sort());
    for (const channel of channels) expect(channel.startsWith('desk:')).toBe(true);
  });
});

describe('a call from the app page', () => {
  it('reaches the service and the database', async () => {
    const created = await call('records.create', APP, { content: { title: 'Funding for a rural crime partnership' } });
    expect(created.ok).toBe(true);
    const record = created.value as DecisionRecord;
    const read = await call('records.get', APP, { id: record.id });
    expect(read).toMatchObject({ ok: true, value: { id: record.id, title: 'Funding for a rural crime partnership' } });
    const rows = desk.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number };
    expect(rows.n).toBe(1);
  });

  it('gets invalid-input for malformed input, and nothing is written', async () => {
    for (const input of [{ id: 42 }, { id: '' }, { id: 'x', extra: true }, 'records', [1, 2], null]) {
      const result = await call('records.get', APP, input);
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('invalid-input');
    }
    const save = await call('records.save', APP, { id: 'not-a-uuid', baseRevision: 0, patch: { title: 1 } });
    expect(save).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((desk.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n).toBe(0);
  });

  it('gets invalid-input when it sends more than one argument', async () => {
    const result = await call('records.list', APP, {}, { smuggled: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('gets the service’s own error codes as data', async () => {
    const result = await call('records.get', APP, { id: '0b0e8a52-6a3c-4a53-9d52-5d7f3f0a9c11' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('a call from anywhere else', () => {
  it.each([
    ['no frame (navigated away or destroyed)', null],
    ['a detached frame', { ...mainFrame('app://app/'), detached: true }],
    ['a subframe of the app', subFrame('app://app/frame.html', APP)],
    ['the app’s blob: preview', subFrame('blob:app://app/1', APP)],
    ['a print document', mainFrame('app://print/5f0c8f4e-2d7a-4bd0-9a0e-3f7a1e2f4b11')],
    ['another origin', mainFrame('https://www.gov.uk/')],
    ['a file: page', mainFrame('file:///C:/Users/someone/evil.html')],
    ['a look-alike host', mainFrame('app://app.evil/')],
  ])('is refused from %s, and the service is not called', async (_name, frame) => {
    await expect(call('records.create', frame, { content: { title: 'Injected' } })).rejects.toBeInstanceOf(
      ForeignSenderError,
    );
    await expect(
      invokeFromFrame(PRINT_CHANNEL, frame as never, { id: '0b0e8a52-6a3c-4a53-9d52-5d7f3f0a9c11' }),
    ).rejects.toBeInstanceOf(ForeignSenderError);
    expect((desk.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n).toBe(0);
    expect(printed).toEqual([]);
    expect(log.lines.filter((line) => line.startsWith('WARN ipc.refused'))).toHaveLength(2);
    expect(log.lines.join('\n')).not.toContain('Injected');
  });
});

describe('printing', () => {
  it('validates the record id before asking the shell', async () => {
    expect(await invokeFromFrame(PRINT_CHANNEL, APP, { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(
      await invokeFromFrame(PRINT_CHANNEL, APP, { id: '0b0e8a52-6a3c-4a53-9d52-5d7f3f0a9c11', copies: 99 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(printed).toEqual([]);
    const id = '0b0e8a52-6a3c-4a53-9d52-5d7f3f0a9c11';
    expect(await invokeFromFrame(PRINT_CHANNEL, APP, { id })).toEqual({ ok: true, value: { printed: true } });
    expect(printed).toEqual([id]);
  });
});

describe('closing', () => {
  it('lets work already running finish, and refuses new work with unavailable', async () => {
    let finish!: () => void;
    const slow = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const gated = new DeskIpc({ trustedOrigin: APP_ORIGIN, log });
    gated.handle('desk:test.slow', async () => {
      await slow;
      return { ok: true, value: 'done' };
    });
    const running = invokeFromFrame('desk:test.slow', APP);
    expect(gated.pending.count).toBe(1);
    gated.stopAccepting();
    expect(await invokeFromFrame('desk:test.slow', APP)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const settled = gated.pending.settle(60_000);
    finish();
    expect(await settled).toBe(true);
    expect(await running).toEqual({ ok: true, value: 'done' });
    expect(gated.pending.count).toBe(0);
  });
});

describe('pending work', () => {
  it('settles at once when nothing runs, and counts failed work as finished', async () => {
    const pending = new PendingWork();
    expect(await pending.settle(1000)).toBe(true);
    await expect(pending.track(Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(pending.count).toBe(0);
  });

  it('gives up after its time limit while work is still running', async () => {
    vi.useFakeTimers();
    try {
      const pending = new PendingWork();
      void pending.track(new Promise(() => {}));
      const settled = pending.settle(10_000);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(await settled).toBe(false);
      expect(pending.count).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
