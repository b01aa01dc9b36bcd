// The bin: the drafts deleted from the register, most recently deleted first, each with when it went and Restore.

import { useEffect, useRef } from 'react';
import { formatWhen, UNTITLED } from '../../format.ts';
import { recordsSelectors } from '../../stores/records/selectors.ts';
import { useRecordsStore } from '../../stores/records/store.ts';

function countText(total: number): string {
  return total === 1 ? '1 draft in the bin' : `${total.toLocaleString('en-GB')} drafts in the bin`;
}

export interface BinListProps {
  /** Where the focus goes once the last draft in the bin is restored. */
  onEmptied(): void;
}

export function BinList({ onEmptied }: BinListProps) {
  const bin = useRecordsStore(recordsSelectors.bin);
  const hasMore = useRecordsStore(recordsSelectors.binHasMore);
  const { restoreRequested, binMoreRequested, shownChosen } = useRecordsStore.getState();
  const list = useRef<HTMLUListElement>(null);
  /** The place of the draft just restored: the focus moves to the Restore that took its place. */
  const restoredAt = useRef<number | null>(null);

  useEffect(() => {
    const at = restoredAt.current;
    if (at === null) return;
    restoredAt.current = null;
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('.bin-restore') ?? [];
    const next = buttons[Math.min(at, buttons.length - 1)];
    if (next) next.focus();
    else onEmptied();
  }, [bin.items, onEmptied]);

  async function restore(index: number, item: { id: string; title: string }) {
    // Set before the answer: the list changes (and the effect runs) before restoreRequested resolves.
    restoredAt.current = index;
    if (!(await restoreRequested(item))) restoredAt.current = null;
  }

  return (
    <div className="bin">
      <p className="hint">
        Drafts deleted from the register wait here, out of the register and search, until they are restored. A record
        with a reference is never deleted.
      </p>
      <p className="register-count" role="status">
        {bin.status === 'loading' || bin.status === 'idle'
          ? 'Loading the bin…'
          : bin.status === 'ready'
            ? countText(bin.total)
            : ''}
      </p>
      {bin.status === 'failed' && (
        <div className="notice notice-error" role="alert">
          <p>The bin could not be loaded. {bin.error}</p>
          <button type="button" className="button" onClick={() => void shownChosen('bin')}>
            Try again
          </button>
        </div>
      )}
      {bin.status === 'ready' && bin.total === 0 && (
        <p className="empty-state">The bin is empty. Drafts you delete wait here until you restore them.</p>
      )}
      {bin.items.length > 0 && (
        <ul ref={list} className="bin-list" aria-label="Deleted drafts">
          {bin.items.map((item, index) => {
            const title = item.title.trim() || UNTITLED;
            const restoring = bin.restoring === item.id ? 'Restoring…' : 'Restore';
            return (
              <li key={item.id} className="bin-item">
                <div className="bin-what">
                  <span className="bin-title">{title}</span>
                  <span className="bin-facts">
                    {item.originator || 'No originator'}
                    <span aria-hidden="true"> · </span>
                    <span>
                      Last changed <time dateTime={item.updatedAt}>{formatWhen(item.updatedAt)}</time>
                    </span>
                  </span>
                </div>
                <span className="bin-when">
                  Deleted <time dateTime={item.binnedAt}>{item.binnedAt ? formatWhen(item.binnedAt) : ''}</time>
                </span>
                <button
                  type="button"
                  className="button bin-restore"
                  // Each Restore says which draft it restores; the visible word comes first, as speech input expects.
                  aria-label={`${restoring} ${title}`}
                  aria-disabled={bin.restoring !== null}
                  onClick={() => void restore(index, { id: item.id, title: item.title })}
                >
                  {restoring}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {hasMore && (
        <button type="button" className="button bin-more" onClick={() => void binMoreRequested()}>
          Show more of the bin
        </button>
      )}
    </div>
  );
}
