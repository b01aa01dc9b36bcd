// The main window's size and position, remembered in the user-data folder and checked on load: a file that is
// damaged, absurd, or names a monitor that is no longer there gives a window that is fully on a screen.

import fs from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../core/files.ts';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A screen's usable area (without taskbar or dock); the primary screen first. */
export interface Screen {
  workArea: Rect;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 860 };
export const MIN_SIZE = { width: 800, height: 600 };
/** How much of the window's top edge must be on a screen for the user to be able to grab and move it. */
const GRAB_STRIP = { width: 120, height: 40 };

const Coordinate = z.number().int().min(-100_000).max(100_000);
const Length = z.number().int().min(1).max(100_000);
const StoredState = z.object({
  x: Coordinate,
  y: Coordinate,
  width: Length,
  height: Length,
  maximized: z.boolean().default(false),
});

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

/** The size clamped to the screen (and to the minimum where the screen allows), kept wholly inside it. */
function placeOn(screen: Rect, wanted: Rect): Rect {
  const width = clamp(wanted.width, Math.min(MIN_SIZE.width, screen.width), screen.width);
  const height = clamp(wanted.height, Math.min(MIN_SIZE.height, screen.height), screen.height);
  return {
    width,
    height,
    x: clamp(wanted.x, screen.x, screen.x + screen.width - width),
    y: clamp(wanted.y, screen.y, screen.y + screen.height - height),
  };
}

function centredOn(screen: Rect, size: { width: number; height: number }): Rect {
  const width = Math.min(size.width, screen.width);
  const height = Math.min(size.height, screen.height);
  return placeOn(screen, {
    width,
    height,
    x: screen.x + Math.round((screen.width - width) / 2),
    y: screen.y + Math.round((screen.height - height) / 2),
  });
}

/** Where the window opens, from whatever was stored (anything at all) and the screens there are now. */
export function fitWindowState(stored: unknown, screens: readonly Screen[]): WindowState {
  const primary = screens[0]?.workArea ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  const parsed = StoredState.safeParse(stored);
  if (!parsed.success) return { bounds: centredOn(primary, DEFAULT_SIZE), maximized: false };
  const { maximized, ...wanted } = parsed.data;
  // The screen showing most of the window's grab strip keeps it; with none, the window comes back to the primary.
  const strip: Rect = {
    x: wanted.x,
    y: wanted.y,
    width: Math.min(wanted.width, GRAB_STRIP.width * 4),
    height: GRAB_STRIP.height,
  };
  let best: Rect | null = null;
  let bestOverlap = 0;
  for (const { workArea } of screens) {
    const shown = overlap(strip, workArea);
    if (shown > bestOverlap) {
      best = workArea;
      bestOverlap = shown;
    }
  }
  if (!best || bestOverlap < GRAB_STRIP.width * GRAB_STRIP.height)
    return { bounds: centredOn(primary, wanted), maximized };
  return { bounds: placeOn(best, wanted), maximized };
}

export function loadWindowState(file: string, screens: readonly Screen[]): WindowState {
  let stored: unknown = null;
  try {
    stored = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // Missing or damaged: the window opens centred, and the next close writes a good file.
  }
  return fitWindowState(stored, screens);
}

export function saveWindowState(file: string, state: WindowState): void {
  writeFileAtomic(file, `${JSON.stringify({ ...state.bounds, maximized: state.maximized })}\n`);
}
