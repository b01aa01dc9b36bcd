// The core host end to end: a real worker thread running serveDesk on a temp data folder, driven by CoreHost as
// the main process drives the utility process. Conditions are waited for, never time.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../../electron/contract.ts';
import type { DecisionRecord } from '../../../../electron/core/domain/index.ts';
import { DeskError } from '../../../../electron/core/domain/index.ts';
import type { PdfEngine } from '../../../../electron/core/export/pdf-engine.ts';
import { UNAVAILABLE_AFTER_CRASH, UNAVAILABLE_FOR_GOOD } from '../../../../electron/core/host/client.ts';
import { openDesk } from '../../../../electron/core/desk.ts';
import { dispatch } from '../../../../electron/core/service.ts';
import { tmpDataDir } from '../../../helpers/db.ts';
import { workerHost } from '../../../helpers/host.ts';

function standInEngine(
  print: PdfEngine['print'] = () => Promise.reject(new DeskError('unavailable', 'stand-in printer is off')),
) {
  const seen = { prints: [] as string[], warms: 0 };
  const engine: PdfEngine = {
    print: (html, options) => {
      seen.prints.push(html);
      return print(html, options);
    },
    warm: async () => {
      seen.warms += 1;
    },
    close: async () => {},
  };
  return { engine, seen };
}

function value<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

describe('the core host', () => {
  it('creates, saves and gets a record through the child, and closes the desk', async () => {
    const dataDir = tmpDataDir();
    const { engine } = standInEngine();
    const { host, workers } = workerHost({ start: { dataDir }, engine });
    await host.open();
    const created = value<DecisionRecord>(await host.call('records.create', {}));
    const saved = value<DecisionRecord>(
      await host.call('records.save', {
        id: created.id,
        baseRevision: created.revision,
        patch: { title: 'Through the host' },
      }),
    );
    expect(saved.revision).toBeGreaterThan(created.revision);
    const got = value<DecisionRecord>(await host.call('records.get', { id: created.id }));
    expect(got.title).toBe('Through the host');

    const exited = new Promise((resolve) => workers[0]!.once('exit', resolve));
    await host.close();
    await exited;
    // The desk was closed: the folder opens again here, with the record in it.
    const desk = await openDesk(dataDir, { dailyBackup: false });
    try {
      const again = await dispatch(desk.service, 'records.get', { id: created.id });
      expect(value<DecisionRecord>(again).title).toBe('Through the host');
    } finally {
      await desk.close();
    }
    expect((await host.call('records.list', {})).ok).toBe(false);
  });

  it('gives an invalid input the same envelope as the in-process dispatch', async () => {
    const dataDir = tmpDataDir();
    const { host } = workerHost({ start: { dataDir: path.join(dataDir, 'host') }, engine: standInEngine().engine });
    await host.open();
    const local = await openDesk(path.join(dataDir, 'local'), { dailyBackup: false });
    try {
      for (const [method, input] of [
        ['records.save', { id: 'not-a-uuid', baseRevision: 1, patch: {} }],
        ['records.get', { id: 42 }],
        ['no.such.method', {}],
      ] as const) {
        const through = await host.call(method, input);
        expect(through.ok).toBe(false);
        expect(through).toEqual(await dispatch(local.service, method, input));
      }
    } finally {
      await local.close();
      await host.close();
    }
  });

  it('sends the engine’s print and warm-up to the main side', async () => {
    const { engine, seen } = standInEngine();
    const { host } = workerHost({ start: { dataDir: tmpDataDir() }, engine });
    await host.open();
    try {
      expect((await host.call('export.warmUp', {})).ok).toBe(true);
      expect(seen.warms).toBe(1);
      const record = value<DecisionRecord>(await host.call('records.create', { content: { title: 'To print' } }));
      const pdf = await host.call('export.pdf', { id: record.id });
      expect(pdf.ok).toBe(false);
      if (!pdf.ok) expect(pdf.error.message).toContain('stand-in printer is off');
      expect(seen.prints.length).toBeGreaterThan(0);
      expect(seen.prints[0]).toContain('To print');
    } finally {
      await host.close();
    }
  });

  it('answers a call in flight when the child dies with "unavailable", starts it again, and keeps what was saved', async () => {
    const dataDir = tmpDataDir();
    let kill = () => {};
    // The print never answers: the child is killed while export.pdf waits for it.
    const { engine } = standInEngine(() => {
      kill();
      return new Promise<Uint8Array>(() => {});
    });
    const { host, workers } = workerHost({ start: { dataDir }, engine, maxRestarts: 1 });
    kill = () => void workers.at(-1)!.terminate();
    await host.open();
    const record = value<DecisionRecord>(
      await host.call('records.create', { content: { title: 'Saved before the crash' } }),
    );

    const lost = await host.call('export.pdf', { id: record.id });
    expect(lost).toEqual({ ok: false, error: { code: 'unavailable', message: UNAVAILABLE_AFTER_CRASH } });
    expect(host.restartCount).toBe(1);
    const again = value<DecisionRecord>(await host.call('records.get', { id: record.id }));
    expect(again.title).toBe('Saved before the crash');
    expect(workers).toHaveLength(2);

    // Past maxRestarts: every call fails, clearly, and no child is started again.
    expect(await host.call('export.pdf', { id: record.id })).toEqual({
      ok: false,
      error: { code: 'unavailable', message: UNAVAILABLE_FOR_GOOD },
    });
    expect(await host.call('records.list', {})).toEqual({
      ok: false,
      error: { code: 'unavailable', message: UNAVAILABLE_FOR_GOOD },
    });
    expect(workers).toHaveLength(2);
    await host.close();
  });

  it('says why the desk could not open, without starting again', async () => {
    const file = path.join(tmpDataDir(), 'a-file');
    fs.writeFileSync(file, 'not a folder');
    const { host, workers } = workerHost({ start: { dataDir: file }, engine: standInEngine().engine });
    await expect(host.open()).rejects.toThrow(/not a folder/);
    const call = await host.call('records.list', {});
    expect(call.ok).toBe(false);
    if (!call.ok) expect(call.error.message).toMatch(/not a folder/);
    expect(workers).toHaveLength(1);
    await host.close();
  });
});
