// The record as it will print, beside the form: the engine's own PDF drawn page by page (page breaks, header and
// footer, "Page N of M"), refreshed after saves, and scrolled to the section the cursor is in.

import { useEffect, useRef, useState } from 'react';
import { drawPdf, type DrawnPages, headingKey, Superseded } from '../../preview/pdf-pages.ts';
import { editorSelectors } from '../../stores/editor/selectors.ts';
import { useEditorStore } from '../../stores/editor/store.ts';
import { previewSelectors, usePreviewStore } from '../../stores/preview/store.ts';

/** The pages' width on screen, in CSS pixels, at most: A4 at about 96 dpi. */
const MAX_PAGE_WIDTH = 794;
/** The grey margin around each page, in CSS pixels (as .preview-pages pads it). */
const DESK_MARGIN = 16;

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export function PreviewPane() {
  const record = useEditorStore(editorSelectors.record);
  const focusedSection = useEditorStore((s) => s.focusedSection);
  const pdf = usePreviewStore(previewSelectors.pdf);
  const status = usePreviewStore(previewSelectors.status);
  const error = usePreviewStore(previewSelectors.error);
  const previewNeeded = usePreviewStore((s) => s.previewNeeded);
  const id = record?.id;
  const revision = record?.revision;
  const scroller = useRef<HTMLDivElement>(null);
  const pagesBox = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState<DrawnPages | null>(null);
  const [drawError, setDrawError] = useState<string | null>(null);
  const [current, setCurrent] = useState(1);
  // The page in view, for the drawing (which should not start again each time it changes).
  const currentPage = useRef(1);
  currentPage.current = current;

  // Each save makes a revision; the preview follows the saved record, a moment behind the typing.
  useEffect(() => {
    if (id && revision) void previewNeeded(id, revision);
  }, [id, revision, previewNeeded]);

  // A new PDF is drawn off screen and replaces the pages shown in one step; a newer one cancels the drawing of this.
  useEffect(() => {
    const box = pagesBox.current;
    if (!pdf || !box) return;
    const width = Math.min(
      MAX_PAGE_WIDTH,
      Math.max(200, (scroller.current?.clientWidth ?? MAX_PAGE_WIDTH) - 2 * DESK_MARGIN),
    );
    // The page in view is drawn first and painted over the old one at once; the whole set replaces the old after.
    const inView = currentPage.current;
    const job = drawPdf(pdf, width, inView, (canvas, n) => {
      const shown = box.children[n - 1];
      if (shown instanceof HTMLCanvasElement && shown.width === canvas.width && shown.height === canvas.height) {
        shown.getContext('2d')?.drawImage(canvas, 0, 0);
        performance.mark('desk:preview-page-shown');
      }
    });
    job.promise.then(
      (pages) => {
        box.replaceChildren(...pages.canvases);
        setDrawError(null);
        setDrawn(pages);
        // For the bench: the time from a save's answer to its pages on screen.
        performance.mark('desk:preview-shown', { detail: pages.canvases.length });
      },
      (failure: unknown) => {
        if (!(failure instanceof Superseded))
          setDrawError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    return () => job.cancel();
  }, [pdf]);

  // Follow the cursor: the page on which the focused section's heading prints comes into view, and again when a
  // save moves it to another page.
  useEffect(() => {
    const box = scroller.current;
    if (!drawn || !box || focusedSection === null) return;
    const place = drawn.headings.get(headingKey(focusedSection));
    const target = place && drawn.canvases[place.page];
    if (!place || !target) return;
    // A heading near the top of its page shows the whole page from its edge (header and all); one further down is
    // brought near the top of the view, with a line or two of what comes before it above.
    const top =
      target.offsetTop + (place.down < 0.25 ? 0 : place.down * target.clientHeight - 2 * DESK_MARGIN) - DESK_MARGIN;
    box.scrollTo({ top: Math.max(0, top), behavior: reducedMotion() ? 'auto' : 'smooth' });
    setCurrent(place.page + 1);
  }, [drawn, focusedSection]);

  // The indicator names the page at the top of the view as the person scrolls.
  const onScroll = () => {
    const box = scroller.current;
    if (!box || !drawn) return;
    // The page under the top of the view, a little below it (where a followed heading lands).
    const top = box.scrollTop + 4 * DESK_MARGIN;
    let page = 1;
    for (const canvas of drawn.canvases) if (canvas.offsetTop <= top) page = Number(canvas.dataset.page);
    setCurrent(page);
  };

  const total = drawn?.canvases.length ?? 0;
  const failure = status === 'failed' ? error : drawError;
  return (
    <section className="preview-pane" aria-labelledby="preview-heading">
      <h3 id="preview-heading" className="visually-hidden">
        Preview of the printed record
      </h3>
      {failure && (
        <div className="notice notice-error" role="alert">
          <p>The preview could not be made. {failure}</p>
        </div>
      )}
      {!drawn && <p className="muted preview-waiting">{status === 'loading' || pdf ? 'Preparing the preview…' : ''}</p>}
      {total > 0 && (
        <p className="preview-page-indicator">
          Page {Math.min(current, total)} of {total}
        </p>
      )}
      {/* The pages are pictures of the printed form (each named "Page N of M"); its text is in the form beside. */}
      <div
        className="preview-pages"
        ref={scroller}
        onScroll={onScroll}
        tabIndex={0}
        role="region"
        aria-label="Printed pages"
      >
        <div ref={pagesBox} />
      </div>
    </section>
  );
}
