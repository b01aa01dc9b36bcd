// Signature ink without the DOM: capturing strokes (palm rejection, pressure, timing), their widths and curves,
// drawing them on any 2D context, and the trimmed print-resolution PNG sent with a signature.

import { getStroke } from 'perfect-freehand';
import { DeskError, InvalidInputError } from '../../electron/core/domain/errors.ts';

/** The pointers a signature can be drawn with, as PointerEvent.pointerType names them. */
export type InkPointerType = 'pen' | 'touch' | 'mouse';

/** A point in pad units (see PAD), with the pressure reported (0..1) and ms since the stroke began. */
export interface InkPoint {
  x: number;
  y: number;
  pressure: number;
  time: number;
}

export interface InkStroke {
  pointerType: InkPointerType;
  points: InkPoint[];
}

/**
 * Strokes are kept in pad units, never device pixels: the pad keeps this aspect ratio at every size, so a rotation
 * or resize only changes how they are drawn, never the strokes themselves.
 */
export const PAD = { width: 800, height: 320 } as const;

/** A touch this soon after the pen was last seen (down, moving or hovering) is a resting palm. */
export const PEN_GRACE_MS = 1_000;
/** Points closer than this to the last one add nothing to the line (pad units). */
const MIN_DISTANCE = 0.75;
/** The record format's limits (StrokeSchema and records.sign). */
const MAX_STROKES = 2_000;
const MAX_POINTS = 20_000;

/** What the pad reads from one PointerEvent, already in pad units. */
export interface PointerSample {
  pointerId: number;
  pointerType: string;
  x: number;
  y: number;
  pressure: number;
  /** The event's timeStamp (ms). */
  timeStamp: number;
  /** The button that changed (PointerEvent.button: 0 tip or left, 2 barrel or right, 5 eraser; -1 none). */
  button: number;
  /** The buttons held (PointerEvent.buttons: 1 tip or left, 2 barrel or right, 32 eraser). */
  buttons: number;
}

export type DownOutcome =
  /** The pointer started a stroke. `discarded` when it replaced a touch stroke that was a palm. */
  | { started: true; discarded: boolean }
  | { started: false; why: 'palm' | 'busy' | 'full' | 'not-ink' | 'eraser' | 'button' };

const isInkPointer = (type: string): type is InkPointerType => type === 'pen' || type === 'touch' || type === 'mouse';

/** The pen's eraser end, as Pointer Events report it: button 5 going down, 32 among the buttons held. */
const ERASER_BUTTON = 5;
const ERASER_BUTTONS = 32;
const BARREL_BUTTONS = 2;

/** The pen's eraser end is on (or at) the screen. Turning the pen over is not signing. */
export const isEraser = (sample: Pick<PointerSample, 'pointerType' | 'button' | 'buttons'>): boolean =>
  sample.pointerType === 'pen' && (sample.button === ERASER_BUTTON || (sample.buttons & ERASER_BUTTONS) !== 0);

/**
 * Why a pointer going down does not draw, if it does not: the eraser; the pen with its barrel button held (a
 * right-click to most systems); a mouse button other than the left.
 */
function notDrawing(sample: PointerSample): 'eraser' | 'button' | null {
  if (isEraser(sample)) return 'eraser';
  if (sample.pointerType === 'pen' && (sample.button === 2 || (sample.buttons & BARREL_BUTTONS) !== 0)) return 'button';
  if (sample.pointerType === 'mouse' && sample.button !== 0) return 'button';
  return null;
}
const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

function clampPressure(pressure: number): number {
  if (!Number.isFinite(pressure)) return 0.5;
  return Math.min(1, Math.max(0, pressure));
}

/**
 * Turns pointer samples into strokes: one stroke at a time, the pen winning over a palm, pressure and timing kept.
 * It holds only the stroke being drawn; finished strokes are handed back and kept by whoever owns the signature.
 */
export class StrokeCapture {
  private active: { pointerId: number; startedAt: number; stroke: InkStroke } | null = null;
  private penSeenAt = Number.NEGATIVE_INFINITY;

  /** The stroke being drawn, if any. */
  get current(): InkStroke | null {
    return this.active?.stroke ?? null;
  }

  /** The pen is near the screen (hovering or drawing): touches are palms for a while. */
  notePen(timeStamp: number): void {
    this.penSeenAt = Math.max(this.penSeenAt, timeStamp);
  }

  /** Whether a touch now would be taken for a palm. */
  penInUse(timeStamp: number): boolean {
    return this.active?.stroke.pointerType === 'pen' || timeStamp - this.penSeenAt < PEN_GRACE_MS;
  }

  down(sample: PointerSample, strokesSoFar: number): DownOutcome {
    if (!isInkPointer(sample.pointerType)) return { started: false, why: 'not-ink' };
    // The eraser and the barrel button still mean the pen is at the screen, so a palm stays a palm.
    if (sample.pointerType === 'pen') this.notePen(sample.timeStamp);
    const refused = notDrawing(sample);
    if (refused) return { started: false, why: refused };
    if (sample.pointerType === 'touch' && this.penInUse(sample.timeStamp)) return { started: false, why: 'palm' };
    let discarded = false;
    if (this.active) {
      // A palm lands before the pen: the pen's stroke is the one meant, the palm's is dropped.
      if (sample.pointerType === 'pen' && this.active.stroke.pointerType === 'touch') discarded = true;
      else return { started: false, why: 'busy' };
    }
    if (strokesSoFar >= MAX_STROKES) return { started: false, why: 'full' };
    this.active = {
      pointerId: sample.pointerId,
      startedAt: sample.timeStamp,
      stroke: { pointerType: sample.pointerType, points: [this.point(sample, sample.timeStamp, 0)] },
    };
    return { started: true, discarded };
  }

  /** Adds the sample to the stroke being drawn; true when it added a point. */
  move(sample: PointerSample): boolean {
    if (sample.pointerType === 'pen') this.notePen(sample.timeStamp);
    const active = this.active;
    if (!active || active.pointerId !== sample.pointerId || isEraser(sample)) return false;
    const points = active.stroke.points;
    const last = points[points.length - 1]!;
    if (points.length >= MAX_POINTS || Math.hypot(sample.x - last.x, sample.y - last.y) < MIN_DISTANCE) return false;
    points.push(this.point(sample, active.startedAt, last.time));
    return true;
  }

  /** Ends the stroke of this pointer and returns it (null when the pointer was not drawing). */
  up(sample: PointerSample): InkStroke | null {
    if (sample.pointerType === 'pen') this.notePen(sample.timeStamp);
    // A pen that reports its eraser under the same id lifting it ends nothing the tip drew.
    if (!this.active || this.active.pointerId !== sample.pointerId || sample.button === ERASER_BUTTON) return null;
    this.move(sample);
    const { stroke } = this.active;
    this.active = null;
    return stroke;
  }

  /** The browser took the pointer away (pointercancel): the stroke was not meant, so it is dropped. */
  cancel(pointerId: number): boolean {
    if (!this.active || this.active.pointerId !== pointerId) return false;
    this.active = null;
    return true;
  }

  private point(sample: PointerSample, startedAt: number, notBefore: number): InkPoint {
    return {
      x: round(sample.x, 2),
      y: round(sample.y, 2),
      pressure: round(clampPressure(sample.pressure), 3),
      // Coalesced and synthetic events can carry slightly out-of-order times: time never runs backwards.
      time: Math.max(notBefore, round(Math.max(0, sample.timeStamp - startedAt), 1)),
    };
  }
}

export const undoStroke = (strokes: readonly InkStroke[]): InkStroke[] => strokes.slice(0, -1);
export const hasInk = (strokes: readonly InkStroke[]): boolean => strokes.some((stroke) => stroke.points.length > 0);

/**
 * How the ink is drawn, in pad units: a filled outline (perfect-freehand) whose width follows the pressure, tapered
 * at both ends as a nib is, smoothed so it never shows steps. `size` is the width at half pressure; `thinning` 0.7
 * spans about 0.75 (a light touch) to 4.25 (pressed hard), the widths the pad has always drawn.
 */
export const INK_OUTLINE = {
  size: 2.5,
  thinning: 0.7,
  smoothing: 0.5,
  // Low, so the line stays where the hand put it: the strokes are the evidence, the outline only draws them.
  streamline: 0.3,
  start: { taper: 6 },
  end: { taper: 14 },
} as const;

/** How much of each new speed reading counts against the running one, as in signature_pad. */
const VELOCITY_FILTER = 0.7;
/** A finger or mouse moving this fast (pad units per ms) or faster draws at its thinnest. */
const FAST = 2.5;

/**
 * The pressure to draw each point with: the pen's own; for a finger or mouse, which report none worth the name, one
 * from speed (slow is heavy, fast is light), from the points' times. perfect-freehand's own simulation reads the
 * distance between points against the line's size, which at the pad's thin line would draw every finger stroke at
 * its thinnest, and would change with the event rate.
 */
export function strokePressures(stroke: InkStroke): number[] {
  if (stroke.pointerType === 'pen') return stroke.points.map((p) => p.pressure);
  let velocity = 0;
  return stroke.points.map((p, i) => {
    if (i > 0) {
      const previous = stroke.points[i - 1]!;
      const speed = Math.hypot(p.x - previous.x, p.y - previous.y) / Math.max(1, p.time - previous.time);
      velocity = VELOCITY_FILTER * speed + (1 - VELOCITY_FILTER) * velocity;
    }
    return 0.15 + 0.65 * Math.max(0, 1 - velocity / FAST);
  });
}

/** The outline of a stroke as a closed polygon, in pad units. */
export type InkOutline = [number, number][];

/** Outlines of finished strokes: a stroke never changes once drawn, and the pad redraws them on every move. */
const finishedOutlines = new WeakMap<InkStroke, InkOutline>();

/**
 * The stroke's outline. `finished` false for the stroke still being drawn: its end then trails the pen a little,
 * as perfect-freehand draws a live line, and is not kept.
 */
export function strokeOutline(stroke: InkStroke, finished = true): InkOutline {
  const known = finished ? finishedOutlines.get(stroke) : undefined;
  if (known) return known;
  const pressures = strokePressures(stroke);
  const outline =
    stroke.points.length === 1
      ? dotOutline(stroke.points[0]!, pressures[0]!)
      : (getStroke(
          stroke.points.map((p, i) => [p.x, p.y, pressures[i]!]),
          { ...INK_OUTLINE, simulatePressure: false, last: finished },
        ) as InkOutline);
  if (finished) finishedOutlines.set(stroke, outline);
  return outline;
}

/**
 * A tap: a round dot as wide as the line would be at that pressure. perfect-freehand tapers a single point away to
 * almost nothing, and a dot over an i is part of a signature.
 */
function dotOutline(at: InkPoint, pressure: number): InkOutline {
  const radius = INK_OUTLINE.size * (0.5 - INK_OUTLINE.thinning * (0.5 - pressure));
  return Array.from({ length: 16 }, (_, i) => {
    const angle = (i / 16) * Math.PI * 2;
    return [at.x + radius * Math.cos(angle), at.y + radius * Math.sin(angle)] as [number, number];
  });
}

/** The part of a 2D context or a Path2D an outline is traced into. */
export type InkPathSink = Pick<CanvasPath, 'moveTo' | 'quadraticCurveTo' | 'closePath'>;

/**
 * Traces an outline as one smooth closed curve: quadratic curves from midpoint to midpoint with each outline point
 * as the control, so it has no corners and stays within the outline's points.
 */
export function traceOutline(sink: InkPathSink, outline: InkOutline): void {
  const n = outline.length;
  if (n < 3) return;
  const mid = (i: number) => {
    const a = outline[i % n]!;
    const b = outline[(i + 1) % n]!;
    return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] as const;
  };
  const first = mid(n - 1);
  sink.moveTo(first[0], first[1]);
  for (let i = 0; i < n; i++) {
    const to = mid(i);
    sink.quadraticCurveTo(outline[i]![0], outline[i]![1], to[0], to[1]);
  }
  sink.closePath();
}

/** The part of a 2D canvas context the ink draws with (a real one, or a recording fake in tests). */
export type InkContext = Pick<
  CanvasRenderingContext2D,
  'beginPath' | 'moveTo' | 'quadraticCurveTo' | 'closePath' | 'fill' | 'setTransform' | 'clearRect' | 'fillStyle'
>;

export const INK_COLOUR = '#000000';

/** Fills one stroke's outline (the context's transform maps pad units to its pixels). */
export function drawStroke(ctx: InkContext, stroke: InkStroke, finished = true): void {
  ctx.fillStyle = INK_COLOUR;
  ctx.beginPath();
  traceOutline(ctx, strokeOutline(stroke, finished));
  // Non-zero: where a tight turn folds the outline over itself, the fold is ink, not a hole.
  ctx.fill('nonzero');
}

/** A canvas's backing store for its CSS size: × devicePixelRatio so lines stay crisp, and how pad units map to it. */
export function backingStore(cssWidth: number, cssHeight: number, devicePixelRatio: number) {
  const ratio = Math.max(1, devicePixelRatio || 1);
  const width = Math.max(1, Math.round(cssWidth * ratio));
  const height = Math.max(1, Math.round(cssHeight * ratio));
  return { width, height, scale: { x: width / PAD.width, y: height / PAD.height } };
}

/** Where a pointer at (clientX, clientY) falls on a pad drawn in `rect`, in pad units. */
export function toPadUnits(
  clientX: number,
  clientY: number,
  rect: Pick<DOMRect, 'left' | 'top' | 'width' | 'height'>,
): { x: number; y: number } {
  return {
    x: ((clientX - rect.left) * PAD.width) / Math.max(1, rect.width),
    y: ((clientY - rect.top) * PAD.height) / Math.max(1, rect.height),
  };
}

/**
 * Clears the context and draws every stroke at the given scale (pad units to backing-store pixels), then the stroke
 * being drawn, if any, as a live line.
 */
export function drawStrokes(
  ctx: InkContext,
  strokes: readonly InkStroke[],
  scale: { x: number; y: number },
  size: { width: number; height: number },
  drawing: InkStroke | null = null,
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, size.width, size.height);
  ctx.setTransform(scale.x, 0, 0, scale.y, 0, 0);
  for (const stroke of strokes) drawStroke(ctx, stroke);
  if (drawing) drawStroke(ctx, drawing, false);
}

export interface InkBounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The box the ink covers, as drawn (the outlines), in pad units; null when there is no ink. */
export function inkBounds(strokes: readonly InkStroke[]): InkBounds | null {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  // The curves traced through an outline stay within its points, so its points bound it.
  for (const stroke of strokes) {
    for (const [x, y] of strokeOutline(stroke)) {
      box.minX = Math.min(box.minX, x);
      box.minY = Math.min(box.minY, y);
      box.maxX = Math.max(box.maxX, x);
      box.maxY = Math.max(box.maxY, y);
    }
  }
  return Number.isFinite(box.minX) ? box : null;
}

/** The signature image: at 3× the pad (well above print resolution), a small clear margin, and under the limits. */
export const EXPORT = { scale: 3, margin: 6, maxSide: 3_990, maxBytes: 2 * 1024 * 1024 } as const;

export interface ExportPlan {
  /** The image's size in pixels. */
  width: number;
  height: number;
  /** Pixels per pad unit. */
  scale: number;
  /** The pad-unit point drawn at the image's top-left corner. */
  originX: number;
  originY: number;
}

/** The image size and placement for the ink's bounding box plus a margin, scaled down if a side would be too long. */
export function exportPlan(strokes: readonly InkStroke[], scale: number = EXPORT.scale): ExportPlan | null {
  const bounds = inkBounds(strokes);
  if (!bounds) return null;
  const originX = bounds.minX - EXPORT.margin;
  const originY = bounds.minY - EXPORT.margin;
  const spanX = bounds.maxX + EXPORT.margin - originX;
  const spanY = bounds.maxY + EXPORT.margin - originY;
  const fitted = Math.min(scale, EXPORT.maxSide / spanX, EXPORT.maxSide / spanY);
  return {
    width: Math.max(1, Math.ceil(spanX * fitted)),
    height: Math.max(1, Math.ceil(spanY * fitted)),
    scale: fitted,
    originX,
    originY,
  };
}

/** The part of a canvas the export needs: an offscreen <canvas> in the window, a fake in tests. */
export interface ExportCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): InkContext | null;
  toDataURL(type: 'image/png'): string;
}

/** Bytes behind a base64 data URL, without decoding it. */
export function dataUrlBytes(dataUrl: string): number {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length * 3) / 4 - padding;
}

/**
 * The ink as a trimmed, transparent PNG data URL; a smaller scale is tried while the file would be over 2 MB.
 * Throws when there is no ink or the canvas cannot draw.
 */
export function signaturePng(strokes: readonly InkStroke[], createCanvas: () => ExportCanvas): string {
  for (let scale: number = EXPORT.scale; scale >= 0.5; scale *= 0.7) {
    const plan = exportPlan(strokes, scale);
    if (!plan) throw new InvalidInputError('There is no signature to save: sign in the box first.');
    const canvas = createCanvas();
    canvas.width = plan.width;
    canvas.height = plan.height;
    const ctx = canvas.getContext('2d');
    if (!ctx)
      throw new DeskError(
        'unavailable',
        'This window cannot draw the signature image. Record a paper signature instead.',
      );
    ctx.setTransform(plan.scale, 0, 0, plan.scale, -plan.originX * plan.scale, -plan.originY * plan.scale);
    // The same outline as the pad drew, so the image is the signature the signer saw.
    for (const stroke of strokes) drawStroke(ctx, stroke);
    const png = canvas.toDataURL('image/png');
    if (dataUrlBytes(png) <= EXPORT.maxBytes) return png;
  }
  throw new InvalidInputError('The signature image would be larger than 2 MB. Clear the box and sign again.');
}
