// The register: every record, searchable and filtered, in a windowed list, and the button that starts a new one; and
// beside it the bin, where deleted drafts wait to be restored.

import { useCallback, useEffect, useRef, useState } from 'react';
import { NoticeArea } from '../components/Notice.tsx';
import { BinList } from '../components/register/BinList.tsx';
import { RegisterList, useRegisterColumns } from '../components/register/RegisterList.tsx';
import { RegisterToolbar } from '../components/register/RegisterToolbar.tsx';
import { formatDay, UNTITLED } from '../format.ts';
import { listKeptEdits } from '../stores/editor/kept.ts';
import { editorSelectors } from '../stores/editor/selectors.ts';
import { useEditorStore } from '../stores/editor/store.ts';
import { recordsSelectors } from '../stores/records/selectors.ts';
import { useRecordsStore } from '../stores/records/store.ts';

const focusList = () => document.querySelector<HTMLElement>('.register-list')?.focus();

/** What just went into or came out of the bin, with Undo after a deletion (it takes the focus, and says what it undoes). */
function BinNotice() {
  const notice = useRecordsStore(recordsSelectors.notice);
  const { restoreRequested, noticeDismissed } = useRecordsStore.getState();
  const undoButton = useRef<HTMLButtonElement>(null);
  const undo = notice?.undo;

  useEffect(() => {
    if (undo) undoButton.current?.focus();
  }, [undo]);

  async function undoDeletion() {
    if (!undo) return;
    if (await restoreRequested(undo)) focusList();
  }

  return (
    <NoticeArea
      notice={notice}
      messageId="bin-notice-message"
      action={
        <span className="notice-actions">
          {undo && (
            <button
              ref={undoButton}
              type="button"
              className="button button-small"
              aria-describedby="bin-notice-message"
              onClick={() => void undoDeletion()}
            >
              Undo
            </button>
          )}
          <button type="button" className="button button-small button-quiet" onClick={noticeDismissed}>
            Close
          </button>
        </span>
      }
    />
  );
}

/** The decided records not yet published after the office's limit, each a way to open it. */
function LateNotice({ onOpen }: { onOpen(id: string): void }) {
  const late = useRecordsStore(recordsSelectors.late);
  if (!late || late.records.length === 0) return null;
  const count = late.total;
  const days = late.overdueDays === 1 ? '1 day' : `${late.overdueDays} days`;
  const more = count - late.records.length;
  return (
    <section className="notice notice-warning late-notice" aria-labelledby="late-notice-heading">
      <h3 id="late-notice-heading">
        {count === 1 ? '1 decided record is' : `${count.toLocaleString('en-GB')} decided records are`} not yet published
        after {days}
      </h3>
      <ul>
        {late.records.map((record) => (
          <li key={record.id}>
            <button type="button" className="link-button" onClick={() => onOpen(record.id)}>
              {record.reference ?? record.title}
            </button>{' '}
            <span className="muted">
              {record.reference ? `${record.title}, ` : ''}decided {formatDay(record.decidedOn)}, waiting {record.days}{' '}
              days
            </span>
          </li>
        ))}
      </ul>
      {more > 0 && (
        <p>
          {late.records.length.toLocaleString('en-GB')} waiting longest are listed, and {more.toLocaleString('en-GB')}{' '}
          more: choose the status Decided to see them all.
        </p>
      )}
    </section>
  );
}

function ShownChoice() {
  const shown = useRecordsStore(recordsSelectors.shown);
  const shownChosen = useRecordsStore((s) => s.shownChosen);
  return (
    <div className="segmented register-shown" role="group" aria-label="Show">
      <button
        type="button"
        className="segment"
        aria-pressed={shown === 'register'}
        onClick={() => void shownChosen('register')}
      >
        The register
      </button>
      <button type="button" className="segment" aria-pressed={shown === 'bin'} onClick={() => void shownChosen('bin')}>
        Bin
      </button>
    </div>
  );
}

export function RegisterView() {
  const isEmpty = useRecordsStore(recordsSelectors.isEmpty);
  const columns = useRegisterColumns();
  const isFiltered = useRecordsStore(recordsSelectors.isFiltered);
  const searchText = useRecordsStore(recordsSelectors.shownText);
  const error = useRecordsStore(recordsSelectors.error);
  const registerOpened = useRecordsStore((s) => s.registerOpened);
  const openRecordId = useEditorStore(editorSelectors.openRecordId);
  const editorNotice = useEditorStore(editorSelectors.notice);
  const isBusy = useEditorStore(editorSelectors.isBusy);
  const newRecordRequested = useEditorStore((s) => s.newRecordRequested);
  const recordOpened = useEditorStore((s) => s.recordOpened);
  const shown = useRecordsStore(recordsSelectors.shown);
  const shownChosen = useRecordsStore((s) => s.shownChosen);
  const focusRegisterChoice = useCallback(
    () => document.querySelector<HTMLElement>('.register-shown .segment')?.focus(),
    [],
  );

  // Read once as the register appears: edits a reload, a crash or a stopped Decision Desk left unsaved.
  const [kept] = useState(listKeptEdits);

  useEffect(() => {
    void shownChosen(useRecordsStore.getState().shown);
  }, [shownChosen]);

  const neverUsed = isEmpty && !searchText.trim() && !isFiltered;
  const header = (
    <div className="view-header">
      <div className="view-title">
        <h2 id="register-heading">{shown === 'bin' ? 'Bin' : 'Records of decision'}</h2>
        <ShownChoice />
      </div>
      <button
        type="button"
        className="button button-primary"
        aria-keyshortcuts="Control+N"
        aria-disabled={isBusy}
        onClick={() => void newRecordRequested()}
      >
        New record
      </button>
    </div>
  );

  if (shown === 'bin') {
    return (
      <section className="view register-view bin-view" aria-labelledby="register-heading">
        {header}
        <BinNotice />
        <BinList onEmptied={focusRegisterChoice} />
      </section>
    );
  }

  return (
    <section className="view register-view" aria-labelledby="register-heading">
      {header}
      <BinNotice />

      <RegisterToolbar onListFocus={focusList} />
      <LateNotice onOpen={(id) => void recordOpened(id)} />

      {error && (
        <div className="notice notice-error" role="alert">
          <p>The records could not be loaded. {error}</p>
          <button type="button" className="button" onClick={() => void registerOpened()}>
            Try again
          </button>
        </div>
      )}
      {openRecordId === null &&
        kept.slice(0, 5).map((edits) => (
          <div key={edits.id} className="notice notice-info">
            <p>
              Unsaved changes to “{edits.content.title.trim() || UNTITLED}” were kept on this computer. Open the record
              to restore or discard them.
            </p>
            <button type="button" className="button button-small" onClick={() => void recordOpened(edits.id)}>
              Open it
            </button>
          </div>
        ))}
      {editorNotice?.kind === 'error' && (
        <div className="notice notice-error" role="alert">
          <p>{editorNotice.message}</p>
        </div>
      )}

      {neverUsed ? (
        <p className="empty-state">No records yet. Choose New record to start one.</p>
      ) : (
        <div className={`register-table ${columns.className}`.trim()} hidden={isEmpty}>
          <div className="register-columns" aria-hidden="true">
            <span className="cell cell-reference">Reference</span>
            <span className="cell cell-title">Title</span>
            <span className="cell cell-originator">Originator</span>
            {columns.decisionMaker && <span className="cell cell-decision-maker">Decision maker</span>}
            {columns.category && <span className="cell cell-category">Category</span>}
            <span className="cell cell-status">Status</span>
            <span className="cell cell-classification">Classification</span>
            <span className="cell cell-updated">Last changed</span>
          </div>
          <RegisterList onOpen={(id) => void recordOpened(id)} openRecordId={openRecordId} />
        </div>
      )}
      {isEmpty && !neverUsed && <p className="empty-state">No records match. Try other words, or clear the filters.</p>}
    </section>
  );
}
