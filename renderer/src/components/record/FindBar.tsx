// Find in the open record (Ctrl+F, as in Word): every match in the form's fields, one of them current.
//
// The rich-text sections belong to their editor, which owns its DOM: matches there are found by reading the text
// nodes and shown with the CSS Custom Highlight API, which paints ranges without changing a node. Plain fields show
// their current match as a selection.

import { type RefObject, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useEditorStore } from '../../stores/editor/store.ts';
import { uiSelectors, useUiStore } from '../../stores/ui/store.ts';

type Match =
  | { kind: 'field'; element: HTMLInputElement | HTMLTextAreaElement; start: number; end: number }
  | { kind: 'rich'; element: HTMLElement; range: Range };

const FIELDS = 'input[type="text"], input:not([type]), input[type="search"], textarea, .rich-editor';
const BLOCKS = new Set(['P', 'LI', 'TD', 'TH', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DIV', 'BLOCKQUOTE', 'PRE']);
const ALL = 'find-match';
const CURRENT = 'find-current';

function offsetsOf(text: string, query: string): number[] {
  const found: number[] = [];
  const haystack = text.toLocaleLowerCase('en-GB');
  const needle = query.toLocaleLowerCase('en-GB');
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}

function blockOf(node: Node, root: HTMLElement): Node {
  for (let at = node.parentNode; at && at !== root; at = at.parentNode) if (BLOCKS.has(at.nodeName)) return at;
  return root;
}

/** Matches in one rich-text section: its text nodes read as one string per block, so bold in a word still matches. */
function richMatches(root: HTMLElement, query: string): Match[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const pieces: { node: Text; at: number }[] = [];
  let text = '';
  let block: Node | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const here = blockOf(node, root);
    // A line break between blocks, so a match never runs from one paragraph into the next.
    if (block !== null && here !== block) text += '\n';
    block = here;
    pieces.push({ node: node as Text, at: text.length });
    text += node.nodeValue ?? '';
  }
  const position = (offset: number, end: boolean) => {
    // The piece holding the offset; an end offset at a piece's end stays in that piece.
    let index = pieces.length - 1;
    while (index > 0 && (end ? pieces[index]!.at >= offset : pieces[index]!.at > offset)) index -= 1;
    const piece = pieces[index]!;
    return { node: piece.node, offset: Math.min(offset - piece.at, piece.node.length) };
  };
  return offsetsOf(text, query).map((start) => {
    const range = document.createRange();
    const from = position(start, false);
    const to = position(start + query.length, true);
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return { kind: 'rich', element: root, range };
  });
}

function matchesIn(scope: HTMLElement | null, query: string): Match[] {
  if (!scope || query === '') return [];
  const matches: Match[] = [];
  for (const element of scope.querySelectorAll<HTMLElement>(FIELDS)) {
    if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
      for (const start of offsetsOf(element.value, query))
        matches.push({ kind: 'field', element, start, end: start + query.length });
    } else {
      matches.push(...richMatches(element, query));
    }
  }
  return matches;
}

/** Whether this Chromium paints ranges with CSS.highlights (every version the app ships with does). */
const highlights =
  typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined' ? CSS.highlights : null;

function painted(matches: Match[], current: number): void {
  if (!highlights) return;
  const rich = matches.flatMap((match, index) => (match.kind === 'rich' && index !== current ? [match.range] : []));
  const now = matches[current];
  highlights.set(ALL, new Highlight(...rich));
  if (now?.kind === 'rich') highlights.set(CURRENT, new Highlight(now.range));
  else highlights.delete(CURRENT);
}

function unpainted(): void {
  highlights?.delete(ALL);
  highlights?.delete(CURRENT);
}

function shown(match: Match | undefined): void {
  document.querySelectorAll('[data-find-current]').forEach((element) => element.removeAttribute('data-find-current'));
  if (!match) return;
  match.element.setAttribute('data-find-current', '');
  if (match.kind === 'field') {
    // Selected without taking the focus, which stays in the find box for the next Enter.
    match.element.setSelectionRange(match.start, match.end);
    match.element.scrollIntoView({ block: 'nearest' });
  } else {
    (match.range.startContainer.parentElement ?? match.element).scrollIntoView({ block: 'nearest' });
  }
}

export function FindBar({ scope }: { scope: RefObject<HTMLElement | null> }) {
  const open = useUiStore(uiSelectors.findOpen);
  const requests = useUiStore(uiSelectors.findRequests);
  const findClosed = useUiStore((s) => s.findClosed);
  // Typing (or a save) changes the text: the matches are found again.
  const draft = useEditorStore((s) => s.draft);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const [matches, setMatches] = useState<Match[]>([]);
  const box = useRef<HTMLInputElement>(null);
  const cameFrom = useRef<HTMLElement | null>(null);
  const searched = useRef('');

  // Each Ctrl+F: the cursor in the find box, its text selected, remembering where it came from.
  useEffect(() => {
    if (!open || !box.current) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && !active.closest('.find-bar')) cameFrom.current = active;
    box.current.focus();
    box.current.select();
  }, [open, requests]);

  // After the render that changed the text, so the editors' DOM is up to date.
  useLayoutEffect(() => {
    if (!open) return;
    const found = matchesIn(scope.current, query);
    setMatches(found);
    setCurrent((index) => (found.length === 0 ? 0 : Math.min(index, found.length - 1)));
    // A new search goes to its first match as it is typed; an edit elsewhere leaves the view where it is.
    if (query !== searched.current) shown(found[0]);
    searched.current = query;
  }, [open, query, draft, scope]);

  useEffect(() => {
    if (!open) return;
    painted(matches, current);
    return unpainted;
  }, [open, matches, current]);

  function move(step: 1 | -1) {
    const found = matchesIn(scope.current, query);
    setMatches(found);
    if (found.length === 0) return;
    const next = (Math.min(current, found.length - 1) + step + found.length) % found.length;
    setCurrent(next);
    shown(found[next]);
  }

  function close() {
    shown(undefined);
    findClosed();
    const back = cameFrom.current;
    cameFrom.current = null;
    if (back?.isConnected) back.focus();
  }

  // F3 and Shift+F3 anywhere in the window while the bar is open, as in Word.
  const moveRef = useRef(move);
  moveRef.current = move;
  useEffect(() => {
    if (!open) return;
    const key = (event: KeyboardEvent) => {
      if (event.key !== 'F3') return;
      event.preventDefault();
      moveRef.current(event.shiftKey ? -1 : 1);
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [open]);

  if (!open) return null;
  const count = query === '' ? '' : matches.length === 0 ? 'No matches' : `${current + 1} of ${matches.length}`;
  return (
    <div className="find-bar" role="search" aria-label="Find in this record">
      <label htmlFor="find-box" className="find-label">
        Find in this record
      </label>
      <input
        id="find-box"
        ref={box}
        type="search"
        className="find-box"
        value={query}
        autoComplete="off"
        spellCheck={false}
        aria-describedby="find-count"
        aria-keyshortcuts="Enter Shift+Enter F3 Shift+F3 Escape"
        onChange={(event) => {
          setQuery(event.target.value);
          setCurrent(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            move(event.shiftKey ? -1 : 1);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            close();
          }
        }}
      />
      <p id="find-count" className="find-count" role="status">
        {count}
      </p>
      <button
        type="button"
        className="button button-small"
        aria-label="Previous match"
        disabled={matches.length === 0}
        onClick={() => move(-1)}
      >
        <span aria-hidden="true">↑</span> Previous
      </button>
      <button
        type="button"
        className="button button-small"
        aria-label="Next match"
        disabled={matches.length === 0}
        onClick={() => move(1)}
      >
        <span aria-hidden="true">↓</span> Next
      </button>
      <button type="button" className="button button-small button-quiet" onClick={close}>
        Close
      </button>
    </div>
  );
}
