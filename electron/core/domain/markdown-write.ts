// Writes paragraphs and lists back as the Markdown subset of markdown.ts, so parseRichText reads them as they were.

import type { RichBlock, RichInline, RichList, RichTextRun } from './markdown.ts';

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

/** Stars and backslashes typed as text stay text. */
function escapeText(text: string): string {
  return text.replace(/[\\*]/g, (ch) => `\\${ch}`);
}

/** A line that would read as a list item ("- ", "12. ", "• ") is kept a line of text. */
function escapeLineStart(line: string): string {
  return line
    .replace(/^-(?=[ \t])/, '\\-')
    .replace(/^(\d{1,3})\.(?=[ \t])/, '$1\\.')
    // "•" is not ASCII punctuation, so it cannot be escaped: a no-break space after it is not a list marker's space.
    .replace(/^•[ \t]/, '•\u00a0');
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
    const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text)!;
    push(match[1]!, []);
    push(match[2]!, match[2] ? styles : []);
    push(match[3]!, []);
  }
  return segments;
}

/** One line of inline content: delimiters opened and closed like nested tags, in the order the parser pairs them. */
function writeLine(runs: readonly RichTextRun[]): string {
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
    out += delimiters + escapeText(segment.text);
    open = [...kept, ...opening];
  }
  out += [...open].reverse().map((s) => DELIMITER[s]).join('');
  return escapeLineStart(out);
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

/** A list; nested lists one level down are indented, and anything deeper joins them (the subset has one level). */
function writeList(list: RichList, depth: number): string[] {
  const indent = depth === 0 ? '' : '  ';
  const lines: string[] = [];
  for (const item of list.items) {
    // The exports number every list from 1, so each item is written "1." and no list outgrows three digits.
    const marker = list.ordered ? '1. ' : '- ';
    if (!isBlank(item.content)) {
      const [first = '', ...rest] = writeInline(item.content).filter((line) => line !== '');
      lines.push(`${indent}${marker}${first}`, ...rest.map((line) => `${indent}${' '.repeat(marker.length)}${line}`));
    }
    for (const child of item.children) lines.push(...writeList(child, depth + 1));
  }
  return lines;
}

/**
 * Writes blocks as the Markdown subset; blank paragraphs and empty list items are left out, and two lists of the
 * same kind in a row become one (the subset cannot keep them apart).
 */
export function serialiseRichText(blocks: readonly RichBlock[]): string {
  const written: string[] = [];
  let previousList: boolean | null = null;
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      if (isBlank(block.content)) continue;
      written.push(writeInline(block.content).filter((line) => line !== '').join('\n'));
      previousList = null;
    } else {
      const lines = writeList(block, 0);
      if (lines.length === 0) continue;
      if (previousList === block.ordered) written[written.length - 1] += `\n${lines.join('\n')}`;
      else written.push(lines.join('\n'));
      previousList = block.ordered;
    }
  }
  return written.join('\n\n');
}
