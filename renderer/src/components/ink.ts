// Signature ink without the DOM: capturing strokes (palm rejection, pressure, timing), their widths and curves,
// drawing them on any 2D context, and the trimmed print-resolution PNG sent with a signature.

import { DeskError, InvalidInputError } from '../../../electron/core/domain/errors.ts';

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

/** Line widths in pad units: pen pressure spans PEN_WIDTH; finger and mouse speed spans SPEED_WIDTH. */
const PEN_WIDTH = { min: 0.8, max: 4.2 } as const;
const SPEED_WIDTH = { min: 1.1, max: 3.6 } as const;
/** How much of each new speed reading counts against the running one, as in signature_pad. */
const VELOCITY_FILTER = 0.7;

/** What the pad reads from one PointerEvent, already in pad units. */
export interface PointerSample {
  pointerId: number;
  pointerType: string;
  x: number;
  y: number;
  pressure: number;
  /** The event's timeStamp (ms). */
  timeStamp: number;
}

export type DownOutcome =
  /** The pointer started a stroke. `discarded` when it replaced a touch stroke that was a palm. */
  | { started: true; discarded: boolean }
  | { started: false; why: 'palm' | 'busy' | 'full' | 'not-ink' };

const isInkPointer = (type: string): type is InkPointerType => type === 'pen' || type === 'touch' || type === 'mouse';
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
    if (sample.pointerType === 'pen') this.notePen(sample.timeStamp);
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
    if (!active || active.pointerId !== sample.pointerId) return false;
    const points = active.stroke.points;
    const last = points[points.length - 1]!;
    if (points.length >= MAX_POINTS || Math.hypot(sample.x - last.x, sample.y - last.y) < MIN_DISTANCE) return false;
    points.push(this.point(sample, active.startedAt, last.time));
    return true;
  }

  /** Ends the stroke of this pointer and returns it (null when the pointer was not drawing). */
  up(sample: PointerSample): InkStroke | null {
    if (sample.pointerType === 'pen') this.notePen(sample.timeStamp);
    if (!this.active || this.active.pointerId !== sample.pointerId) return null;
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

/** The line width at each point, in pad units: from pressure for a pen, from speed for a finger or mouse. */
export function strokeWidths(stroke: InkStroke): number[] {
  if (stroke.pointerType === 'pen') {
    return stroke.points.map((p) => PEN_WIDTH.min + (PEN_WIDTH.max - PEN_WIDTH.min) * p.pressure);
  }
  let velocity = 0;
  return stroke.points.map((p, i) => {
    if (i > 0) {
      const previous = stroke.points[i - 1]!;
      const speed = Math.hypot(p.x - previous.x, p.y - previous.y) / Math.max(1, p.time - previous.time);
      velocity = VELOCITY_FILTER * speed + (1 - VELOCITY_FILTER) * velocity;
    }
    return Math.max(SPEED_WIDTH.max / (velocity + 1), SPEED_WIDTH.min);
  });
}

interface Point2 {
  x: number;
  y: number;
}

/** One piece of a stroke: a dot, a straight line, or a quadratic curve through `control`. */
export type InkSegment =
  | { kind: 'dot'; at: Point2; width: number }
  | { kind: 'line'; from: Point2; to: Point2; width: number }
  | { kind: 'curve'; from: Point2; control: Point2; to: Point2; width: number };

const mid = (a: Point2, b: Point2): Point2 => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/**
 * The stroke as smooth pieces: quadratic curves from midpoint to midpoint with each point as the control, so the
 * line bends through the points without corners. Every piece but the last is final as soon as the point after it
 * exists, so a stroke can be drawn as it grows.
 */
export function strokeSegments(stroke: InkStroke, widths = strokeWidths(stroke)): InkSegment[] {
  const p = stroke.points;
  if (p.length === 0) return [];
  if (p.length === 1) return [{ kind: 'dot', at: p[0]!, width: widths[0]! }];
  const segments: InkSegment[] = [{ kind: 'line', from: p[0]!, to: mid(p[0]!, p[1]!), width: (widths[0]! + widths[1]!) / 2 }];
  for (let i = 1; i < p.length - 1; i++) {
    segments.push({ kind: 'curve', from: mid(p[i - 1]!, p[i]!), control: p[i]!, to: mid(p[i]!, p[i + 1]!), width: widths[i]! });
  }
  const n = p.length;
  segments.push({ kind: 'line', from: mid(p[n - 2]!, p[n - 1]!), to: p[n - 1]!, width: (widths[n - 2]! + widths[n - 1]!) / 2 });
  return segments;
}

/** The part of a 2D canvas context the ink draws with (a real one, or a recording fake in tests). */
export type InkContext = Pick<
  CanvasRenderingContext2D,
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'quadraticCurveTo'
  | 'arc'
  | 'stroke'
  | 'fill'
  | 'setTransform'
  | 'clearRect'
  | 'lineWidth'
  | 'lineCap'
  | 'lineJoin'
  | 'strokeStyle'
  | 'fillStyle'
>;

export const INK_COLOUR = '#000000';

export function drawSegment(ctx: InkContext, segment: InkSegment): void {
  ctx.beginPath();
  if (segment.kind === 'dot') {
    ctx.arc(segment.at.x, segment.at.y, segment.width / 2, 0, Math.PI * 2);
    ctx.fill();
    return;
  }
  ctx.lineWidth = segment.width;
  ctx.moveTo(segment.from.x, segment.from.y);
  if (segment.kind === 'curve') ctx.quadraticCurveTo(segment.control.x, segment.control.y, segment.to.x, segment.to.y);
  else ctx.lineTo(segment.to.x, segment.to.y);
  ctx.stroke();
}

/** Ink colour and round ends, so the separately drawn pieces of a stroke join without seams. */
export function prepareInk(ctx: InkContext): void {
  ctx.strokeStyle = INK_COLOUR;
  ctx.fillStyle = INK_COLOUR;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
}

/** A canvas's backing store for its CSS size: × devicePixelRatio so lines stay crisp, and how pad units map to it. */
export function backingStore(cssWidth: number, cssHeight: number, devicePixelRatio: number) {
  const ratio = Math.max(1, devicePixelRatio || 1);
  const width = Math.max(1, Math.round(cssWidth * ratio));
  const height = Math.max(1, Math.round(cssHeight * ratio));
  return { width, height, scale: { x: width / PAD.width, y: height / PAD.height } };
}

/** Where a pointer at (clientX, clientY) falls on a pad drawn in `rect`, in pad units. */
export function toPadUnits(clientX: number, clientY: number, rect: Pick<DOMRect, 'left' | 'top' | 'width' | 'height'>): Point2 {
  return {
    x: ((clientX - rect.left) * PAD.width) / Math.max(1, rect.width),
    y: ((clientY - rect.top) * PAD.height) / Math.max(1, rect.height),
  };
}

/** Clears the context and draws every stroke at the given scale (pad units to backing-store pixels). */
export function drawStrokes(ctx: InkContext, strokes: readonly InkStroke[], scale: { x: number; y: number }, size: { width: number; height: number }): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, size.width, size.height);
  ctx.setTransform(scale.x, 0, 0, scale.y, 0, 0);
  prepareInk(ctx);
  for (const stroke of strokes) for (const segment of strokeSegments(stroke)) drawSegment(ctx, segment);
}

export interface InkBounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The box the ink covers, line widths included, in pad units; null when there is no ink. */
export function inkBounds(strokes: readonly InkStroke[]): InkBounds | null {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const stroke of strokes) {
    const widths = strokeWidths(stroke);
    stroke.points.forEach((p, i) => {
      const half = widths[i]! / 2;
      box.minX = Math.min(box.minX, p.x - half);
      box.minY = Math.min(box.minY, p.y - half);
      box.maxX = Math.max(box.maxX, p.x + half);
      box.maxY = Math.max(box.maxY, p.y + half);
    });
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
    if (!ctx) throw new DeskError('unavailable', 'This window cannot draw the signature image. Record a paper signature instead.');
    ctx.setTransform(plan.scale, 0, 0, plan.scale, -plan.originX * plan.scale, -plan.originY * plan.scale);
    prepareInk(ctx);
    for (const stroke of strokes) for (const segment of strokeSegments(stroke)) drawSegment(ctx, segment);
    const png = canvas.toDataURL('image/png');
    if (dataUrlBytes(png) <= EXPORT.maxBytes) return png;
  }
  throw new InvalidInputError('The signature image would be larger than 2 MB. Clear the box and sign again.');
}
