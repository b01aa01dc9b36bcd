// The printed PDF drawn page by page with pdf.js, and where each of its headings falls (from the PDF's outline,
// which the engine makes from the form's headings).

import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';

type PdfJs = typeof import('pdfjs-dist');

let loading: Promise<PdfJs> | null = null;

/**
 * pdf.js and its worker, loaded when the first preview is drawn: together they are most of a megabyte the window
 * does not need to start. The worker is a file of the build (script-src 'self' admits it in both the app and the
 * browser), never a blob: or inline script.
 */
function pdfjs(): Promise<PdfJs> {
  loading ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(
    ([lib, worker]) => {
      lib.GlobalWorkerOptions.workerSrc = worker.default;
      return lib;
    },
  );
  // A failed load (a build without the worker) is tried again by the next preview.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** When a key was last pressed in the window: drawing the preview waits while the person types. */
let lastKey = -Infinity;
if (typeof window !== 'undefined') {
  window.addEventListener('keydown', () => void (lastKey = performance.now()), { capture: true, passive: true });
}
/** How long typing must pause before the preview draws again: a burst of typing never waits for a page. */
const TYPING_PAUSE_MS = 600;

/**
 * Runs a step of drawing when the window has time for it: once typing has paused, in an idle period. pdf.js draws
 * a page in steps of about 15 ms; run one after another they would hold the keys a person types behind them.
 */
function whenIdle(step: () => void): void {
  const wait = lastKey + TYPING_PAUSE_MS - performance.now();
  if (wait > 0) {
    setTimeout(() => whenIdle(step), wait);
    return;
  }
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => step(), { timeout: 1_000 });
  else setTimeout(step, 0);
}

export interface HeadingPlace {
  /** The page's index, 0 for the first. */
  page: number;
  /** How far down the page the heading is, 0 (top edge) to 1 (bottom edge): 0 when the outline does not say. */
  down: number;
}

export interface DrawnPages {
  /** One canvas per page, in order, each named "Page N of M" for assistive technology. */
  canvases: HTMLCanvasElement[];
  /** Each outline heading (by headingKey) and where it prints; the first of a name wins. */
  headings: Map<string, HeadingPlace>;
}

/** A heading as both the form and the outline may spell it: the printed form ends some labels with a colon. */
export const headingKey = (text: string): string => text.trim().replace(/:$/, '').trim().toLowerCase();

/** Raised when a newer preview took over: nothing is wrong, the result is simply not wanted. */
export class Superseded extends Error {}

export interface DrawJob {
  promise: Promise<DrawnPages>;
  /** Stops the work (loading, parsing, drawing) as soon as it can; the promise then rejects with Superseded. */
  cancel(): void;
}

/**
 * Draws every page of the PDF at `cssWidth` CSS pixels wide (sharp at the screen's pixel ratio, up to 1.5) on
 * canvases not yet in the page, so the preview shown stays whole until the new one replaces it.
 */
export function drawPdf(
  bytes: Uint8Array,
  cssWidth: number,
  /** The page (from 1) the person is looking at: drawn first and handed to onFirst, before the rest. */
  first = 1,
  onFirst?: (canvas: HTMLCanvasElement, page: number) => void,
): DrawJob {
  let cancelled = false;
  let doc: PDFDocumentProxy | null = null;
  let task: RenderTask | null = null;
  let destroy: (() => Promise<void>) | null = null;
  const check = () => {
    if (cancelled) throw new Superseded('A newer preview was asked for.');
  };

  const promise = (async (): Promise<DrawnPages> => {
    const lib = await pdfjs();
    check();
    // pdf.js takes the buffer over (it is transferred to the worker): the store's copy stays usable.
    const loadingTask = lib.getDocument({ data: bytes.slice(), isEvalSupported: false, enableXfa: false });
    destroy = () => loadingTask.destroy();
    doc = await loadingTask.promise;
    check();
    const headings = await outlinePages(doc);
    check();
    // Every page is drawn and kept: beyond 1.5 device pixels a CSS pixel, a long record's pages would cost hundreds
    // of megabytes for sharpness a visual aid does not need.
    const ratio = Math.min(window.devicePixelRatio || 1, 1.5);
    const canvases: HTMLCanvasElement[] = [];
    const start = Math.min(Math.max(1, first), doc.numPages);
    // The page in view first, then the rest in order.
    const order = [start, ...Array.from({ length: doc.numPages }, (_, i) => i + 1).filter((n) => n !== start)];
    const idle = () => new Promise<void>((resolve) => whenIdle(resolve));
    for (const n of order) {
      await idle();
      check();
      const page = await doc.getPage(n);
      check();
      const natural = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: (cssWidth * ratio) / natural.width });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.className = 'preview-page';
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `Page ${n} of ${doc.numPages}`);
      canvas.dataset.page = String(n);
      // The shape of the page before it is drawn, so the column keeps its length while it lays out.
      canvas.style.aspectRatio = `${natural.width} / ${natural.height}`;
      task = page.render({ canvas, viewport });
      task.onContinue = whenIdle;
      await task.promise;
      task = null;
      page.cleanup();
      check();
      canvases[n - 1] = canvas;
      if (n === start) onFirst?.(canvas, n);
    }
    // The new pages replace the old ones in a pause too.
    await idle();
    check();
    return { canvases, headings };
  })();

  const finished = promise.finally(() => void (destroy?.() ?? doc?.destroy()));
  // The caller sees every failure but a cancelled render as it is.
  const settled = finished.catch((error: unknown) => {
    if (cancelled) throw new Superseded('A newer preview was asked for.');
    throw error;
  });
  return {
    promise: settled,
    cancel() {
      cancelled = true;
      task?.cancel();
    },
  };
}

/** Where each heading in the PDF's outline (bookmarks) prints, outermost first. */
async function outlinePages(doc: PDFDocumentProxy): Promise<Map<string, HeadingPlace>> {
  const headings = new Map<string, HeadingPlace>();
  const outline = (await doc.getOutline()) ?? [];
  const visit = async (items: typeof outline) => {
    for (const item of items) {
      const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
      const ref = dest?.[0];
      if (ref && typeof ref === 'object') {
        const key = headingKey(item.title);
        if (!headings.has(key)) {
          const index = await doc.getPageIndex(ref as Parameters<PDFDocumentProxy['getPageIndex']>[0]);
          headings.set(key, { page: index, down: await downThePage(doc, index, dest) });
        }
      }
      await visit(item.items);
    }
  };
  await visit(outline);
  return headings;
}

/** An /XYZ destination's top (PDF points, from the page's foot) as a fraction of the way down the page. */
async function downThePage(doc: PDFDocumentProxy, index: number, dest: unknown[]): Promise<number> {
  const kind = dest[1] as { name?: string } | undefined;
  const top = dest[3];
  if (kind?.name !== 'XYZ' || typeof top !== 'number') return 0;
  const [, bottom, , upper] = (await doc.getPage(index + 1)).view as [number, number, number, number];
  return Math.min(1, Math.max(0, (upper - top) / (upper - bottom)));
}
