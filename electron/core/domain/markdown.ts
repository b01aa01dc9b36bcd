// The rich-text Markdown subset of the three text sections, parsed into blocks every export (and the preview) renders.

/*
 * The subset, as docs/record-format.md sets it out; what the writer (markdown-write.ts) writes is CommonMark (GFM for
 * tables) with the same blocks, and the reader stays tolerant of what the first version wrote:
 * - paragraphs are separated by a blank line; every line break inside one is a line break, whether written as
 *   CommonMark's "\" at the line's end (the new writer) or bare (the first version; two trailing spaces are trimmed);
 * - **bold** and *italic* (***both***); a delimiter that is not closed stays as typed, so "2 * 3" is just text;
 * - bullet lists: lines starting "- ", "* " or "• " (as pasted from Word); numbered lists: "1. ", "2. " (up to
 *   three digits, so "2018. was a year" stays a paragraph); lists number from 1 in every export;
 * - up to MAX_LIST_DEPTH levels: an item indented two or more columns past the marker above it nests under it (the
 *   content column CommonMark needs under "- ", and the two spaces the first version wrote under "1. "); deeper
 *   items join the deepest level;
 * - GFM pipe tables: a header row, a delimiter row of as many cells ("---", ":--", "--:", ":-:"), then rows to a
 *   blank line; "\|" is a pipe in a cell;
 * - a backslash before punctuation keeps it literal: \*not italic\*, and "1\. " or "\- " at the start of a line.
 * Nothing else is markup: "#", "_", links and HTML are text.
 */

export interface RichTextRun {
  kind: 'text';
  text: string;
  bold: boolean;
  italic: boolean;
}
export interface RichLineBreak {
  kind: 'break';
}
export type RichInline = RichTextRun | RichLineBreak;

export interface RichListItem {
  content: RichInline[];
  /** Lists nested under this item (MAX_LIST_DEPTH levels in all). */
  children: RichList[];
}
export interface RichList {
  kind: 'list';
  ordered: boolean;
  items: RichListItem[];
}
export interface RichParagraph {
  kind: 'paragraph';
  content: RichInline[];
}
/** A table cell: text with bold and italic, on one line (a pipe table's cell cannot hold a line break). */
export type RichCell = RichTextRun[];
/** A simple table: a header row and rows of cells, every row as many cells as the header. */
export interface RichTable {
  kind: 'table';
  header: RichCell[];
  rows: RichCell[][];
}
export type RichBlock = RichParagraph | RichList | RichTable;

/** How deep lists nest: an item, an item under it, and one more under that. The editor, the writer and both exports keep this many. */
export const MAX_LIST_DEPTH = 3;
/** The most columns a table has; a wider one is cut to this many, its extra cells' text kept in the last. */
export const MAX_TABLE_COLUMNS = 20;

const LIST_ITEM = /^([ \t]*)(?:([-*•])|(\d{1,3})\.)[ \t]+(.*)$/;
/** An item indented this much past its parent's marker nests under it: CommonMark's content column under "- ", and what the first version wrote under "1. ". */
const NESTED_INDENT = 2;
const DELIMITER_CELL = /^:?-+:?$/;

function indentWidth(indent: string): number {
  let width = 0;
  for (const ch of indent) width += ch === '\t' ? 4 : 1;
  return width;
}

interface DraftItem {
  lines: string[];
  children: DraftList[];
}
interface DraftList {
  ordered: boolean;
  items: DraftItem[];
}
/** An open list at one depth: the list and the indent of its first marker. */
interface OpenList {
  list: DraftList;
  indent: number;
}
interface DraftTable {
  header: RichCell[];
  rows: RichCell[][];
}

/**
 * A pipe table row's cells, split on pipes that are not escaped ("\|" is a pipe in the cell, as GFM reads it: only
 * the one backslash before it counts). Outer pipes are optional.
 */
function splitCells(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let start = 0;
  for (let i = 0; i < line.length; i += 1) {
    if (line[i] !== '|') continue;
    if (line[i - 1] === '\\') {
      current += line.slice(start, i - 1);
      start = i;
    } else {
      cells.push(current + line.slice(start, i));
      current = '';
      start = i + 1;
    }
  }
  cells.push(current + line.slice(start));
  if (line.startsWith('|')) cells.shift();
  if (line.endsWith('|') && !line.endsWith('\\|') && cells.length > 0) cells.pop();
  return cells.map((cell) => cell.trim());
}

const isDelimiterRow = (line: string): string[] | null => {
  if (!line.includes('|')) return null;
  const cells = splitCells(line);
  return cells.length > 0 && cells.every((cell) => DELIMITER_CELL.test(cell)) ? cells : null;
};

const cellOf = (text: string): RichCell => parseInline(text).filter((run): run is RichTextRun => run.kind === 'text');

/** A row's cells, at most MAX_TABLE_COLUMNS: the text of any further cells joins the last one, pipes and all. */
function rowOf(line: string): RichCell[] {
  const texts = splitCells(line);
  if (texts.length > MAX_TABLE_COLUMNS)
    texts.splice(MAX_TABLE_COLUMNS - 1, Infinity, texts.slice(MAX_TABLE_COLUMNS - 1).join(' | '));
  return texts.map(cellOf);
}

/** A CommonMark hard break: a backslash at the end of a line that another line follows (an escaped one, "\\", is text). */
function withoutHardBreak(line: string): string {
  const trailing = /\\+$/.exec(line)?.[0].length ?? 0;
  return trailing % 2 === 1 ? line.slice(0, -1) : line;
}
const joinLines = (lines: readonly string[]) =>
  lines.map((line, i) => (i < lines.length - 1 ? withoutHardBreak(line) : line)).join('\n');

/**
 * Parses the Markdown subset into paragraphs, lists and tables. Linear in the length of the text, whatever it
 * holds: each line is looked at a fixed number of times.
 */
export function parseRichText(source: string): RichBlock[] {
  const blocks: RichBlock[] = [];
  const state: { paragraph: string[]; lists: OpenList[]; table: DraftTable | null; blankSinceItem: boolean } = {
    paragraph: [],
    lists: [],
    table: null,
    blankSinceItem: false,
  };
  const flushParagraph = () => {
    if (state.paragraph.length > 0)
      blocks.push({ kind: 'paragraph', content: parseInline(joinLines(state.paragraph)) });
    state.paragraph = [];
  };
  const flushList = () => {
    if (state.lists[0]) blocks.push(finishList(state.lists[0].list));
    state.lists = [];
  };
  const flushTable = () => {
    if (state.table) blocks.push(finishTable(state.table));
    state.table = null;
  };

  const addItem = (indent: number, ordered: boolean, item: DraftItem) => {
    const { lists } = state;
    // Back out of deeper lists the item is not indented into (the top list stays, however it is indented).
    while (lists.length > 1 && indent < lists.at(-1)!.indent) lists.pop();
    const open = lists.at(-1);
    if (!open) {
      state.lists = [{ list: { ordered, items: [item] }, indent }];
      return;
    }
    if (indent >= open.indent + NESTED_INDENT && lists.length < MAX_LIST_DEPTH) {
      const list: DraftList = { ordered, items: [item] };
      open.list.items.at(-1)!.children.push(list);
      lists.push({ list, indent });
      return;
    }
    // A sibling (or an item deeper than the format keeps, which joins the deepest list).
    if (open.list.ordered === ordered) {
      open.list.items.push(item);
    } else if (lists.length === 1) {
      flushList();
      state.lists = [{ list: { ordered, items: [item] }, indent }];
    } else {
      const list: DraftList = { ordered, items: [item] };
      lists.at(-2)!.list.items.at(-1)!.children.push(list);
      lists[lists.length - 1] = { list, indent: open.indent };
    }
  };

  for (const line of source.split(/\r\n|\r|\n/)) {
    const trimmed = line.trim();
    if (trimmed === '') {
      flushParagraph();
      flushTable();
      state.blankSinceItem = true;
      continue;
    }
    const marker = LIST_ITEM.exec(line);
    if (marker) {
      flushParagraph();
      flushTable();
      addItem(indentWidth(marker[1] ?? ''), marker[3] !== undefined, { lines: [marker[4] ?? ''], children: [] });
      state.blankSinceItem = false;
    } else if (state.table) {
      state.table.rows.push(rowOf(trimmed));
    } else if (state.lists.length > 0 && (!state.blankSinceItem || /^[ \t]/.test(line))) {
      // A line under an item continues it, unless a blank line came between and it is not indented.
      state.lists.at(-1)!.list.items.at(-1)!.lines.push(line.trim());
      state.blankSinceItem = false;
    } else {
      flushList();
      const delimiters = state.paragraph.length > 0 ? isDelimiterRow(trimmed) : null;
      const headerLine = state.paragraph.at(-1);
      // A pipe table: a header row with pipes, then a delimiter row of as many cells (GFM's rule; otherwise it is text).
      if (delimiters && headerLine?.includes('|') && splitCells(headerLine).length === delimiters.length) {
        state.paragraph.pop();
        flushParagraph();
        state.table = { header: rowOf(headerLine), rows: [] };
      } else {
        state.paragraph.push(trimmed);
      }
    }
  }
  flushParagraph();
  flushList();
  flushTable();
  return blocks;
}

function finishList(list: DraftList): RichList {
  return {
    kind: 'list',
    ordered: list.ordered,
    items: list.items.map((item) => ({
      content: parseInline(joinLines(item.lines)),
      children: item.children.map(finishList),
    })),
  };
}

/** Every row as wide as the widest (a short row gets empty cells, a long one widens the table), so no text is lost. */
function finishTable(table: DraftTable): RichTable {
  const width = table.rows.reduce((widest, row) => Math.max(widest, row.length), table.header.length);
  const pad = (row: RichCell[]) => [...row, ...Array.from({ length: width - row.length }, (): RichCell => [])];
  return { kind: 'table', header: pad(table.header), rows: table.rows.map(pad) };
}

type Style = 'bold' | 'italic';

interface Delimiter {
  kind: 'delimiter';
  style: Style;
  /** 'open' or 'close' once paired; null while unpaired (then it prints as typed). */
  role: 'open' | 'close' | null;
}
type Token = { kind: 'text'; text: string } | Delimiter;

const ESCAPABLE = /[!-/:-@[-`{-~]/;
const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);

/** Inline emphasis: a run of one star is italic, two bold, three both; a longer run is text. */
export function parseInline(source: string): RichInline[] {
  const tokens: Token[] = [];
  const stack: Delimiter[] = [];
  const openCount: Record<Style, number> = { bold: 0, italic: 0 };
  let text = '';

  const pushText = () => {
    if (text) tokens.push({ kind: 'text', text });
    text = '';
  };
  const close = (style: Style): Delimiter | null => {
    if (openCount[style] === 0) return null;
    // Openers of the other style inside the closed span were never closed: they print as typed.
    for (let top = stack.pop(); top; top = stack.pop()) {
      openCount[top.style] -= 1;
      if (top.style === style) {
        top.role = 'open';
        return { kind: 'delimiter', style, role: 'close' };
      }
    }
    return null;
  };

  const special = /[*\\]/g;
  let i = 0;
  while (i < source.length) {
    special.lastIndex = i;
    const found = special.exec(source);
    const at = found ? found.index : source.length;
    text += source.slice(i, at);
    i = at;
    if (!found) break;
    if (found[0] === '\\') {
      const next = source[i + 1];
      const escaped = next !== undefined && ESCAPABLE.test(next);
      text += escaped ? next : '\\';
      i += escaped ? 2 : 1;
      continue;
    }
    let end = i;
    while (source[end] === '*') end += 1;
    const length = end - i;
    const canOpen = !isSpace(source[end]);
    const canClose = !isSpace(source[i - 1]);
    if (length > 3) {
      text += source.slice(i, end);
      i = end;
      continue;
    }
    pushText();
    // Close the innermost open style first, so ***a*** and **a *b*** pair up as written.
    const styles: Style[] =
      length === 1
        ? ['italic']
        : length === 2
          ? ['bold']
          : stack.at(-1)?.style === 'italic'
            ? ['italic', 'bold']
            : ['bold', 'italic'];
    for (const style of styles) {
      const closer = canClose ? close(style) : null;
      if (closer) tokens.push(closer);
      else {
        const delimiter: Delimiter = { kind: 'delimiter', style, role: null };
        tokens.push(delimiter);
        if (canOpen) {
          stack.push(delimiter);
          openCount[style] += 1;
        }
      }
    }
    i = end;
  }
  pushText();
  return toRuns(tokens);
}

function toRuns(tokens: Token[]): RichInline[] {
  const runs: RichInline[] = [];
  const depth: Record<Style, number> = { bold: 0, italic: 0 };
  const append = (text: string) => {
    const bold = depth.bold > 0;
    const italic = depth.italic > 0;
    text.split('\n').forEach((part, index) => {
      if (index > 0) runs.push({ kind: 'break' });
      if (!part) return;
      const last = runs.at(-1);
      if (last?.kind === 'text' && last.bold === bold && last.italic === italic) last.text += part;
      else runs.push({ kind: 'text', text: part, bold, italic });
    });
  };
  for (const token of tokens) {
    if (token.kind === 'text') append(token.text);
    else if (token.role === 'open') depth[token.style] += 1;
    else if (token.role === 'close') depth[token.style] -= 1;
    else append(token.style === 'bold' ? '**' : '*');
  }
  return runs;
}

/** The text of inline content without its styling: line breaks become "\n". */
export function inlineText(content: readonly RichInline[]): string {
  return content.map((run) => (run.kind === 'text' ? run.text : '\n')).join('');
}

/**
 * The text of blocks, a piece for each line of a paragraph or item and each table cell, in reading order: what the
 * contents check reads and what a word count counts.
 */
export function blockTexts(blocks: readonly RichBlock[]): string[] {
  return blocks.flatMap((block) => {
    if (block.kind === 'paragraph') return inlineText(block.content).split('\n');
    if (block.kind === 'table') return [block.header, ...block.rows].flatMap((row) => row.map(inlineText));
    return block.items.flatMap((item) => [...inlineText(item.content).split('\n'), ...blockTexts(item.children)]);
  });
}

// Hebrew, Arabic, Syriac, Thaana, N'Ko and the other right-to-left scripts of the BMP's 0590–08FF block and
// presentation forms.
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const STRONG = /[\p{L}]/u;

/** The direction of a paragraph from its first strong letter, as the Unicode bidi rule (P2–P3) decides it. */
export function textDirection(text: string): 'ltr' | 'rtl' {
  for (const ch of text) {
    if (STRONG.test(ch)) return RTL.test(ch) ? 'rtl' : 'ltr';
  }
  return 'ltr';
}
