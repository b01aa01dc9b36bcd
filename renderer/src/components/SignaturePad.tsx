// The signature pad: a canvas signed with a pen, a finger or a mouse, crisp at any pixel density, kept across resizes.

import { type PointerEvent as ReactPointerEvent, type ReactNode, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import {
  backingStore,
  drawSegment,
  drawStrokes,
  hasInk,
  type InkContext,
  type InkStroke,
  type PointerSample,
  prepareInk,
  StrokeCapture,
  strokeSegments,
  toPadUnits,
  undoStroke,
} from './ink.ts';

export interface SignaturePadProps {
  /** The finished strokes; the pad reports each new stroke, Undo and Clear through onStrokesChange. */
  strokes: readonly InkStroke[];
  onStrokesChange(strokes: InkStroke[]): void;
  /** The pad's accessible name, e.g. "Signature of the Chief Finance Officer". */
  label: string;
  /** Ids of text describing the pad: how to sign, and the paper route for anyone who cannot sign here. */
  describedBy?: string;
  disabled?: boolean;
  /** Controls shown first on the pad's own row, before Undo stroke and Clear (e.g. Sign, so it is never out of sight). */
  actions?: ReactNode;
  /** Id for the line saying whether there is ink, so a control can point to it with aria-describedby. */
  countId?: string;
}

const strokeCount = (n: number) => (n === 0 ? 'The box is empty.' : `Signature drawn: ${n} ${n === 1 ? 'stroke' : 'strokes'}.`);

export function SignaturePad({ strokes, onStrokesChange, label, describedBy, disabled = false, actions, countId }: SignaturePadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const capture = useRef(new StrokeCapture());
  /** How many pieces of the stroke being drawn are already on the canvas. */
  const drawnSegments = useRef(0);
  const strokesRef = useRef(strokes);

  const context = useCallback((): { ctx: InkContext; canvas: HTMLCanvasElement } | null => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d') ?? null;
    return canvas && ctx ? { ctx, canvas } : null;
  }, []);

  const scaleOf = (canvas: HTMLCanvasElement) => backingStore(canvas.width, canvas.height, 1).scale;

  /** Everything again from the strokes: after a resize, an undo, a clear, or a palm stroke dropped. */
  const redraw = useCallback(() => {
    const target = context();
    if (!target) return;
    const current = capture.current.current;
    drawStrokes(target.ctx, current ? [...strokesRef.current, current] : strokesRef.current, scaleOf(target.canvas), target.canvas);
    drawnSegments.current = current ? Math.max(0, strokeSegments(current).length - 1) : 0;
  }, [context]);

  useLayoutEffect(() => {
    strokesRef.current = strokes;
    redraw();
  }, [strokes, redraw]);

  // The backing store follows the canvas's CSS size × devicePixelRatio; changing it wipes the canvas, so the
  // strokes (kept in pad units) are drawn again at the new size. Window resizes catch devicePixelRatio changes.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const fit = () => {
      const rect = canvas.getBoundingClientRect();
      const store = backingStore(rect.width, rect.height, window.devicePixelRatio);
      if (canvas.width !== store.width || canvas.height !== store.height) {
        canvas.width = store.width;
        canvas.height = store.height;
      }
      redraw();
    };
    fit();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(fit) : null;
    observer?.observe(canvas);
    window.addEventListener('resize', fit);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', fit);
    };
  }, [redraw]);

  function sample(event: PointerEvent): PointerSample {
    const { x, y } = toPadUnits(event.clientX, event.clientY, canvasRef.current!.getBoundingClientRect());
    return { pointerId: event.pointerId, pointerType: event.pointerType, x, y, pressure: event.pressure, timeStamp: event.timeStamp };
  }

  /** Draws the pieces of the growing stroke that are final; its last piece waits for the next point or the end. */
  function drawGrowth() {
    const target = context();
    const current = capture.current.current;
    if (!target || !current) return;
    const segments = strokeSegments(current);
    const scale = scaleOf(target.canvas);
    target.ctx.setTransform(scale.x, 0, 0, scale.y, 0, 0);
    prepareInk(target.ctx);
    for (let i = drawnSegments.current; i < segments.length - 1; i++) drawSegment(target.ctx, segments[i]!);
    drawnSegments.current = Math.max(drawnSegments.current, segments.length - 1);
  }

  function onPointerDown(event: ReactPointerEvent<HTMLCanvasElement>) {
    const native = event.nativeEvent;
    if (disabled || (native.pointerType === 'mouse' && native.button !== 0)) return;
    const outcome = capture.current.down(sample(native), strokesRef.current.length);
    if (!outcome.started) return;
    event.preventDefault();
    try {
      event.currentTarget.setPointerCapture(native.pointerId);
    } catch {
      // A pointer the browser no longer tracks cannot be captured; its events still reach the canvas.
    }
    if (outcome.discarded) redraw();
    else drawnSegments.current = 0;
  }

  function onPointerMove(event: ReactPointerEvent<HTMLCanvasElement>) {
    const native = event.nativeEvent;
    // A pen reports more points than there are frames; the coalesced ones make the curve follow the hand.
    const coalesced = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    let added = false;
    for (const each of coalesced.length > 0 ? coalesced : [native]) added = capture.current.move(sample(each)) || added;
    if (added) drawGrowth();
  }

  function onPointerUp(event: ReactPointerEvent<HTMLCanvasElement>) {
    const stroke = capture.current.up(sample(event.nativeEvent));
    if (stroke) onStrokesChange([...strokesRef.current, stroke]);
  }

  function onPointerCancel(event: ReactPointerEvent<HTMLCanvasElement>) {
    if (capture.current.cancel(event.nativeEvent.pointerId)) redraw();
  }

  const inked = hasInk(strokes);
  return (
    <div className={`signature-pad${disabled ? ' is-disabled' : ''}`}>
      <div className="signature-pad-surface">
        <canvas
          ref={canvasRef}
          className="signature-pad-canvas"
          role="img"
          aria-label={label}
          aria-describedby={describedBy}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerCancel}
          onContextMenu={(event) => event.preventDefault()}
        />
        <span className="signature-pad-baseline" aria-hidden="true">
          ×
        </span>
      </div>
      <div className="signature-pad-tools">
        {actions}
        <p id={countId} className="signature-pad-count" role="status">
          {strokeCount(strokes.length)}
        </p>
        <button
          type="button"
          className="button"
          disabled={disabled || !inked}
          onClick={() => onStrokesChange(undoStroke(strokesRef.current))}
        >
          Undo stroke
        </button>
        <button type="button" className="button" disabled={disabled || !inked} onClick={() => onStrokesChange([])}>
          Clear
        </button>
      </div>
    </div>
  );
}
