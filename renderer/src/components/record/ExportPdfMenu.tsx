// Export PDF, in the record's header: a short list of the two PDFs, the archive's (the default) and the
// website's. A disclosure rather than an ARIA menu: a button that shows two more buttons, as Outlook's split buttons read.

import { useId, useRef, useState } from 'react';
import { previewSelectors, usePreviewStore } from '../../stores/preview/store.ts';

const CHOICES = [
  {
    format: 'pdf',
    label: 'PDF for the archive',
    hint: 'The office’s copy: sealed once decided, with the record and its audit trail attached.',
  },
  {
    format: 'pdf-public',
    label: 'PDF for the website (public)',
    hint: 'To publish: nothing attached, and no pen strokes or devices.',
  },
] as const;

export function ExportPdfMenu() {
  const exporting = usePreviewStore(previewSelectors.exporting);
  const exportRequested = usePreviewStore((s) => s.exportRequested);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const busy = exporting === 'pdf' || exporting === 'pdf-public';

  function close(refocus: boolean) {
    setOpen(false);
    if (refocus) toggle.current?.focus();
  }

  return (
    <div
      className="export-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close(true);
        }
      }}
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={listId}
        aria-disabled={exporting !== null}
        onClick={() => {
          if (exporting === null) setOpen(!open);
        }}
      >
        {busy ? 'Exporting…' : 'Export PDF'} <span aria-hidden="true">▾</span>
      </button>
      <ul id={listId} className="export-menu-list" hidden={!open}>
        {CHOICES.map((choice) => (
          <li key={choice.format}>
            <button
              type="button"
              className="export-menu-item"
              aria-describedby={`${listId}-${choice.format}`}
              onClick={() => {
                close(true);
                void exportRequested(choice.format);
              }}
            >
              <span className="export-menu-label">{choice.label}</span>
              <span id={`${listId}-${choice.format}`} className="hint">
                {choice.hint}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
