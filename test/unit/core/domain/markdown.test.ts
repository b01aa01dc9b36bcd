// The rich-text Markdown subset: paragraphs, bold, italic, bullet and numbered lists one level deep, and nothing else.

import { describe, expect, it } from 'vitest';
import { inlineText, parseInline, parseRichText, type RichInline, textDirection } from '../../../../electron/core/domain/index.ts';

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

  it('nests an indented list one level under the item above it', () => {
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
    const source = ('Some **bold** words and *italic* ones.\n\n- item\n  1. nested\n\n').repeat(3_000).slice(0, 200_000);
    const blocks = parseRichText(source);
    expect(blocks.length).toBeGreaterThan(3_000);
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
