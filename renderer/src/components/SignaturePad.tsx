// The signature pad: a canvas signed with a pen, a finger or a mouse, crisp at any pixel density, kept across resizes.

import {
  type PointerEvent as ReactPointerEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
} from 'react';
import {
  backingStore,
  drawStrokes,
  hasInk,
  type InkContext,
  type InkStroke,
  type PointerSample,
  StrokeCapture,
  toPadUnits,
  undoStroke,
} from '../ink.ts';

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

const strokeCount = (n: number) =>
  n === 0 ? 'The box is empty.' : `Signature drawn: ${n} ${n === 1 ? 'stroke' : 'strokes'}.`;

export function SignaturePad({
  strokes,
  onStrokesChange,
  label,
  describedBy,
  disabled = false,
  actions,
  countId,
}: SignaturePadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const capture = useRef(new StrokeCapture());
  const strokesRef = useRef(strokes);

  const context = useCallback((): { ctx: InkContext; canvas: HTMLCanvasElement } | null => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d') ?? null;
    return canvas && ctx ? { ctx, canvas } : null;
  }, []);

  const scaleOf = (canvas: HTMLCanvasElement) => backingStore(canvas.width, canvas.height, 1).scale;

  /**
   * Everything again from the strokes, the one being drawn as a live line: on each move (a tapered outline changes
   * along its whole end as it grows, so it cannot be added to piece by piece), and after a resize, an undo, a clear
   * or a palm stroke dropped. Finished strokes' outlines are kept, so a move costs little more than the live one.
   */
  const redraw = useCallback(() => {
    const target = context();
    if (!target) return;
    drawStrokes(target.ctx, strokesRef.current, scaleOf(target.canvas), target.canvas, capture.current.current);
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
    return {
      pointerId: event.pointerId,
      pointerType: event.pointerType,
      x,
      y,
      pressure: event.pressure,
      timeStamp: event.timeStamp,
      button: event.button,
      buttons: event.buttons,
    };
  }

  function onPointerDown(event: ReactPointerEvent<HTMLCanvasElement>) {
    const native = event.nativeEvent;
    if (disabled) return;
    // The capture refuses the eraser, the barrel button and a mouse's other buttons: they draw nothing.
    const outcome = capture.current.down(sample(native), strokesRef.current.length);
    if (!outcome.started) return;
    event.preventDefault();
    try {
      event.currentTarget.setPointerCapture(native.pointerId);
    } catch {
      // A pointer the browser no longer tracks cannot be captured; its events still reach the canvas.
    }
    redraw();
  }

  function onPointerMove(event: ReactPointerEvent<HTMLCanvasElement>) {
    const native = event.nativeEvent;
    // A pen reports more points than there are frames; the coalesced ones make the curve follow the hand.
    const coalesced = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    let added = false;
    for (const each of coalesced.length > 0 ? coalesced : [native]) added = capture.current.move(sample(each)) || added;
    if (added) redraw();
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
