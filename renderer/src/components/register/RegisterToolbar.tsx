// The register's search box, filters and order, and the count of what they find.

import { useEffect, useRef } from 'react';
import { RECORD_STATUSES, type RecordStatus } from '../../../../electron/core/domain/record.ts';
import { STATUS_LABELS } from '../../../../electron/core/domain/workflow.ts';
import { formatRecords } from '../../format.ts';
import { recordsSelectors } from '../../stores/records/selectors.ts';
import { type RegisterSort, useRecordsStore } from '../../stores/records/store.ts';
import { uiSelectors, useUiStore } from '../../stores/ui/store.ts';
import { PublicationPackButton } from './PublicationPack.tsx';

/** Commissioners were first elected in November 2012, so no record is older. */
const FIRST_YEAR = 2012;

const ORDERS: { value: string; label: string; sort: RegisterSort; direction: 'asc' | 'desc' }[] = [
  { value: 'updated-desc', label: 'Last changed, newest first', sort: 'updated', direction: 'desc' },
  { value: 'updated-asc', label: 'Last changed, oldest first', sort: 'updated', direction: 'asc' },
  { value: 'reference-desc', label: 'Reference, newest first', sort: 'reference', direction: 'desc' },
  { value: 'reference-asc', label: 'Reference, oldest first', sort: 'reference', direction: 'asc' },
];

function countText(total: number, capped: boolean, text: string, filtered: boolean): string {
  const searched = text.trim();
  if (!searched) return filtered ? `${formatRecords(total)} match the filters` : formatRecords(total);
  if (total === 0) return `No records match \u201c${searched}\u201d`;
  // A search counts its first matches and shows them; a longer or filtered search reaches the rest.
  if (capped)
    return `${total.toLocaleString('en-GB')}+ records match \u201c${searched}\u201d: the first ${total.toLocaleString('en-GB')} are shown; add a word or a filter to narrow them`;
  return `${formatRecords(total)} ${total === 1 ? 'matches' : 'match'} \u201c${searched}\u201d`;
}

export function RegisterToolbar({ onListFocus }: { onListFocus(): void }) {
  const query = useRecordsStore(recordsSelectors.query);
  const total = useRecordsStore(recordsSelectors.total);
  const capped = useRecordsStore(recordsSelectors.capped);
  const shownText = useRecordsStore(recordsSelectors.shownText);
  const isLoading = useRecordsStore(recordsSelectors.isLoading);
  const isFiltered = useRecordsStore(recordsSelectors.isFiltered);
  const searchTyped = useRecordsStore((s) => s.searchTyped);
  const filtersChosen = useRecordsStore((s) => s.filtersChosen);
  const filtersCleared = useRecordsStore((s) => s.filtersCleared);
  const sortChosen = useRecordsStore((s) => s.sortChosen);
  const searchRequests = useUiStore(uiSelectors.searchRequests);
  const searchBox = useRef<HTMLInputElement>(null);

  // Each Ctrl+F once: coming back to the register later leaves the focus to whatever brought the person here.
  useEffect(() => {
    if (!uiSelectors.searchRequestPending(useUiStore.getState()) || !searchBox.current) return;
    searchBox.current.focus();
    searchBox.current.select();
    useUiStore.getState().searchRequestMet();
  }, [searchRequests]);

  const thisYear = new Date().getFullYear();
  const years: number[] = [];
  for (let year = thisYear + 1; year >= FIRST_YEAR; year--) years.push(year);

  return (
    <div className="register-toolbar">
      <div className="search-field" role="search">
        <label htmlFor="register-search">Search records</label>
        <input
          id="register-search"
          ref={searchBox}
          type="search"
          value={query.text}
          placeholder="Reference, title, originator or any words in the text"
          autoComplete="off"
          spellCheck={false}
          aria-keyshortcuts="Control+F"
          aria-describedby="register-count"
          onChange={(event) => searchTyped(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              onListFocus();
            }
          }}
        />
      </div>
      <div className="filters">
        <div className="filter">
          <label htmlFor="filter-status">Status</label>
          <select
            id="filter-status"
            value={query.status ?? ''}
            onChange={(event) => filtersChosen({ status: (event.target.value || null) as RecordStatus | null })}
          >
            <option value="">All statuses</option>
            {RECORD_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="filter-year">Year</label>
          <select
            id="filter-year"
            value={query.year ?? ''}
            onChange={(event) => filtersChosen({ year: event.target.value ? Number(event.target.value) : null })}
          >
            <option value="">All years</option>
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="filter-classification">Classification</label>
          <select
            id="filter-classification"
            value={query.classification ?? ''}
            onChange={(event) =>
              filtersChosen({ classification: (event.target.value || null) as 'open' | 'confidential' | null })
            }
          >
            <option value="">Open and confidential</option>
            <option value="open">Open</option>
            <option value="confidential">Confidential</option>
          </select>
        </div>
        <div className="filter">
          <label htmlFor="register-order">Order</label>
          <select
            id="register-order"
            value={`${query.sort}-${query.direction}`}
            onChange={(event) => {
              const order = ORDERS.find((o) => o.value === event.target.value) ?? ORDERS[0]!;
              sortChosen(order.sort, order.direction);
            }}
          >
            {ORDERS.map((order) => (
              <option key={order.value} value={order.value}>
                {order.label}
              </option>
            ))}
          </select>
        </div>
        {isFiltered && (
          <button type="button" className="button button-quiet" onClick={filtersCleared}>
            Clear filters
          </button>
        )}
        <PublicationPackButton />
      </div>
      <p id="register-count" className="register-count" role="status">
        {isLoading ? 'Loading records…' : countText(total, capped, shownText, isFiltered)}
      </p>
    </div>
  );
}
