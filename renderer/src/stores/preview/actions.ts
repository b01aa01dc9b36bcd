// What can happen to the preview and the exports, named as events: each calls the API and records the outcome.

import type { StateCreator } from 'zustand';
import { api } from '../../api.ts';
import { bytesOf, downloadFile } from '../../download.ts';
import { useEditorStore } from '../editor/store.ts';
import type { ExportFormat, PreviewStore } from './store.ts';

export interface PreviewActions {
  /**
   * The preview is showing a record at a revision (opened, or saved again): fetch its printed PDF if not held. Saves
   * come after each pause in typing; the print waits for the engine, so only the newest revision asked for is
   * fetched next, and older ones are never shown after it.
   */
  previewNeeded(recordId: string, revision: number): Promise<void>;
  /** Export Word, or a PDF for the archive or the website: save what is typed, make the file and hand it over as a download. */
  exportRequested(format: ExportFormat): Promise<void>;
}

const FORMAT_NAMES: Record<ExportFormat, string> = {
  docx: 'The Word document',
  pdf: 'The PDF for the archive',
  'pdf-public': 'The PDF for the website',
};

export const createPreviewActions: StateCreator<PreviewStore, [], [], PreviewActions> = (set, get) => {
  let inFlight = false;
  let wanted: { recordId: string; revision: number } | null = null;

  return {
    async previewNeeded(recordId, revision) {
      const { recordId: shownId, revision: shownRevision, status } = get();
      if (shownId === recordId && shownRevision === revision && status !== 'failed') return;
      // Saves come every pause in typing: while one preview is on its way, only the latest revision is fetched next.
      wanted = { recordId, revision };
      if (inFlight) return;
      inFlight = true;
      try {
        while (wanted) {
          const asked: { recordId: string; revision: number } = wanted;
          wanted = null;
          if (get().recordId !== asked.recordId) set({ pdf: null, status: 'loading', error: null });
          try {
            const { base64 } = await api.call('export.previewPdf', { id: asked.recordId });
            // Another record was opened meanwhile: its own request follows, and this one is not worth showing.
            // (wanted is set by calls made during the await; TypeScript cannot see that.)
            const next = wanted as { recordId: string } | null;
            if (next && next.recordId !== asked.recordId) continue;
            set({
              pdf: bytesOf(base64),
              recordId: asked.recordId,
              revision: asked.revision,
              status: 'ready',
              error: null,
            });
          } catch (error) {
            set({ recordId: asked.recordId, revision: asked.revision, status: 'failed', error: api.messageOf(error) });
          }
        }
      } finally {
        inFlight = false;
      }
    },

    async exportRequested(format) {
      const editor = useEditorStore.getState();
      const record = editor.record;
      if (!record || get().exporting) return;
      const name = FORMAT_NAMES[format];
      set({ exporting: format, exportNotice: null });
      try {
        if (!(await editor.pendingEditsSaved())) {
          set({
            exportNotice: {
              kind: 'error',
              message: `${name} was not exported: the latest changes are not saved yet. Save them first.`,
            },
          });
          return;
        }
        const file =
          format === 'docx'
            ? await api.call('export.docx', { id: record.id })
            : await api.call('export.pdf', { id: record.id, rendition: format === 'pdf' ? 'archive' : 'public' });
        downloadFile(file);
        set({ exportNotice: { kind: 'saved', message: `Exported ${file.fileName}.` } });
      } catch (error) {
        set({ exportNotice: { kind: 'error', message: `${name} was not exported. ${api.messageOf(error)}` } });
      } finally {
        set({ exporting: null });
      }
    },
  };
};
