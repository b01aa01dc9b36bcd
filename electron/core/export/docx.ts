// The Word export: the same form as the HTML, built with docx: fixed A4 table, ☒/☐ glyphs, real lists, signatures.

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
  type DecisionRecord,
  inlineText,
  type OfficeTemplate,
  MAX_LIST_DEPTH,
  parseRichText,
  type RichCell,
  type RichInline,
  type RichList,
  type RichTable,
  signatureWords,
  type SignOff,
  textDirection,
} from '../domain/index.ts';
import {
  box,
  categoryLabel,
  decisionCapacity,
  documentTitle,
  extraSectionsAt,
  formatUkDate,
  formatUkDay,
  markingFor,
  referenceText,
  type SectionPlace,
  signatureBase64,
  signerName,
  signOffGroups,
} from './form.ts';
import { fitWithin, imageSize } from '../domain/image-size.ts';

// A4 in twentieths of a point, with 2 cm margins; the table fills the width between them in two equal columns.
const PAGE = { width: 11906, height: 16838, margin: 1134 } as const;
const FULL = PAGE.width - 2 * PAGE.margin;
const HALF = FULL / 2;
const FONT = 'Arial';
const BODY_SIZE = 22; // half-points: 11 pt
const TITLE_SIZE = 40;
const LANGUAGE = 'en-GB';
const AFTER = 120; // 6 pt after each paragraph of text
// Pixels at 96 dpi: a signature prints at most 60 × 18 mm, the logo 70 × 24 mm.
const SIGNATURE_BOX = { width: 227, height: 68 };
const LOGO_BOX = { width: 265, height: 91 };

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const BOX_FONT = { ascii: 'Segoe UI Symbol', hAnsi: 'Segoe UI Symbol', cs: 'Segoe UI Symbol', eastAsia: 'MS Gothic' };

// One numbering definition per kind of list, with a level for each depth the format keeps (0 to MAX_LIST_DEPTH - 1);
// every list is an instance of its own, so each numbers from 1 and a nested list never disturbs the count around it.
const LIST_REFERENCES = { bullet: 'bullet', ordered: 'numbered' } as const;
const indent = (level: number) => ({ paragraph: { indent: { left: 360 * (level + 1), hanging: 360 } } });
const BULLETS = ['\u2022', '\u2013', '\u25aa'] as const;
const levels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (level: number) => string) =>
  Array.from({ length: MAX_LIST_DEPTH }, (_, level) => ({
    level,
    format,
    text: text(level),
    alignment: AlignmentType.LEFT,
    style: indent(level),
  }));
const NUMBERING = {
  config: [
    { reference: LIST_REFERENCES.bullet, levels: levels(LevelFormat.BULLET, (level) => BULLETS[level] ?? '\u2022') },
    { reference: LIST_REFERENCES.ordered, levels: levels(LevelFormat.DECIMAL, (level) => `%${level + 1}.`) },
  ],
};

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  rightToLeft?: boolean;
}

/** Plain text as runs, its line breaks kept as breaks. */
function textRuns(text: string, style: RunStyle = {}): TextRun[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line, index) => new TextRun({ text: line, ...style, ...(index > 0 ? { break: 1 } : {}) }));
}

const label = (text: string) => new TextRun({ text: `${text}: `, bold: true });
// A section label is a Heading 2, so there is something to navigate by; its style looks like the bold label it was.
const heading2 = (text: string, options: { keepNext?: boolean; after?: number } = {}) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_2,
    ...(options.keepNext && { keepNext: true }),
    ...(options.after !== undefined && { spacing: { after: options.after } }),
    children: [new TextRun(text)],
  });
const glyph = (ticked: boolean) => new TextRun({ text: box(ticked), font: BOX_FONT });

// Only true flags are passed: docx writes every flag it is given, and `<w:b w:val="false"/>` on each run is noise.
function inlineRuns(content: readonly RichInline[], rightToLeft: boolean): TextRun[] {
  return content.map((run) =>
    run.kind === 'break'
      ? new TextRun({ break: 1 })
      : new TextRun({
          text: run.text,
          ...(run.bold && { bold: true }),
          ...(run.italic && { italics: true }),
          ...(rightToLeft && { rightToLeft }),
        }),
  );
}

interface ListItemParagraph {
  content: RichInline[];
  numbering: { reference: string; level: number; instance: number };
}

function richParagraph(
  content: readonly RichInline[],
  after: number,
  numbering?: ListItemParagraph['numbering'],
): Paragraph {
  const rtl = textDirection(inlineText(content)) === 'rtl';
  return new Paragraph({
    children: inlineRuns(content, rtl),
    spacing: { after },
    widowControl: true,
    ...(rtl && { bidirectional: true }),
    ...(numbering && { numbering }),
  });
}

const cellParagraph = (content: RichCell, bold: boolean) => {
  const rtl = textDirection(inlineText(content)) === 'rtl';
  return new Paragraph({
    children: content.map(
      (run) =>
        new TextRun({
          text: run.text,
          ...((run.bold || bold) && { bold: true }),
          ...(run.italic && { italics: true }),
          ...(rtl && { rightToLeft: rtl }),
        }),
    ),
    ...(rtl && { bidirectional: true }),
  });
};

/**
 * A section's table as a real Word table: ruled, the width of the cell it sits in, its header row bold and repeated
 * at the top of every page the table runs onto, and no row split across a page.
 */
function richTable(table: RichTable): Table {
  const width = 100 / Math.max(1, table.header.length);
  const row = (cells: readonly RichCell[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (content) =>
          new TableCell({
            width: { size: width, type: WidthType.PERCENTAGE },
            margins: { top: 40, bottom: 40, left: 80, right: 80 },
            children: [cellParagraph(content, header)],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    rows: [row(table.header, true), ...table.rows.map((cells) => row(cells, false))],
  });
}

/** Builds the Word document of one record; numbering instances are counted per document. */
class RecordDocumentBuilder {
  private nextInstance = 1;

  constructor(
    private readonly record: DecisionRecord,
    private readonly template: OfficeTemplate,
  ) {}

  /** A list's items in reading order, each with its numbering; nested lists follow the item they belong to, a level down. */
  private listItems(list: RichList, level: number): ListItemParagraph[] {
    const reference = LIST_REFERENCES[list.ordered ? 'ordered' : 'bullet'];
    const instance = this.nextInstance++;
    return list.items.flatMap((item) => [
      { content: item.content, numbering: { reference, level, instance } },
      ...item.children.flatMap((child) => this.listItems(child, Math.min(level + 1, MAX_LIST_DEPTH - 1))),
    ]);
  }

  private richText(source: string): (Paragraph | Table)[] {
    const blocks = parseRichText(source);
    const paragraphs = blocks.flatMap((block, index): (Paragraph | Table)[] => {
      if (block.kind === 'paragraph') return [richParagraph(block.content, AFTER)];
      // A table cell must end with a paragraph, and two tables in a row would run together: one follows each table.
      if (block.kind === 'table') return [richTable(block), new Paragraph({ spacing: { after: 0 } })];
      const items = this.listItems(block, 0);
      // Items sit close together; the last one leaves the same gap as a paragraph before whatever follows.
      return items.map((item, i) =>
        richParagraph(item.content, i === items.length - 1 && index < blocks.length - 1 ? AFTER : 40, item.numbering),
      );
    });
    return paragraphs.length > 0 ? paragraphs : [new Paragraph({})];
  }

  private masthead(): Table {
    const { labels } = this.template;
    const heading = new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(labels.heading)] });
    const logo = this.logo();
    return new Table({
      width: { size: FULL, type: WidthType.DXA },
      columnWidths: [HALF, HALF],
      layout: TableLayoutType.FIXED,
      borders: TableBorders.NONE,
      rows: [
        new TableRow({
          children: [
            new TableCell({
              width: { size: HALF, type: WidthType.DXA },
              children: [heading],
              verticalAlign: VerticalAlign.CENTER,
            }),
            new TableCell({
              width: { size: HALF, type: WidthType.DXA },
              verticalAlign: VerticalAlign.CENTER,
              children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: logo ? [logo] : [] })],
            }),
          ],
        }),
      ],
    });
  }

  private logo(): ImageRun | null {
    const dataUrl = this.template.logo;
    if (!dataUrl) return null;
    const data = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
    const size = imageSize(data);
    if (!size) return null;
    return new ImageRun({
      type: dataUrl.startsWith('data:image/png') ? 'png' : 'jpg',
      data,
      transformation: fitWithin(size, LOGO_BOX),
      altText: { name: 'logo', title: 'Logo', description: this.template.officeName },
    });
  }

  private signature(signOff: SignOff, index: number): Paragraph {
    const base64 = signatureBase64(signOff);
    const signature = signOff.signature;
    if (signature && base64) {
      const data = Buffer.from(base64, 'base64');
      const size = imageSize(data) ?? SIGNATURE_BOX;
      return new Paragraph({
        spacing: { before: 60, after: 60 },
        children: [
          new ImageRun({
            type: 'png',
            data,
            transformation: fitWithin(size, SIGNATURE_BOX),
            altText: {
              name: `signature-${index + 1}`,
              title: 'Signature',
              description: `Signature of ${signature.signedBy}`,
            },
          }),
        ],
      });
    }
    if (signature)
      return new Paragraph({
        spacing: { before: 120, after: 120 },
        children: [new TextRun({ text: signatureWords(signature), italics: true })],
      });
    // A ruled space to sign the printed form by hand.
    return new Paragraph({
      spacing: { before: 600, after: 60 },
      border: { bottom: { ...LINE, size: 6, space: 1 } },
      children: [],
    });
  }

  private signOffRows(): TableRow[] {
    const { labels } = this.template;
    return signOffGroups(this.record, this.template).flatMap(({ label: groupLabel, signOff }, index) => {
      const signature = signOff.signature;
      const capacity = decisionCapacity(this.record, this.template, signOff.role);
      return [
        // The label and comments stay with the signature row below them.
        row([
          span([
            heading2(`${groupLabel}:`, { keepNext: true, after: 60 }),
            new Paragraph({ keepNext: true, children: [label(labels.comments), ...textRuns(signOff.comments)] }),
          ]),
        ]),
        row([
          half([
            new Paragraph({ children: [label(labels.signature)] }),
            this.signature(signOff, index),
            new Paragraph({ children: [label('Name'), ...textRuns(signerName(signOff))] }),
            ...(capacity ? [new Paragraph({ children: textRuns(capacity) })] : []),
          ]),
          half([
            new Paragraph({
              children: [
                label(labels.date),
                new TextRun(signature ? formatUkDate(signature.signedAt) : '____________________'),
              ],
            }),
          ]),
        ]),
      ];
    });
  }

  private yesNo(answer: boolean | null): TextRun[] {
    const { labels } = this.template;
    return [
      new TextRun({ text: `${labels.yes} `, bold: true }),
      glyph(answer === true),
      new TextRun({ text: `    ${labels.no} `, bold: true }),
      glyph(answer === false),
    ];
  }

  private impactRows(): TableRow[] {
    const { labels } = this.template;
    const { impact } = this.record;
    return [
      row([span([heading2(`${labels.impactAssessment}: `, { keepNext: true })])]),
      row([
        half([new Paragraph({ children: textRuns(labels.planObjectives) })]),
        half([new Paragraph({ children: textRuns(impact.planObjectives) })]),
      ]),
      row([
        half([new Paragraph({ children: textRuns(labels.equalityImpactAssessment) })]),
        half([
          new Paragraph({ children: this.yesNo(impact.equalityImpactAssessment) }),
          new Paragraph({ children: textRuns(labels.equalityImpactAssessmentHelp, { size: 20 }) }),
        ]),
      ]),
      row([
        half([new Paragraph({ children: textRuns(labels.diversityImpact) })]),
        half([
          new Paragraph({ children: this.yesNo(impact.diversityImpact) }),
          new Paragraph({ children: textRuns(impact.diversityExplanation) }),
        ]),
      ]),
    ];
  }

  /** The template's extra sections that print after `place`, as the built-in sections of their kind print. */
  private extraRows(place: SectionPlace): TableRow[] {
    return extraSectionsAt(this.record, this.template, place, false).flatMap(({ section: extra, value }) => {
      const title = row([span([heading2(extra.label, { keepNext: true })])]);
      switch (extra.kind) {
        case 'rich-text':
          return [
            title,
            row([span(this.richText(value?.kind === 'rich-text' ? value.text : ''))], { cantSplit: false }),
          ];
        case 'yes-no':
          return [
            row([
              half([heading2(extra.label)]),
              half([
                new Paragraph({ children: this.yesNo(value?.kind === 'yes-no' ? value.answer : null) }),
                new Paragraph({ children: textRuns(value?.kind === 'yes-no' ? value.explanation : '') }),
              ]),
            ]),
          ];
        case 'people': {
          const people = value?.kind === 'people' ? value.people.filter((name) => name.trim()) : [];
          return [
            title,
            row([
              span(
                people.length
                  ? people.map((name) => new Paragraph({ children: textRuns(name) }))
                  : [new Paragraph('None')],
              ),
            ]),
          ];
        }
        case 'date':
          return [
            title,
            row([
              span([
                new Paragraph({
                  children: textRuns(value?.kind === 'date' && value.date ? formatUkDay(value.date) : ''),
                }),
              ]),
            ]),
          ];
      }
    });
  }

  private formRows(): TableRow[] {
    const { labels } = this.template;
    const record = this.record;
    const confidential = record.classification === 'confidential';
    const section = (title: string, source: string) => [
      // A label never sits alone at the foot of a page: its row keeps with the text below, which may split.
      row([span([heading2(title, { keepNext: true })])]),
      row([span(this.richText(source))], { cantSplit: false }),
    ];
    const category = categoryLabel(record, this.template);
    const documents =
      record.backgroundDocuments.length > 0
        ? record.backgroundDocuments.map((doc) => new Paragraph({ children: textRuns(doc.title) }))
        : [new Paragraph('None')];
    return [
      row([
        half([new Paragraph({ children: [label(labels.originator), ...textRuns(record.originator)] })]),
        half([new Paragraph({ children: [label(labels.reference), ...textRuns(referenceText(record))] })]),
      ]),
      row([span([new Paragraph({ children: [label(labels.title), ...textRuns(record.title)] })])]),
      row([
        half([
          new Paragraph({
            children: [
              new TextRun({ text: `${labels.open} `, bold: true }),
              glyph(!confidential),
              new TextRun({ text: `    ${labels.confidential} `, bold: true }),
              glyph(confidential),
            ],
          }),
        ]),
        half([
          new Paragraph({
            children: [label(labels.confidentialReason), ...textRuns(confidential ? record.confidentialReason : '')],
          }),
        ]),
      ]),
      ...(category
        ? [row([span([new Paragraph({ children: [label('Decision category'), ...textRuns(category)] })])])]
        : []),
      ...section(labels.executiveSummary, record.executiveSummary),
      ...this.extraRows('executiveSummary'),
      ...section(labels.recommendation, record.recommendation),
      ...this.extraRows('recommendation'),
      ...section(labels.decision, record.decision),
      ...this.extraRows('decision'),
      ...this.signOffRows(),
      row([half([heading2(`${labels.backgroundDocuments}: `)]), half(documents)]),
      ...this.extraRows('backgroundDocuments'),
      ...this.impactRows(),
      ...this.extraRows('impact'),
    ];
  }

  private margins(): { header: Header; footer: Footer } {
    const marking = markingFor(this.record, this.template);
    const markingParagraph = () =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: marking ? [new TextRun({ text: marking, bold: true, size: 16 })] : [],
      });
    return {
      header: new Header({ children: [markingParagraph()] }),
      footer: new Footer({
        children: [
          markingParagraph(),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({
                size: 16,
                children: [
                  `${referenceText(this.record)} \u00b7 Page `,
                  PageNumber.CURRENT,
                  ' of ',
                  PageNumber.TOTAL_PAGES,
                ],
              }),
            ],
          }),
        ],
      }),
    };
  }

  build(): Document {
    const record = this.record;
    const { header, footer } = this.margins();
    const form = new Table({
      width: { size: FULL, type: WidthType.DXA },
      columnWidths: [HALF, HALF],
      layout: TableLayoutType.FIXED,
      borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
      rows: this.formRows(),
    });
    return new Document({
      // The author is the office, as in the PDF; Word's own file keeps the app as the last to have written it.
      creator: this.template.officeName,
      lastModifiedBy: 'Decision Desk',
      revision: record.revision,
      title: documentTitle(record, this.template),
      subject: referenceText(record),
      keywords: [this.template.labels.heading, record.reference ?? '', record.classification]
        .filter(Boolean)
        .join(', '),
      description: `${this.template.officeName}: ${this.template.labels.heading}`,
      customProperties: [
        { name: 'RecordId', value: record.id },
        { name: 'Revision', value: String(record.revision) },
        { name: 'ContentHash', value: record.contentHash },
      ],
      numbering: NUMBERING,
      styles: {
        default: {
          document: {
            run: { font: FONT, size: BODY_SIZE, language: { value: LANGUAGE } },
            paragraph: { spacing: { after: 0, line: 264, lineRule: LineRuleType.AUTO } },
          },
          heading1: headingStyle(TITLE_SIZE, 0),
          heading2: headingStyle(BODY_SIZE, 1),
        },
      },
      sections: [
        {
          properties: {
            page: {
              size: { width: PAGE.width, height: PAGE.height },
              margin: {
                top: PAGE.margin,
                bottom: PAGE.margin,
                left: PAGE.margin,
                right: PAGE.margin,
                header: 567,
                footer: 567,
              },
            },
          },
          headers: { default: header },
          footers: { default: footer },
          children: [this.masthead(), new Paragraph({ spacing: { after: 120 }, children: [] }), form],
        },
      ],
    });
  }
}

// Cells carry their width as well as the grid: Word lays out from the cells, LibreOffice from the grid.
const CELL_MARGINS = { top: 60, bottom: 60, left: 115, right: 115 };
const half = (children: Paragraph[]) =>
  new TableCell({ width: { size: HALF, type: WidthType.DXA }, margins: CELL_MARGINS, children });
const span = (children: (Paragraph | Table)[]) =>
  new TableCell({ width: { size: FULL, type: WidthType.DXA }, columnSpan: 2, margins: CELL_MARGINS, children });
// A row of the form never splits across pages (a question and its answer stay together), except a long section's text.
const row = (children: TableCell[], options: { cantSplit?: boolean } = {}) =>
  new TableRow({ children, ...((options.cantSplit ?? true) && { cantSplit: true }) });

/**
 * A heading looking as the bold label it replaces: every property a reader's own Heading style may have (Word's blue,
 * LibreOffice's larger font and spacing) is set, so none shows through.
 */
function headingStyle(size: number, outlineLevel: number) {
  return {
    run: { font: FONT, size, bold: true, italics: false, color: '000000' },
    paragraph: {
      spacing: { before: 0, after: 0, line: 264, lineRule: LineRuleType.AUTO },
      keepNext: false,
      outlineLevel,
    },
  };
}

/**
 * Writes the language into the package's core properties (dc:language), which docx does not: readers take the
 * document's language from there as well as from w:lang.
 */
export function withCoreLanguage(docx: Uint8Array, language: string): Uint8Array {
  const parts = unzipSync(docx);
  const core = parts['docProps/core.xml'];
  if (!core) throw new Error('The Word file has no docProps/core.xml to write its language into.');
  const xml = strFromU8(core);
  if (!xml.includes('</cp:coreProperties>'))
    throw new Error("The Word file's docProps/core.xml has no cp:coreProperties element.");
  parts['docProps/core.xml'] = strToU8(
    xml.replace('</cp:coreProperties>', `<dc:language>${language}</dc:language></cp:coreProperties>`),
  );
  return zipSync(parts);
}

/** The record as a Word document (pure: no I/O). */
export function buildRecordDocument(record: DecisionRecord, template: OfficeTemplate): Document {
  return new RecordDocumentBuilder(record, template).build();
}

/** The record as .docx bytes. */
export async function exportDocx(record: DecisionRecord, template: OfficeTemplate): Promise<Uint8Array> {
  const buffer = await Packer.toBuffer(buildRecordDocument(record, template));
  return withCoreLanguage(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), LANGUAGE);
}
