// Reads HTML (the editor's own, or pasted from Word, Outlook or a browser) down to the rich-text subset's blocks.

import {
  MAX_LIST_DEPTH,
  MAX_TABLE_COLUMNS,
  type RichBlock,
  type RichCell,
  type RichInline,
  type RichList,
  type RichListItem,
  type RichTable,
} from '../../../electron/core/domain/markdown.ts';
import { cleanText } from '../../../electron/core/domain/text.ts';

export interface ReadOptions {
  /**
   * Collapse runs of spaces and line ends as a browser displays them: true for pasted HTML, whose source is laid
   * out for reading; false for the editor, which shows spaces as typed (white-space: pre-wrap).
   */
  collapseSpaces: boolean;
}

interface Emphasis {
  bold: boolean;
  italic: boolean;
}

/** Elements whose content is never text: dropped whole, so a pasted script or style never reaches the record. */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'NOSCRIPT',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
  'XML',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'MATH',
  'IMG',
  'PICTURE',
  'VIDEO',
  'AUDIO',
  'CANVAS',
  'BUTTON',
  'INPUT',
  'SELECT',
  'TEXTAREA',
]);
const BLOCKS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'NAV',
  'BLOCKQUOTE',
  'PRE',
  'ADDRESS',
  'FIGURE',
  'FIGCAPTION',
  'DL',
  'DT',
  'DD',
  'TABLE',
  'THEAD',
  'TBODY',
  'TFOOT',
  'TR',
  'TD',
  'TH',
  'CAPTION',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HR',
  'CENTER',
  'FORM',
  'FIELDSET',
  'BODY',
  'HTML',
]);
const HEADINGS = /^H[1-6]$/;
const LISTS = new Set(['UL', 'OL']);

const isElement = (node: Node): node is Element => node.nodeType === 1;
const isText = (node: Node): node is Text => node.nodeType === 3;
const isComment = (node: Node): node is Comment => node.nodeType === 8;

/** Word's list paragraphs: `mso-list:l0 level2 lfo1` in the style attribute. */
const WORD_LIST = /mso-list:\s*l\d+\s+level(\d+)/i;
const WORD_LIST_MARKER = /mso-list:\s*ignore/i;
/** What Word writes in front of a numbered item: "1.", "a)", "(iv)", "2.1". */
const ORDERED_MARKER = /^\s*\(?(?:\d+(?:\.\d+)*|[a-z]|[ivxlcdm]+)[.)]/i;

/** Where pasted HTML keeps its style attributes (see convert.ts): read like style, never applied. */
export const PASTED_STYLE = 'data-pasted-style';

function styleOf(element: Element): string {
  return element.getAttribute('style') ?? element.getAttribute(PASTED_STYLE) ?? '';
}

/** The emphasis inside an element: tags first, then its style attribute, which may undo them (Google Docs' <b>). */
function emphasisOf(element: Element, outer: Emphasis): Emphasis {
  let { bold, italic } = outer;
  const tag = element.tagName.toUpperCase();
  if (tag === 'B' || tag === 'STRONG' || HEADINGS.test(tag)) bold = true;
  if (tag === 'I' || tag === 'EM' || tag === 'CITE' || tag === 'DFN') italic = true;
  const style = styleOf(element);
  if (/font-weight\s*:\s*(bold|bolder|[6-9]00)\b/i.test(style)) bold = true;
  else if (/font-weight\s*:\s*(normal|lighter|[1-5]00)\b/i.test(style)) bold = false;
  if (/font-style\s*:\s*(italic|oblique)/i.test(style)) italic = true;
  else if (/font-style\s*:\s*normal/i.test(style)) italic = false;
  return { bold, italic };
}

class InlineCollector {
  readonly content: RichInline[] = [];
  constructor(private readonly options: ReadOptions) {}

  text(raw: string, emphasis: Emphasis) {
    // The store's own cleaning rule (control characters XML forbids, lone surrogates), applied as the text arrives.
    let text = cleanText(raw)
      .replace(/\u00a0/g, ' ')
      .replace(/[\u200b\ufeff]/g, '');
    text = this.options.collapseSpaces ? text.replace(/[ \t\r\n\f]+/g, ' ') : text.replace(/[\r\n\f]+/g, ' ');
    if (!text) return;
    const last = this.content.at(-1);
    if (
      this.options.collapseSpaces &&
      text.startsWith(' ') &&
      (!last || last.kind === 'break' || last.text.endsWith(' '))
    ) {
      text = text.slice(1);
      if (!text) return;
    }
    if (last?.kind === 'text' && last.bold === emphasis.bold && last.italic === emphasis.italic) last.text += text;
    else this.content.push({ kind: 'text', text, ...emphasis });
  }

  lineBreak() {
    this.content.push({ kind: 'break' });
  }

  /** The content with blank runs at either end removed; null when nothing but spaces remains. */
  take(): RichInline[] | null {
    const content = [...this.content];
    const blank = (run: RichInline | undefined) =>
      run !== undefined && (run.kind === 'break' || run.text.trim() === '');
    while (blank(content[0])) content.shift();
    while (blank(content.at(-1))) content.pop();
    return content.length > 0 ? content : null;
  }
}

interface WordListItem {
  level: number;
  ordered: boolean;
  content: RichInline[];
}

class BlockReader {
  readonly blocks: RichBlock[] = [];
  private paragraph: InlineCollector;
  private wordItems: WordListItem[] = [];
  private skippingWordMarker = false;

  /** How deep in lists the content read is: lists met here are read at this depth (0: not in a list). */
  constructor(
    private readonly options: ReadOptions,
    private readonly listDepth = 0,
  ) {
    this.paragraph = new InlineCollector(options);
  }

  read(parent: ParentNode, emphasis: Emphasis) {
    for (const node of Array.from(parent.childNodes)) this.readNode(node, emphasis);
  }

  readNode(node: Node, emphasis: Emphasis) {
    if (isComment(node)) {
      // Word wraps its typed list markers in <![if !supportLists]> … <![endif]>, which parse as comments.
      if (/^\[if !supportLists\]/i.test(node.data)) this.skippingWordMarker = true;
      else if (/^\[endif\]/i.test(node.data)) this.skippingWordMarker = false;
      return;
    }
    if (this.skippingWordMarker) return;
    if (isText(node)) {
      this.paragraph.text(node.data, emphasis);
      return;
    }
    if (!isElement(node)) return;
    const tag = node.tagName.toUpperCase();
    if (SKIPPED.has(tag)) return;
    if (tag === 'BR') {
      this.paragraph.lineBreak();
    } else if (LISTS.has(tag)) {
      this.endParagraph();
      this.blocks.push(readList(node, this.listDepth, emphasis, this.options));
    } else if (tag === 'TABLE') {
      this.endParagraph();
      const table = readTable(node, emphasisOf(node, emphasis), this.options);
      if (table) this.blocks.push(table);
    } else if (BLOCKS.has(tag) || tag === 'LI') {
      const wordLevel = tag === 'P' ? WORD_LIST.exec(styleOf(node)) : null;
      if (wordLevel) {
        this.endParagraph(false);
        this.wordItems.push(readWordListItem(node, Number(wordLevel[1]), emphasisOf(node, emphasis), this.options));
        return;
      }
      this.endParagraph();
      this.read(node, emphasisOf(node, emphasis));
      this.endParagraph();
    } else {
      this.read(node, emphasisOf(node, emphasis));
    }
  }

  /** Closes the paragraph being gathered; `endWordList` false keeps a run of Word list paragraphs together. */
  endParagraph(endWordList = true) {
    const content = this.paragraph.take();
    this.paragraph = new InlineCollector(this.options);
    if (content || endWordList) this.flushWordList();
    if (content) this.blocks.push({ kind: 'paragraph', content });
  }

  private flushWordList() {
    if (this.wordItems.length === 0) return;
    this.blocks.push(...wordLists(this.wordItems));
    this.wordItems = [];
  }
}

function readWordListItem(paragraph: Element, level: number, emphasis: Emphasis, options: ReadOptions): WordListItem {
  const markers = Array.from(paragraph.querySelectorAll(`[style], [${PASTED_STYLE}]`)).filter((el) =>
    WORD_LIST_MARKER.test(styleOf(el)),
  );
  const markerText = markers.map((el) => el.textContent ?? '').join('') || supportListsText(paragraph);
  for (const marker of markers) marker.remove();
  const reader = new BlockReader(options);
  reader.read(paragraph, emphasis);
  reader.endParagraph();
  return { level, ordered: ORDERED_MARKER.test(markerText), content: paragraphsAsLines(reader.blocks) };
}

/** The text between Word's <![if !supportLists]> and <![endif]>: the typed marker, such as "1." or "·". */
function supportListsText(paragraph: Element): string {
  let inside = false;
  let text = '';
  const visit = (node: Node) => {
    if (isComment(node)) {
      if (/^\[if !supportLists\]/i.test(node.data)) inside = true;
      else if (/^\[endif\]/i.test(node.data)) inside = false;
    } else if (isText(node)) {
      if (inside) text += node.data;
    } else {
      node.childNodes.forEach(visit);
    }
  };
  visit(paragraph);
  return text;
}

/** The paragraphs among blocks as the lines of one item's content. */
function paragraphsAsLines(blocks: readonly RichBlock[]): RichInline[] {
  const content: RichInline[] = [];
  for (const block of blocks) {
    if (block.kind !== 'paragraph') continue;
    if (content.length > 0) content.push({ kind: 'break' });
    content.push(...block.content);
  }
  return content;
}

/**
 * Word's flat run of levelled paragraphs as lists: each level nested under the item before it, to the depth the
 * format keeps (deeper levels join the deepest), never skipping a level.
 */
function wordLists(items: readonly WordListItem[]): RichList[] {
  const lists: RichList[] = [];
  const topLevel = Math.min(...items.map((item) => item.level));
  /** The list open at each depth, outermost first. */
  let path: RichList[] = [];
  for (const item of items) {
    const depth = Math.min(item.level - topLevel, MAX_LIST_DEPTH - 1, path.length);
    path = path.slice(0, depth);
    const entry: RichListItem = { content: item.content, children: [] };
    const container = depth === 0 ? lists : path[depth - 1]!.items.at(-1)!.children;
    const last = container.at(-1);
    if (last && last.ordered === item.ordered) {
      last.items.push(entry);
      path.push(last);
    } else {
      const list: RichList = { kind: 'list', ordered: item.ordered, items: [entry] };
      container.push(list);
      path.push(list);
    }
  }
  return lists.filter((list) => list.items.some((item) => item.content.length > 0 || item.children.length > 0));
}

/** A list element read at `depth` (0 for a list not inside another); lists deeper than the format keeps join it. */
function readList(list: Element, depth: number, emphasis: Emphasis, options: ReadOptions): RichList {
  const result: RichList = { kind: 'list', ordered: list.tagName.toUpperCase() === 'OL', items: [] };
  const nestable = depth + 1 < MAX_LIST_DEPTH;
  const addNested = (nested: RichList) => {
    const parent = result.items.at(-1);
    if (parent && nestable) parent.children.push(nested);
    else result.items.push(...flattenItems(nested.items));
  };
  // Text or paragraphs directly inside a list (not in an item) become an item of their own.
  let loose: BlockReader | null = null;
  const flushLoose = () => {
    if (!loose) return;
    loose.endParagraph();
    const content = paragraphsAsLines(loose.blocks);
    if (content.length > 0) result.items.push({ content, children: [] });
    loose = null;
  };
  for (const node of Array.from(list.childNodes)) {
    const tag = isElement(node) ? node.tagName.toUpperCase() : '';
    if (LISTS.has(tag)) {
      // Chromium's "indent" puts the nested list beside the item rather than inside it.
      flushLoose();
      addNested(readList(node as Element, depth + 1, emphasis, options));
    } else if (tag === 'LI') {
      flushLoose();
      const item = readListItem(node as Element, depth, emphasisOf(node as Element, emphasis), options);
      if (item.content.length === 0 && item.children.length === 0) continue;
      if (nestable) result.items.push(item);
      else
        result.items.push(
          { content: item.content, children: [] },
          ...flattenItems(item.children.flatMap((c) => c.items)),
        );
    } else {
      loose ??= new BlockReader(options, depth);
      loose.readNode(node, emphasis);
    }
  }
  flushLoose();
  return result;
}

function readListItem(item: Element, depth: number, emphasis: Emphasis, options: ReadOptions): RichListItem {
  const reader = new BlockReader(options, depth + 1);
  reader.read(item, emphasis);
  reader.endParagraph();
  const children = reader.blocks.filter((block): block is RichList => block.kind === 'list');
  return { content: paragraphsAsLines(reader.blocks), children };
}

function flattenItems(items: readonly RichListItem[]): RichListItem[] {
  return items.flatMap((item) => [
    { content: item.content, children: [] },
    ...flattenItems(item.children.flatMap((c) => c.items)),
  ]);
}

/** A cell's content as one line: its paragraphs, lines, list items and any table inside it, joined by spaces. */
function readCell(cell: Element, emphasis: Emphasis, options: ReadOptions): RichCell {
  const reader = new BlockReader(options);
  reader.read(cell, emphasis);
  reader.endParagraph();
  const runs: RichCell = [];
  const add = (content: readonly RichInline[]) => {
    for (const run of content) {
      const piece = run.kind === 'break' ? { kind: 'text' as const, text: ' ', bold: false, italic: false } : run;
      if (runs.length > 0 && piece.text !== ' ' && !runs.at(-1)!.text.endsWith(' '))
        runs.push({ kind: 'text', text: ' ', bold: false, italic: false });
      const last = runs.at(-1);
      if (last && last.bold === piece.bold && last.italic === piece.italic) last.text += piece.text;
      else runs.push({ ...piece });
    }
  };
  const visit = (block: RichBlock) => {
    if (block.kind === 'paragraph') add(block.content);
    else if (block.kind === 'table') [block.header, ...block.rows].flat().forEach(add);
    else
      for (const item of block.items) {
        add(item.content);
        item.children.forEach(visit);
      }
  };
  reader.blocks.forEach(visit);
  // Spaces at the ends are not content.
  while (runs[0] && !runs[0].text.trim()) runs.shift();
  while (runs.at(-1) && !runs.at(-1)!.text.trim()) runs.pop();
  if (runs[0]) runs[0] = { ...runs[0], text: runs[0].text.trimStart() };
  if (runs.at(-1)) runs[runs.length - 1] = { ...runs.at(-1)!, text: runs.at(-1)!.text.trimEnd() };
  return runs;
}

/**
 * A table (Word, Excel, Outlook, a browser): its rows of cells, the first row as the header (Excel marks none). A
 * merged cell's text goes in its first column, the rest of its span left empty; a table inside a cell becomes that
 * cell's text; columns past MAX_TABLE_COLUMNS join the last one. Null for a table with no text at all.
 */
function readTable(table: Element, emphasis: Emphasis, options: ReadOptions): RichTable | null {
  const rows: RichCell[][] = [];
  const rowsOf = (parent: Element): Element[] =>
    Array.from(parent.children).flatMap((child) => {
      const tag = child.tagName.toUpperCase();
      if (tag === 'TR') return [child];
      if (tag === 'THEAD' || tag === 'TBODY' || tag === 'TFOOT') return rowsOf(child);
      return [];
    });
  for (const row of rowsOf(table)) {
    const cells: RichCell[] = [];
    for (const cell of Array.from(row.children)) {
      const tag = cell.tagName.toUpperCase();
      if (tag !== 'TD' && tag !== 'TH') continue;
      cells.push(readCell(cell, emphasisOf(cell, emphasis), options));
      const span = Math.min(Number.parseInt(cell.getAttribute('colspan') ?? '1', 10) || 1, MAX_TABLE_COLUMNS);
      for (let i = 1; i < span; i++) cells.push([]);
    }
    if (cells.length > MAX_TABLE_COLUMNS) {
      const kept = cells.slice(0, MAX_TABLE_COLUMNS - 1);
      const rest = cells.slice(MAX_TABLE_COLUMNS - 1).filter((cell) => cell.length > 0);
      kept.push(
        rest.flatMap((cell, i) =>
          i > 0 ? [{ kind: 'text' as const, text: ' ', bold: false, italic: false }, ...cell] : cell,
        ),
      );
      cells.splice(0, cells.length, ...kept);
    }
    rows.push(cells);
  }
  if (!rows.some((row) => row.some((cell) => cell.length > 0))) return null;
  const width = Math.max(...rows.map((row) => row.length));
  const padded = rows.map((row) => [...row, ...Array.from({ length: width - row.length }, (): RichCell => [])]);
  const [header = [], ...body] = padded;
  return { kind: 'table', header, rows: body };
}

/** The blocks of an element's content: paragraphs and lists, with bold and italic, and nothing else. */
export function readBlocks(root: ParentNode, options: ReadOptions): RichBlock[] {
  const reader = new BlockReader(options);
  reader.read(root, { bold: false, italic: false });
  reader.endParagraph();
  return reader.blocks;
}
