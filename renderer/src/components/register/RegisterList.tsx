// The register's lines, windowed: only the lines in view (and a few either side) exist, so 50,000 scroll smoothly.

import { type KeyboardEvent, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { registerColumnsOf } from '../../../../electron/core/domain/publication.ts';
import { formatWhen, referenceOf, UNTITLED } from '../../format.ts';
import { lineAt } from '../../stores/records/query.ts';
import { recordsSelectors } from '../../stores/records/selectors.ts';
import { useRecordsStore } from '../../stores/records/store.ts';
import { settingsSelectors } from '../../stores/settings/selectors.ts';
import { useSettingsStore } from '../../stores/settings/store.ts';
import { Highlight } from '../Highlight.tsx';
import { StatusTag } from '../StatusTag.tsx';

/** Every line is this tall (px), so where a line sits follows from its index alone. */
export const LINE_HEIGHT = 48;
const OVERSCAN = 10;

export interface RegisterListProps {
  /** A line was chosen (Enter or a click). */
  onOpen(id: string): void;
  /** The id of the record open in the editor, marked in the list. */
  openRecordId: string | null;
}

const lineId = (index: number) => `register-line-${index}`;

/**
 * The register's own columns for the office's template: the decision maker where several may take a decision, the
 * category where it has categories. Kent's template has neither, and the register is as it was.
 */
export function useRegisterColumns(): { decisionMaker: boolean; category: boolean; className: string } {
  const template = useSettingsStore(settingsSelectors.template);
  return useMemo(() => {
    const columns = template ? registerColumnsOf(template) : { decisionMaker: false, category: false };
    const className = [columns.decisionMaker ? 'with-decision-maker' : '', columns.category ? 'with-category' : '']
      .filter(Boolean)
      .join(' ');
    return { ...columns, className };
  }, [template]);
}

export function RegisterList({ onOpen, openRecordId }: RegisterListProps) {
  const total = useRecordsStore(recordsSelectors.total);
  const pages = useRecordsStore(recordsSelectors.pages);
  const terms = useRecordsStore(recordsSelectors.terms);
  const shownText = useRecordsStore(recordsSelectors.shownText);
  const activeIndex = useRecordsStore(recordsSelectors.activeIndex);
  const linesNeeded = useRecordsStore((s) => s.linesNeeded);
  const lineActivated = useRecordsStore((s) => s.lineActivated);
  const columns = useRegisterColumns();
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 0 });
  const keyboardMoved = useRef(false);

  useLayoutEffect(() => {
    const element = scroller.current!;
    const measure = () => setView({ top: element.scrollTop, height: element.clientHeight });
    // Coming back to the register (from a record), the line the person was on is in view again.
    element.scrollTop = Math.max(0, useRecordsStore.getState().activeIndex * LINE_HEIGHT - element.clientHeight / 2);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(view.top / LINE_HEIGHT) - OVERSCAN);
  const last = Math.min(
    total - 1,
    Math.ceil((view.top + Math.max(view.height, LINE_HEIGHT * 20)) / LINE_HEIGHT) + OVERSCAN,
  );

  useEffect(() => {
    if (total > 0) linesNeeded(first, last);
  }, [first, last, pages, total, linesNeeded]);

  // The bench reads these marks: when the first lines, and each search's results, are in the page (before paint).
  useLayoutEffect(() => {
    if (!pages[0]) return;
    if (performance.getEntriesByName('desk:register-usable').length === 0) performance.mark('desk:register-usable');
    performance.mark('desk:lines-shown', { detail: shownText });
  }, [pages, shownText]);

  // The keyboard's line stays in view; a click does not scroll.
  useEffect(() => {
    const element = scroller.current;
    if (!element || !keyboardMoved.current) return;
    keyboardMoved.current = false;
    const top = activeIndex * LINE_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + LINE_HEIGHT > element.scrollTop + element.clientHeight)
      element.scrollTop = top + LINE_HEIGHT - element.clientHeight;
  }, [activeIndex]);

  function move(index: number) {
    keyboardMoved.current = true;
    lineActivated(index);
  }

  function keyDown(event: KeyboardEvent<HTMLDivElement>) {
    const perPage = Math.max(1, Math.floor(view.height / LINE_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + perPage,
      PageUp: activeIndex - perPage,
      Home: 0,
      End: total - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      move(moves[event.key]!);
    } else if (event.key === 'Enter' || event.key === ' ') {
      const line = lineAt(pages, activeIndex);
      if (line) {
        event.preventDefault();
        onOpen(line.id);
      }
    }
  }

  const indexes: number[] = [];
  for (let i = first; i <= last; i++) indexes.push(i);
  if (total > 0 && (activeIndex < first || activeIndex > last)) indexes.push(activeIndex);

  return (
    <div
      ref={scroller}
      className="register-list"
      role="listbox"
      aria-label="Records of decision"
      tabIndex={0}
      aria-activedescendant={total > 0 ? lineId(activeIndex) : undefined}
      onScroll={(event) => setView({ top: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight })}
      onKeyDown={keyDown}
    >
      <div className="register-spacer" style={{ height: total * LINE_HEIGHT }}>
        {indexes.map((index) => {
          const line = lineAt(pages, index);
          const isOpen = line !== undefined && line.id === openRecordId;
          return (
            <div
              key={index}
              id={lineId(index)}
              role="option"
              aria-selected={index === activeIndex}
              aria-posinset={index + 1}
              aria-setsize={total}
              aria-busy={line ? undefined : true}
              className={`register-line${index === activeIndex ? ' is-active' : ''}${isOpen ? ' is-open' : ''}`}
              style={{ transform: `translateY(${index * LINE_HEIGHT}px)` }}
              onClick={() => {
                lineActivated(index);
                if (line) onOpen(line.id);
              }}
            >
              {line ? (
                <>
                  <span className="cell cell-reference">
                    {line.reference ? (
                      <Highlight text={line.reference} terms={terms} />
                    ) : (
                      <span className="muted">{referenceOf(line)}</span>
                    )}
                  </span>
                  <span className="cell cell-title">
                    <Highlight text={line.title || UNTITLED} terms={terms} />
                  </span>
                  <span className="cell cell-originator">
                    {line.originator ? (
                      <Highlight text={line.originator} terms={terms} />
                    ) : (
                      <span className="muted">Not given</span>
                    )}
                  </span>
                  {columns.decisionMaker && (
                    <span className="cell cell-decision-maker" title={line.decisionMaker}>
                      {line.decisionMaker ?? <span className="muted">Not known</span>}
                    </span>
                  )}
                  {columns.category && (
                    <span className="cell cell-category">{line.category ?? <span className="muted">None</span>}</span>
                  )}
                  <span className="cell cell-status">
                    <StatusTag status={line.status} />
                  </span>
                  <span className="cell cell-classification">
                    {line.classification === 'confidential' ? 'Confidential' : 'Open'}
                  </span>
                  <span className="cell cell-updated">
                    <time dateTime={line.updatedAt}>{formatWhen(line.updatedAt)}</time>
                  </span>
                </>
              ) : (
                <span className="cell muted">Loading…</span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
