// The record's history: every revision with its time, one shown as it printed then, and Restore to bring it back.

import type { RevisionKind } from '../../../../electron/core/domain/views.ts';
import { formatSavedAt, formatWhen, UNTITLED } from '../../format.ts';
import { editorSelectors } from '../../stores/editor/selectors.ts';
import { useEditorStore } from '../../stores/editor/store.ts';
import { historySelectors, useHistoryStore } from '../../stores/history/store.ts';
import { Dialog } from '../Dialog.tsx';
import { PreviewFrame } from '../PreviewFrame.tsx';

const KIND_LABELS: Record<RevisionKind, string> = {
  created: 'Created',
  saved: 'Saved',
  autosaved: 'Autosaved',
  restored: 'Restored',
  imported: 'Imported',
  workflow: 'Status changed',
};

export function HistoryDialog() {
  const open = useHistoryStore(historySelectors.open);
  const revisions = useHistoryStore(historySelectors.revisions);
  const status = useHistoryStore(historySelectors.status);
  const viewing = useHistoryStore(historySelectors.viewing);
  const viewingHtml = useHistoryStore(historySelectors.viewingHtml);
  const viewingError = useHistoryStore(historySelectors.viewingError);
  const restoring = useHistoryStore(historySelectors.restoring);
  const notice = useHistoryStore(historySelectors.notice);
  const historyClosed = useHistoryStore((s) => s.historyClosed);
  const revisionChosen = useHistoryStore((s) => s.revisionChosen);
  const restoreRequested = useHistoryStore((s) => s.restoreRequested);
  const current = useEditorStore(editorSelectors.record);
  const editable = useEditorStore(editorSelectors.isEditable);

  return (
    <Dialog open={open} title="History of this record" onClose={historyClosed} className="history-dialog">
      <div className="history">
        <div className="history-list">
          <p className="hint">Autosaves within a few minutes of each other are kept as one revision.</p>
          {status === 'loading' && <p className="muted">Loading the history…</p>}
          <ol aria-label="Revisions, newest first">
            {revisions.map((revision) => {
              const isCurrent = revision.revision === current?.revision;
              const chosen = revision.revision === viewing?.revision;
              // A run of autosaves is one revision: it says when the run began, if that shows as another minute.
              const began = formatSavedAt(revision.firstSavedAt, new Date(revision.savedAt));
              const span =
                revision.kind === 'autosaved' && began !== formatSavedAt(revision.savedAt) ? ` (from ${began})` : '';
              return (
                <li key={revision.revision}>
                  <button
                    type="button"
                    className={`revision${chosen ? ' is-chosen' : ''}`}
                    aria-pressed={chosen}
                    onClick={() => void revisionChosen(revision.revision)}
                  >
                    <span className="revision-when">
                      <time dateTime={revision.savedAt}>{formatWhen(revision.savedAt)}</time>
                      {span}
                    </span>
                    <span className="revision-what">
                      {KIND_LABELS[revision.kind]}, revision {revision.revision}
                      {isCurrent ? ' (current)' : ''}
                    </span>
                    <span className="revision-title">{revision.title || UNTITLED}</span>
                  </button>
                </li>
              );
            })}
          </ol>
        </div>
        <div className="history-view" aria-live="polite">
          {notice && (
            <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
              <p>{notice.message}</p>
            </div>
          )}
          {viewing ? (
            <>
              <div className="history-view-header">
                <h3>
                  Revision {viewing.revision}, <time dateTime={viewing.updatedAt}>{formatWhen(viewing.updatedAt)}</time>
                </h3>
                {editable && viewing.revision !== current?.revision && (
                  <button
                    type="button"
                    className="button button-primary"
                    aria-disabled={restoring}
                    onClick={() => void restoreRequested()}
                  >
                    Restore this version
                  </button>
                )}
              </div>
              {viewingHtml ? (
                <PreviewFrame
                  className="preview-frame history-frame"
                  html={viewingHtml}
                  title={`Revision ${viewing.revision} as it printed`}
                />
              ) : (
                <p className="notice notice-error">{viewingError}</p>
              )}
            </>
          ) : (
            <p className="muted">Choose a revision to read it{editable ? ' or restore it' : ''}.</p>
          )}
        </div>
      </div>
    </Dialog>
  );
}
