// Sync with the shared folder: how it stands, and the conflicts to resolve, each with its two sides and its actions.

import { useEffect, useRef } from 'react';
import { NoticeArea } from '../components/Notice.tsx';
import { formatWhen } from '../format.ts';
import {
  CONFLICT_ACTION_LABELS,
  CONFLICT_KIND_LABELS,
  conflictSides,
  syncSelectors,
} from '../stores/sync/selectors.ts';
import { type ShareVerification, type SyncConflictView, useSyncStore } from '../stores/sync/store.ts';

function SyncDetails() {
  const status = useSyncStore(syncSelectors.status);
  const availability = useSyncStore(syncSelectors.availability);
  const statusError = useSyncStore(syncSelectors.statusError);
  if (availability === 'off') {
    return (
      <div className="notice notice-info">
        <p>Sync with the shared folder is not running in this session, so records stay on this device. {statusError}</p>
      </div>
    );
  }
  if (!status) return <p className="muted">{statusError ?? 'Asking how sync stands…'}</p>;
  return (
    <dl className="sync-details">
      <div>
        <dt>Shared folder</dt>
        <dd className="sync-folder">
          {status.folder ??
            'None chosen yet. Choose the office\u2019s shared folder in Settings: until then, records wait on this device to be handed over and published.'}
        </dd>
      </div>
      <div>
        <dt>Last synced</dt>
        <dd>
          {status.lastSyncedAt ? (
            <time dateTime={status.lastSyncedAt}>{formatWhen(status.lastSyncedAt)}</time>
          ) : (
            'Not yet'
          )}
        </dd>
      </div>
      <div>
        <dt>Waiting to sync</dt>
        <dd>
          {status.waiting === 0 ? 'Nothing' : status.waiting.toLocaleString('en-GB')}
          {status.referencesPending > 0 &&
            `, of which ${status.referencesPending.toLocaleString('en-GB')} waiting for a reference`}
        </dd>
      </div>
      {status.offlineSince && (
        <div>
          <dt>Offline since</dt>
          <dd>
            <time dateTime={status.offlineSince}>{formatWhen(status.offlineSince)}</time>
          </dd>
        </div>
      )}
      {status.lastError && (
        <div className="sync-details-wide">
          <dt>Last problem</dt>
          <dd>{status.lastError.message}</dd>
        </div>
      )}
    </dl>
  );
}

/** What Verify shared folder found, in one sentence. */
export function verificationText({ checked, problems }: ShareVerification): string {
  const n = checked.toLocaleString('en-GB');
  if (checked === 0 && problems.length === 0) return 'There are no published records on the shared folder to check.';
  if (problems.length === 0)
    return checked === 1 ? 'Checked 1 published record: it verifies.' : `Checked ${n} published records: all verify.`;
  const bad = problems.length === 1 ? '1 does not verify' : `${problems.length.toLocaleString('en-GB')} do not verify`;
  return `Checked ${n} published ${checked === 1 ? 'record' : 'records'}: ${bad}. Nothing was changed; each is listed below and under the conflicts.`;
}

function VerifyShare() {
  const verification = useSyncStore((s) => s.verification);
  const verifyShareRequested = useSyncStore((s) => s.verifyShareRequested);
  const running = verification.phase === 'running';
  return (
    <section className="verify-share" aria-labelledby="verify-share-heading">
      <h3 id="verify-share-heading">Published records on the shared folder</h3>
      <p className="hint">
        Reads every published record on the shared folder again, whole, and checks its signatures, the office seal on
        its PDF and that no file changed since it was published.
      </p>
      <button type="button" className="button" aria-disabled={running} onClick={() => void verifyShareRequested()}>
        {running ? 'Verifying…' : 'Verify shared folder'}
      </button>
      <div role="status" className="verify-share-outcome">
        {running && (
          <p className="verify-share-running">
            <span className="spinner" aria-hidden="true" />
            Checking every published record on the shared folder. On a big share this takes a while: carry on working,
            the answer comes here.
          </p>
        )}
        {verification.phase === 'done' && (
          <p className={verification.result.problems.length === 0 ? 'verify-share-ok' : 'error-text'}>
            {verificationText(verification.result)} <span className="muted">({formatWhen(verification.at)})</span>
          </p>
        )}
        {verification.phase === 'failed' && (
          <p className="error-text">The shared folder was not verified. {verification.message}</p>
        )}
      </div>
      {verification.phase === 'done' && verification.result.problems.length > 0 && (
        <ul className="verify-share-problems" aria-label="Published records that do not verify">
          {verification.result.problems.map((problem) => (
            <li key={problem.path}>
              <strong>{problem.reference ?? problem.path}</strong>: {problem.reason}
              {problem.reference && <span className="sync-folder"> {problem.path}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ConflictItem({ conflict }: { conflict: SyncConflictView }) {
  const resolving = useSyncStore(syncSelectors.resolving);
  const conflictResolveRequested = useSyncStore((s) => s.conflictResolveRequested);
  const headingId = `conflict-${conflict.id}`;
  const sides = conflictSides(conflict);
  return (
    <li className="conflict-item">
      <article aria-labelledby={headingId}>
        <h4 id={headingId}>
          {CONFLICT_KIND_LABELS[conflict.kind]}
          {conflict.reference ? `: ${conflict.reference}` : ''}
        </h4>
        <p>{conflict.message}</p>
        <dl className="conflict-facts">
          <div>
            <dt>Found</dt>
            <dd>
              <time dateTime={conflict.foundAt}>{formatWhen(conflict.foundAt)}</time>
            </dd>
          </div>
          {conflict.path && (
            <div>
              <dt>On the shared folder</dt>
              <dd className="sync-folder">{conflict.path}</dd>
            </div>
          )}
        </dl>
        {sides.length > 0 && (
          <div className="conflict-sides">
            {sides.map((side) => (
              <section key={side.label} aria-label={side.label}>
                <h5>{side.label}</h5>
                <dl>
                  {side.facts.map((fact) => (
                    <div key={fact.term}>
                      <dt>{fact.term}</dt>
                      <dd>{fact.value}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
        )}
        <div className="conflict-actions" role="group" aria-labelledby={headingId}>
          {conflict.actions.map((action, index) => (
            <button
              key={action}
              type="button"
              className={`button${index === 0 ? ' button-primary' : ''}`}
              aria-disabled={resolving !== null}
              onClick={() => void conflictResolveRequested(conflict.id, action)}
            >
              {resolving?.id === conflict.id && resolving.action === action
                ? 'Working…'
                : CONFLICT_ACTION_LABELS[action]}
            </button>
          ))}
        </div>
      </article>
    </li>
  );
}

export function ConflictsView() {
  const conflicts = useSyncStore(syncSelectors.conflicts);
  const conflictsStatus = useSyncStore(syncSelectors.conflictsStatus);
  const conflictsError = useSyncStore(syncSelectors.conflictsError);
  const notice = useSyncStore(syncSelectors.notice);
  const availability = useSyncStore(syncSelectors.availability);
  const conflictsOpened = useSyncStore((s) => s.conflictsOpened);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const count = conflicts.length;
  const shownCount = useRef(count);

  useEffect(() => {
    void conflictsOpened();
  }, [conflictsOpened]);

  // A resolved conflict leaves the list: the focus goes to the list's heading rather than to nowhere.
  useEffect(() => {
    if (count < shownCount.current && document.activeElement === document.body) listHeading.current?.focus();
    shownCount.current = count;
  }, [count]);

  return (
    <section className="view conflicts-view" aria-labelledby="conflicts-heading">
      <div className="view-header">
        <h2 id="conflicts-heading">Sync with the shared folder</h2>
      </div>
      <SyncDetails />
      {availability !== 'off' && (
        <>
          <VerifyShare />
          <h3 className="conflicts-heading" ref={listHeading} tabIndex={-1}>
            Conflicts to resolve{conflictsStatus === 'ready' ? ` (${count})` : ''}
          </h3>
          <NoticeArea notice={notice} />
          {conflictsStatus === 'loading' && <p className="muted">Finding the conflicts…</p>}
          {conflictsStatus === 'failed' && (
            <div className="notice notice-error" role="alert">
              <p>The conflicts could not be listed. {conflictsError}</p>
              <button type="button" className="button" onClick={() => void conflictsOpened()}>
                Try again
              </button>
            </div>
          )}
          {conflictsStatus === 'ready' && count === 0 && <p className="empty-state">No conflicts to resolve.</p>}
          {count > 0 && (
            <ul className="conflict-list" aria-label="Conflicts to resolve">
              {conflicts.map((conflict) => (
                <ConflictItem key={conflict.id} conflict={conflict} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
