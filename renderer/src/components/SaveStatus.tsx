// The status line of the open record: "Saved 12:04", "Saving…", or "Not saved: <reason>" with Retry.

import { formatSavedAt } from '../format.ts';
import { editorSelectors } from '../stores/editor/selectors.ts';
import { useEditorStore } from '../stores/editor/store.ts';

export function SaveStatus() {
  const saveState = useEditorStore(editorSelectors.saveState);
  const editable = useEditorStore(editorSelectors.isEditable);
  const retryRequested = useEditorStore((s) => s.retryRequested);

  // Routine news is shown but not announced (it changes at every pause in typing); failures are announced.
  let routine = '';
  if (saveState.kind === 'saved') routine = saveState.at ? `Saved ${formatSavedAt(saveState.at)}` : '';
  else if (saveState.kind === 'pending') routine = 'Unsaved changes';
  else if (saveState.kind === 'saving') routine = 'Saving…';
  if (!editable && saveState.kind === 'saved') routine = 'Locked: no changes can be made';

  return (
    <div className="save-status">
      {routine && <span className={`save-routine save-${saveState.kind}`}>{routine}</span>}
      <div role="alert" className="save-alert">
        {saveState.kind === 'failed' && (
          <span className="save-failed">
            Not saved: {saveState.message}
            {saveState.retrying ? ' Trying again shortly.' : ''}{' '}
            <button type="button" className="button button-small" onClick={() => void retryRequested()}>
              Retry
            </button>
          </span>
        )}
        {saveState.kind === 'conflict' && (
          <span className="save-failed">Not saved: this record was changed elsewhere.</span>
        )}
      </div>
    </div>
  );
}
