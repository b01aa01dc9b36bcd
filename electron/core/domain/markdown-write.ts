// Writes paragraphs, lists and tables back as the Markdown subset of markdown.ts, so parseRichText reads them as they
// were, and as CommonMark (GFM for tables) that any Markdown tool reads with the same blocks: docs/record-format.md.

import {
  MAX_LIST_DEPTH,
  type RichBlock,
  type RichCell,
  type RichInline,
  type RichList,
  type RichTable,
  type RichTextRun,
} from './markdown.ts';

type Style = 'bold' | 'italic';
const DELIMITER: Record<Style, string> = { bold: '**', italic: '*' };
/** The parser reads at most three stars as delimiters; a longer run is text. */
const MAX_DELIMITER_RUN = 3;

interface Segment {
  text: string;
  styles: Style[];
}

const stylesOf = (run: Pick<RichTextRun, 'bold' | 'italic'>): Style[] =>
  [run.bold ? 'bold' : null, run.italic ? 'italic' : null].filter((s): s is Style => s !== null);

const WORD = /[\p{L}\p{N}]/u;
const ENTITY = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;

/**
 * Text typed as text stays text, here and in CommonMark: backslashes, stars, backticks, brackets and tildes always;
 * "_" unless inside a word (CommonMark never reads it there); "<" where it would open HTML or an autolink; "&" where
 * it would start an entity; "|" in a table cell.
 */
function escapeText(text: string, cell: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    const next = text[i + 1];
    let escape = false;
    if ('\\*`[]~'.includes(ch)) escape = true;
    else if (ch === '_') escape = !(WORD.test(text[i - 1] ?? '') && WORD.test(next ?? ''));
    else if (ch === '<') escape = next !== undefined && /[A-Za-z/!?]/.test(next);
    else if (ch === '&') escape = ENTITY.test(text.slice(i, i + 40));
    else if (ch === '|') escape = cell;
    out += escape ? `\\${ch}` : ch;
  }
  return out;
}

/**
 * A line that CommonMark would read as the start of a block (or the parser as a list item) is kept a line of text:
 * headings, quotes, list markers, setext underlines, rules, and a row of dashes, colons and pipes that would make
 * the line above a table's header. Lines are trimmed already, so none is an indented code block.
 */
function escapeLineStart(line: string): string {
  if (/^[#>]/.test(line)) return `\\${line}`;
  if (
    /^[-+=_:|]/.test(line) &&
    (/^[-+](?=[ \t]|$)/.test(line) ||
      /^(?:=+|-+)[ \t]*$/.test(line) ||
      /^([-_])[ \t]*(?:\1[ \t]*){2,}$/.test(line) ||
      /^[|:\-\s]*-[|:\-\s]*$/.test(line))
  ) {
    return `\\${line}`;
  }
  return (
    line
      .replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2')
      // "•" is not ASCII punctuation, so it cannot be escaped: a no-break space after it is not a list marker's space.
      .replace(/^•[ \t]/, '•\u00a0')
  );
}

/**
 * Splits styled runs so emphasis never starts or ends on a space (the parser would not read the star as a
 * delimiter there): leading and trailing spaces, and runs of spaces alone, are written unstyled.
 */
function segmentsOf(runs: readonly RichTextRun[]): Segment[] {
  const segments: Segment[] = [];
  const push = (text: string, styles: Style[]) => {
    if (!text) return;
    const last = segments.at(-1);
    if (last && last.styles.join() === styles.join()) last.text += text;
    else segments.push({ text, styles });
  };
  for (const run of runs) {
    const styles = stylesOf(run);
    // trimStart and trimEnd rather than a regular expression, whose backtracking is quadratic in a run of spaces.
    const start = run.text.length - run.text.trimStart().length;
    const end = Math.max(start, run.text.trimEnd().length);
    push(run.text.slice(0, start), []);
    push(run.text.slice(start, end), styles);
    push(run.text.slice(end), []);
  }
  return segments;
}

/** One line of inline content: delimiters opened and closed like nested tags, in the order the parser pairs them. */
function writeLine(runs: readonly RichTextRun[], cell = false): string {
  let out = '';
  let open: Style[] = [];
  for (const segment of segmentsOf(runs)) {
    const firstUnwanted = open.findIndex((style) => !segment.styles.includes(style));
    let kept = firstUnwanted === -1 ? open : open.slice(0, firstUnwanted);
    let closing = open.slice(kept.length).reverse();
    // Opening both at once, the parser stacks bold under italic.
    let opening = (['bold', 'italic'] as const).filter((s) => segment.styles.includes(s) && !kept.includes(s));
    let delimiters = [...closing, ...opening].map((s) => DELIMITER[s]).join('');
    if (delimiters.length > MAX_DELIMITER_RUN) {
      // E.g. from bold italic straight to italic inside a word: four stars would be text. The open styles carry on
      // over this segment instead, the one case where the written text gains emphasis.
      kept = open;
      closing = [];
      opening = opening.filter((s) => !open.includes(s));
      delimiters = opening.map((s) => DELIMITER[s]).join('');
    }
    out += delimiters + escapeText(segment.text, cell);
    open = [...kept, ...opening];
  }
  out += [...open]
    .reverse()
    .map((s) => DELIMITER[s])
    .join('');
  return cell ? out : escapeLineStart(out);
}

/** Inline content as lines (a line break starts a new one), each trimmed as the parser trims it. */
function writeInline(content: readonly RichInline[]): string[] {
  const lines: RichTextRun[][] = [[]];
  for (const run of content) {
    if (run.kind === 'break') lines.push([]);
    else lines.at(-1)!.push(run);
  }
  return lines.map((runs) => writeLine(trimRuns(runs)));
}

function trimRuns(runs: readonly RichTextRun[]): RichTextRun[] {
  const trimmed = runs.map((run) => ({ ...run }));
  while (trimmed.length > 0 && trimmed[0]!.text.trimStart() === '') trimmed.shift();
  while (trimmed.length > 0 && trimmed.at(-1)!.text.trimEnd() === '') trimmed.pop();
  if (trimmed.length > 0) {
    trimmed[0]!.text = trimmed[0]!.text.trimStart();
    trimmed[trimmed.length - 1]!.text = trimmed.at(-1)!.text.trimEnd();
  }
  return trimmed;
}

function isBlank(content: readonly RichInline[]): boolean {
  return content.every((run) => run.kind === 'break' || run.text.trim() === '');
}

/** Inline content as lines joined by CommonMark hard breaks (a backslash at the end of the line), empty lines left out. */
function writeLines(content: readonly RichInline[], indent: string): string[] {
  const lines = writeInline(content).filter((line) => line !== '');
  return lines.map((line, i) => `${i === 0 ? '' : indent}${line}${i < lines.length - 1 ? '\\' : ''}`);
}

/**
 * A list; a nested list is indented to its parent's content column (2 under "- ", 3 under "1. "), as CommonMark
 * needs, and lists deeper than MAX_LIST_DEPTH are written at the deepest level, joining it.
 */
function writeList(list: RichList, depth: number, indent: string): string[] {
  const lines: string[] = [];
  for (const item of list.items) {
    // The exports number every list from 1, so each item is written "1." and no list outgrows three digits.
    const marker = list.ordered ? '1. ' : '- ';
    const inner = indent + ' '.repeat(marker.length);
    if (isBlank(item.content)) {
      // An empty item is left out; the lists under it take its place, a level up.
      for (const child of item.children) lines.push(...writeList(child, depth, indent));
      continue;
    }
    const [first = '', ...rest] = writeLines(item.content, inner);
    lines.push(`${indent}${marker}${first}`, ...rest);
    for (const child of item.children)
      lines.push(
        ...(depth + 1 < MAX_LIST_DEPTH ? writeList(child, depth + 1, inner) : writeList(child, depth, indent)),
      );
  }
  return lines;
}

const isBlankCell = (cell: RichCell) => cell.every((run) => run.text.trim() === '');

/** A GFM pipe table: outer pipes, every row as wide as the widest, "\\|" for a pipe in a cell. */
function writeTable(table: RichTable): string[] {
  const width = table.rows.reduce((widest, row) => Math.max(widest, row.length), table.header.length);
  if (width === 0 || [table.header, ...table.rows].every((row) => row.every(isBlankCell))) return [];
  const row = (cells: readonly RichCell[]) =>
    `| ${Array.from({ length: width }, (_, i) => writeLine(trimRuns(cells[i] ?? []), true)).join(' | ')} |`;
  return [row(table.header), `| ${Array.from({ length: width }, () => '---').join(' | ')} |`, ...table.rows.map(row)];
}

/**
 * Writes blocks as the Markdown subset; blank paragraphs, empty list items and empty tables are left out, and two
 * lists of the same kind in a row become one (CommonMark reads them as one too: the subset cannot keep them apart).
 */
export function serialiseRichText(blocks: readonly RichBlock[]): string {
  const written: string[] = [];
  let previousList: boolean | null = null;
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      if (isBlank(block.content)) continue;
      written.push(writeLines(block.content, '').join('\n'));
      previousList = null;
    } else if (block.kind === 'table') {
      const lines = writeTable(block);
      if (lines.length === 0) continue;
      written.push(lines.join('\n'));
      previousList = null;
    } else {
      const lines = writeList(block, 0, '');
      if (lines.length === 0) continue;
      if (previousList === block.ordered) written[written.length - 1] += `\n${lines.join('\n')}`;
      else written.push(lines.join('\n'));
      previousList = block.ordered;
    }
  }
  return written.join('\n\n');
}
