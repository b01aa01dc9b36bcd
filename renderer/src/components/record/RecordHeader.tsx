// The bar above the open record: what it is, how saving is going, and what can be done with it.

import { REFERENCE_PENDING, referenceOf, UNTITLED } from '../../format.ts';
import { editorSelectors } from '../../stores/editor/selectors.ts';
import { useEditorStore } from '../../stores/editor/store.ts';
import { useHistoryStore } from '../../stores/history/store.ts';
import { previewSelectors, usePreviewStore } from '../../stores/preview/store.ts';
import { type PreviewLayout, uiSelectors, useUiStore } from '../../stores/ui/store.ts';
import { SaveStatus } from '../SaveStatus.tsx';
import { StatusTag } from '../StatusTag.tsx';
import { DeleteDraft } from './DeleteDraft.tsx';
import { ExportPdfMenu } from './ExportPdfMenu.tsx';

const LAYOUTS: { value: PreviewLayout; label: string }[] = [
  { value: 'side', label: 'Beside the form' },
  { value: 'full', label: 'Full width' },
  { value: 'off', label: 'Hidden' },
];

export function RecordHeader() {
  const record = useEditorStore(editorSelectors.record);
  const title = useEditorStore((s) => s.draft?.title ?? '');
  const editable = useEditorStore(editorSelectors.isEditable);
  const saveRequested = useEditorStore((s) => s.saveRequested);
  const exporting = usePreviewStore(previewSelectors.exporting);
  const exportNotice = usePreviewStore(previewSelectors.exportNotice);
  const exportRequested = usePreviewStore((s) => s.exportRequested);
  const historyOpened = useHistoryStore((s) => s.historyOpened);
  const previewLayout = useUiStore(uiSelectors.previewLayout);
  const previewLayoutChosen = useUiStore((s) => s.previewLayoutChosen);
  const viewChosen = useUiStore((s) => s.viewChosen);
  if (!record) return null;

  return (
    <div className="record-header">
      <div className="record-identity">
        <button type="button" className="button button-quiet back-button" onClick={() => viewChosen('register')}>
          <span aria-hidden="true">←</span> Records
        </button>
        <div className="record-title">
          <h2 id="record-heading">{title.trim() || UNTITLED}</h2>
          <p className="record-facts">
            <StatusTag status={record.status} />
            {record.reference === null && record.status !== 'draft' ? (
              <span>{REFERENCE_PENDING}</span>
            ) : (
              <span>
                <span className="muted">Reference:</span> {referenceOf(record)}
              </span>
            )}
          </p>
        </div>
        <SaveStatus />
      </div>
      <div className="record-actions">
        {editable && (
          <button type="button" className="button" aria-keyshortcuts="Control+S" onClick={() => void saveRequested()}>
            Save
          </button>
        )}
        <button type="button" className="button" onClick={() => void historyOpened()}>
          History
        </button>
        <DeleteDraft />
        <div className="segmented" role="group" aria-label="Preview">
          <span className="segmented-label" aria-hidden="true">
            Preview
          </span>
          {LAYOUTS.map((layout) => (
            <button
              key={layout.value}
              type="button"
              className="segment"
              aria-pressed={previewLayout === layout.value}
              onClick={() => previewLayoutChosen(layout.value)}
            >
              {layout.label}
            </button>
          ))}
        </div>
        <span className="actions-end">
          <span role="status" className="export-done">
            {exportNotice?.kind === 'saved' ? exportNotice.message : ''}
          </span>
          <button
            type="button"
            className="button"
            aria-disabled={exporting !== null}
            onClick={() => void exportRequested('docx')}
          >
            {exporting === 'docx' ? 'Exporting…' : 'Export Word'}
          </button>
          <ExportPdfMenu />
        </span>
      </div>
      <div role="alert" className="export-status">
        {exportNotice?.kind === 'error' && <p className="notice notice-error">{exportNotice.message}</p>}
      </div>
    </div>
  );
}
