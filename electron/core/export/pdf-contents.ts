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
  for (const match of xml.matchAll(new RegExp(`<${PROPERTY}(?:\\s[^<>]{0,2000})?>([^<]{0,100000})</\\1>`, 'g'))) add(match[1]!, match[2]!);
  for (const match of xml.matchAll(new RegExp(`<${PROPERTY}>\\s*<rdf:(?:Alt|Seq|Bag)>([\\s\\S]{0,100000}?)</rdf:(?:Alt|Seq|Bag)>`, 'g'))) {
    const items = [...match[2]!.matchAll(/<rdf:li(?:\s[^<>]{0,200})?>([^<]{0,100000})<\/rdf:li>/g)].map((li) => xmlText(li[1]!).trim()).filter(Boolean);
    add(match[1]!, items.join('; '));
  }
  for (const match of xml.matchAll(new RegExp(`\\s${PROPERTY}="([^"]{0,100000})"`, 'g'))) add(match[1]!, match[2]!);
  return [...fields].map(([name, value]) => ({ name: `XMP ${name}`, value }));
}

/** The parsing itself; runs in the worker. */
async function parseFacts(job: Job): Promise<PdfFacts> {
  const { lib, capped } = cappedPdfLib(import.meta.url, job.maxStreamBytes, job.maxTotalBytes);
  const { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString } = lib;
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
  const streams = context.enumerateIndirectObjects().filter(([, object]) => object instanceof PDFRawStream) as [PDFRefType, PDFRawStreamType][];
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
    images.push({ name: `Image ${ref.objectNumber} (${size('Width')} \u00d7 ${size('Height')} pixels)`, bytes: stream.getContentsSize(), description: null });
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
          metadata.push({ name: 'Signature field', value: `${name} (${value instanceof PDFDict ? 'signed' : 'not signed'})` });
        } else {
          const kind = type instanceof PDFName ? ({ Tx: 'text', Btn: 'button', Ch: 'choice' } as Record<string, string>)[type.decodeText()] ?? type.decodeText() : 'unknown';
          const shown = value instanceof PDFString || value instanceof PDFHexString ? `: ${clip(value.decodeText())}` : value instanceof PDFName ? `: ${value.decodeText()}` : '';
          metadata.push({ name: 'Form field', value: `${name} (${kind})${shown}` });
        }
      }
    };
    walk(fields, '', 8);
  }

  const names = catalog.lookup(PDFName.of('Names'));
  const openAction = catalog.lookup(PDFName.of('OpenAction'));
  if ((names instanceof PDFDict && names.has(PDFName.of('JavaScript'))) || (openAction instanceof PDFDict && openAction.lookup(PDFName.of('S')) === PDFName.of('JavaScript'))) {
    hidden.push('JavaScript, which a PDF reader may run on opening');
  }
  return { metadata, images, hidden };
}

answerInWorker(WORKER_TAG, parseFacts);

/** What a PDF carries besides its text, read in a worker within `limits`; a file beyond them is refused with invalid-input. */
export function pdfFacts(bytes: Uint8Array, limits: Partial<PdfReadLimits> = {}): Promise<PdfFacts> {
  const { maxStreamBytes, maxTotalBytes, maxHeapMb, timeLimitMs } = { ...PDF_READ_LIMITS, ...limits };
  return runPdfWorker<PdfFacts>(WORKER_TAG, import.meta.url, bytes, { maxStreamBytes, maxTotalBytes }, { maxHeapMb, timeLimitMs });
}
