// Reads the files embedded in a PDF (the catalog's EmbeddedFiles name tree), e.g. the record.json of an export.
//
// A PDF to verify comes from anywhere, and a small one can inflate to gigabytes (pdf-lib inflates object streams
// while merely loading a file, and an attachment when it is read). So the PDF is parsed in a worker (pdf-worker.ts)
// where every stream pdf-lib inflates is capped: one at the largest record.json there can be, all together at a few
// times that. A hostile file gets a clear invalid-input and the process lives.

import type { PDFDict as PDFDictType } from 'pdf-lib';
import { InvalidInputError, LIMITS } from '../domain/index.ts';
import { answerInWorker, cappedPdfLib, runPdfWorker, StreamTooLarge, type WorkerLimits } from './pdf-worker.ts';

export interface PdfAttachment {
  name: string;
  mimeType: string | null;
  relationship: string | null;
  bytes: Uint8Array;
}

export interface PdfReadLimits extends WorkerLimits {
  /** The most one stream may inflate to: no record.json is larger. */
  maxStreamBytes: number;
  /** The most all the file's streams together may inflate to. */
  maxTotalBytes: number;
}

export const PDF_READ_LIMITS: PdfReadLimits = {
  maxStreamBytes: LIMITS.recordJsonBytes,
  maxTotalBytes: 4 * LIMITS.recordJsonBytes,
  maxHeapMb: 512,
  timeLimitMs: 60_000,
};

/** What the worker is given. */
interface Job {
  bytes: Uint8Array;
  maxStreamBytes: number;
  maxTotalBytes: number;
}

const WORKER_TAG = 'decision-desk/pdf-attachments';

/** The parsing itself; runs in the worker. */
async function parseAttachments(job: Job): Promise<PdfAttachment[]> {
  const { lib, capped } = cappedPdfLib(import.meta.url, job.maxStreamBytes, job.maxTotalBytes);
  const { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } = lib;
  const text = (value: unknown) =>
    value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null;

  /** Walks a name tree (Names pairs, or Kids of further nodes), at most `depth` levels, collecting its leaves. */
  function nameTreeLeaves(node: PDFDictType, depth = 8): { name: string; spec: PDFDictType }[] {
    const leaves: { name: string; spec: PDFDictType }[] = [];
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const spec = names.lookup(i + 1);
      if (spec instanceof PDFDict) leaves.push({ name: text(names.lookup(i)) ?? '', spec });
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; depth > 0 && kids && i < kids.size(); i++) {
      const kid = kids.lookup(i);
      if (kid instanceof PDFDict) leaves.push(...nameTreeLeaves(kid, depth - 1));
    }
    return leaves;
  }

  const pdf = await PDFDocument.load(job.bytes, { updateMetadata: false, ignoreEncryption: false });
  if (capped()) throw new StreamTooLarge();
  const tree = pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  if (!tree) return [];
  const attachments: PdfAttachment[] = [];
  for (const { name, spec } of nameTreeLeaves(tree)) {
    const stream = spec.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookup(PDFName.of('F'));
    if (!(stream instanceof PDFRawStream)) continue;
    const subtype = stream.dict.lookupMaybe(PDFName.of('Subtype'), PDFName);
    const relationship = spec.lookupMaybe(PDFName.of('AFRelationship'), PDFName);
    const bytes = decodePDFRawStream(stream).decode();
    // An unfiltered stream is not inflated, but is no more allowed to be larger than a record.json.
    if (capped() || bytes.byteLength > job.maxStreamBytes) throw new StreamTooLarge();
    attachments.push({
      name: text(spec.lookup(PDFName.of('UF'))) ?? text(spec.lookup(PDFName.of('F'))) ?? name,
      mimeType: subtype ? subtype.decodeText() : null,
      relationship: relationship ? relationship.decodeText() : null,
      bytes: bytes.slice(),
    });
  }
  return attachments;
}

answerInWorker(WORKER_TAG, parseAttachments, (attachments) => attachments.map((a) => a.bytes.buffer as ArrayBuffer));

/** The files embedded in a PDF, read in a worker within `limits`; a file beyond them is refused with invalid-input. */
export function pdfAttachments(bytes: Uint8Array, limits: Partial<PdfReadLimits> = {}): Promise<PdfAttachment[]> {
  const { maxStreamBytes, maxTotalBytes, maxHeapMb, timeLimitMs } = { ...PDF_READ_LIMITS, ...limits };
  return runPdfWorker<PdfAttachment[]>(
    WORKER_TAG,
    import.meta.url,
    bytes,
    { maxStreamBytes, maxTotalBytes },
    { maxHeapMb, timeLimitMs },
  );
}

const PDF_MAGIC = '%PDF-';

/**
 * The record inside a file a person chose to verify: a record.json, or an exported PDF with its attached
 * record.json. Throws invalid-input saying what the file is instead.
 */
/** Whether the bytes are a PDF (its header in the first KB, as readers accept it). */
export const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes(PDF_MAGIC);

export async function readRecordFile(bytes: Uint8Array, limits: Partial<PdfReadLimits> = {}): Promise<unknown> {
  return (await readRecordFileWithAttachments(bytes, limits)).record;
}

/** As readRecordFile, with every file a PDF has attached (none for a record.json): one parse of the PDF for both. */
export async function readRecordFileWithAttachments(
  bytes: Uint8Array,
  limits: Partial<PdfReadLimits> = {},
): Promise<{ record: unknown; attachments: PdfAttachment[] }> {
  let json: string;
  let attachments: PdfAttachment[] = [];
  if (isPdf(bytes)) {
    attachments = await pdfAttachments(bytes, limits);
    const attachment = attachments.find((a) => a.name === 'record.json');
    if (!attachment) {
      throw new InvalidInputError(
        'This PDF has no record.json attached, so its signatures cannot be checked: it is a public copy (the website\u2019s, which carries none: check the office\u2019s archive copy), was not exported by Decision Desk, or was re-saved by another program.',
      );
    }
    json = new TextDecoder('utf-8', { fatal: false }).decode(attachment.bytes);
  } else {
    if (bytes.byteLength > LIMITS.recordJsonBytes)
      throw new InvalidInputError('This file is too large to be a record.json.');
    try {
      json = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      throw new InvalidInputError('This file is neither a PDF nor a record.json (it is not UTF-8 text).');
    }
  }
  try {
    return { record: JSON.parse(json) as unknown, attachments };
  } catch {
    throw new InvalidInputError('This file is neither a PDF nor a record.json (it is not valid JSON).');
  }
}
