// What Chromium's tagged print lacks, added with pdf-lib's low-level objects: PDF/UA-1 for both copies (structure
// types a PDF 1.7 reader knows, header and footer as artifacts, ticked boxes as text, XMP with pdfuaid), and for the
// archive copy PDF/A-3b (XMP pdfaid, an sRGB output intent, a 1.7 header). Both get exact A4 pages and a trailer /ID.

import { randomBytes } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFHeader,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';
import srgb from '../../../resources/icc/sRGB.json' with { type: 'json' };

/** ISO 216 A4 in points: Chromium rounds its pages to whole device pixels (594.96 × 841.92). */
export const A4_POINTS = { width: 595.28, height: 841.89 } as const;

/** The document's metadata, written both to the Info dictionary and to XMP, which PDF/A requires to agree. */
export interface PdfDocumentInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string[] | null;
  creator: string;
  language: string;
  made: Date;
  /** PDF/A-3b: the XMP claims it, and the sRGB output intent is added. */
  archive: boolean;
}

const name = (text: string) => PDFName.of(text);

// ---------------------------------------------------------------------------------------------------------------
// Page size

/** Sets every page's boxes to exact A4 when Chromium printed it as A4 to the pixel; other sizes are left alone. */
function exactA4(pdf: PDFDocument): void {
  for (const page of pdf.getPages()) {
    const { width, height } = page.getSize();
    if (Math.abs(width - A4_POINTS.width) > 1 || Math.abs(height - A4_POINTS.height) > 1) continue;
    const box = pdf.context.obj([0, 0, A4_POINTS.width, A4_POINTS.height]);
    for (const key of ['MediaBox', 'CropBox', 'BleedBox', 'TrimBox', 'ArtBox']) {
      if (key === 'MediaBox' || page.node.has(name(key))) page.node.set(name(key), box);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Artifacts: content outside any marked-content sequence

// Chromium draws the page background and the header and footer templates outside the tagged content, untagged:
// PDF/UA wants every mark either tagged or an artifact. So each text object, path and image drawn outside any
// marked-content sequence is wrapped as an artifact: text as pagination (header and footer), the rest as background.

// Byte classes, as a table: a 20-page record's content streams are megabytes.
const SPACE = 1;
const DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = SPACE;
for (const c of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[c] = DELIMITER;
const PATH_START = new Set(['m', 're']);
const PATH_PAINT = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);
/** The operators that matter here; the rest (Tj, Td, cm, gs…) are passed over. */
const WATCHED = new Set(['BDC', 'BMC', 'EMC', 'BT', 'ET', 'Do', 'sh', ...PATH_START, ...PATH_PAINT]);
const latin1 = new TextDecoder('latin1');

interface Operator {
  /** Where its first operand starts (or the operator, with none). */
  start: number;
  /** Just after the operator. */
  end: number;
  op: string;
  /** The last name operand, for Do. */
  lastName: string | null;
}

/** The watched operators of a content stream with where they start and end; null for anything it does not expect. */
function operators(bytes: Uint8Array): Operator[] | null {
  const found: Operator[] = [];
  let i = 0;
  let start = -1;
  let lastName: [number, number] | null = null;
  const n = bytes.length;
  while (i < n) {
    const c = bytes[i]!;
    if (CLASS[c] === SPACE) {
      i++;
      continue;
    }
    if (start < 0) start = i;
    if (c === 0x25) {
      // A comment, to the end of the line.
      while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    } else if (c === 0x28) {
      // A literal string: balanced parentheses, backslash escapes.
      let depth = 0;
      for (; i < n; i++) {
        const d = bytes[i]!;
        if (d === 0x5c) i++;
        else if (d === 0x28) depth++;
        else if (d === 0x29 && --depth === 0) break;
      }
      i++;
    } else if (c === 0x3c && bytes[i + 1] !== 0x3c) {
      while (i < n && bytes[i] !== 0x3e) i++;
      i++;
    } else if ((c === 0x3c && bytes[i + 1] === 0x3c) || (c === 0x3e && bytes[i + 1] === 0x3e)) {
      i += 2;
    } else if (c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) {
      i++;
    } else if (c === 0x2f) {
      let j = i + 1;
      while (j < n && CLASS[bytes[j]!] === 0) j++;
      lastName = [i + 1, j];
      i = j;
    } else if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      // A number (the most common token by far): skipped without making a string of it.
      while (i < n && CLASS[bytes[i]!] === 0) i++;
    } else {
      let j = i;
      while (j < n && CLASS[bytes[j]!] === 0) j++;
      if (j === i) return null;
      const word = latin1.decode(bytes.subarray(i, j));
      i = j;
      if (word === 'true' || word === 'false' || word === 'null') continue;
      // Inline image data is binary: Chromium never writes one, and guessing its end is not worth the risk.
      if (word === 'BI') return null;
      if (WATCHED.has(word)) {
        found.push({
          start,
          end: i,
          op: word,
          lastName: word === 'Do' && lastName ? latin1.decode(bytes.subarray(lastName[0], lastName[1])) : null,
        });
      }
      start = -1;
      lastName = null;
    }
  }
  return found;
}

/**
 * The content stream with every mark outside marked content wrapped as an artifact, or null to leave it as it is
 * (something unexpected, such as marked content begun inside a text object that started outside any).
 */
export function wrapUntaggedAsArtifacts(bytes: Uint8Array, isImage: (xobject: string) => boolean): Uint8Array | null {
  const ops = operators(bytes);
  if (!ops) return null;
  const inserts: { at: number; text: string }[] = [];
  let depth = 0;
  let open: 'text' | 'path' | null = null;
  for (const { start, end, op, lastName } of ops) {
    if (op === 'BDC' || op === 'BMC') {
      if (open === 'text') return null;
      if (open === 'path') return null;
      depth++;
    } else if (op === 'EMC') {
      if (open) return null;
      depth = Math.max(0, depth - 1);
    } else if (depth > 0) {
      continue;
    } else if (op === 'BT') {
      inserts.push({ at: start, text: '/Artifact <</Type /Pagination>> BDC\n' });
      open = 'text';
    } else if (op === 'ET' && open === 'text') {
      inserts.push({ at: end, text: '\nEMC' });
      open = null;
    } else if (PATH_START.has(op) && open === null) {
      inserts.push({ at: start, text: '/Artifact <</Type /Background>> BDC\n' });
      open = 'path';
    } else if (PATH_PAINT.has(op) && open === 'path') {
      inserts.push({ at: end, text: '\nEMC' });
      open = null;
    } else if ((op === 'Do' && lastName && isImage(lastName)) || op === 'sh') {
      if (open) return null;
      inserts.push({ at: start, text: '/Artifact <</Type /Background>> BDC\n' }, { at: end, text: '\nEMC' });
    }
  }
  if (open) return null;
  if (inserts.length === 0) return bytes;
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const { at, text } of inserts) {
    parts.push(bytes.subarray(from, at), new TextEncoder().encode(text));
    from = at;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

function streamBytes(stream: PDFObject | undefined): Uint8Array | null {
  if (stream instanceof PDFRawStream) {
    // Chromium's pages are plain Flate: node's zlib inflates them several times faster than pdf-lib.
    const plainFlate = stream.dict.get(name('Filter')) === name('FlateDecode') && !stream.dict.has(name('DecodeParms'));
    return plainFlate ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode();
  }
  if (stream instanceof PDFStream) return stream.getContents();
  return null;
}

function markArtifacts(pdf: PDFDocument): void {
  const { context } = pdf;
  for (const page of pdf.getPages()) {
    const contents = page.node.get(name('Contents'));
    const resolved = contents instanceof PDFRef ? context.lookup(contents) : contents;
    const streams = resolved instanceof PDFArray ? resolved.asArray().map((s) => context.lookup(s)) : [resolved];
    const pieces = streams.map(streamBytes);
    if (pieces.some((p) => p === null)) continue;
    const joined = Buffer.concat(pieces.flatMap((p) => [p!, new Uint8Array([0x0a])]));
    const xobjects = page.node.Resources()?.lookupMaybe(name('XObject'), PDFDict);
    const isImage = (key: string) => {
      const xobject = xobjects?.lookup(name(key));
      return xobject instanceof PDFStream && xobject.dict.get(name('Subtype')) === name('Image');
    };
    const wrapped = wrapUntaggedAsArtifacts(joined, isImage);
    if (!wrapped || wrapped === joined) continue;
    page.node.set(name('Contents'), context.register(context.stream(deflateSync(wrapped), { Filter: 'FlateDecode' })));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The structure tree

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4): these must not be role-mapped. */
const PDF17_TYPES = new Set(
  (
    'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl ' +
    'LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu ' +
    'WT WP Figure Formula Form'
  ).split(' '),
);

/** PDF 2.0 types Chromium may write, as the nearest PDF 1.7 type (Strong and Em carry no more than their text). */
const PDF20_AS_17: Record<string, string> = {
  Strong: 'Span',
  Em: 'Span',
  Sub: 'Span',
  Title: 'P',
  FENote: 'Note',
  Aside: 'Div',
  DocumentFragment: 'Div',
};

/** A structure element, not a marked-content or object reference (MCR, OBJR) nor an MCID. */
const isStructElem = (item: PDFObject | undefined): item is PDFDict =>
  item instanceof PDFDict && !item.has(name('Obj')) && item.get(name('Type')) !== name('MCR');

function structKids(elem: PDFDict): PDFObject[] {
  const kids = elem.get(name('K'));
  return kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : [];
}

/**
 * Role-maps the PDF 2.0 types, and turns a Figure made of text (role="img" on a ticked box, whose kids are structure
 * elements, not an image's marked content) into a Span whose ActualText is its alt: "ticked", read as text.
 */
function fixStructure(pdf: PDFDocument): void {
  const { context } = pdf;
  const root = pdf.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
  if (!root) return;
  const roleMap = root.lookupMaybe(name('RoleMap'), PDFDict) ?? context.obj({});
  const seen = new Set<PDFObject>();
  const stack: PDFObject[] = structKids(root);
  let visited = 0;
  while (stack.length > 0 && visited++ < 1_000_000) {
    const item = stack.pop()!;
    if (seen.has(item)) continue;
    seen.add(item);
    const elem = item instanceof PDFRef ? context.lookup(item) : item;
    if (!isStructElem(elem)) continue;
    const kids = structKids(elem);
    const type = elem.lookupMaybe(name('S'), PDFName)?.decodeText();
    if (type && !PDF17_TYPES.has(type) && !roleMap.has(name(type)))
      roleMap.set(name(type), name(PDF20_AS_17[type] ?? 'Span'));
    const alt = elem.lookupMaybe(name('Alt'), PDFString, PDFHexString);
    if (
      type === 'Figure' &&
      alt &&
      kids.length > 0 &&
      kids.every((kid) => isStructElem(context.lookup(kid as PDFRef)))
    ) {
      elem.set(name('S'), name('Span'));
      elem.set(name('ActualText'), alt);
      elem.delete(name('Alt'));
    }
    stack.push(...kids);
  }
  if (roleMap.keys().length > 0) root.set(name('RoleMap'), roleMap);
}

/** Bookmarks read as the section's name: "Chief Finance Officer", not the form's "Chief Finance Officer:". */
function tidyOutline(pdf: PDFDocument): void {
  const outlines = pdf.catalog.lookupMaybe(name('Outlines'), PDFDict);
  const stack: PDFObject[] = outlines?.get(name('First')) ? [outlines.get(name('First'))!] : [];
  const seen = new Set<PDFObject>();
  while (stack.length > 0 && seen.size < 100_000) {
    const ref = stack.pop()!;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const item = pdf.context.lookup(ref);
    if (!(item instanceof PDFDict)) continue;
    const title = item.lookupMaybe(name('Title'), PDFString, PDFHexString);
    const text = title?.decodeText();
    if (text && /[\s:]+$/.test(text)) item.set(name('Title'), PDFHexString.fromText(text.replace(/[\s:]+$/, '')));
    for (const key of ['First', 'Next']) {
      const next = item.get(name(key));
      if (next) stack.push(next);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// XMP and the PDF/A parts

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const xml = (text: string) => text.replace(/[&<>"]/g, (ch) => XML_ESCAPES[ch]!);
/** XMP's date form, to the second as the Info dictionary has it. */
const xmpDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The XMP packet: Dublin Core, PDF and XMP basic properties matching the Info dictionary, pdfuaid part 1, and for
 * the archive pdfaid part 3 conformance B. pdfuaid is not among PDF/A's predefined schemas, so PDF/A needs it
 * described by an extension schema.
 */
export function xmpPacket(info: PdfDocumentInfo & { producer: string }): string {
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(text)}</rdf:li></rdf:Alt>`;
  const pdfuaSchema =
    '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">' +
    '<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>' +
    '<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>' +
    '<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>' +
    '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">' +
    '<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>' +
    '<pdfaProperty:category>internal</pdfaProperty:category>' +
    '<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>' +
    '</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>';
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n' +
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" ' +
    'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"' +
    (info.archive
      ? ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" ' +
        'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"'
      : '') +
    '>\n' +
    '<dc:format>application/pdf</dc:format>' +
    `<dc:title>${alt(info.title)}</dc:title>` +
    `<dc:creator><rdf:Seq><rdf:li>${xml(info.author)}</rdf:li></rdf:Seq></dc:creator>` +
    `<dc:description>${alt(info.subject)}</dc:description>` +
    `<dc:language><rdf:Bag><rdf:li>${xml(info.language)}</rdf:li></rdf:Bag></dc:language>\n` +
    (info.keywords ? `<pdf:Keywords>${xml(info.keywords.join(' '))}</pdf:Keywords>` : '') +
    `<pdf:Producer>${xml(info.producer)}</pdf:Producer>` +
    `<xmp:CreatorTool>${xml(info.creator)}</xmp:CreatorTool>` +
    `<xmp:CreateDate>${xmpDate(info.made)}</xmp:CreateDate><xmp:ModifyDate>${xmpDate(info.made)}</xmp:ModifyDate>` +
    `<xmp:MetadataDate>${xmpDate(info.made)}</xmp:MetadataDate>\n` +
    '<pdfuaid:part>1</pdfuaid:part>' +
    (info.archive ? `<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>\n${pdfuaSchema}` : '') +
    '\n</rdf:Description></rdf:RDF></x:xmpmeta>\n' +
    // Room to edit the packet in place, as XMP asks.
    `${' '.repeat(99)}\n`.repeat(20) +
    '<?xpacket end="w"?>'
  );
}

/** The sRGB ICC profile shipped with the app (resources/icc), as bytes. */
export function srgbProfile(): Uint8Array {
  return Buffer.from(srgb.base64, 'base64');
}

/** The output intent PDF/A requires of a file painted in DeviceRGB: sRGB IEC61966-2.1, its profile embedded. */
function addOutputIntent(pdf: PDFDocument): void {
  const { context } = pdf;
  const profile = context.register(context.flateStream(srgbProfile(), { N: 3 }));
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of(srgb.identifier),
    Info: PDFString.of(srgb.identifier),
    RegistryName: PDFString.of('http://www.color.org'),
    DestOutputProfile: profile,
  });
  pdf.catalog.set(name('OutputIntents'), context.obj([context.register(intent)]));
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * Makes a tagged Chromium print conform: PDF/UA-1 for both copies, PDF/A-3b parts for the archive. Call after
 * printing and before attaching files and sealing; sets the Info dictionary too, so that it and the XMP agree.
 */
export function conformPdf(pdf: PDFDocument, info: PdfDocumentInfo): void {
  const { context, catalog } = pdf;
  exactA4(pdf);
  markArtifacts(pdf);
  fixStructure(pdf);
  tidyOutline(pdf);
  // Tab order follows the structure, for the seal's widget (PDF/UA 7.18.3).
  for (const page of pdf.getPages()) page.node.set(name('Tabs'), name('S'));

  pdf.setTitle(info.title, { showInWindowTitleBar: true });
  pdf.setAuthor(info.author);
  pdf.setSubject(info.subject);
  if (info.keywords) pdf.setKeywords(info.keywords);
  pdf.setLanguage(info.language);
  pdf.setCreator(info.creator);
  pdf.setCreationDate(info.made);
  pdf.setModificationDate(info.made);
  catalog.set(name('MarkInfo'), context.obj({ Marked: true }));
  const producer = pdf.getProducer() ?? 'Skia/PDF';
  pdf.setProducer(producer);
  const metadata = context.stream(new TextEncoder().encode(xmpPacket({ ...info, producer })), {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  catalog.set(name('Metadata'), context.register(metadata));

  if (info.archive) {
    addOutputIntent(pdf);
    // PDF/A-3 is ISO 32000-1 (PDF 1.7); Chromium writes a 1.4 header.
    context.header = PDFHeader.forVersion(1, 7);
  }
  const id = PDFHexString.of(randomBytes(16).toString('hex'));
  context.trailerInfo.ID = context.obj([id, id]);
}
