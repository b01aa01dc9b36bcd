// The core host's side: opens the desk in this process (the app's utility process, or a worker thread in tests) and
// answers the main process's calls through the same dispatch every transport uses, so validation is identical.
// The PDF engine stays with the windows in main: print() and warm() go there as reverse requests.

import { type Desk, openDesk } from '../desk.ts';
import { DeskError, type DeskErrorData, toErrorData } from '../domain/index.ts';
import type { PdfEngine, PdfPrintOptions } from '../export/pdf-engine.ts';
import type { CoreLog } from '../log.ts';
import { dispatch } from '../service.ts';
import { secretWrap } from '../trust/secret-wrap.ts';
import {
  type FromHost,
  type HostAsk,
  type HostPort,
  type HostStart,
  isMessage,
  TO_HOST_TYPES,
  type ToHost,
} from './protocol.ts';

export interface ServeOptions {
  /** Called once the desk is closed after main asked (the entry then exits). */
  onClosed?: () => void;
  /** The clock (tests share theirs with the host); the real time by default. */
  now?: () => Date;
}

function errorShape(error: unknown): { name: string; message: string; stack?: string } | undefined {
  if (error === undefined) return undefined;
  return error instanceof Error
    ? { name: error.name, message: error.message, stack: error.stack }
    : { name: 'Error', message: String(error) };
}

export function serveDesk(port: HostPort, options: ServeOptions = {}): void {
  const send = (message: FromHost) => port.postMessage(message);
  let desk: Desk | null = null;
  let opening: Promise<void> | null = null;
  let nextAsk = 1;
  const asks = new Map<number, { resolve: (value: unknown) => void; reject: (error: DeskError) => void }>();

  function ask(request: HostAsk): Promise<unknown> {
    const id = nextAsk++;
    return new Promise((resolve, reject) => {
      asks.set(id, { resolve, reject });
      send({ type: 'ask', id, ask: request });
    });
  }

  const pdfEngine: PdfEngine = {
    async print(html: string, printOptions?: PdfPrintOptions) {
      const value = await ask({ method: 'pdf.print', html, ...(printOptions ? { options: printOptions } : {}) });
      if (!(value instanceof Uint8Array)) throw new DeskError('internal', 'The PDF engine returned no document.');
      return value;
    },
    async warm() {
      await ask({ method: 'pdf.warm' }).catch(() => undefined);
    },
    // The engine belongs to main; there is nothing here to release.
    async close() {},
  };

  const log: CoreLog = {
    warn: (event, fields) => send({ type: 'log', level: 'warn', event, fields }),
    error: (event, error, fields) => send({ type: 'log', level: 'error', event, fields, error: errorShape(error) }),
  };

  async function open(start: HostStart): Promise<void> {
    try {
      desk = await openDesk(start.dataDir, {
        nativeBinding: start.nativeBinding,
        pdfEngine,
        sync: start.syncStart ? { start: true } : undefined,
        dailyBackup: start.dailyBackup ?? true,
        now: options.now,
        keys: { wrap: start.secret ? secretWrap(start.secret) : undefined, ...(start.kdf ? { kdf: start.kdf } : {}) },
        log,
      });
      send({ type: 'ready' });
    } catch (error) {
      send({ type: 'start-failed', error: toErrorData(error) });
    }
  }

  async function answer(id: number, method: string, input: unknown): Promise<void> {
    await opening;
    const envelope = desk
      ? await dispatch(desk.service, method, input)
      : { ok: false as const, error: { code: 'unavailable', message: 'The desk is not open.' } as DeskErrorData };
    send({ type: 'result', id, envelope });
  }

  port.on('message', (message) => {
    if (!isMessage<ToHost>(message, TO_HOST_TYPES)) return;
    switch (message.type) {
      case 'start':
        opening ??= open(message.start);
        return;
      case 'call':
        void answer(message.id, message.method, message.input);
        return;
      case 'answer': {
        const waiting = asks.get(message.id);
        if (!waiting) return;
        asks.delete(message.id);
        if (message.ok) waiting.resolve(message.value);
        else waiting.reject(new DeskError(message.error.code, message.error.message));
        return;
      }
      case 'close':
        void (async () => {
          await opening;
          try {
            await desk?.close();
          } catch (error) {
            log.error('desk.close-failed', error);
          }
          desk = null;
          send({ type: 'closed', id: message.id });
          options.onClosed?.();
        })();
        return;
    }
  });
}
