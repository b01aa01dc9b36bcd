// What a PDF carries besides its pages' text: Info and XMP properties, image objects, form and signature fields, and
// scripts. A PDF to describe may come from outside, so it is parsed in the capped worker (pdf-worker.ts), as
// pdf-attachments.ts parses its embedded files.

import type { PDFArray as PDFArrayType, PDFRawStream as PDFRawStreamType, PDFRef as PDFRefType } from 'pdf-lib';
import { answerInWorker, cappedPdfLib, runPdfWorker, StreamTooLarge } from './pdf-worker.ts';
import { PDF_READ_LIMITS, type PdfReadLimits } from './pdf-attachments.ts';

export interface PdfFacts {
  metadata: { name: string; value: string }[];
  images: { name: string; bytes: number; description: string | null }[];
  hidden: string[];
  /**
   * The pages' text as far as the fonts' ToUnicode maps tell it (Chromium writes one for every font), a text run to a
   * line: enough to find words in, not a faithful copy of the layout. At most MAX_TEXT characters.
   */
  text: string;
}

/** The most page text kept, in characters. */
const MAX_TEXT = 4_000_000;

/** A ToUnicode CMap: code (as hex, its width in the string) to text. */
interface UnicodeMap {
  width: number;
  codes: Map<number, string>;
}

const hexText = (hex: string) => {
  let text = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) text += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return text;
};

/** Reads bfchar and bfrange entries of a ToUnicode CMap (bounded: at most 65,536 codes). */
export function parseToUnicode(cmap: string): UnicodeMap {
  const codes = new Map<number, string>();
  let width = 1;
  const note = (hex: string) => (width = Math.max(width, Math.ceil(hex.length / 2)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]{0,2000000}?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]{1,8})>\s*<([0-9a-fA-F]{0,64})>/g)) {
      note(m[1]!);
      if (codes.size < 65_536) codes.set(parseInt(m[1]!, 16), hexText(m[2]!));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]{0,2000000}?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(
      /<([0-9a-fA-F]{1,8})>\s*<([0-9a-fA-F]{1,8})>\s*(?:<([0-9a-fA-F]{1,64})>|\[([^\]]{0,100000})\])/g,
    )) {
      note(m[1]!);
      const from = parseInt(m[1]!, 16);
      const to = Math.min(parseInt(m[2]!, 16), from + 65_535);
      const list = m[4] ? [...m[4].matchAll(/<([0-9a-fA-F]{0,64})>/g)].map((x) => hexText(x[1]!)) : null;
      const start = m[3] ? hexText(m[3]) : '';
      for (let code = from; code <= to && codes.size < 65_536; code++) {
        if (list) codes.set(code, list[code - from] ?? '');
        else
          codes.set(code, start.slice(0, -1) + String.fromCharCode(start.charCodeAt(start.length - 1) + (code - from)));
      }
    }
  }
  return { width, codes };
}

/** The bytes of a PDF string token: (literal) with its escapes, or <hex>. */
function stringBytes(token: string): number[] {
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s+/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16));
    return bytes;
  }
  const bytes: number[] = [];
  const body = token.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(c.charCodeAt(0) & 0xff);
      continue;
    }
    const next = body[++i] ?? '';
    const octal = /^[0-7]{1,3}/.exec(body.slice(i, i + 3));
    if (octal) {
      bytes.push(parseInt(octal[0], 8) & 0xff);
      i += octal[0].length - 1;
    } else bytes.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[next] ?? next.charCodeAt(0));
  }
  return bytes;
}

/** The text a content stream shows, through the maps of the fonts it selects by resource name. */
export function contentText(content: string, fonts: ReadonlyMap<string, UnicodeMap>): string {
  let out = '';
  let font: UnicodeMap | undefined;
  const show = (token: string) => {
    const bytes = stringBytes(token);
    const width = font?.width ?? 1;
    for (let i = 0; i + width <= bytes.length; i += width) {
      let code = 0;
      for (let k = 0; k < width; k++) code = code * 256 + bytes[i + k]!;
      out += font ? (font.codes.get(code) ?? '') : String.fromCharCode(code);
    }
  };
  // Names, strings, arrays' brackets, numbers and operators, in order; a literal string may hold balanced brackets.
  const TOKENS =
    /\/([^\s/[\]()<>{}%]{1,127})|(\((?:\\[\s\S]|[^\\()]|\((?:\\[\s\S]|[^\\()])*\))*\))|(<[0-9a-fA-F\s]*>)|(\[)|(\])|([A-Za-z'"*]{1,3})|(-?\d*\.?\d+)/g;
  let lastName = '';
  let inArray = false;
  let pending: string[] = [];
  for (const m of content.matchAll(TOKENS)) {
    if (out.length > MAX_TEXT) break;
    if (m[1] !== undefined) lastName = m[1];
    else if (m[2] !== undefined || m[3] !== undefined) pending.push((m[2] ?? m[3])!);
    else if (m[4] !== undefined) inArray = true;
    else if (m[5] !== undefined) inArray = false;
    else if (m[7] !== undefined) {
      // A wide gap inside a TJ array is a space between words.
      if (inArray && Number(m[7]) < -200) pending.push(' ');
    } else if (m[6] !== undefined) {
      const op = m[6];
      if (op === 'Tf') font = fonts.get(lastName);
      else if (op === 'Tj' || op === 'TJ' || op === "'" || op === '"') {
        for (const token of pending) {
          if (token === ' ') out += ' ';
          else show(token);
        }
        out += op === 'TJ' || op === 'Tj' ? '' : '\n';
      } else if (op === 'ET' || op === 'Td' || op === 'TD' || op === 'T*' || op === 'Tm') out += '\n';
      pending = [];
    }
  }
  return out;
}

interface Job {
  bytes: Uint8Array;
  maxStreamBytes: number;
  maxTotalBytes: number;
}

const WORKER_TAG = 'decision-desk/pdf-contents';
/** No more image objects are listed one by one; the rest are counted. */
const MAX_LISTED = 1_000;
/** The longest property value kept: a description, not a copy. */
const MAX_VALUE = 2_000;

const clip = (text: string) => (text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text);

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text of an XML element or attribute: its entities decoded. */
export function xmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,4});/gi, (whole, entity: string) => {
    if (entity[0] !== '#') return XML_ENTITIES[entity] ?? whole;
    const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * The text properties of an XMP packet (dc:title, dc:creator, pdf:Producer, xmp:CreatorTool…): simple elements,
 * rdf:Alt/Seq/Bag lists (their items joined) and attributes in the rdf:Description form. Bounded regexes over text
 * the worker has already capped.
 */
export function xmpFields(xml: string): { name: string; value: string }[] {
  const fields = new Map<string, string>();
  const add = (name: string, value: string) => {
    const text = xmlText(value).trim();
    if (text && !fields.has(name)) fields.set(name, clip(text));
  };
  const PROPERTY = '((?:dc|pdf|xmp|xmpMM|xmpRights|pdfaid|pdfuaid|photoshop|pdfx):[A-Za-z]{1,40})';
  for (const match of xml.matchAll(new RegExp(`<${PROPERTY}(?:\\s[^<>]{0,2000})?>([^<]{0,100000})</\\1>`, 'g')))
    add(match[1]!, match[2]!);
  for (const match of xml.matchAll(
    new RegExp(`<${PROPERTY}>\\s*<rdf:(?:Alt|Seq|Bag)>([\\s\\S]{0,100000}?)</rdf:(?:Alt|Seq|Bag)>`, 'g'),
  )) {
    const items = [...match[2]!.matchAll(/<rdf:li(?:\s[^<>]{0,200})?>([^<]{0,100000})<\/rdf:li>/g)]
      .map((li) => xmlText(li[1]!).trim())
      .filter(Boolean);
    add(match[1]!, items.join('; '));
  }
  for (const match of xml.matchAll(new RegExp(`\\s${PROPERTY}="([^"]{0,100000})"`, 'g'))) add(match[1]!, match[2]!);
  return [...fields].map(([name, value]) => ({ name: `XMP ${name}`, value }));
}

/** The parsing itself; runs in the worker. */
async function parseFacts(job: Job): Promise<PdfFacts> {
  const { lib, capped } = cappedPdfLib(import.meta.url, job.maxStreamBytes, job.maxTotalBytes);
  const {
    decodePDFRawStream,
    PDFArray,
    PDFDict,
    PDFDocument,
    PDFHexString,
    PDFName,
    PDFNumber,
    PDFRawStream,
    PDFRef,
    PDFString,
  } = lib;
  const pdf = await PDFDocument.load(job.bytes, { updateMetadata: false, ignoreEncryption: false });
  if (capped()) throw new StreamTooLarge();
  const { context, catalog } = pdf;
  const metadata: PdfFacts['metadata'] = [];
  const hidden: string[] = [];

  const info = context.lookup(context.trailerInfo.Info);
  if (info instanceof PDFDict) {
    for (const [key, value] of info.entries()) {
      const name = key.decodeText();
      const object = value instanceof PDFRef ? context.lookup(value) : value;
      let text: string | null = null;
      if (object instanceof PDFString || object instanceof PDFHexString) {
        text = object.decodeText();
        if (/Date$/.test(name)) {
          try {
            text = object.decodeDate().toISOString();
          } catch {
            // Not a PDF date: shown as written.
          }
        }
      } else if (object instanceof PDFName) {
        text = object.decodeText();
      }
      if (text !== null && text.trim()) metadata.push({ name, value: clip(text) });
    }
  }

  const xmp = catalog.lookup(PDFName.of('Metadata'));
  if (xmp instanceof PDFRawStream) {
    const xml = new TextDecoder('utf-8', { fatal: false }).decode(decodePDFRawStream(xmp).decode());
    if (capped()) throw new StreamTooLarge();
    metadata.push(...xmpFields(xml));
  }

  // Soft masks are the transparency of another image, not pictures of their own.
  const masks = new Set<string>();
  const images: PdfFacts['images'] = [];
  const streams = context.enumerateIndirectObjects().filter(([, object]) => object instanceof PDFRawStream) as [
    PDFRefType,
    PDFRawStreamType,
  ][];
  const isImage = (stream: PDFRawStreamType) => stream.dict.lookup(PDFName.of('Subtype')) === PDFName.of('Image');
  for (const [, stream] of streams) {
    const mask = stream.dict.get(PDFName.of('SMask'));
    if (isImage(stream) && mask instanceof PDFRef) masks.add(mask.toString());
  }
  let unlisted = 0;
  for (const [ref, stream] of streams) {
    if (!isImage(stream) || masks.has(ref.toString())) continue;
    if (images.length >= MAX_LISTED) {
      unlisted++;
      continue;
    }
    const size = (key: string) => {
      const value = stream.dict.lookup(PDFName.of(key));
      return value instanceof PDFNumber ? value.asNumber() : 0;
    };
    images.push({
      name: `Image ${ref.objectNumber} (${size('Width')} \u00d7 ${size('Height')} pixels)`,
      bytes: stream.getContentsSize(),
      description: null,
    });
  }
  if (unlisted > 0) hidden.push(`${unlisted.toLocaleString('en-GB')} more images`);

  const acroForm = catalog.lookup(PDFName.of('AcroForm'));
  const fields = acroForm instanceof PDFDict ? acroForm.lookup(PDFName.of('Fields')) : undefined;
  if (fields instanceof PDFArray) {
    /** Terminal fields, their full names joined with dots, at most 8 levels deep. */
    const walk = (array: PDFArrayType, prefix: string, depth: number) => {
      for (let i = 0; i < array.size() && metadata.length < MAX_LISTED; i++) {
        const field = array.lookup(i);
        if (!(field instanceof PDFDict)) continue;
        const partial = field.lookup(PDFName.of('T'));
        const name = `${prefix}${partial instanceof PDFString || partial instanceof PDFHexString ? partial.decodeText() : '(unnamed)'}`;
        const kids = field.lookup(PDFName.of('Kids'));
        const type = field.lookup(PDFName.of('FT'));
        if (kids instanceof PDFArray && depth > 0 && !(type instanceof PDFName)) {
          walk(kids, `${name}.`, depth - 1);
          continue;
        }
        const value = field.lookup(PDFName.of('V'));
        if (type === PDFName.of('Sig')) {
          metadata.push({
            name: 'Signature field',
            value: `${name} (${value instanceof PDFDict ? 'signed' : 'not signed'})`,
          });
        } else {
          const kind =
            type instanceof PDFName
              ? (({ Tx: 'text', Btn: 'button', Ch: 'choice' } as Record<string, string>)[type.decodeText()] ??
                type.decodeText())
              : 'unknown';
          const shown =
            value instanceof PDFString || value instanceof PDFHexString
              ? `: ${clip(value.decodeText())}`
              : value instanceof PDFName
                ? `: ${value.decodeText()}`
                : '';
          metadata.push({ name: 'Form field', value: `${name} (${kind})${shown}` });
        }
      }
    };
    walk(fields, '', 8);
  }

  const names = catalog.lookup(PDFName.of('Names'));
  const openAction = catalog.lookup(PDFName.of('OpenAction'));
  if (
    (names instanceof PDFDict && names.has(PDFName.of('JavaScript'))) ||
    (openAction instanceof PDFDict && openAction.lookup(PDFName.of('S')) === PDFName.of('JavaScript'))
  ) {
    hidden.push('JavaScript, which a PDF reader may run on opening');
  }

  // The pages' text, for the checks that look for words (an internal section printed on a public copy).
  let text = '';
  for (const pdfPage of pdf.getPages()) {
    if (text.length > MAX_TEXT) break;
    const fonts = new Map<string, UnicodeMap>();
    const resources = pdfPage.node.Resources();
    const fontDict = resources?.lookup(PDFName.of('Font'));
    if (fontDict instanceof PDFDict) {
      for (const [name, ref] of fontDict.entries()) {
        const fontObject = ref instanceof PDFRef ? context.lookup(ref) : ref;
        const toUnicode = fontObject instanceof PDFDict ? fontObject.lookup(PDFName.of('ToUnicode')) : undefined;
        if (toUnicode instanceof PDFRawStream)
          fonts.set(
            name.decodeText(),
            parseToUnicode(new TextDecoder('latin1').decode(decodePDFRawStream(toUnicode).decode())),
          );
      }
    }
    const contents = pdfPage.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => context.lookup(ref)) : [contents];
    for (const stream of streams) {
      if (stream instanceof PDFRawStream)
        text += `${contentText(new TextDecoder('latin1').decode(decodePDFRawStream(stream).decode()), fonts)}\n`;
    }
    if (capped()) throw new StreamTooLarge();
  }
  return { metadata, images, hidden, text: text.slice(0, MAX_TEXT) };
}

answerInWorker(WORKER_TAG, parseFacts);

/** What a PDF carries besides its text, read in a worker within `limits`; a file beyond them is refused with invalid-input. */
export function pdfFacts(bytes: Uint8Array, limits: Partial<PdfReadLimits> = {}): Promise<PdfFacts> {
  const { maxStreamBytes, maxTotalBytes, maxHeapMb, timeLimitMs } = { ...PDF_READ_LIMITS, ...limits };
  return runPdfWorker<PdfFacts>(
    WORKER_TAG,
    import.meta.url,
    bytes,
    { maxStreamBytes, maxTotalBytes },
    { maxHeapMb, timeLimitMs },
  );
}
