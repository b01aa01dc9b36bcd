// Reads the files embedded in a PDF (the catalog's EmbeddedFiles name tree), e.g. the record.json of an export.
//
// A PDF to verify comes from anywhere, and a small one can inflate to gigabytes (pdf-lib inflates object streams
// while merely loading a file, and an attachment when it is read). So the PDF is parsed in a worker thread with a
// heap limit and a time limit, and there every stream pdf-lib inflates is capped: one at the largest record.json
// there can be, all together at a few times that. A hostile file gets a clear invalid-input and the process lives.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { PDFDict as PDFDictType } from 'pdf-lib';
import { DeskError, InvalidInputError, LIMITS } from '../domain/index.ts';

export interface PdfAttachment {
  name: string;
  mimeType: string | null;
  relationship: string | null;
  bytes: Uint8Array;
}

export interface PdfReadLimits {
  /** The most one stream may inflate to: no record.json is larger. */
  maxStreamBytes: number;
  /** The most all the file's streams together may inflate to. */
  maxTotalBytes: number;
  /** The worker's V8 heap (old generation), in MB. */
  maxHeapMb: number;
  /** How long the worker may take before it is stopped. */
  timeLimitMs: number;
}

export const PDF_READ_LIMITS: PdfReadLimits = {
  maxStreamBytes: LIMITS.recordJsonBytes,
  maxTotalBytes: 4 * LIMITS.recordJsonBytes,
  maxHeapMb: 512,
  timeLimitMs: 60_000,
};

const tooLarge = () => new InvalidInputError('This PDF cannot be read: it is too large when decompressed.');

/** What the worker is given, and what it answers. */
interface Job {
  tag: typeof WORKER_TAG;
  bytes: Uint8Array;
  maxStreamBytes: number;
  maxTotalBytes: number;
}
type Answer = { ok: true; attachments: PdfAttachment[] } | { ok: false; tooLarge: boolean; message: string };

const WORKER_TAG = 'decision-desk/pdf-attachments';

/**
 * The worker's first code: loads this module (its URL in workerData; through tsx where it is still TypeScript,
 * in development and tests), whose top level sees the job and answers it.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsxApi) (await import(workerData.tsxApi)).register();
  await import(workerData.moduleUrl);
})();
`;

class StreamTooLarge extends Error {}

/** The parsing itself; runs in the worker. pdf-lib comes through require, so the patched DecodeStream is its own. */
async function parseAttachments(job: Job): Promise<PdfAttachment[]> {
  const require = createRequire(import.meta.url);
  const lib = require('pdf-lib') as typeof import('pdf-lib');
  const DecodeStream = (require('pdf-lib/cjs/core/streams/DecodeStream.js') as { default: { prototype: object } }).default;
  // Every filter pdf-lib has (Flate, LZW, ASCII85, ASCIIHex, RunLength) grows its output through ensureBuffer.
  const proto = DecodeStream.prototype as { ensureBuffer(requested: number): Uint8Array };
  const grow = proto.ensureBuffer;
  let total = 0;
  // Remembered as well as thrown: pdf-lib skips an object it cannot parse, and would carry on without it.
  let capped = false;
  const refuse = () => {
    capped = true;
    return new StreamTooLarge();
  };
  proto.ensureBuffer = function ensureBuffer(this: { buffer: Uint8Array }, requested: number) {
    const before = this.buffer.byteLength;
    if (requested <= before) return this.buffer;
    if (requested > job.maxStreamBytes) throw refuse();
    const buffer = grow.call(this, requested);
    total += buffer.byteLength - before;
    if (total > job.maxTotalBytes) throw refuse();
    return buffer;
  };

  const { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } = lib;
  const text = (value: unknown) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null);

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
  if (capped) throw new StreamTooLarge();
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
    if (capped || bytes.byteLength > job.maxStreamBytes) throw new StreamTooLarge();
    attachments.push({
      name: text(spec.lookup(PDFName.of('UF'))) ?? text(spec.lookup(PDFName.of('F'))) ?? name,
      mimeType: subtype ? subtype.decodeText() : null,
      relationship: relationship ? relationship.decodeText() : null,
      bytes: bytes.slice(),
    });
  }
  return attachments;
}

/** In the worker: answer the job this module was loaded for. */
async function answerJob(job: Job): Promise<void> {
  let answer: Answer;
  try {
    answer = { ok: true, attachments: await parseAttachments(job) };
  } catch (error) {
    const hit = error instanceof StreamTooLarge;
    answer = { ok: false, tooLarge: hit, message: error instanceof Error ? error.message.slice(0, 120) : 'damaged' };
  }
  const transfer = answer.ok ? answer.attachments.map((a) => a.bytes.buffer as ArrayBuffer) : [];
  parentPort!.postMessage(answer, transfer);
}

if (!isMainThread && (workerData as Partial<Job> | null)?.tag === WORKER_TAG) void answerJob(workerData as Job);

/** Where this module can be loaded from in the worker, and tsx's API when it is still TypeScript. */
function moduleLocation(): { moduleUrl: string; tsxApi: string | null } {
  const moduleUrl = import.meta.url;
  if (!/\.[cm]?ts$/.test(new URL(moduleUrl).pathname)) return { moduleUrl, tsxApi: null };
  // The ES module build of tsx's API: its CommonJS build registers a loader path that does not exist.
  const api = createRequire(moduleUrl).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  return { moduleUrl, tsxApi: pathToFileURL(api).href };
}

/** The files embedded in a PDF, read in a worker within `limits`; a file beyond them is refused with invalid-input. */
export function pdfAttachments(bytes: Uint8Array, limits: Partial<PdfReadLimits> = {}): Promise<PdfAttachment[]> {
  const { maxStreamBytes, maxTotalBytes, maxHeapMb, timeLimitMs } = { ...PDF_READ_LIMITS, ...limits };
  const copy = new Uint8Array(bytes);
  const job: Job & { moduleUrl: string; tsxApi: string | null } = {
    tag: WORKER_TAG,
    bytes: copy,
    maxStreamBytes,
    maxTotalBytes,
    ...moduleLocation(),
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: job,
      transferList: [copy.buffer],
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(1, maxHeapMb / 8)), stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const settle = (error: DeskError | null, attachments?: PdfAttachment[]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (error) reject(error);
      else resolve(attachments!);
    };
    const timer = setTimeout(
      () => settle(new InvalidInputError(`This PDF cannot be read: reading it took longer than ${Math.round(timeLimitMs / 1000)} seconds.`)),
      timeLimitMs,
    );
    worker.once('message', (answer: Answer) => {
      if (answer.ok) settle(null, answer.attachments);
      else settle(answer.tooLarge ? tooLarge() : new InvalidInputError(`This PDF cannot be read (${answer.message}).`));
    });
    worker.once('error', (error: Error & { code?: string }) => {
      settle(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new InvalidInputError('This PDF cannot be read: it is too large when decompressed (reading it needs too much memory).')
          : new InvalidInputError(`This PDF cannot be read (${error.message.slice(0, 120)}).`),
      );
    });
    worker.once('exit', (code) => settle(new InvalidInputError(`This PDF cannot be read (the reader stopped with code ${code}).`)));
  });
}

const PDF_MAGIC = '%PDF-';

/**
 * The record inside a file a person chose to verify: a record.json, or an exported PDF with its attached
 * record.json. Throws invalid-input saying what the file is instead.
 */
export async function readRecordFile(bytes: Uint8Array, limits: Partial<PdfReadLimits> = {}): Promise<unknown> {
  let json: string;
  if (Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes(PDF_MAGIC)) {
    const attachment = (await pdfAttachments(bytes, limits)).find((a) => a.name === 'record.json');
    if (!attachment) {
      throw new InvalidInputError('This PDF has no record.json attached: it was not exported by Decision Desk, or was re-saved by another program.');
    }
    json = new TextDecoder('utf-8', { fatal: false }).decode(attachment.bytes);
  } else {
    if (bytes.byteLength > LIMITS.recordJsonBytes) throw new InvalidInputError('This file is too large to be a record.json.');
    try {
      json = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      throw new InvalidInputError('This file is neither a PDF nor a record.json (it is not UTF-8 text).');
    }
  }
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new InvalidInputError('This file is neither a PDF nor a record.json (it is not valid JSON).');
  }
}
