// Parsing a PDF from outside in a worker thread: a heap limit, a time limit, and every stream pdf-lib inflates
// capped. A hostile file gets a clear invalid-input and the process lives. Used by pdf-attachments and pdf-seal.
//
// The worker loads the module that asked (its URL in workerData; through tsx where it is still TypeScript, in
// development and tests), whose top level calls answerInWorker with its own tag and so answers the job.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { DeskError, InvalidInputError } from '../domain/index.ts';

export interface WorkerLimits {
  /** The worker's V8 heap (old generation), in MB. */
  maxHeapMb: number;
  /** How long the worker may take before it is stopped. */
  timeLimitMs: number;
}

/** What a worker answers: its value and the buffers to transfer, or why it failed. */
export type WorkerAnswer<T> = { ok: true; value: T } | { ok: false; tooLarge: boolean; message: string };

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsxApi) (await import(workerData.tsxApi)).register();
  await import(workerData.moduleUrl);
})();
`;

/** Thrown inside the worker when a stream would inflate past its cap. */
export class StreamTooLarge extends Error {}

/**
 * The worker's pdf-lib, through require so that the patched DecodeStream is its own, with every stream it
 * inflates capped: one at `maxStreamBytes`, all together at `maxTotalBytes`. `capped()` says whether a cap was hit,
 * since pdf-lib skips an object it cannot parse and would carry on without it.
 */
export function cappedPdfLib(
  moduleUrl: string,
  maxStreamBytes: number,
  maxTotalBytes: number,
): { lib: typeof import('pdf-lib'); capped: () => boolean } {
  const require = createRequire(moduleUrl);
  const lib = require('pdf-lib') as typeof import('pdf-lib');
  const DecodeStream = (require('pdf-lib/cjs/core/streams/DecodeStream.js') as { default: { prototype: object } })
    .default;
  // Every filter pdf-lib has (Flate, LZW, ASCII85, ASCIIHex, RunLength) grows its output through ensureBuffer.
  const proto = DecodeStream.prototype as { ensureBuffer(requested: number): Uint8Array };
  const grow = proto.ensureBuffer;
  let total = 0;
  let capped = false;
  const refuse = () => {
    capped = true;
    return new StreamTooLarge();
  };
  proto.ensureBuffer = function ensureBuffer(this: { buffer: Uint8Array }, requested: number) {
    const before = this.buffer.byteLength;
    if (requested <= before) return this.buffer;
    if (requested > maxStreamBytes) throw refuse();
    const buffer = grow.call(this, requested);
    total += buffer.byteLength - before;
    if (total > maxTotalBytes) throw refuse();
    return buffer;
  };
  return { lib, capped: () => capped };
}

/**
 * In the worker: if this thread was started for `tag`, answers its job with `handle`. Call at a module's top level.
 * `transfer` picks the buffers of the value to move rather than copy.
 */
export function answerInWorker<J, T>(
  tag: string,
  handle: (job: J) => Promise<T>,
  transfer: (value: T) => ArrayBuffer[] = () => [],
): void {
  if (isMainThread || (workerData as { tag?: unknown } | null)?.tag !== tag) return;
  void (async () => {
    let answer: WorkerAnswer<T>;
    try {
      answer = { ok: true, value: await handle(workerData as J) };
    } catch (error) {
      answer = {
        ok: false,
        tooLarge: error instanceof StreamTooLarge,
        message: error instanceof Error ? error.message.slice(0, 120) : 'damaged',
      };
    }
    parentPort!.postMessage(answer, answer.ok ? transfer(answer.value) : []);
  })();
}

/** Where a module can be loaded from in the worker, and tsx's API when it is still TypeScript. */
function moduleLocation(moduleUrl: string): { moduleUrl: string; tsxApi: string | null } {
  if (!/\.[cm]?ts$/.test(new URL(moduleUrl).pathname)) return { moduleUrl, tsxApi: null };
  // The ES module build of tsx's API: its CommonJS build registers a loader path that does not exist.
  const api = createRequire(moduleUrl)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  return { moduleUrl, tsxApi: pathToFileURL(api).href };
}

/** The messages for a worker that failed, so each caller can say it in its own words. */
export interface WorkerFailures {
  tooLarge: () => DeskError;
  failed: (message: string) => DeskError;
}

const DEFAULT_FAILURES: WorkerFailures = {
  tooLarge: () => new InvalidInputError('This PDF cannot be read: it is too large when decompressed.'),
  failed: (message) => new InvalidInputError(`This PDF cannot be read (${message}).`),
};

/**
 * Runs the job tagged `tag` in a worker that loads `moduleUrl` (the module whose top level calls answerInWorker),
 * within `limits`. `bytes` is copied and moved to the worker. Rejects with an invalid-input DeskError.
 */
export function runPdfWorker<T>(
  tag: string,
  moduleUrl: string,
  bytes: Uint8Array,
  job: Record<string, unknown>,
  limits: WorkerLimits,
  failures: WorkerFailures = DEFAULT_FAILURES,
): Promise<T> {
  const { maxHeapMb, timeLimitMs } = limits;
  const copy = new Uint8Array(bytes);
  const data = { ...job, tag, bytes: copy, ...moduleLocation(moduleUrl) };
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: data,
      transferList: [copy.buffer],
      resourceLimits: {
        maxOldGenerationSizeMb: maxHeapMb,
        maxYoungGenerationSizeMb: Math.min(64, Math.max(1, maxHeapMb / 8)),
        stackSizeMb: 4,
      },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const settle = (error: DeskError | null, value?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (error) reject(error);
      else resolve(value!);
    };
    const timer = setTimeout(
      () =>
        settle(
          new InvalidInputError(
            `This PDF cannot be read: reading it took longer than ${Math.round(timeLimitMs / 1000)} seconds.`,
          ),
        ),
      timeLimitMs,
    );
    worker.once('message', (answer: WorkerAnswer<T>) => {
      if (answer.ok) settle(null, answer.value);
      else settle(answer.tooLarge ? failures.tooLarge() : failures.failed(answer.message));
    });
    worker.once('error', (error: Error & { code?: string }) => {
      settle(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new InvalidInputError(
              'This PDF cannot be read: it is too large when decompressed (reading it needs too much memory).',
            )
          : failures.failed(error.message.slice(0, 120)),
      );
    });
    worker.once('exit', (code) =>
      settle(new InvalidInputError(`This PDF cannot be read (the reader stopped with code ${code}).`)),
    );
  });
}
