// The printed form of the open record (the PDF the export's engine prints from the form's HTML) and the Word and
// PDF exports made from it.

import { create } from 'zustand';
import { createPreviewActions, type PreviewActions } from './actions.ts';

/** Word; the PDF for the archive (the office's copy, sealed, with record.json attached); the PDF for the website. */
export type ExportFormat = 'docx' | 'pdf' | 'pdf-public';

export interface PreviewState {
  /** The form as it will print (the engine's PDF: pages, header and footer), for the record and revision named beside it. */
  pdf: Uint8Array | null;
  recordId: string | null;
  revision: number | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: string | null;
  /** The export under way, if any. */
  exporting: ExportFormat | null;
  exportNotice: { kind: 'saved' | 'error'; message: string } | null;
}

export type PreviewStore = PreviewState & PreviewActions;

export const initialPreviewState: PreviewState = {
  pdf: null,
  recordId: null,
  revision: null,
  status: 'idle',
  error: null,
  exporting: null,
  exportNotice: null,
};

export const usePreviewStore = create<PreviewStore>()((...args) => ({
  ...initialPreviewState,
  ...createPreviewActions(...args),
}));

export const previewSelectors = {
  pdf: (s: PreviewStore) => s.pdf,
  status: (s: PreviewStore) => s.status,
  error: (s: PreviewStore) => s.error,
  exporting: (s: PreviewStore) => s.exporting,
  exportNotice: (s: PreviewStore) => s.exportNotice,
};

/** For tests: back to the state of a fresh window. */
export function resetPreviewStore(): void {
  usePreviewStore.setState(initialPreviewState);
}
