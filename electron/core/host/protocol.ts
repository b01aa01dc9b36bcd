// The messages between the main process and the core host (the utility process that owns the desk). Pure data over
// a port-like object, so Electron's MessagePortMain / parentPort and node:worker_threads ports all fit.

import type { Envelope } from '../../contract.ts';
import type { DeskErrorData } from '../domain/index.ts';
import type { PdfPrintOptions } from '../export/pdf-engine.ts';
import type { CoreLogFields } from '../log.ts';

/** Anything that posts structured-clone messages and hands received ones (their data, not a MessageEvent) to `on`. */
export interface HostPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

/** What the host needs to open the desk: sent once, first. */
export interface HostStart {
  dataDir: string;
  /** better-sqlite3's native binding for this runtime (Electron's build in the app). */
  nativeBinding?: string;
  /** The device secret (32 bytes) that wraps key files (DDWRAP2); absent where the OS has no key store. */
  secret?: Uint8Array;
  /** Sync with the shared folder, its passes on a timer (the app does); without it, no sync engine at all. */
  syncStart?: boolean;
  /** Today's backup on open and each day (default true; tests turn it off). */
  dailyBackup?: boolean;
  /** Cheap scrypt costs, for tests only. */
  kdf?: Record<string, { N: number; r: number; p: number }>;
}

/** Main → host. */
export type ToHost =
  | { type: 'start'; start: HostStart }
  | { type: 'call'; id: number; method: string; input: unknown }
  | { type: 'close'; id: number }
  | { type: 'answer'; id: number; ok: true; value: unknown }
  | { type: 'answer'; id: number; ok: false; error: DeskErrorData };

/** What the host asks of main (reverse requests): the PDF engine lives with the windows. */
export type HostAsk = { method: 'pdf.print'; html: string; options?: PdfPrintOptions } | { method: 'pdf.warm' };

/** Host → main. */
export type FromHost =
  | { type: 'ready' }
  | { type: 'start-failed'; error: DeskErrorData }
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  | { type: 'closed'; id: number }
  | { type: 'ask'; id: number; ask: HostAsk }
  | {
      type: 'log';
      level: 'warn' | 'error';
      event: string;
      fields?: CoreLogFields;
      error?: { name: string; message: string; stack?: string };
    };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A light shape check: a message from the other side of our own port, but never trusted to be well formed. */
export function isMessage<T extends { type: string }>(value: unknown, types: readonly T['type'][]): value is T {
  return isObject(value) && typeof value.type === 'string' && (types as readonly string[]).includes(value.type);
}

export const TO_HOST_TYPES = ['start', 'call', 'close', 'answer'] as const satisfies readonly ToHost['type'][];
export const FROM_HOST_TYPES = [
  'ready',
  'start-failed',
  'result',
  'closed',
  'ask',
  'log',
] as const satisfies readonly FromHost['type'][];
