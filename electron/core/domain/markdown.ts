// The rich-text Markdown subset of the three text sections, parsed into blocks every export (and the preview) renders.

/*
 * The subset, as an assistant types it:
 * - paragraphs are separated by a blank line; a single line break inside a paragraph is kept as a line break;
 * - **bold** and *italic* (***both***); a delimiter that is not closed stays as typed, so "2 * 3" is just text;
 * - bullet lists: lines starting "- ", "* " or "• " (as pasted from Word); numbered lists: "1. ", "2. " (up to
 *   three digits, so "2018. was a year" stays a paragraph); lists number from 1 in every export;
 * - one level of nesting: an item indented by two or more spaces (or a tab) under another item;
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
  /** Lists nested one level under this item. */
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
const NESTED_INDENT = 2;

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

/** Parses the Markdown subset into paragraphs and lists. Linear in the length of the text, whatever it holds. */
export function parseRichText(source: string): RichBlock[] {
  const blocks: RichBlock[] = [];
  const state: { paragraph: string[]; list: DraftList | null; blankSinceItem: boolean } = {
    paragraph: [],
    list: null,
    blankSinceItem: false,
  };
  const flushParagraph = () => {
    if (state.paragraph.length > 0) blocks.push({ kind: 'paragraph', content: parseInline(state.paragraph.join('\n')) });
    state.paragraph = [];
  };
  const flushList = () => {
    if (state.list) blocks.push(finishList(state.list));
    state.list = null;
  };

  for (const line of source.split(/\r\n|\r|\n/)) {
    if (line.trim() === '') {
      flushParagraph();
      state.blankSinceItem = true;
      continue;
    }
    const marker = LIST_ITEM.exec(line);
    const { list } = state;
    if (marker) {
      flushParagraph();
      const ordered = marker[3] !== undefined;
      const item: DraftItem = { lines: [marker[4] ?? ''], children: [] };
      const parent = list?.items.at(-1);
      if (parent && indentWidth(marker[1] ?? '') >= NESTED_INDENT) {
        const last = parent.children.at(-1);
        if (last && last.ordered === ordered) last.items.push(item);
        else parent.children.push({ ordered, items: [item] });
      } else if (list && list.ordered === ordered) {
        list.items.push(item);
      } else {
        flushList();
        state.list = { ordered, items: [item] };
      }
      state.blankSinceItem = false;
    } else if (list && (!state.blankSinceItem || /^[ \t]/.test(line))) {
      // A line under an item continues it, unless a blank line came between and it is not indented.
      deepestItem(list).lines.push(line.trim());
      state.blankSinceItem = false;
    } else {
      flushList();
      state.paragraph.push(line.trim());
    }
  }
  flushParagraph();
  flushList();
  return blocks;
}

function deepestItem(list: DraftList): DraftItem {
  const item = list.items.at(-1)!;
  const nested = item.children.at(-1)?.items.at(-1);
  return nested ?? item;
}

function finishList(list: DraftList): RichList {
  return {
    kind: 'list',
    ordered: list.ordered,
    items: list.items.map((item) => ({
      content: parseInline(item.lines.join('\n')),
      children: item.children.map(finishList),
    })),
  };
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
    const styles: Style[] = length === 1 ? ['italic'] : length === 2 ? ['bold'] : stack.at(-1)?.style === 'italic' ? ['italic', 'bold'] : ['bold', 'italic'];
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
