// The remembered window size and place: whatever the file holds, the window opens usable and on a screen.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  fitWindowState,
  loadWindowState,
  MIN_SIZE,
  type Rect,
  saveWindowState,
  type Screen,
} from '../../../electron/main/window-state.ts';
import { tmpDataDir } from '../../helpers/db.ts';

const LAPTOP: Screen = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const MONITOR_RIGHT: Screen = { workArea: { x: 1920, y: 0, width: 2560, height: 1400 } };
const SMALL: Screen = { workArea: { x: 0, y: 0, width: 1024, height: 700 } };

function inside(bounds: Rect, screen: Screen): boolean {
  const area = screen.workArea;
  return (
    bounds.x >= area.x &&
    bounds.y >= area.y &&
    bounds.x + bounds.width <= area.x + area.width &&
    bounds.y + bounds.height <= area.y + area.height
  );
}

describe('fitting a stored state to the screens', () => {
  it('keeps a sensible state as it was', () => {
    const stored = { x: 100, y: 80, width: 1200, height: 800, maximized: true };
    expect(fitWindowState(stored, [LAPTOP])).toEqual({
      bounds: { x: 100, y: 80, width: 1200, height: 800 },
      maximized: true,
    });
  });

  it('keeps a window on a second monitor that is still there', () => {
    const stored = { x: 2100, y: 100, width: 1400, height: 900, maximized: false };
    expect(fitWindowState(stored, [LAPTOP, MONITOR_RIGHT]).bounds).toEqual({
      x: 2100,
      y: 100,
      width: 1400,
      height: 900,
    });
  });

  it('brings back a window from a monitor that has gone', () => {
    const state = fitWindowState({ x: 2100, y: 100, width: 1400, height: 900, maximized: false }, [LAPTOP]);
    expect(inside(state.bounds, LAPTOP)).toBe(true);
    expect(state.bounds.width).toBe(1400);
  });

  it.each([
    ['far off to the left', { x: -50_000, y: 100, width: 1200, height: 800 }],
    ['far below', { x: 100, y: 90_000, width: 1200, height: 800 }],
    ['with only its bottom edge showing', { x: 100, y: -790, width: 1200, height: 800 }],
    ['with only a sliver at the right', { x: 1910, y: 100, width: 1200, height: 800 }],
  ])('centres a window that was %s on the primary screen', (_name, bounds) => {
    const state = fitWindowState({ ...bounds, maximized: false }, [LAPTOP]);
    expect(inside(state.bounds, LAPTOP)).toBe(true);
  });

  it('shrinks an absurdly large window to the screen, and grows a tiny one to the minimum', () => {
    const huge = fitWindowState({ x: 0, y: 0, width: 99_999, height: 99_999, maximized: false }, [LAPTOP]);
    expect(huge.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
    const tiny = fitWindowState({ x: 10, y: 10, width: 5, height: 5, maximized: false }, [LAPTOP]);
    expect(tiny.bounds.width).toBe(MIN_SIZE.width);
    expect(tiny.bounds.height).toBe(MIN_SIZE.height);
  });

  it('fits a screen smaller than the minimum size', () => {
    const netbook: Screen = { workArea: { x: 0, y: 0, width: 700, height: 500 } };
    const state = fitWindowState({ x: 0, y: 0, width: 1200, height: 800, maximized: false }, [netbook]);
    expect(inside(state.bounds, netbook)).toBe(true);
  });

  it.each([
    ['nothing', null],
    ['an array', [1, 2, 3, 4]],
    ['text', 'x=10,y=10'],
    ['missing fields', { x: 10, y: 10 }],
    ['not-a-number', { x: Number.NaN, y: 0, width: 800, height: 600 }],
    ['infinity', { x: 0, y: 0, width: Number.POSITIVE_INFINITY, height: 600 }],
    ['fractions', { x: 0.5, y: 0, width: 800.25, height: 600 }],
    ['negative sizes', { x: 0, y: 0, width: -800, height: -600 }],
    ['strings for numbers', { x: '0', y: '0', width: '800', height: '600' }],
    ['a wrong maximized', { x: 0, y: 0, width: 800, height: 600, maximized: 'yes' }],
  ])('opens at the default size, centred, for %s', (_name, stored) => {
    const state = fitWindowState(stored, [SMALL]);
    expect(state.maximized).toBe(false);
    expect(inside(state.bounds, SMALL)).toBe(true);
    expect(state.bounds.width).toBe(Math.min(DEFAULT_SIZE.width, SMALL.workArea.width));
  });

  it('copes with no screens reported at all', () => {
    expect(fitWindowState({ x: 0, y: 0, width: 800, height: 600, maximized: false }, []).bounds.width).toBe(800);
  });
});

describe('the file', () => {
  it('round-trips a state', () => {
    const file = path.join(tmpDataDir(), 'window-state.json');
    saveWindowState(file, { bounds: { x: 40, y: 30, width: 1000, height: 700 }, maximized: true });
    expect(loadWindowState(file, [LAPTOP])).toEqual({
      bounds: { x: 40, y: 30, width: 1000, height: 700 },
      maximized: true,
    });
  });

  it.each([
    ['missing', null],
    ['empty', ''],
    ['corrupt JSON', '{"x": 10, "y": '],
    ['binary junk', '\u0000\u0001\u0002'],
    ['a byte-order mark and junk', '\ufeff}{'],
  ])('is ignored when %s', (_name, content) => {
    const dir = tmpDataDir();
    const file = path.join(dir, 'window-state.json');
    if (content !== null) fs.writeFileSync(file, content);
    const state = loadWindowState(file, [LAPTOP]);
    expect(state.maximized).toBe(false);
    expect(inside(state.bounds, LAPTOP)).toBe(true);
  });
});
