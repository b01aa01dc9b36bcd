// The open record: its state and, for now, its title, which the person edits and saves.

import { useEffect, useRef } from 'react';
import { LIMITS } from '../../../electron/core/domain/record.ts';
import { isEditable } from '../../../electron/core/domain/workflow.ts';
import { NoticeArea } from '../components/Notice.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { NO_REFERENCE, UNTITLED, formatWhen } from '../format.ts';
import { editorSelectors } from '../stores/editor/selectors.ts';
import { useEditorStore } from '../stores/editor/store.ts';

export function RecordView() {
  const record = useEditorStore(editorSelectors.record);
  const titleDraft = useEditorStore(editorSelectors.titleDraft);
  const notice = useEditorStore(editorSelectors.notice);
  const isSaving = useEditorStore(editorSelectors.isSaving);
  const hasUnsavedChanges = useEditorStore(editorSelectors.hasUnsavedChanges);
  const titleEdited = useEditorStore((s) => s.titleEdited);
  const saveRequested = useEditorStore((s) => s.saveRequested);
  const latestVersionRequested = useEditorStore((s) => s.latestVersionRequested);
  const titleInput = useRef<HTMLInputElement>(null);
  const openId = record?.id;

  // Opening a record (or creating one) takes the person straight to its first field.
  useEffect(() => {
    if (openId) titleInput.current?.focus();
  }, [openId]);

  if (!record) {
    return (
      <section className="panel record-panel" aria-labelledby="record-heading">
        <div className="panel-header">
          <h2 id="record-heading">No record open</h2>
        </div>
        <p className="muted">Choose a record in the list to see it here, or choose New record to start one.</p>
        <NoticeArea notice={notice} />
      </section>
    );
  }

  const editable = isEditable(record.status);
  return (
    <section className="panel record-panel" aria-labelledby="record-heading">
      <div className="record-header">
        <div className="panel-header">
          <h2 id="record-heading">{record.title || UNTITLED}</h2>
        </div>
        <dl className="record-facts">
          <div>
            <dt>Status</dt>
            <dd>
              <StatusTag status={record.status} />
            </dd>
          </div>
          <div>
            <dt>Reference</dt>
            <dd>{record.reference ?? NO_REFERENCE}</dd>
          </div>
          <div>
            <dt>Last changed</dt>
            <dd>
              <time dateTime={record.updatedAt}>{formatWhen(record.updatedAt)}</time> (revision {record.revision})
            </dd>
          </div>
        </dl>
      </div>

      <form
        className="record-form"
        onSubmit={(event) => {
          event.preventDefault();
          void saveRequested();
        }}
      >
        <div className="field">
          <label htmlFor="record-title">Title</label>
          <p id="record-title-hint" className="hint">
            {editable
              ? 'As it will appear on the Record of Decision.'
              : 'This record has been submitted, so its content is locked.'}
          </p>
          <input
            id="record-title"
            ref={titleInput}
            type="text"
            value={titleDraft}
            maxLength={LIMITS.shortText}
            readOnly={!editable}
            aria-describedby="record-title-hint"
            autoComplete="off"
            spellCheck
            onChange={(event) => titleEdited(event.target.value)}
          />
        </div>
        {editable && (
          <div className="form-actions">
            <button type="submit" className="button button-primary" aria-disabled={isSaving}>
              Save
            </button>
            {hasUnsavedChanges && <span className="muted">Unsaved changes</span>}
          </div>
        )}
      </form>

      <NoticeArea
        notice={notice}
        action={
          notice?.kind === 'conflict' ? (
            <button type="button" className="button" onClick={() => void latestVersionRequested()}>
              Load the latest version
            </button>
          ) : undefined
        }
      />
    </section>
  );
}
