// The rich-text Markdown subset: paragraphs, bold, italic, bullet and numbered lists three levels deep, pipe tables, and
// nothing else; what the first version wrote reads as it did.

import { describe, expect, it } from 'vitest';
import {
  inlineText,
  MAX_TABLE_COLUMNS,
  parseInline,
  parseRichText,
  type RichBlock,
  type RichInline,
  textDirection,
} from '../../../../electron/core/domain/index.ts';

/** Inline content as compact markup, so expectations read like the input: [b:x] bold, [i:x] italic, / a line break. */
function show(content: readonly RichInline[]): string {
  return content
    .map((run) => {
      if (run.kind === 'break') return '/';
      if (run.bold && run.italic) return `[bi:${run.text}]`;
      if (run.bold) return `[b:${run.text}]`;
      if (run.italic) return `[i:${run.text}]`;
      return run.text;
    })
    .join('');
}

const inline = (source: string) => show(parseInline(source));

describe('parseInline', () => {
  it('reads bold, italic and both', () => {
    expect(inline('a **bold** and *italic* and ***both*** word')).toBe('a [b:bold] and [i:italic] and [bi:both] word');
  });

  it('nests italic in bold and bold in italic', () => {
    expect(inline('**bold *and italic* text**')).toBe('[b:bold ][bi:and italic][b: text]');
    expect(inline('*italic **and bold***')).toBe('[i:italic ][bi:and bold]');
  });

  it('leaves stars that do not open or close emphasis as typed', () => {
    expect(inline('2 * 3 * 4 = 24')).toBe('2 * 3 * 4 = 24');
    expect(inline('**not closed')).toBe('**not closed');
    expect(inline('a ** b')).toBe('a ** b');
    expect(inline('****')).toBe('****');
  });

  it('prints an opener left unclosed inside a closed span as typed', () => {
    expect(inline('**a *b** c*')).toBe('[b:a *b] c*');
  });

  it('keeps escaped punctuation literal, and a backslash before anything else', () => {
    expect(inline('\\*not italic\\* and \\\\ and C:\\Users')).toBe('*not italic* and \\ and C:\\Users');
  });

  it('turns line breaks into breaks and keeps emphasis across them', () => {
    expect(inline('one\n**two\nthree**')).toBe('one/[b:two]/[b:three]');
  });

  it('is linear on pathological input', () => {
    const content = parseInline('*a '.repeat(50_000));
    expect(inlineText(content)).toBe('*a '.repeat(50_000));
  });
});

describe('parseRichText', () => {
  it('splits paragraphs on blank lines and keeps single line breaks', () => {
    const blocks = parseRichText('First line\nsecond line\n\n\nNext paragraph\r\n\r\nLast');
    expect(blocks.map((b) => (b.kind === 'paragraph' ? show(b.content) : b.kind))).toEqual([
      'First line/second line',
      'Next paragraph',
      'Last',
    ]);
  });

  it('reads bullet lists with -, * or • and numbered lists with 1.', () => {
    const blocks = parseRichText('- one\n* two\n• three\n\n1. first\n2. second\n10. tenth');
    expect(blocks).toHaveLength(2);
    const [bullets, numbers] = blocks;
    expect(bullets).toMatchObject({ kind: 'list', ordered: false });
    expect(numbers).toMatchObject({ kind: 'list', ordered: true });
    if (bullets?.kind !== 'list' || numbers?.kind !== 'list') throw new Error('expected lists');
    expect(bullets.items.map((i) => show(i.content))).toEqual(['one', 'two', 'three']);
    expect(numbers.items.map((i) => show(i.content))).toEqual(['first', 'second', 'tenth']);
  });

  it('nests an indented list under the item above it', () => {
    const [list] = parseRichText('- fleet\n  1. north\n  2. south\n- parts\n    - deeper stays at one level');
    if (list?.kind !== 'list') throw new Error('expected a list');
    expect(list.items).toHaveLength(2);
    expect(list.items[0]!.children).toHaveLength(1);
    expect(list.items[0]!.children[0]).toMatchObject({ ordered: true });
    expect(list.items[0]!.children[0]!.items.map((i) => show(i.content))).toEqual(['north', 'south']);
    expect(list.items[1]!.children[0]!.items.map((i) => show(i.content))).toEqual(['deeper stays at one level']);
  });

  it('continues an item on the next line, and ends the list at an unindented paragraph after a blank line', () => {
    const blocks = parseRichText('- an item\nthat wraps\n\n- same list\n\nA paragraph');
    expect(blocks.map((b) => b.kind)).toEqual(['list', 'paragraph']);
    const [list] = blocks;
    if (list?.kind !== 'list') throw new Error('expected a list');
    expect(list.items.map((i) => show(i.content))).toEqual(['an item/that wraps', 'same list']);
  });

  it('starts a new list when bullets turn to numbers', () => {
    expect(parseRichText('- a\n1. b').map((b) => (b.kind === 'list' ? b.ordered : null))).toEqual([false, true]);
  });

  it('does not mistake a year or an escaped marker for a list', () => {
    const blocks = parseRichText('2018. A year to remember.\n\n\\- not a bullet\n\n1\\. not a number\n\n-no space');
    expect(blocks.every((b) => b.kind === 'paragraph')).toBe(true);
    expect(blocks.map((b) => (b.kind === 'paragraph' ? show(b.content) : ''))).toEqual([
      '2018. A year to remember.',
      '- not a bullet',
      '1. not a number',
      '-no space',
    ]);
  });

  it('treats everything else as text: headings, underscores, links and HTML', () => {
    const [block] = parseRichText('# Heading _under_ [link](http://x) <b>html</b>');
    expect(block?.kind === 'paragraph' && show(block.content)).toBe('# Heading _under_ [link](http://x) <b>html</b>');
  });

  it('gives nothing for empty or blank text', () => {
    expect(parseRichText('')).toEqual([]);
    expect(parseRichText(' \n\t\n ')).toEqual([]);
  });

  it('parses 200,000 characters of mixed text', () => {
    const source = 'Some **bold** words and *italic* ones.\n\n- item\n  1. nested\n\n'.repeat(3_000).slice(0, 200_000);
    const blocks = parseRichText(source);
    expect(blocks.length).toBeGreaterThan(3_000);
  });
});

/** Blocks as compact markup: paragraphs as text, lists as (ul a (ol b)), tables as {h1|h2; c1|c2}. */
function outline(blocks: readonly RichBlock[]): string {
  return blocks
    .map((block) => {
      if (block.kind === 'paragraph') return show(block.content);
      if (block.kind === 'table')
        return `{${[block.header, ...block.rows].map((row) => row.map(show).join('|')).join('; ')}}`;
      const items = block.items.map((item) => [show(item.content), outline(item.children)].filter(Boolean).join(' '));
      return `(${block.ordered ? 'ol' : 'ul'} ${items.join(', ')})`;
    })
    .join(' ¶ ');
}
const read = (source: string) => outline(parseRichText(source));

describe('parseRichText: lists three deep, as CommonMark and the first version wrote them', () => {
  it('nests to the parent content column, as CommonMark does', () => {
    expect(read('- a\n  - b\n    - c\n1. d\n   1. e\n      - f')).toBe('(ul a (ul b (ul c))) ¶ (ol d (ol e (ul f)))');
  });

  it('reads what the first version wrote: two spaces under "1. ", "•" bullets, bare line breaks', () => {
    expect(read('1. a\n  - b\n1. c')).toBe('(ol a (ul b), c)');
    expect(read('a\nb')).toBe('a/b');
    expect(read('• x\n• y')).toBe('(ul x, y)');
    expect(read('- a\n  second line\n- b')).toBe('(ul a/second line, b)');
  });

  it('joins items deeper than three levels to the deepest', () => {
    expect(read('- 1\n  - 2\n    - 3\n      - 4\n        - 5\n- top')).toBe('(ul 1 (ul 2 (ul 3, 4, 5)), top)');
  });

  it('goes back out to the level an item is indented to', () => {
    expect(read('- a\n  - b\n    - c\n  - d\n- e')).toBe('(ul a (ul b (ul c), d), e)');
    expect(read('- a\n  - b\n  1. c')).toBe('(ul a (ul b) ¶ (ol c))');
  });
});

describe('parseRichText: line breaks', () => {
  it('reads a backslash at the end of a line, or two trailing spaces, as a line break', () => {
    expect(read('one\\\ntwo  \nthree')).toBe('one/two/three');
    expect(read('- one\\\n  two')).toBe('(ul one/two)');
  });

  it('keeps an escaped backslash, and one at the very end, as text', () => {
    expect(read('C:\\\\\nnext')).toBe('C:\\/next');
    expect(read('ends with C:\\')).toBe('ends with C:\\');
  });
});

describe('parseRichText: tables', () => {
  it('reads a pipe table with bold and italic cells and escaped pipes', () => {
    expect(read('Costs:\n\n| Item | **Cost** |\n| :-- | --: |\n| a \\| b | *£5* |\n\nafter')).toBe(
      'Costs: ¶ {Item|[b:Cost]; a | b|[i:£5]} ¶ after',
    );
  });

  it('reads a table without outer pipes, and one straight after a paragraph line', () => {
    expect(read('a | b\n:-: | ---\nc | d')).toBe('{a|b; c|d}');
    expect(read('intro\n| a |\n| --- |\n| b |')).toBe('intro ¶ {a; b}');
  });

  it('pads short rows, widens the table for long ones, and ends it at a blank line', () => {
    expect(read('| a | b |\n| --- | --- |\n| c |\n| d | e | f |\n\nnext')).toBe('{a|b|; c||; d|e|f} ¶ next');
  });

  it('keeps the text of cells beyond the column limit in the last cell', () => {
    const cells = Array.from({ length: MAX_TABLE_COLUMNS + 3 }, (_, i) => `c${i}`);
    const [table] = parseRichText(`| ${cells.join(' | ')} |\n| ${cells.map(() => '---').join(' | ')} |`);
    if (table?.kind !== 'table') throw new Error('expected a table');
    expect(table.header).toHaveLength(MAX_TABLE_COLUMNS);
    expect(show(table.header.at(-1)!)).toBe('c19 | c20 | c21 | c22');
  });

  it('keeps as paragraph text what has no valid delimiter row', () => {
    expect(read('| a | b |\n| c | d |')).toBe('| a | b |/| c | d |');
    expect(read('| a | b |\n| --- |')).toBe('| a | b |/| --- |');
    expect(read('a\n---')).toBe('a/---');
    expect(read('| a |\n| -x- |')).toBe('| a |/| -x- |');
  });

  it('ends a table at a list item', () => {
    expect(read('| a |\n| --- |\n| b |\n- c')).toBe('{a; b} ¶ (ul c)');
  });
});

describe('parseRichText: malformed and hostile input', () => {
  it('keeps an unterminated ** and a ragged table as text, without crashing', () => {
    expect(read('**never closed\n\n| a |\n|---|---|\n\n|||\n|-|')).toBe('**never closed ¶ | a |/|---|---| ¶ |||/|-|');
  });

  it('reads a 500-row table', () => {
    const source = `| n | **v** |\n| --- | --- |\n${Array.from({ length: 500 }, (_, i) => `| ${i} | *${i}* |`).join('\n')}`;
    const [table] = parseRichText(source);
    expect(table?.kind === 'table' && table.rows.length).toBe(500);
  });

  it('stays linear on 200,000 characters of pipes, dashes and markers', () => {
    for (const unit of ['|', '|-', '| a ', '\\|', '- ', '  - x\n', '|a|\n|-|\n', '*|', '1. |\n']) {
      const source = unit.repeat(Math.ceil(200_000 / unit.length)).slice(0, 200_000);
      expect(() => parseRichText(source)).not.toThrow();
    }
  });
});

describe('textDirection', () => {
  it('follows the first strong letter', () => {
    expect(textDirection('قرار')).toBe('rtl');
    expect(textDirection('  123 החלטה')).toBe('rtl');
    expect(textDirection('Decision قرار')).toBe('ltr');
    expect(textDirection('Penderfyniad ŵ')).toBe('ltr');
    expect(textDirection('123 !?')).toBe('ltr');
  });
});
