// The rich-text editor's conversions: its document to the stored Markdown subset and back, and the clipboard to blocks.

import type { Node } from 'prosemirror-model';
import { parseRichText, type RichBlock, type RichInline } from '../../../electron/core/domain/markdown.ts';
import { countWords } from '../../../electron/core/domain/text.ts';
import { serialiseRichText } from '../../../electron/core/domain/markdown-write.ts';
import { blocksFromDoc, docFromBlocks } from './doc.ts';
import { PASTED_STYLE, readBlocks } from './read-dom.ts';

/** The editor's document as the Markdown subset that is saved. */
export const markdownOfDoc = (doc: Node): string => serialiseRichText(blocksFromDoc(doc));

/** The editor's document for saved Markdown. */
export const docFromMarkdown = (markdown: string): Node => docFromBlocks(parseRichText(markdown));

/** The words of blocks as a reader counts them: list numbers, table rules and markup are not words. */
function wordsIn(blocks: readonly RichBlock[]): number {
  const inline = (content: readonly RichInline[]) =>
    content.map((run) => (run.kind === 'text' ? run.text : ' ')).join('');
  const text = (block: RichBlock): string =>
    block.kind === 'paragraph'
      ? inline(block.content)
      : block.kind === 'table'
        ? [block.header, ...block.rows].map((row) => row.map(inline).join(' ')).join(' ')
        : block.items.map((item) => `${inline(item.content)} ${item.children.map(text).join(' ')}`).join(' ');
  return countWords(blocks.map(text).join(' '));
}

export const docWordCount = (doc: Node): number => wordsIn(blocksFromDoc(doc));
export const markdownWordCount = (markdown: string): number => wordsIn(parseRichText(markdown));

/** Plain text as paragraphs (split at blank lines) of lines; nothing in it is read as markup. */
function plainTextBlocks(text: string): RichBlock[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.split('\n').map((line) => line.replace(/\s+$/, '')))
    .filter((lines) => lines.some((line) => line.trim() !== ''))
    .map((lines) => ({
      kind: 'paragraph' as const,
      content: lines.flatMap((line, index) => [
        ...(index > 0 ? [{ kind: 'break' as const }] : []),
        ...(line ? [{ kind: 'text' as const, text: line, bold: false, italic: false }] : []),
      ]),
    }));
}

/**
 * Word's style sheets go, and its style attributes are renamed before parsing: the page's Content-Security-Policy
 * would refuse each one, reporting it as an error, though only the attribute's text (bold, Word's list levels) is read.
 */
export function defuseStyles(html: string): string {
  return html
    .replace(/<style\b[\s\S]*?<\/style\s*>/gi, '')
    .replace(/(<[a-z][^<>]*?\s)style(\s*=)/gi, `$1${PASTED_STYLE}$2`);
}

/**
 * What a paste puts into the editor: HTML (from Word, Outlook, a browser) read down to paragraphs, lists, bold
 * and italic; otherwise the plain text. Parsed in an inert document, so nothing in it runs or loads.
 */
export function pastedBlocks(clipboard: { html: string; text: string }): RichBlock[] {
  if (clipboard.html.trim()) {
    const doc = new DOMParser().parseFromString(defuseStyles(clipboard.html), 'text/html');
    const blocks = readBlocks(doc.body, { collapseSpaces: true });
    if (blocks.length > 0) return blocks;
  }
  return plainTextBlocks(clipboard.text);
}

/** How many characters blocks take once saved, to check a paste against the section's limit before it goes in. */
export const markdownLength = (blocks: readonly RichBlock[]): number => serialiseRichText(blocks).length;
