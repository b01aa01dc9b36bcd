// The open record: the form in the template's order beside (or instead of) its printed preview, with its history.

import { useEffect, useRef } from 'react';
import { ConflictDialog } from '../components/record/ConflictDialog.tsx';
import { FindBar } from '../components/record/FindBar.tsx';
import { HistoryDialog } from '../components/record/HistoryDialog.tsx';
import { PreviewPane } from '../components/record/PreviewPane.tsx';
import { PublicationPanel } from '../components/record/PublicationPanel.tsx';
import { RecordForm } from '../components/record/RecordForm.tsx';
import { RecordHeader } from '../components/record/RecordHeader.tsx';
import { SubmitPanel } from './SubmitPanel.tsx';
import { STATUS_LABELS } from '../../../electron/core/domain/workflow.ts';
import { editorSelectors } from '../stores/editor/selectors.ts';
import { useEditorStore } from '../stores/editor/store.ts';
import { settingsSelectors } from '../stores/settings/selectors.ts';
import { useSettingsStore } from '../stores/settings/store.ts';
import { uiSelectors, useUiStore } from '../stores/ui/store.ts';
import { formatSavedAt } from '../format.ts';

export function RecordView() {
  const record = useEditorStore(editorSelectors.record);
  const editable = useEditorStore(editorSelectors.isEditable);
  const notice = useEditorStore(editorSelectors.notice);
  // The record's own template version (an old record edits under the form it was made with), else the current one.
  const recordTemplate = useEditorStore(editorSelectors.recordTemplate);
  const currentTemplate = useSettingsStore(settingsSelectors.template);
  const template = recordTemplate ?? currentTemplate;
  const layout = useUiStore(uiSelectors.previewLayout);
  const viewChosen = useUiStore((s) => s.viewChosen);
  const openId = record?.id;
  const formPane = useRef<HTMLDivElement>(null);

  // Opening a record takes the person to its title.
  // Only on opening: changing the layout leaves the focus where it is, so the layout is read, not depended on.
  useEffect(() => {
    if (openId && uiSelectors.previewLayout(useUiStore.getState()) !== 'full')
      document.getElementById('field-title')?.focus();
  }, [openId]);

  if (!record || !template) {
    return (
      <section className="view" aria-labelledby="record-heading">
        <h2 id="record-heading">No record open</h2>
        <p className="muted">{template ? 'Choose a record in the register, or start a new one.' : 'Loading…'}</p>
        <button type="button" className="button" onClick={() => viewChosen('register')}>
          Go to the register
        </button>
      </section>
    );
  }

  return (
    <section className={`view record-view layout-${layout}`} aria-labelledby="record-heading">
      <RecordHeader />
      <FindBar scope={formPane} />
      <KeptEditsOffer />
      {notice?.kind === 'error' && (
        <div className="notice notice-error" role="alert">
          <p>{notice.message}</p>
        </div>
      )}
      <div className="record-body">
        {layout !== 'full' && (
          <div className="form-pane" ref={formPane}>
            {!editable && (
              <div className="notice notice-info">
                <p>
                  This record is {STATUS_LABELS[record.status].toLowerCase()}, so its content is locked: signatures hold
                  only while the text is unchanged.
                </p>
              </div>
            )}
            <SubmitPanel record={record} />
            {(record.status === 'decided' || record.status === 'published') && (
              <PublicationPanel record={record} template={template} />
            )}
            <RecordForm template={template} />
          </div>
        )}
        {layout !== 'off' && <PreviewPane />}
      </div>
      <HistoryDialog />
      <ConflictDialog template={template} />
    </section>
  );
}

/** Edits this window kept but never saw saved (Decision Desk was down, the tab reloaded or crashed): restore or discard. */
function KeptEditsOffer() {
  const kept = useEditorStore(editorSelectors.kept);
  const restored = useEditorStore((s) => s.keptEditsRestored);
  const discarded = useEditorStore((s) => s.keptEditsDiscarded);
  return (
    <div role="status" className="kept-edits">
      {kept && (
        <div className="notice notice-info">
          <p>Unsaved changes from {formatSavedAt(kept.at)} were kept on this computer.</p>
          <div className="notice-actions">
            <button type="button" className="button button-small button-primary" onClick={() => void restored()}>
              Restore
            </button>
            <button type="button" className="button button-small button-quiet" onClick={discarded}>
              Discard
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
