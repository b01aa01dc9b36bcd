// Delete draft, in the record's header: asks first, then the draft goes to the bin, from where it can be restored.
// Only a draft that never had a reference offers it: a numbered record stays in the register for good.

import { useRef, useState } from 'react';
import { UNTITLED } from '../../format.ts';
import { editorSelectors } from '../../stores/editor/selectors.ts';
import { useEditorStore } from '../../stores/editor/store.ts';
import { Dialog } from '../Dialog.tsx';

export function DeleteDraft() {
  const deletable = useEditorStore(editorSelectors.canBeDeleted);
  const title = useEditorStore((s) => s.draft?.title.trim() ?? '');
  const draftDeleteRequested = useEditorStore((s) => s.draftDeleteRequested);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  if (!deletable) return null;

  async function deleteDraft() {
    if (deleting) return;
    setDeleting(true);
    setConfirming(false);
    try {
      await draftDeleteRequested();
    } finally {
      setDeleting(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="button button-quiet delete-draft"
        aria-disabled={deleting}
        onClick={() => setConfirming(true)}
      >
        {deleting ? 'Deleting…' : 'Delete draft'}
      </button>
      <Dialog
        open={confirming}
        title="Delete this draft?"
        onClose={() => setConfirming(false)}
        className="confirm-dialog"
        initialFocus={confirm}
      >
        <p>
          &ldquo;{title || UNTITLED}&rdquo; goes to the bin: it leaves the register and search. It never had a
          reference, so no number is lost, and you can restore it from the bin (Records, then Bin) whenever you need it.
        </p>
        <div className="dialog-actions">
          <button
            ref={confirm}
            type="button"
            className="button button-primary button-danger"
            onClick={() => void deleteDraft()}
          >
            Delete draft
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </>
  );
}
