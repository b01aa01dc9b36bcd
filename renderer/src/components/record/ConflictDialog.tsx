// A save found the record changed elsewhere: both versions side by side, and the person chooses; nothing is dropped.

import type { OfficeTemplate } from '../../../../electron/core/domain/template.ts';
import { formatWhen } from '../../format.ts';
import type { DecisionRecord } from '../../../../electron/core/domain/record.ts';
import { type EditableContent, editableContentOf, fieldsThatDiffer } from '../../stores/editor/draft.ts';
import { editorSelectors } from '../../stores/editor/selectors.ts';
import { useEditorStore } from '../../stores/editor/store.ts';
import { Dialog } from '../Dialog.tsx';
import { RecordReadout } from './RecordReadout.tsx';

export function ConflictDialog({ template }: { template: OfficeTemplate }) {
  const theirs = useEditorStore(editorSelectors.conflict);
  const mine = useEditorStore(editorSelectors.draft);
  // No onClose: the dialog stays until the person has chosen a version.
  return (
    <Dialog
      open={theirs !== null && mine !== null}
      title="This record was changed elsewhere"
      className="conflict-dialog"
    >
      {theirs && mine && <Versions theirs={theirs} mine={mine} template={template} />}
    </Dialog>
  );
}

function Versions({
  theirs,
  mine,
  template,
}: {
  theirs: DecisionRecord;
  mine: EditableContent;
  template: OfficeTemplate;
}) {
  const conflictResolved = useEditorStore((s) => s.conflictResolved);
  const other = editableContentOf(theirs);
  const differ = fieldsThatDiffer(mine, other);
  return (
    <>
      <p>
        While you were editing, someone saved another version (revision {theirs.revision},{' '}
        {formatWhen(theirs.updatedAt)}). Your changes are not saved yet. Choose which version to keep.{' '}
        {differ.length === 0 ? 'The two versions say the same thing.' : 'The sections that differ are shown below.'}
      </p>
      <div className="conflict-versions">
        <section aria-labelledby="conflict-mine">
          <h3 id="conflict-mine">Your version</h3>
          <RecordReadout content={mine} template={template} fields={differ} headingLevel={4} />
        </section>
        <section aria-labelledby="conflict-theirs">
          <h3 id="conflict-theirs">The other version</h3>
          <RecordReadout content={other} template={template} fields={differ} headingLevel={4} />
        </section>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={() => void conflictResolved('mine')}>
          Keep my version
        </button>
        <button type="button" className="button" onClick={() => void conflictResolved('theirs')}>
          Use the other version
        </button>
      </div>
      <p className="hint">
        Keeping yours saves it as a new revision; the other version stays in the history. Using the other version
        discards the changes you made here since your last save.
      </p>
    </>
  );
}
