// The ink module: capture (palm rejection, pressure and timing), undo and clear, scaling on resize, and the
// trimmed signature image.

import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../electron/core/domain/errors.ts';
import {
  backingStore,
  dataUrlBytes,
  drawStrokes,
  EXPORT,
  type ExportCanvas,
  exportPlan,
  hasInk,
  type InkContext,
  INK_OUTLINE,
  inkBounds,
  type InkOutline,
  type InkStroke,
  isEraser,
  PAD,
  PEN_GRACE_MS,
  type PointerSample,
  signaturePng,
  StrokeCapture,
  strokeOutline,
  strokePressures,
  toPadUnits,
  undoStroke,
} from '../../../renderer/src/ink.ts';

const pen = (x: number, y: number, timeStamp: number, pressure = 0.6, pointerId = 7): PointerSample => ({
  pointerId,
  pointerType: 'pen',
  x,
  y,
  pressure,
  timeStamp,
  button: 0,
  buttons: 1,
});
const touch = (x: number, y: number, timeStamp: number, pointerId = 11): PointerSample => ({
  pointerId,
  pointerType: 'touch',
  x,
  y,
  pressure: 0.5,
  timeStamp,
  button: 0,
  buttons: 1,
});

/** Draws a whole stroke: down at the first sample, a move for each of the rest, up at the last. */
function draw(capture: StrokeCapture, samples: PointerSample[], strokesSoFar = 0): InkStroke | null {
  const [first, ...rest] = samples;
  if (!capture.down(first!, strokesSoFar).started) return null;
  for (const sample of rest.slice(0, -1)) capture.move(sample);
  return capture.up(rest.at(-1) ?? first!);
}

/** A 2D context that writes down what is drawn. */
function recordingContext() {
  const calls: { name: string; args: unknown[] }[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push({ name, args });
    };
  const ctx: InkContext = {
    beginPath: record('beginPath'),
    moveTo: record('moveTo'),
    quadraticCurveTo: record('quadraticCurveTo'),
    closePath: record('closePath'),
    fill: record('fill'),
    setTransform: record('setTransform'),
    clearRect: record('clearRect'),
    fillStyle: '',
  };
  return { ctx, calls };
}

describe('capturing a stroke', () => {
  it('keeps each point in pad units with the pen pressure and the ms since the stroke began', () => {
    const capture = new StrokeCapture();
    const stroke = draw(capture, [
      pen(10, 20, 1000, 0.25),
      pen(30, 22, 1016, 0.5),
      pen(60, 30, 1033.37, 0.8),
      pen(90, 31, 1050, 0.7),
    ]);
    expect(stroke).toEqual({
      pointerType: 'pen',
      points: [
        { x: 10, y: 20, pressure: 0.25, time: 0 },
        { x: 30, y: 22, pressure: 0.5, time: 16 },
        { x: 60, y: 30, pressure: 0.8, time: 33.4 },
        { x: 90, y: 31, pressure: 0.7, time: 50 },
      ],
    });
    expect(capture.current).toBeNull();
  });

  it('clamps pressure to 0..1, and never lets time run backwards', () => {
    const capture = new StrokeCapture();
    const stroke = draw(capture, [
      pen(0, 0, 500, 1.7),
      pen(10, 0, 520, -0.2),
      pen(20, 0, 510, Number.NaN),
      pen(30, 0, 530),
    ]);
    expect(stroke!.points.map((p) => p.pressure)).toEqual([1, 0, 0.5, 0.6]);
    expect(stroke!.points.map((p) => p.time)).toEqual([0, 20, 20, 30]);
  });

  it('skips points too close to the last one, and ignores other pointers while a stroke is drawn', () => {
    const capture = new StrokeCapture();
    expect(capture.down(touch(100, 100, 0, 1), 0)).toEqual({ started: true, discarded: false });
    expect(capture.move(touch(100.3, 100.2, 5, 1))).toBe(false);
    expect(capture.down(touch(200, 200, 6, 2), 0)).toEqual({ started: false, why: 'busy' });
    expect(capture.move(touch(250, 250, 7, 2))).toBe(false);
    expect(capture.move(touch(110, 100, 10, 1))).toBe(true);
    expect(capture.up(touch(110, 100, 12, 2))).toBeNull();
    expect(capture.up(touch(120, 100, 14, 1))!.points.map((p) => p.x)).toEqual([100, 110, 120]);
  });

  it('does not draw with pointers that are not a pen, a finger or a mouse, and stops at the format\u2019s 2,000 strokes', () => {
    const capture = new StrokeCapture();
    expect(capture.down({ ...pen(0, 0, 0), pointerType: '' }, 0)).toEqual({ started: false, why: 'not-ink' });
    expect(capture.down(pen(0, 0, 0), 2_000)).toEqual({ started: false, why: 'full' });
  });

  it('drops a stroke the browser cancelled', () => {
    const capture = new StrokeCapture();
    capture.down(touch(0, 0, 0), 0);
    capture.move(touch(40, 0, 10));
    expect(capture.cancel(99)).toBe(false);
    expect(capture.cancel(11)).toBe(true);
    expect(capture.current).toBeNull();
  });
});

describe('palm rejection', () => {
  it('ignores a touch while the pen is drawing', () => {
    const capture = new StrokeCapture();
    capture.down(pen(10, 10, 1000), 0);
    expect(capture.down(touch(300, 250, 1010), 0)).toEqual({ started: false, why: 'palm' });
    capture.move(pen(50, 12, 1020));
    expect(capture.up(pen(60, 12, 1030))!.pointerType).toBe('pen');
  });

  it('ignores a touch soon after the pen lifted or while it hovers, and accepts one once the pen has been away', () => {
    const capture = new StrokeCapture();
    draw(capture, [pen(10, 10, 1000), pen(40, 10, 1100)]);
    expect(capture.down(touch(300, 250, 1100 + PEN_GRACE_MS - 1), 0)).toEqual({ started: false, why: 'palm' });
    // Hovering: pen moves with no stroke in progress still mark the pen as in use.
    expect(capture.move(pen(500, 100, 5000))).toBe(false);
    expect(capture.penInUse(5500)).toBe(true);
    expect(capture.down(touch(300, 250, 5500), 0)).toEqual({ started: false, why: 'palm' });
    expect(capture.down(touch(300, 250, 5000 + PEN_GRACE_MS), 0)).toEqual({ started: true, discarded: false });
  });

  it('drops a palm\u2019s stroke when the pen comes down after it', () => {
    const capture = new StrokeCapture();
    capture.down(touch(300, 250, 0), 0);
    capture.move(touch(310, 260, 10));
    expect(capture.down(pen(20, 20, 20), 0)).toEqual({ started: true, discarded: true });
    expect(capture.current!.pointerType).toBe('pen');
    // The palm lifting later ends nothing.
    expect(capture.up(touch(310, 260, 30))).toBeNull();
  });

  it('lets a mouse draw whatever the pen did', () => {
    const capture = new StrokeCapture();
    draw(capture, [pen(10, 10, 1000), pen(40, 10, 1100)]);
    const mouse: PointerSample = {
      pointerId: 1,
      pointerType: 'mouse',
      x: 5,
      y: 5,
      pressure: 0.5,
      timeStamp: 1150,
      button: 0,
      buttons: 1,
    };
    expect(capture.down(mouse, 1).started).toBe(true);
  });
});

describe('undo and clear', () => {
  const strokes: InkStroke[] = [
    { pointerType: 'pen', points: [{ x: 1, y: 1, pressure: 0.5, time: 0 }] },
    { pointerType: 'touch', points: [{ x: 2, y: 2, pressure: 0.5, time: 0 }] },
  ];

  it('removes the last stroke only, leaving the list it was given alone', () => {
    expect(undoStroke(strokes)).toEqual([strokes[0]]);
    expect(strokes).toHaveLength(2);
    expect(undoStroke(undoStroke(undoStroke(strokes)))).toEqual([]);
  });

  it('knows when there is ink', () => {
    expect(hasInk(strokes)).toBe(true);
    expect(hasInk(undoStroke(undoStroke(strokes)))).toBe(false);
    expect(hasInk([])).toBe(false);
  });
});

describe('the pen\u2019s eraser and barrel button', () => {
  // As Chromium reports them: the eraser end is a pen with button 5 going down and 32 among the buttons held; the
  // barrel button is 2, held with the tip (3) or on its own while hovering.
  const eraser = (x: number, timeStamp: number, buttons = 32, button = -1): PointerSample => ({
    ...pen(x, 50, timeStamp),
    button,
    buttons,
  });

  it('draws nothing with the eraser, and still takes it for the pen near the screen', () => {
    const capture = new StrokeCapture();
    expect(capture.down(eraser(10, 1000, 32, 5), 0)).toEqual({ started: false, why: 'eraser' });
    expect(capture.move(eraser(60, 1010))).toBe(false);
    expect(capture.up(eraser(80, 1020, 0, 5))).toBeNull();
    expect(capture.current).toBeNull();
    // A hand resting on the pad while the pen is turned over is still a palm.
    expect(capture.down(touch(300, 250, 1030), 0)).toEqual({ started: false, why: 'palm' });
    expect(isEraser({ pointerType: 'pen', button: -1, buttons: 32 })).toBe(true);
    expect(isEraser({ pointerType: 'pen', button: 0, buttons: 1 })).toBe(false);
    expect(isEraser({ pointerType: 'mouse', button: 5, buttons: 32 })).toBe(false);
  });

  it('draws nothing with the barrel button held as the pen touches down, or with a mouse\u2019s other buttons', () => {
    const capture = new StrokeCapture();
    expect(capture.down({ ...pen(10, 10, 0), button: 2, buttons: 2 }, 0)).toEqual({ started: false, why: 'button' });
    expect(capture.down({ ...pen(10, 10, 0), button: 0, buttons: 3 }, 0)).toEqual({ started: false, why: 'button' });
    const mouse: PointerSample = {
      pointerId: 1,
      pointerType: 'mouse',
      x: 5,
      y: 5,
      pressure: 0.5,
      timeStamp: 5000,
      button: 2,
      buttons: 2,
    };
    expect(capture.down(mouse, 0)).toEqual({ started: false, why: 'button' });
    expect(capture.down({ ...mouse, button: 1, buttons: 4 }, 0)).toEqual({ started: false, why: 'button' });
    expect(capture.down({ ...mouse, button: 0, buttons: 1 }, 0).started).toBe(true);
  });

  it('keeps drawing when the barrel button is pressed mid-stroke, and the eraser\u2019s lift ends nothing the tip drew', () => {
    const capture = new StrokeCapture();
    capture.down(pen(10, 10, 0), 0);
    expect(capture.move({ ...pen(30, 10, 10), button: 2, buttons: 3 })).toBe(true);
    expect(capture.move({ ...pen(50, 10, 20), button: 2, buttons: 1 })).toBe(true);
    expect(capture.up({ ...pen(60, 10, 30), button: 5, buttons: 0 })).toBeNull();
    expect(capture.current!.points).toHaveLength(3);
    expect(capture.up({ ...pen(70, 10, 40), buttons: 0 })!.points.map((p) => p.x)).toEqual([10, 30, 50, 70]);
  });
});

/** Where the outline crosses the vertical line x = column: its ink's extent there (0 where there is none). */
function widthAt(outline: InkOutline, column: number): number {
  const ys: number[] = [];
  outline.forEach(([x1, y1], i) => {
    const [x2, y2] = outline[(i + 1) % outline.length]!;
    if ((x1 <= column && column < x2) || (x2 <= column && column < x1))
      ys.push(y1 + ((column - x1) * (y2 - y1)) / (x2 - x1));
  });
  return ys.length < 2 ? 0 : Math.max(...ys) - Math.min(...ys);
}

/** A straight stroke left to right, a point every `step` pad units, with the pressures given. */
function straight(pressures: number[], step = 10, pointerType: InkStroke['pointerType'] = 'pen'): InkStroke {
  return {
    pointerType,
    points: pressures.map((pressure, i) => ({ x: 100 + i * step, y: 160, pressure, time: i * 16 })),
  };
}

describe('the outline', () => {
  it('is wider where the pen is pressed harder, and tapers to a point at both ends', () => {
    const ramp = Array.from({ length: 30 }, (_, i) => 0.1 + (0.8 * i) / 29);
    const outline = strokeOutline(straight(ramp));
    const light = widthAt(outline, 130);
    const heavy = widthAt(outline, 360);
    expect(heavy).toBeGreaterThan(light * 2);
    // The widths the pad has always drawn: about 0.75 at no pressure to 4.25 at full.
    expect(widthAt(strokeOutline(straight(Array(30).fill(0.9))), 250)).toBeCloseTo(
      INK_OUTLINE.size * (1 - INK_OUTLINE.thinning * 0.2 * -4),
      0,
    );
    const even = strokeOutline(straight(Array(30).fill(0.6)));
    expect(widthAt(even, 101)).toBeLessThan(widthAt(even, 250) / 2);
    expect(widthAt(even, 389)).toBeLessThan(widthAt(even, 250) / 2);
  });

  it('changes width smoothly along the stroke, with no step where one point\u2019s pressure gives way to the next', () => {
    // Pressure jumping by 0.1 at every point: drawn as pieces of line each with its own width, the ink stepped by a
    // whole 0.34 pad units at each join.
    const stairs = Array.from({ length: 30 }, (_, i) => 0.1 + 0.1 * Math.floor(i / 3));
    const outline = strokeOutline(straight(stairs));
    const widths = Array.from({ length: 200 }, (_, i) => widthAt(outline, 150 + i));
    const changes = widths.slice(1).map((w, i) => Math.abs(w - widths[i]!));
    const perPoint = INK_OUTLINE.size * INK_OUTLINE.thinning * 2 * 0.1;
    expect(Math.max(...changes)).toBeLessThan(perPoint / 3);
    expect(widths.at(-1)!).toBeGreaterThan(widths[0]! * 2);
  });

  it('draws a finger or mouse heavier when it moves slowly and lighter when fast, from the points\u2019 times', () => {
    const pressures = strokePressures({
      pointerType: 'touch',
      points: [
        { x: 0, y: 0, pressure: 0.5, time: 0 },
        { x: 2, y: 0, pressure: 0.5, time: 16 },
        { x: 22, y: 0, pressure: 0.5, time: 32 },
        { x: 62, y: 0, pressure: 0.5, time: 48 },
      ],
    });
    expect(pressures[1]!).toBeGreaterThan(pressures[2]!);
    expect(pressures[2]!).toBeGreaterThan(pressures[3]!);
    for (const pressure of pressures) expect(pressure).toBeGreaterThan(0.1);
    expect(strokePressures(straight([0.2, 0.7]))).toEqual([0.2, 0.7]);
  });

  it('draws a dot for a single point, and trails the pen a little while the stroke is still being drawn', () => {
    const dot = strokeOutline(straight([0.5]));
    expect(dot.length).toBeGreaterThan(8);
    expect(widthAt(dot, 100)).toBeGreaterThan(INK_OUTLINE.size * 0.8);
    for (const [x, y] of dot) expect(Math.hypot(x - 100, y - 160)).toBeLessThan(INK_OUTLINE.size * 2);
    const stroke = straight(Array(20).fill(0.5));
    const live = Math.max(...strokeOutline(stroke, false).map(([x]) => x));
    const finished = Math.max(...strokeOutline(stroke).map(([x]) => x));
    expect(live).toBeLessThan(finished);
    expect(finished).toBeCloseTo(290, 0);
  });

  it('is traced as one closed curve of quadratic pieces, filled', () => {
    const { ctx, calls } = recordingContext();
    drawStrokes(ctx, [straight([0.5, 0.5, 0.5, 0.5])], { x: 1, y: 1 }, { width: 800, height: 320 });
    const names = calls.map((c) => c.name).filter((name) => name !== 'quadraticCurveTo');
    expect(names).toEqual(['setTransform', 'clearRect', 'setTransform', 'beginPath', 'moveTo', 'closePath', 'fill']);
    expect(calls.filter((c) => c.name === 'quadraticCurveTo').length).toBe(
      strokeOutline(straight([0.5, 0.5, 0.5, 0.5])).length,
    );
  });
});

describe('resizing and rotating', () => {
  const stroke: InkStroke = {
    pointerType: 'pen',
    points: [
      { x: 200, y: 160, pressure: 0.5, time: 0 },
      { x: 600, y: 160, pressure: 0.5, time: 40 },
    ],
  };

  it('sizes the backing store by devicePixelRatio, and maps pad units onto it', () => {
    expect(backingStore(500, 200, 2)).toEqual({
      width: 1000,
      height: 400,
      scale: { x: 1000 / PAD.width, y: 400 / PAD.height },
    });
    expect(backingStore(500, 200, 0).width).toBe(500);
  });

  it('reads a pointer at the same place on a pad of any size as the same pad point', () => {
    const landscape = { left: 700, top: 300, width: 500, height: 200 };
    const portrait = { left: 20, top: 900, width: 750, height: 300 };
    expect(toPadUnits(700 + 125, 300 + 100, landscape)).toEqual({ x: 200, y: 160 });
    expect(toPadUnits(20 + 187.5, 900 + 150, portrait)).toEqual({ x: 200, y: 160 });
  });

  it('draws the same strokes again at the new size, the whole canvas cleared first', () => {
    const small = recordingContext();
    drawStrokes(small.ctx, [stroke], backingStore(500, 200, 1).scale, { width: 500, height: 200 });
    const large = recordingContext();
    drawStrokes(large.ctx, [stroke], backingStore(750, 300, 2).scale, { width: 1500, height: 600 });

    expect(small.calls.find((c) => c.name === 'clearRect')!.args).toEqual([0, 0, 500, 200]);
    expect(large.calls.find((c) => c.name === 'clearRect')!.args).toEqual([0, 0, 1500, 600]);
    expect(small.calls.filter((c) => c.name === 'setTransform').at(-1)!.args).toEqual([
      500 / 800,
      0,
      0,
      200 / 320,
      0,
      0,
    ]);
    expect(large.calls.filter((c) => c.name === 'setTransform').at(-1)!.args).toEqual([
      1500 / 800,
      0,
      0,
      600 / 320,
      0,
      0,
    ]);
    // The geometry itself is the same: only the transform differs.
    const geometry = (calls: typeof small.calls) =>
      calls.filter((c) => c.name === 'moveTo' || c.name === 'quadraticCurveTo');
    expect(geometry(small.calls).length).toBeGreaterThan(10);
    expect(geometry(large.calls)).toEqual(geometry(small.calls));
  });
});

describe('the signature image', () => {
  const stroke: InkStroke = {
    pointerType: 'pen',
    points: [
      { x: 100, y: 100, pressure: 0.5, time: 0 },
      { x: 300, y: 150, pressure: 0.5, time: 50 },
    ],
  };
  const bounds = inkBounds([stroke])!;

  it('bounds the ink as drawn: its points and the outline\u2019s width around them', () => {
    const half = (INK_OUTLINE.size * (1 + INK_OUTLINE.thinning)) / 2;
    expect(bounds.minX).toBeLessThanOrEqual(100);
    expect(bounds.minX).toBeGreaterThan(100 - half);
    expect(bounds.maxX).toBeGreaterThanOrEqual(300);
    expect(bounds.maxX).toBeLessThan(300 + half);
    expect(bounds.minY).toBeLessThan(100);
    expect(bounds.maxY).toBeGreaterThan(150);
    expect(inkBounds([])).toBeNull();
  });

  it('is trimmed to the ink plus a margin, at three times the pad', () => {
    const plan = exportPlan([stroke])!;
    expect(plan.scale).toBe(3);
    expect(plan.originX).toBeCloseTo(bounds.minX - EXPORT.margin);
    expect(plan.originY).toBeCloseTo(bounds.minY - EXPORT.margin);
    expect(plan.width).toBe(Math.ceil((bounds.maxX - bounds.minX + 2 * EXPORT.margin) * 3));
    expect(plan.height).toBe(Math.ceil((bounds.maxY - bounds.minY + 2 * EXPORT.margin) * 3));
    expect(exportPlan([])).toBeNull();
  });

  it('stays under 4,000 pixels a side, however far the ink reaches', () => {
    const wide: InkStroke = { ...stroke, points: [stroke.points[0]!, { ...stroke.points[1]!, x: 5_000 }] };
    const plan = exportPlan([wide])!;
    expect(plan.width).toBeLessThan(4_000);
    expect(plan.scale).toBeLessThan(1);
  });

  function fakeCanvas(sizes: number[]): () => ExportCanvas {
    return () => {
      const { ctx } = recordingContext();
      const canvas = {
        width: 0,
        height: 0,
        getContext: () => ctx,
        // A PNG whose size follows the pixel count, so a large image is over 2 MB.
        toDataURL: () => {
          sizes.push(canvas.width);
          return `data:image/png;base64,${'A'.repeat(Math.ceil((canvas.width * canvas.height * 4) / 3))}`;
        },
      };
      return canvas;
    };
  }

  it('is drawn at print resolution, and smaller while the file would be over 2 MB', () => {
    const sizes: number[] = [];
    const png = signaturePng([stroke], fakeCanvas(sizes));
    expect(png.startsWith('data:image/png;base64,')).toBe(true);
    expect(dataUrlBytes(png)).toBeLessThanOrEqual(EXPORT.maxBytes);
    expect(sizes[0]).toBe(exportPlan([stroke])!.width);

    const big: InkStroke = {
      ...stroke,
      points: [
        { ...stroke.points[0]!, x: 0, y: 0 },
        { ...stroke.points[1]!, x: 800, y: 320 },
      ],
    };
    const bigSizes: number[] = [];
    signaturePng([big], fakeCanvas(bigSizes));
    expect(bigSizes.length).toBeGreaterThan(1);
    expect(bigSizes.at(-1)!).toBeLessThan(bigSizes[0]!);
  });

  it('is refused when there is no ink', () => {
    expect(() => signaturePng([], fakeCanvas([]))).toThrow(InvalidInputError);
  });

  it('counts the bytes behind a data URL', () => {
    expect(dataUrlBytes('data:image/png;base64,AAAA')).toBe(3);
    expect(dataUrlBytes('data:image/png;base64,AAA=')).toBe(2);
    expect(dataUrlBytes('data:image/png;base64,AA==')).toBe(1);
  });
});
