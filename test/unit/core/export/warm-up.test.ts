// export.warmUp: the window, once usable, asks the desk to start its PDF engine in the background; once per desk.

import { afterEach, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../../../electron/core/desk.ts';
import type { PdfEngine } from '../../../../electron/core/export/pdf-engine.ts';
import { dispatch } from '../../../../electron/core/service.ts';
import { tmpDataDir } from '../../../helpers/db.ts';

/** An engine that only counts: the warm-up's real work (Chromium's start) is tested in pdf.test.ts. */
function countingEngine(withWarm: boolean) {
  const counts = { warm: 0, print: 0 };
  const engine: PdfEngine = {
    print: async () => {
      counts.print += 1;
      return new TextEncoder().encode('%PDF-1.7');
    },
    close: async () => undefined,
    ...(withWarm ? { warm: async () => void (counts.warm += 1) } : {}),
  };
  return { engine, counts };
}

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

describe('export.warmUp', () => {
  it('starts the engine once, in the background, and prints nothing', async () => {
    const { engine, counts } = countingEngine(true);
    desk = await openDesk(tmpDataDir('decision-desk-warm-'), { dailyBackup: false, pdfEngine: engine });
    expect(await dispatch(desk.service, 'export.warmUp', {})).toEqual({ ok: true, value: { warming: true } });
    expect(await dispatch(desk.service, 'export.warmUp', {})).toEqual({ ok: true, value: { warming: false } });
    expect(counts).toEqual({ warm: 1, print: 0 });
  });

  it('says so when the engine has no warm-up, and refuses input it does not take', async () => {
    const { engine } = countingEngine(false);
    desk = await openDesk(tmpDataDir('decision-desk-warm-'), { dailyBackup: false, pdfEngine: engine });
    expect(await dispatch(desk.service, 'export.warmUp', { now: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await dispatch(desk.service, 'export.warmUp', {})).toEqual({ ok: true, value: { warming: false } });
  });
});
