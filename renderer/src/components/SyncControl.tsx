// Sync in the bar: how it stands ("Synced 12:04"), leading to its details and conflicts; Sync now, and what it did.

import { outcomeText, syncSelectors } from '../stores/sync/selectors.ts';
import { useSyncStore } from '../stores/sync/store.ts';
import { uiSelectors, useUiStore } from '../stores/ui/store.ts';
import { NoticeArea } from './Notice.tsx';

export function SyncControl() {
  const label = useSyncStore(syncSelectors.label);
  const tone = useSyncStore(syncSelectors.tone);
  const availability = useSyncStore(syncSelectors.availability);
  const syncing = useSyncStore(syncSelectors.syncing);
  const outcome = useSyncStore(syncSelectors.outcome);
  const { syncNowRequested, outcomeDismissed } = useSyncStore.getState();
  const view = useUiStore(uiSelectors.view);
  const viewChosen = useUiStore((s) => s.viewChosen);
  const failed = outcome !== null && (outcome.kind === 'failed' || !outcome.summary.ok);

  return (
    <div className="sync-control">
      <button
        type="button"
        className={`sync-state sync-${tone}`}
        aria-current={view === 'conflicts' ? 'page' : undefined}
        onClick={() => viewChosen('conflicts')}
      >
        <span className="sync-dot" aria-hidden="true" />
        {label}
        <span className="visually-hidden">: sync details</span>
      </button>
      {availability !== 'off' && (
        <button
          type="button"
          className="button button-on-dark"
          aria-disabled={syncing}
          onClick={() => void syncNowRequested()}
        >
          {syncing ? 'Syncing…' : 'Sync now'}
        </button>
      )}
      <div className="sync-outcome">
        <NoticeArea
          notice={outcome && { kind: failed ? 'error' : 'saved', message: outcomeText(outcome) }}
          action={
            <button type="button" className="button button-small" onClick={outcomeDismissed}>
              Close
            </button>
          }
        />
      </div>
    </div>
  );
}
