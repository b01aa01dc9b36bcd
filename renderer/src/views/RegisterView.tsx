// The register: every record, most recently changed first, and the button that starts a new one.

import { useEffect } from 'react';
import { StatusTag } from '../components/StatusTag.tsx';
import { NO_REFERENCE, UNTITLED, formatWhen } from '../format.ts';
import { editorSelectors } from '../stores/editor/selectors.ts';
import { useEditorStore } from '../stores/editor/store.ts';
import { recordsSelectors } from '../stores/records/selectors.ts';
import { useRecordsStore } from '../stores/records/store.ts';

function countText(shown: number, total: number): string {
  if (shown < total) return `Showing the ${shown} most recently changed of ${total} records.`;
  return total === 1 ? '1 record' : `${total} records`;
}

export function RegisterView() {
  const summaries = useRecordsStore(recordsSelectors.summaries);
  const total = useRecordsStore(recordsSelectors.total);
  const isLoading = useRecordsStore(recordsSelectors.isLoading);
  const isEmpty = useRecordsStore(recordsSelectors.isEmpty);
  const error = useRecordsStore(recordsSelectors.error);
  const recordsListOpened = useRecordsStore((s) => s.recordsListOpened);
  const openRecordId = useEditorStore(editorSelectors.openRecordId);
  const newRecordRequested = useEditorStore((s) => s.newRecordRequested);
  const recordOpened = useEditorStore((s) => s.recordOpened);

  useEffect(() => {
    void recordsListOpened();
  }, [recordsListOpened]);

  return (
    <section className="panel register" aria-labelledby="register-heading">
      <div className="panel-header">
        <h2 id="register-heading">Records of decision</h2>
        <button type="button" className="button button-primary" onClick={() => void newRecordRequested()}>
          New record
        </button>
      </div>

      <p className="register-count" role="status">
        {isLoading ? 'Loading records…' : error || isEmpty ? '' : countText(summaries.length, total)}
      </p>

      {error && (
        <div className="notice notice-error" role="alert">
          <p>The records could not be loaded. {error}</p>
          <button type="button" className="button" onClick={() => void recordsListOpened()}>
            Try again
          </button>
        </div>
      )}

      {isEmpty && <p className="empty-state">No records yet. Choose New record to start one.</p>}

      {summaries.length > 0 && (
        <div className="table-scroll">
          <table className="register-table">
            <caption className="visually-hidden">Records of decision, most recently changed first</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Title</th>
                <th scope="col">Originator</th>
                <th scope="col">Status</th>
                <th scope="col">Last changed</th>
              </tr>
            </thead>
            <tbody>
              {summaries.map((summary) => {
                const isOpen = summary.id === openRecordId;
                return (
                  <tr key={summary.id} className={isOpen ? 'is-open' : undefined}>
                    <td className="reference">{summary.reference ?? <span className="muted">{NO_REFERENCE}</span>}</td>
                    <td className="title-cell">
                      <button
                        type="button"
                        className="link-button"
                        aria-current={isOpen ? 'true' : undefined}
                        onClick={() => void recordOpened(summary.id)}
                      >
                        {summary.title || UNTITLED}
                      </button>
                    </td>
                    <td>{summary.originator || <span className="muted">Not given</span>}</td>
                    <td>
                      <StatusTag status={summary.status} />
                    </td>
                    <td>
                      <time dateTime={summary.updatedAt}>{formatWhen(summary.updatedAt)}</time>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
