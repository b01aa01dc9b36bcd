// The rich-text pipeline: blocks written as the Markdown subset read back the same; the editor's DOM and pasted HTML
// (Word, Outlook, Google Docs, a browser) come down to paragraphs, lists, bold and italic, and nothing else.

import { describe, expect, it } from 'vitest';
import { parseRichText, type RichBlock, type RichInline } from '../../../electron/core/domain/markdown.ts';
import { serialiseRichText } from '../../../electron/core/domain/markdown-write.ts';
import { DOMSerializer } from 'prosemirror-model';
import {
  docFromMarkdown,
  docWordCount,
  markdownOfDoc,
  markdownWordCount,
  pastedBlocks,
} from '../../../renderer/src/richtext/convert.ts';
import { fragmentOf } from '../../../renderer/src/richtext/doc.ts';
import { richTextSchema } from '../../../renderer/src/richtext/schema.ts';

const text = (value: string, bold = false, italic = false): RichInline => ({ kind: 'text', text: value, bold, italic });
const para = (...content: RichInline[]): RichBlock => ({ kind: 'paragraph', content });

/** Blocks as the editor shows them: its document, rendered as ProseMirror renders it. */
function editorHtml(blocks: readonly RichBlock[]): string {
  const holder = document.createElement('div');
  holder.appendChild(DOMSerializer.fromSchema(richTextSchema).serializeFragment(fragmentOf(blocks)));
  return holder.innerHTML;
}

const roundTrip = (markdown: string) => serialiseRichText(parseRichText(markdown));

/** Every character of the text, without spacing (a no-break space counts as spacing). */
function lettersOf(blocks: readonly RichBlock[]): string {
  const inline = (content: readonly RichInline[]) =>
    content.map((run) => (run.kind === 'text' ? run.text : '')).join('');
  const items = (block: RichBlock): string =>
    block.kind === 'paragraph'
      ? inline(block.content)
      : block.kind === 'table'
        ? [block.header, ...block.rows].flat().map(inline).join('')
        : block.items.map((item) => inline(item.content) + item.children.map(items).join('')).join('');
  return blocks
    .map(items)
    .join('')
    .replace(/[\s\u00a0]+/g, '');
}

describe('serialiseRichText', () => {
  it('writes paragraphs, emphasis and lists as the subset', () => {
    const blocks: RichBlock[] = [
      para(
        text('Plain, '),
        text('bold', true),
        text(' and '),
        text('italic', false, true),
        text(' and '),
        text('both', true, true),
        text('.'),
      ),
      {
        kind: 'list',
        ordered: false,
        items: [
          {
            content: [text('one')],
            children: [{ kind: 'list', ordered: true, items: [{ content: [text('nested')], children: [] }] }],
          },
          { content: [text('two'), { kind: 'break' }, text('second line')], children: [] },
        ],
      },
      {
        kind: 'list',
        ordered: true,
        items: [
          { content: [text('first')], children: [] },
          { content: [text('second')], children: [] },
        ],
      },
    ];
    const markdown = serialiseRichText(blocks);
    expect(markdown).toBe(
      'Plain, **bold** and *italic* and ***both***.\n\n- one\n  1. nested\n- two\\\n  second line\n\n1. first\n1. second',
    );
    expect(parseRichText(markdown)).toEqual(blocks);
  });

  it('keeps typed stars, backslashes and list-like line starts as text', () => {
    const blocks = [
      para(text('2 * 3 = 6 and C:\\Users\\')),
      para(text('- not a bullet')),
      para(text('12. not a number')),
      para(text('• not a bullet either')),
    ];
    const markdown = serialiseRichText(blocks);
    const back = parseRichText(markdown);
    expect(back.every((block) => block.kind === 'paragraph')).toBe(true);
    expect(
      back.map((block) =>
        block.kind === 'paragraph' ? block.content.map((r) => (r.kind === 'text' ? r.text : '\n')).join('') : '',
      ),
    ).toEqual(['2 * 3 = 6 and C:\\Users\\', '- not a bullet', '12. not a number', '•\u00a0not a bullet either']);
  });

  it('moves spaces out of emphasis, where a star next to a space would not be read as emphasis', () => {
    const markdown = serialiseRichText([para(text('a'), text(' bold ', true), text('b'))]);
    expect(markdown).toBe('a **bold** b');
    expect(parseRichText(markdown)).toEqual([para(text('a '), text('bold', true), text(' b'))]);
  });

  it('changes emphasis inside a word as the parser pairs the stars', () => {
    const cases: RichInline[][] = [
      [text('a', true), text('b', false, true)],
      [text('a', false, true), text('b', true)],
      [text('a', true), text('b', true, true), text('c', true)],
      [text('a', true, true), text('b', true)],
      [text('a', true, true), text('b')],
      [text('a'), text('b', true, true), text('c')],
    ];
    for (const content of cases)
      expect(parseRichText(serialiseRichText([para(...content)]))).toEqual([para(...content)]);
  });

  it('reads back what it wrote for any mix of emphasis, breaks and lists (seeded random documents)', () => {
    let seed = 20_180_919;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const WORDS = ['police', 'fund', '*', '\\', '2.', '-', 'Kent', 'A&E', '<b>', 'ŵyn', 'שלום', '1.', '**', 'costs'];
    const inline = (): RichInline[] => {
      const runs: RichInline[] = [];
      for (let i = 0; i < 1 + Math.floor(random() * 6); i++) {
        if (i > 0 && random() < 0.1) runs.push({ kind: 'break' });
        runs.push(text(`${pick(WORDS)}${random() < 0.5 ? ' ' : ''}${pick(WORDS)}`, random() < 0.3, random() < 0.3));
      }
      return runs;
    };
    for (let doc = 0; doc < 300; doc++) {
      const blocks: RichBlock[] = [];
      for (let b = 0; b < 1 + Math.floor(random() * 4); b++) {
        if (random() < 0.6) blocks.push(para(...inline()));
        else {
          blocks.push({
            kind: 'list',
            ordered: random() < 0.5,
            items: Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({ content: inline(), children: [] })),
          });
        }
      }
      const once = serialiseRichText(blocks);
      // Written, read and written again, the text is stable: what the editor saves does not drift between saves.
      expect(roundTrip(once)).toBe(once);
      // And no character is lost on the way, only spacing at the ends of lines.
      expect(lettersOf(parseRichText(once))).toBe(lettersOf(blocks));
    }
  });
});

describe('the editor document', () => {
  it('opens from Markdown and saves back the same Markdown', () => {
    const markdown =
      'Intro with **bold** and *italic*.\\\nA second line.\n\n- one\n  1. nested\n- two\n\n1. first\n1. second';
    const doc = docFromMarkdown(markdown);
    expect(editorHtml(parseRichText(markdown))).toContain('<strong>bold</strong>');
    expect(markdownOfDoc(doc)).toBe(markdown);
  });

  it('counts words as a reader would: list numbers, bullets and stars are not words', () => {
    const markdown = 'The **fund** grows.\n\n1. first step\n1. second-step\n\n- a bullet';
    expect(markdownWordCount(markdown)).toBe(8);
    expect(docWordCount(docFromMarkdown(markdown))).toBe(8);
  });

  it('opens what the first version wrote (bare line breaks, two-space nesting under numbers, "•" bullets)', () => {
    const doc = docFromMarkdown('Line one\nline two\n\n1. item\n  - nested\n\n• dot');
    expect(markdownOfDoc(doc)).toBe('Line one\\\nline two\n\n1. item\n   - nested\n\n- dot');
  });
});

describe('pasting', () => {
  const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {margin:0cm;} --></style><script>alert(1)</script></head><body lang=EN-GB>
<!--StartFragment--><p class=MsoNormal><b><span style='font-size:11.0pt'>Background</span></b><o:p></o:p></p>
<p class=MsoNormal>The force&nbsp;has <i>three</i>
options:</p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>keep the <b>current</b> contract;</p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>o<span>&nbsp;&nbsp; </span></span><![endif]>for one year</p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp; </span></span><![endif]>re-tender.</p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp; </span></span><![endif]>Agree the budget.</p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>2.<span>&nbsp;&nbsp; </span></span><![endif]>Delegate the award.</p>
<p class=MsoNormal><span style='color:red' onclick="evil()">Red text</span><img src="x" onerror="evil()"></p><!--EndFragment--></body></html>`;

  it('keeps Word’s bold, italic, bullets (with nesting) and numbered lists, and drops its styles, scripts and images', () => {
    const blocks = pastedBlocks({ html: WORD_HTML, text: 'ignored' });
    expect(serialiseRichText(blocks)).toBe(
      '**Background**\n\nThe force has *three* options:\n\n- keep the **current** contract;\n  - for one year\n- re-tender.\n\n1. Agree the budget.\n1. Delegate the award.\n\nRed text',
    );
    const html = editorHtml(blocks);
    expect(html).not.toMatch(/script|style|onclick|onerror|img|alert|evil\(/i);
  });

  it('reads Google Docs’ <b style="font-weight:normal"> wrapper as not bold', () => {
    const html =
      '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr"><span style="font-weight:700">Key</span><span style="font-weight:400"> point</span></p></b>';
    expect(serialiseRichText(pastedBlocks({ html, text: '' }))).toBe('**Key** point');
  });

  it('keeps HTML lists from a browser or Outlook', () => {
    const html = '<ol><li>First <em>step</em></li><li>Second<ul><li>detail</li></ul></li></ol>';
    expect(serialiseRichText(pastedBlocks({ html, text: '' }))).toBe('1. First *step*\n1. Second\n   - detail');
  });

  it('takes plain text as paragraphs and lines, reading nothing in it as markup', () => {
    const blocks = pastedBlocks({ html: '', text: 'Para *one*\nline two\r\n\r\n- not a list' });
    expect(blocks).toEqual([para(text('Para *one*'), { kind: 'break' }, text('line two')), para(text('- not a list'))]);
  });

  it('shows pasted text as text: markup in it is never HTML', () => {
    expect(editorHtml([para(text('<img src=x onerror=alert(1)> & '), text('bold', true))])).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt; &amp; <strong>bold</strong></p>',
    );
  });
});
