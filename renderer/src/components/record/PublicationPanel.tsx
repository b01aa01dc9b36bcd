// A decided record's Publication panel: where it stands with the public, its dates, what it supersedes and what
// supersedes it, withdrawing it, and what its public copy contains.

import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { FileContents } from '../../../../electron/core/domain/contents.ts';
import {
  decisionDay,
  londonDay,
  PUBLICATION_STATUS_LABELS,
  publicationStatus,
  signedDay,
} from '../../../../electron/core/domain/publication.ts';
import type { DecisionRecord } from '../../../../electron/core/domain/record.ts';
import type { OfficeTemplate } from '../../../../electron/core/domain/template.ts';
import { formatBytes, formatDate, formatDay } from '../../format.ts';
import { useEditorStore } from '../../stores/editor/store.ts';
import { usePublicationStore } from '../../stores/publication/store.ts';
import { Dialog } from '../Dialog.tsx';
import { NoticeArea } from '../Notice.tsx';

const none = <span className="muted">None</span>;
const NO_REFERENCES: readonly string[] = [];

/** Links to records by reference: each opens it (records.get takes a reference as well as an id). */
function ReferenceLinks({ references }: { references: readonly string[] }) {
  const recordOpened = useEditorStore((s) => s.recordOpened);
  if (references.length === 0) return none;
  return (
    <ul className="inline-list">
      {references.map((reference) => (
        <li key={reference}>
          <button type="button" className="link-button" onClick={() => void recordOpened(reference)}>
            {reference}
          </button>
        </li>
      ))}
    </ul>
  );
}

function statusText(record: DecisionRecord, supersededBy: readonly string[]): string {
  const status = publicationStatus(record, londonDay(new Date()), supersededBy);
  if (status === 'unpublished' && record.withdrawal) return 'Withdrawn (not yet published)';
  if (status === 'deferred' && record.publication?.deferUntil)
    return `Deferred until ${formatDay(record.publication.deferUntil)}`;
  return PUBLICATION_STATUS_LABELS[status];
}

function List<T>({ items, render }: { items: readonly T[]; render(item: T): ReactNode }) {
  if (items.length === 0) return none;
  return (
    <ul>
      {items.map((item, index) => (
        <li key={index}>{render(item)}</li>
      ))}
    </ul>
  );
}

const KIND_NAMES: Record<FileContents['kind'], string> = {
  pdf: 'PDF',
  docx: 'Word document',
  json: 'JSON',
  other: 'File',
};

function FileReport({ file, index }: { file: FileContents; index: number }) {
  const headingId = `contents-file-${index}`;
  return (
    <section className="contents-file" aria-labelledby={headingId}>
      <h4 id={headingId}>
        {file.fileName}{' '}
        <span className="muted">
          ({KIND_NAMES[file.kind]}, {formatBytes(file.bytes)})
        </span>
      </h4>
      <dl className="contents-facts">
        <dt>Metadata</dt>
        <dd>
          <List items={file.metadata} render={(item) => `${item.name}: ${item.value}`} />
        </dd>
        <dt>Attached files</dt>
        <dd>
          <List
            items={file.attachments}
            render={(item) => `${item.name} (${formatBytes(item.bytes)}${item.mimeType ? `, ${item.mimeType}` : ''})`}
          />
        </dd>
        <dt>Images</dt>
        <dd>
          <List
            items={file.images}
            render={(item) => `${item.description ?? item.name} (${formatBytes(item.bytes)})`}
          />
        </dd>
        <dt>People named</dt>
        <dd>
          <List items={file.people} render={(name) => name} />
        </dd>
        <dt>Hidden items</dt>
        <dd>
          <List items={file.hidden} render={(item) => item} />
        </dd>
      </dl>
    </section>
  );
}

function ContentsCheck({ record }: { record: DecisionRecord }) {
  const contents = usePublicationStore((s) => s.contents);
  const contentsRequested = usePublicationStore((s) => s.contentsRequested);
  const loading = contents.status === 'loading';
  return (
    <section className="contents-check" aria-labelledby="contents-check-heading" aria-busy={loading}>
      <h3 id="contents-check-heading">What the public copy contains</h3>
      <p className="hint">
        {record.status === 'decided'
          ? 'This record is published at the next sync with the shared folder. Check what its public files carry before they go out.'
          : 'Read back from the public files themselves: what anyone who downloads them can find.'}
      </p>
      <button
        type="button"
        className="button"
        aria-disabled={loading}
        onClick={() => void (loading || contentsRequested(record.id))}
      >
        {loading ? 'Checking…' : contents.status === 'ready' ? 'Check again' : 'Check the public copy'}
      </button>
      <div role="status" className="contents-result">
        {contents.status === 'ready' &&
          (contents.files.length === 0 ? (
            <p>None: there are no public files for this record.</p>
          ) : (
            contents.files.map((file, index) => (
              <FileReport key={`${file.fileName}-${index}`} file={file} index={index} />
            ))
          ))}
      </div>
      <div role="alert">{contents.status === 'failed' && <p className="notice notice-error">{contents.error}</p>}</div>
    </section>
  );
}

function WithdrawButton({ record }: { record: DecisionRecord }) {
  const withdrawing = usePublicationStore((s) => s.withdrawing);
  const withdrawRequested = usePublicationStore((s) => s.withdrawRequested);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const reasonBox = useRef<HTMLTextAreaElement>(null);

  async function confirm() {
    if (!reason.trim()) {
      setProblem('Give the reason for withdrawing it: the register shows it.');
      reasonBox.current?.focus();
      return;
    }
    if (await withdrawRequested(record, reason.trim())) {
      setOpen(false);
      setReason('');
    } else {
      setOpen(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="button button-danger-outline"
        aria-disabled={withdrawing}
        onClick={() => {
          setProblem(null);
          setOpen(true);
        }}
      >
        {withdrawing ? 'Withdrawing…' : 'Withdraw…'}
      </button>
      <Dialog
        open={open}
        title={`Withdraw ${record.reference ?? 'this decision'}?`}
        onClose={() => setOpen(false)}
        className="confirm-dialog"
        initialFocus={reasonBox}
      >
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void confirm();
          }}
        >
          <p id="withdraw-explained">
            It stays on the register marked withdrawn, with your reason. The signatures still stand for what was
            decided, and a withdrawal cannot be undone.
          </p>
          <div className={`field${problem ? ' has-error' : ''}`}>
            <label htmlFor="withdraw-reason">Reason for withdrawing it</label>
            <p id="withdraw-reason-hint" className="hint">
              Shown on the public register, e.g. &ldquo;Replaced by a revised decision&rdquo;.
            </p>
            <textarea
              id="withdraw-reason"
              ref={reasonBox}
              rows={3}
              maxLength={5_000}
              value={reason}
              required
              aria-required="true"
              aria-invalid={problem ? true : undefined}
              aria-describedby={['withdraw-reason-hint', problem ? 'withdraw-reason-error' : '']
                .filter(Boolean)
                .join(' ')}
              spellCheck
              lang="en-GB"
              onChange={(event) => {
                setReason(event.target.value);
                if (problem && event.target.value.trim()) setProblem(null);
              }}
            />
            {problem && (
              <p id="withdraw-reason-error" className="field-error">
                {problem}
              </p>
            )}
          </div>
          <div className="dialog-actions">
            <button type="submit" className="button button-primary button-danger" aria-disabled={withdrawing}>
              Withdraw
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

export function PublicationPanel({ record, template }: { record: DecisionRecord; template: OfficeTemplate }) {
  const supersededBy = usePublicationStore((s) => (s.recordId === record.id ? s.supersededBy : NO_REFERENCES));
  const notice = usePublicationStore((s) => (s.recordId === record.id ? s.notice : null));
  const publicationShown = usePublicationStore((s) => s.publicationShown);

  // Again when the record moves on (published by a sync, withdrawn): what supersedes it may have changed too.
  // The record as of this id, status and revision: a new object for the same revision changes nothing, so the
  // effect reads the latest one rather than depending on it.
  const shown = useRef(record);
  shown.current = record;
  useEffect(() => {
    void publicationShown(shown.current);
  }, [record.id, record.status, record.revision, publicationShown]);

  const decided = decisionDay(record, template);
  const signed = signedDay(record, template);
  const { withdrawal } = record;
  return (
    <section className="publication-panel" aria-labelledby="publication-panel-heading">
      <h2 id="publication-panel-heading">Publication status</h2>
      <dl className="publication-facts">
        <dt>Status</dt>
        <dd>
          <strong>{statusText(record, supersededBy)}</strong>
        </dd>
        <dt>Date of decision</dt>
        <dd>
          {decided ? formatDay(decided) : none}
          {record.publication?.decisionDate && <span className="muted"> (as the record states it)</span>}
        </dd>
        <dt>Date signed</dt>
        <dd>{signed ? formatDay(signed) : none}</dd>
        <dt>Date published</dt>
        <dd>
          {record.publishedAt ? formatDate(record.publishedAt) : <span className="muted">Not yet published</span>}
        </dd>
        <dt>Supersedes</dt>
        <dd>
          <ReferenceLinks references={record.publication?.supersedes ?? NO_REFERENCES} />
        </dd>
        <dt>Superseded by</dt>
        <dd>
          <ReferenceLinks references={supersededBy} />
        </dd>
        <dt>Withdrawal</dt>
        <dd>
          {withdrawal ? (
            <div className="withdrawal">
              <p>
                Withdrawn on {formatDate(withdrawal.at)} by {withdrawal.by}.
              </p>
              <p className="muted">Reason given:</p>
              <blockquote className="pre-line">{withdrawal.reason}</blockquote>
            </div>
          ) : (
            <>
              <span className="muted">Not withdrawn</span> <WithdrawButton record={record} />
            </>
          )}
        </dd>
      </dl>
      <NoticeArea notice={notice} />
      <ContentsCheck record={record} />
    </section>
  );
}
