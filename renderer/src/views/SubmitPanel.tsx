// The record view's sign-off panel: Submit for signatures (with what is missing, each a way to its field), the
// locked record's reference and progress, Signing mode, and why a draft came back.

import { useEffect } from 'react';
import type { DecisionRecord } from '../../../electron/core/domain/record.ts';
import type { MissingField } from '../../../electron/core/domain/signing.ts';
import { NoticeArea } from '../components/Notice.tsx';
import { fieldId } from '../components/record/fields.tsx';
import { formatWhen } from '../format.ts';
import { publicationWarnings } from '../publication.ts';
import type { ReturnNote } from '../stores/signing/selectors.ts';
import { useEditorStore } from '../stores/editor/store.ts';
import { useUiStore } from '../stores/ui/store.ts';
import { useSubmitStore } from '../stores/signing/submit.ts';
import '../styles/signing.css';

const FOCUSABLE = 'input:not([type="hidden"]), textarea, select, button, [contenteditable="true"], [tabindex]';

/** The editor's field for a record path (its control, or the first control inside it), and focuses it. */
function focusField(field: string): boolean {
  const element = document.getElementById(fieldId(field)) ?? document.getElementById(`field-${field}`);
  const target = element?.matches(FOCUSABLE) ? element : element?.querySelector<HTMLElement>(FOCUSABLE);
  if (!target) return false;
  target.focus();
  target.scrollIntoView?.({ block: 'center' });
  return true;
}

function MissingList({ missing }: { missing: MissingField[] }) {
  if (missing.length === 0) return null;
  return (
    <ul className="submit-missing">
      {missing.map((item) => (
        <li key={item.field}>
          <button type="button" className="link-button" onClick={() => focusField(item.field)}>
            {item.message}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Advice before submitting (nothing here stops it), each a way to its field. */
function Warnings({ record }: { record: DecisionRecord }) {
  // The form as typed when this is the open record, else the record as saved.
  const draft = useEditorStore((s) => (s.record?.id === record.id ? s.draft : null));
  const warnings = publicationWarnings(draft ?? record);
  if (warnings.length === 0) return null;
  return (
    <div className="submit-warnings" role="note" aria-labelledby="submit-warnings-heading">
      <h3 id="submit-warnings-heading">Before you submit</h3>
      <MissingList missing={warnings} />
    </div>
  );
}

function ReturnNoteView({ note }: { note: ReturnNote }) {
  const who =
    note.action === 'declined' ? `Declined by ${note.name ?? 'a signatory'}` : `Returned to draft by ${note.actor}`;
  return (
    <div className="submit-return" role="note" aria-labelledby="submit-return-heading">
      <h3 id="submit-return-heading">
        {who}, <time dateTime={note.at}>{formatWhen(note.at)}</time>
      </h3>
      <p className="submit-return-label">Reason given:</p>
      <blockquote>{note.reason}</blockquote>
    </div>
  );
}

/** The open record's edits saved, then the record as saved; null when they could not be saved (the editor says why). */
async function editorSaved(): Promise<DecisionRecord | null> {
  const editor = useEditorStore.getState();
  return (await editor.pendingEditsSaved()) ? useEditorStore.getState().record : null;
}

export interface SubmitPanelProps {
  record: DecisionRecord;
  /** Saves any edits not saved yet; resolves to the record as saved, or null. The open record's editor by default. */
  saveFirst?: () => Promise<DecisionRecord | null>;
  /** The record was submitted: show it as it now is (locked). The open record's editor by default. */
  onSubmitted?: (record: DecisionRecord) => void;
}

export function SubmitPanel({
  record,
  saveFirst = editorSaved,
  onSubmitted = (next) => useEditorStore.getState().recordReplaced(next),
}: SubmitPanelProps) {
  const phase = useSubmitStore((s) => s.phase);
  const missing = useSubmitStore((s) => s.missing);
  const notice = useSubmitStore((s) => s.notice);
  const returnNote = useSubmitStore((s) => s.returnNote);
  const shownId = useSubmitStore((s) => s.recordId);
  const { recordShown, submitRequested } = useSubmitStore.getState();

  // The note on why a draft came back follows the record shown and its status (not every save).
  useEffect(() => {
    void recordShown(record.id, record.status);
  }, [record.id, record.status, recordShown]);

  async function submit() {
    const submitted = await submitRequested(record, saveFirst);
    if (submitted) onSubmitted(submitted);
  }

  const mine = shownId === record.id;
  const signed = record.signOffs.filter((s) => s.signature).length;
  return (
    <section className="submit-panel" aria-labelledby="submit-panel-heading">
      <h2 id="submit-panel-heading">Signatures</h2>
      {mine && record.status === 'draft' && returnNote && <ReturnNoteView note={returnNote} />}
      {record.status === 'draft' ? (
        <div className="submit-row">
          <button
            type="button"
            className="button button-primary"
            aria-disabled={phase === 'submitting'}
            onClick={() => void submit()}
          >
            {phase === 'submitting' ? 'Submitting…' : 'Submit for signatures'}
          </button>
          <p className="hint">Checks the record is complete, gives it its reference and locks it for signing.</p>
        </div>
      ) : (
        <div className="submit-row">
          <p>
            {record.reference === null
              ? 'Reference pending: the next sync with the shared folder gives this record its reference, and it can be signed after that. The content is locked.'
              : record.status === 'awaiting-signatures'
                ? `Awaiting signatures as ${record.reference}: ${signed} of ${record.signOffs.length} signed. The content is locked.`
                : `Signed by everyone as ${record.reference}. The content is locked.`}
          </p>
          {record.status === 'awaiting-signatures' && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => useUiStore.getState().viewChosen('signing')}
            >
              Open signing mode
            </button>
          )}
        </div>
      )}
      {record.status === 'draft' && <Warnings record={record} />}
      {mine && <NoticeArea notice={notice} action={<MissingList missing={missing} />} />}
    </section>
  );
}
