// Reads HTML (the editor's own, or pasted from Word, Outlook or a browser) down to the rich-text subset's blocks.

import type { RichBlock, RichInline, RichList, RichListItem } from '../../../electron/core/domain/markdown.ts';

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
  'SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'HEAD', 'TITLE', 'META', 'LINK', 'XML', 'IFRAME', 'OBJECT', 'EMBED',
  'SVG', 'MATH', 'IMG', 'PICTURE', 'VIDEO', 'AUDIO', 'CANVAS', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA',
]);
const BLOCKS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'BLOCKQUOTE', 'PRE', 'ADDRESS',
  'FIGURE', 'FIGCAPTION', 'DL', 'DT', 'DD', 'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'TD', 'TH', 'CAPTION',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR', 'CENTER', 'FORM', 'FIELDSET', 'BODY', 'HTML',
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
    let text = raw.replace(/\u00a0/g, ' ').replace(/[\u200b\ufeff]/g, '');
    text = this.options.collapseSpaces ? text.replace(/[ \t\r\n\f]+/g, ' ') : text.replace(/[\r\n\f]+/g, ' ');
    if (!text) return;
    const last = this.content.at(-1);
    if (this.options.collapseSpaces && text.startsWith(' ') && (!last || last.kind === 'break' || last.text.endsWith(' '))) {
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
    const blank = (run: RichInline | undefined) => run !== undefined && (run.kind === 'break' || run.text.trim() === '');
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

  constructor(private readonly options: ReadOptions) {
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
      this.blocks.push(readList(node, 0, emphasis, this.options));
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
  const markers = Array.from(paragraph.querySelectorAll(`[style], [${PASTED_STYLE}]`)).filter((el) => WORD_LIST_MARKER.test(styleOf(el)));
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

/** Word's flat run of levelled paragraphs as lists: level 1 items, deeper levels nested under the item before. */
function wordLists(items: readonly WordListItem[]): RichList[] {
  const lists: RichList[] = [];
  const topLevel = Math.min(...items.map((item) => item.level));
  for (const item of items) {
    const current = lists.at(-1);
    const parent = current?.items.at(-1);
    if (item.level > topLevel && parent) {
      const nested = parent.children.at(-1);
      if (nested && nested.ordered === item.ordered) nested.items.push({ content: item.content, children: [] });
      else parent.children.push({ kind: 'list', ordered: item.ordered, items: [{ content: item.content, children: [] }] });
    } else if (current && current.ordered === item.ordered) {
      current.items.push({ content: item.content, children: [] });
    } else {
      lists.push({ kind: 'list', ordered: item.ordered, items: [{ content: item.content, children: [] }] });
    }
  }
  return lists.filter((list) => list.items.some((item) => item.content.length > 0 || item.children.length > 0));
}

/** A list element; lists nested deeper than one level join the level-one list above them. */
function readList(list: Element, depth: number, emphasis: Emphasis, options: ReadOptions): RichList {
  const result: RichList = { kind: 'list', ordered: list.tagName.toUpperCase() === 'OL', items: [] };
  const addNested = (nested: RichList) => {
    if (depth > 0) {
      result.items.push(...nested.items);
      return;
    }
    const parent = result.items.at(-1);
    if (parent) parent.children.push(nested);
    else result.items.push(...nested.items);
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
      if (depth > 0) result.items.push({ content: item.content, children: [] }, ...item.children.flatMap((c) => c.items));
      else result.items.push(item);
    } else {
      loose ??= new BlockReader(options);
      loose.readNode(node, emphasis);
    }
  }
  flushLoose();
  return result;
}

function readListItem(item: Element, depth: number, emphasis: Emphasis, options: ReadOptions): RichListItem {
  const reader = new BlockReader(options);
  reader.read(item, emphasis);
  reader.endParagraph();
  const children = reader.blocks
    .filter((block): block is RichList => block.kind === 'list')
    .map((list) => (depth === 0 ? list : { ...list, items: flattenItems(list.items) }));
  return { content: paragraphsAsLines(reader.blocks), children };
}

function flattenItems(items: readonly RichListItem[]): RichListItem[] {
  return items.flatMap((item) => [{ content: item.content, children: [] }, ...flattenItems(item.children.flatMap((c) => c.items))]);
}

/** The blocks of an element's content: paragraphs and lists, with bold and italic, and nothing else. */
export function readBlocks(root: ParentNode, options: ReadOptions): RichBlock[] {
  const reader = new BlockReader(options);
  reader.read(root, { bold: false, italic: false });
  reader.endParagraph();
  return reader.blocks;
}
