// The signature pad under real input: Chromium's own pen, mouse and touch events through the DevTools protocol
// (Input.dispatchMouseEvent with pointerType pen, Input.dispatchTouchEvent), so hit-testing, touch-action and pointer
// capture are the browser's, not skipped as synthetic dispatchEvent skips them. The pad is on a page of its own
// (support/pad), built with Vite; the app's signing flow drives the same pad in signing.test.ts.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { StrokeSchema } from '../../electron/core/domain/record.ts';

/** A stroke as the pad keeps it and a signature carries it. */
type InkStroke = z.infer<typeof StrokeSchema>;
import { launchChromium } from '../helpers/chromium.ts';
import { signaturePad } from './support/pen.ts';
import { ROOT } from './support/renderer.ts';

const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
const ORIGIN = 'http://pad.test';

let tmp: string;
let browser: Browser;
let page: Page;
let cdp: CDPSession;
const seen: string[] = [];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pad-'));
  await build({
    root: path.join(import.meta.dirname, 'support', 'pad'),
    configFile: false,
    base: './',
    logLevel: 'error',
    plugins: [react()],
    build: { outDir: tmp, emptyOutDir: true, target: 'es2023', assetsInlineLimit: 0 },
  });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 2,
    hasTouch: true,
  });
  await context.route(`${ORIGIN}/**`, (route) => {
    const file = path.join(tmp, new URL(route.request().url()).pathname);
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html';
    return route.fulfill({
      body: fs.readFileSync(file.endsWith('/') ? path.join(file, 'index.html') : file),
      contentType: type,
    });
  });
  page = await context.newPage();
  page.on('pageerror', (error) => seen.push(error.message));
  await page.goto(`${ORIGIN}/`);
  await signaturePad(page).waitFor();
  await page.evaluate(`(() => {
    window.events = [];
    for (const type of ['pointerdown', 'pointermove', 'pointerup', 'pointercancel'])
      document.querySelector('canvas').addEventListener(type, (e) => window.events.push([e.type, e.pointerType, e.button, e.buttons, e.pressure]));
  })()`);
  cdp = await page.context().newCDPSession(page);
});

afterAll(async () => {
  await browser?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

type PadPoint = [fx: number, fy: number, force: number];

/** Where a point given as fractions (0..1) of the pad is in the viewport. */
async function at(fx: number, fy: number) {
  const box = (await signaturePad(page).boundingBox())!;
  return { x: box.x + fx * box.width, y: box.y + fy * box.height };
}

/** A pen stroke as Chromium's own input: hover in, tip down with its force and tilt, moves, lift. */
async function penStroke(points: PadPoint[]) {
  const pen = { pointerType: 'pen' as const, tiltX: 25, tiltY: -10 };
  const [first, ...rest] = points;
  await cdp.send('Input.dispatchMouseEvent', {
    type: 'mouseMoved',
    ...(await at(first![0], first![1])),
    ...pen,
    buttons: 0,
  });
  await cdp.send('Input.dispatchMouseEvent', {
    type: 'mousePressed',
    ...(await at(first![0], first![1])),
    ...pen,
    button: 'left',
    buttons: 1,
    clickCount: 1,
    force: first![2],
  });
  for (const [fx, fy, force] of rest) {
    await cdp.send('Input.dispatchMouseEvent', {
      type: 'mouseMoved',
      ...(await at(fx, fy)),
      ...pen,
      button: 'left',
      buttons: 1,
      force,
    });
  }
  const last = points.at(-1)!;
  await cdp.send('Input.dispatchMouseEvent', {
    type: 'mouseReleased',
    ...(await at(last[0], last[1])),
    ...pen,
    button: 'left',
    buttons: 0,
    clickCount: 1,
  });
}

async function touch(type: 'touchStart' | 'touchMove' | 'touchEnd', fx: number, fy: number, id = 1) {
  const point = await at(fx, fy);
  await cdp.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: type === 'touchEnd' ? [] : [{ ...point, id, radiusX: 12, radiusY: 12, force: 0.5 }],
  });
}

const strokes = () => page.evaluate<InkStroke[]>('window.pad.strokes');
const clear = () => page.getByRole('button', { name: 'Clear' }).click();

/** A handwritten name: a run of loops with the pressure rising and falling, then an underline that trails off. */
function signature(): PadPoint[][] {
  const name = Array.from({ length: 90 }, (_, i): PadPoint => {
    const t = i / 89;
    return [
      0.08 + 0.62 * t + 0.035 * Math.cos(t * 9 * Math.PI),
      0.5 - 0.2 * Math.sin(t * 9 * Math.PI) * (1 - 0.4 * t),
      0.3 + 0.5 * Math.sin(t * Math.PI) ** 2,
    ];
  });
  const underline = Array.from({ length: 30 }, (_, i): PadPoint => {
    const t = i / 29;
    return [0.12 + 0.75 * t, 0.78 - 0.08 * Math.sin(t * Math.PI * 0.8), 0.75 - 0.6 * t];
  });
  return [name, underline];
}

/** The signature image opened on a canvas: its size and the ink's coverage (summed alpha, in pixels) per column. */
async function pngColumns(png: string): Promise<{ width: number; height: number; columns: number[] }> {
  return page.evaluate(
    `(async (png) => {
      const image = new Image();
      image.src = png;
      await image.decode();
      const c = document.createElement('canvas');
      c.width = image.width;
      c.height = image.height;
      const ctx = c.getContext('2d');
      ctx.drawImage(image, 0, 0);
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      const columns = Array(c.width).fill(0);
      for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) columns[x] += data[(y * c.width + x) * 4 + 3] / 255;
      return { width: c.width, height: c.height, columns };
    })(${JSON.stringify(png)})`,
  );
}

describe('the signature pad under real input', () => {
  it('draws with a finger before any pen has been near', async () => {
    await touch('touchStart', 0.2, 0.5);
    for (const fx of [0.25, 0.3, 0.35, 0.4]) await touch('touchMove', fx, 0.5 - (fx - 0.2));
    await touch('touchEnd', 0.4, 0.3);
    await page.getByText('Signature drawn: 1 stroke.').waitFor();
    const [stroke] = await strokes();
    expect(stroke!.pointerType).toBe('touch');
    expect(stroke!.points.length).toBeGreaterThanOrEqual(4);
    await clear();
    await page.getByText('The box is empty.').waitFor();
  });

  it('takes a pen signature with the pressure from the pen\u2019s force, and draws it tapered and smooth', async () => {
    const drawn = signature();
    for (const points of drawn) await penStroke(points);
    await page.getByText('Signature drawn: 2 strokes.').waitFor();
    const saved = await strokes();
    expect(saved.map((s) => s.pointerType)).toEqual(['pen', 'pen']);
    // Each point's pressure is the force sent (as the float Chromium carries it), in the order sent.
    expect(saved[0]!.points[0]!.pressure).toBeCloseTo(drawn[0]![0]![2], 2);
    const pressures = saved[1]!.points.map((p) => p.pressure);
    expect(pressures[0]!).toBeGreaterThan(0.7);
    expect(pressures.at(-2)!).toBeLessThan(0.2);
    for (const stroke of saved) {
      const times = stroke.points.map((p) => p.time);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }

    await signaturePad(page).screenshot({ path: path.join(SCREENSHOTS, 'signature-pad-pen.png') });
    expect(await page.getByText('Signature drawn: 2 strokes.').isVisible()).toBe(true);
    const png = await page.evaluate<string>('window.pad.png()');
    fs.writeFileSync(path.join(SCREENSHOTS, 'signature-pad-pen-image.png'), Buffer.from(png.split(',')[1]!, 'base64'));
    const image = await pngColumns(png);
    // Trimmed to the ink: there is ink near both sides, and none outside it.
    expect(image.columns.slice(0, 3).every((c) => c === 0)).toBe(true);
    expect(Math.max(...image.columns.slice(0, 30))).toBeGreaterThan(0);
    expect(image.width).toBeGreaterThan(image.height);
  });

  it('makes an image whose ink widens smoothly with pressure, with no steps where the points join', async () => {
    await clear();
    // The pressure rises by a tenth at each of few, far-apart points: drawn as pieces of line of a width each,
    // the ink stepped by a pixel at every join.
    const line = Array.from({ length: 9 }, (_, i): PadPoint => [0.1 + 0.1 * i, 0.5, 0.1 + 0.1 * i]);
    await penStroke(line);
    await page.getByText('Signature drawn: 1 stroke.').waitFor();
    const { columns } = await pngColumns(await page.evaluate<string>('window.pad.png()'));
    // Away from the tapered ends: pressure about 0.25 at one end of this part and 0.75 at the other.
    const body = columns.slice(Math.round(columns.length * 0.2), Math.round(columns.length * 0.8));
    const steps = body.slice(1).map((c, i) => Math.abs(c - body[i]!));
    expect(body.at(-1)!).toBeGreaterThan(body[0]! * 1.6);
    expect(Math.max(...steps)).toBeLessThan(0.3);
  });

  it('draws nothing with the pen\u2019s barrel button held', async () => {
    await clear();
    const point = await at(0.5, 0.5);
    await cdp.send('Input.dispatchMouseEvent', {
      type: 'mousePressed',
      ...point,
      pointerType: 'pen',
      button: 'right',
      buttons: 2,
      clickCount: 1,
      force: 0.5,
    });
    await cdp.send('Input.dispatchMouseEvent', {
      type: 'mouseMoved',
      ...(await at(0.7, 0.5)),
      pointerType: 'pen',
      button: 'right',
      buttons: 2,
      force: 0.5,
    });
    await cdp.send('Input.dispatchMouseEvent', {
      type: 'mouseReleased',
      ...(await at(0.7, 0.5)),
      pointerType: 'pen',
      button: 'right',
      buttons: 0,
      clickCount: 1,
    });
    await penStroke([
      [0.1, 0.2, 0.5],
      [0.2, 0.25, 0.5],
    ]);
    await page.getByText('Signature drawn: 1 stroke.').waitFor();
    expect((await strokes())[0]!.points[0]!.x).toBeLessThan(0.15 * 800);
  });

  it('draws nothing with the eraser end', async () => {
    // The DevTools protocol has no eraser: `buttons: 32` reaches the page as a plain press of the tip (button 0,
    // buttons 1), so the eraser is the one input sent as a synthetic PointerEvent, as Chromium reports a real one.
    await clear();
    const from = await at(0.3, 0.4);
    const to = await at(0.6, 0.6);
    await page.evaluate(
      `(([from, to]) => {
        const canvas = document.querySelector('canvas.signature-pad-canvas');
        const send = (type, p, button, buttons) => canvas.dispatchEvent(new PointerEvent(type, {
          pointerType: 'pen', pointerId: 40, isPrimary: true, bubbles: true, cancelable: true,
          clientX: p.x, clientY: p.y, pressure: buttons ? 0.5 : 0, button, buttons,
        }));
        send('pointerdown', from, 5, 32);
        send('pointermove', { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 }, -1, 32);
        send('pointermove', to, -1, 32);
        send('pointerup', to, 5, 0);
      })([${JSON.stringify(from)}, ${JSON.stringify(to)}])`,
    );
    // Then the tip: the stroke it draws is the only one.
    await penStroke([
      [0.1, 0.2, 0.5],
      [0.2, 0.25, 0.5],
    ]);
    await page.getByText('Signature drawn: 1 stroke.').waitFor();
    expect((await strokes())[0]!.points.every((p) => p.x < 0.25 * 800)).toBe(true);
  });

  it('ignores a palm that lands and drags while the pen is drawing', async () => {
    await clear();
    const pen = { pointerType: 'pen' as const };
    await cdp.send('Input.dispatchMouseEvent', {
      type: 'mousePressed',
      ...(await at(0.1, 0.4)),
      ...pen,
      button: 'left',
      buttons: 1,
      clickCount: 1,
      force: 0.6,
    });
    await touch('touchStart', 0.8, 0.85, 7);
    for (const fx of [0.2, 0.3, 0.4]) {
      await cdp.send('Input.dispatchMouseEvent', {
        type: 'mouseMoved',
        ...(await at(fx, 0.45)),
        ...pen,
        button: 'left',
        buttons: 1,
        force: 0.6,
      });
      await touch('touchMove', 0.8 + fx / 10, 0.9, 7);
    }
    await touch('touchEnd', 0.85, 0.9, 7);
    await cdp.send('Input.dispatchMouseEvent', {
      type: 'mouseReleased',
      ...(await at(0.4, 0.45)),
      ...pen,
      button: 'left',
      buttons: 0,
      clickCount: 1,
    });
    await page.getByText('Signature drawn: 1 stroke.').waitFor();
    const saved = await strokes();
    expect(saved.map((s) => s.pointerType)).toEqual(['pen']);
    expect(saved[0]!.points.every((p) => p.y < 0.6 * 320)).toBe(true);
    expect(seen).toEqual([]);
  });
});
