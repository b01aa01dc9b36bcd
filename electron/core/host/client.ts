// The main process's side of the core host: calls go to the child that owns the desk and come back as the same
// envelopes the in-process dispatch returns. A child that dies is started again (a bounded number of times); calls
// in flight when it dies resolve to an "unavailable" envelope, never hang. Nothing committed is lost: the database
// is SQLite in WAL mode, so a child that dies mid-write leaves the last committed state.

import type { Envelope } from '../../contract.ts';
import { DeskError, type DeskErrorData, toErrorData } from '../domain/index.ts';
import type { PdfEngine } from '../export/pdf-engine.ts';
import type { CoreLog } from '../log.ts';
import {
  FROM_HOST_TYPES,
  type FromHost,
  type HostAsk,
  type HostPort,
  type HostStart,
  isMessage,
  type ToHost,
} from './protocol.ts';

/** One running child, however it was started (Electron's utilityProcess in the app, a worker thread in tests). */
export interface HostChild {
  port: HostPort;
  /** Registers the one listener for the child's end (crash, kill or exit). */
  onExit(listener: (detail: string) => void): void;
  kill(): void;
}

export interface CoreHostOptions {
  spawn: () => HostChild;
  start: HostStart;
  /** The engine that serves the child's print requests (Electron's printToPDF in the app). */
  engine: PdfEngine;
  log?: CoreLog & { info?(event: string, fields?: Record<string, unknown>): void };
  /** How many times a child that died is started again; then every call gets an "unavailable" envelope. */
  maxRestarts?: number;
  /** How long close() waits for the child to close the desk before it ends it. */
  closeTimeoutMs?: number;
}

export const UNAVAILABLE_AFTER_CRASH =
  'Decision Desk\u2019s database process stopped while this was being done. What was saved before is safe; try again.';
export const UNAVAILABLE_FOR_GOOD =
  'Decision Desk\u2019s database process keeps stopping, so nothing can be opened or saved now. What was saved before is safe. Quit and start Decision Desk again; if this happens again, the log folder (Help menu) has the details.';

interface Running {
  child: HostChild;
  /** Resolves once the desk is open; rejects with why it could not be. */
  ready: Promise<void>;
  calls: Map<number, (envelope: Envelope<unknown>) => void>;
  closes: Map<number, () => void>;
  gone: boolean;
}

export class CoreHost {
  private running: Running | null = null;
  private restarts = 0;
  private nextId = 1;
  private failure: DeskErrorData | null = null;
  private closing = false;

  constructor(private readonly options: CoreHostOptions) {}

  /** Starts the child and waits for the desk to open; rejects (a DeskError) when it cannot be opened. */
  async open(): Promise<void> {
    await this.current().ready;
  }

  get restartCount(): number {
    return this.restarts;
  }

  /** The same envelope the in-process dispatch would give; never rejects. */
  async call(method: string, input: unknown): Promise<Envelope<unknown>> {
    if (this.closing)
      return {
        ok: false,
        error: { code: 'unavailable', message: 'Decision Desk is closing; nothing more can be saved now.' },
      };
    if (this.failure) return { ok: false, error: this.failure };
    const running = this.current();
    try {
      await running.ready;
    } catch (error) {
      return { ok: false, error: toErrorData(error) };
    }
    if (running.gone) return this.call(method, input);
    const id = this.nextId++;
    return new Promise((resolve) => {
      running.calls.set(id, resolve);
      this.post(running, { type: 'call', id, method, input });
    });
  }

  /** Asks the child to close the desk (waiting at most closeTimeoutMs), then ends it. */
  async close(): Promise<void> {
    this.closing = true;
    const running = this.running;
    if (!running || running.gone) return;
    const ready = await running.ready.then(
      () => true,
      () => false,
    );
    if (ready && !running.gone) {
      const id = this.nextId++;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => {
          running.closes.set(id, resolve);
          this.post(running, { type: 'close', id });
        }),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, this.options.closeTimeoutMs ?? 10_000);
        }),
      ]);
      clearTimeout(timer);
      if (running.closes.has(id)) this.options.log?.warn('core.close-timed-out');
    }
    if (!running.gone) running.child.kill();
  }

  private post(running: Running, message: ToHost): void {
    try {
      running.child.port.postMessage(message);
    } catch (error) {
      this.options.log?.error('core.post-failed', error);
    }
  }

  private current(): Running {
    if (this.running && !this.running.gone) return this.running;
    const child = this.options.spawn();
    let settle!: { resolve: () => void; reject: (error: DeskError) => void };
    const ready = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // Nobody may be waiting yet: a rejection is read through `ready` by whoever asks.
    ready.catch(() => undefined);
    const running: Running = { child, ready, calls: new Map(), closes: new Map(), gone: false };
    this.running = running;
    child.port.on('message', (message) => this.received(running, message, settle));
    child.onExit((detail) => this.exited(running, detail, settle));
    this.post(running, { type: 'start', start: this.options.start });
    return running;
  }

  private received(
    running: Running,
    message: unknown,
    settle: { resolve: () => void; reject: (error: DeskError) => void },
  ): void {
    if (!isMessage<FromHost>(message, FROM_HOST_TYPES)) return;
    switch (message.type) {
      case 'ready':
        settle.resolve();
        return;
      case 'start-failed':
        // The desk itself cannot be opened (a damaged file, a folder that cannot be written): starting again won't help.
        this.failure = message.error;
        settle.reject(new DeskError(message.error.code, message.error.message));
        return;
      case 'result': {
        const resolve = running.calls.get(message.id);
        running.calls.delete(message.id);
        resolve?.(message.envelope);
        return;
      }
      case 'closed': {
        const resolve = running.closes.get(message.id);
        running.closes.delete(message.id);
        resolve?.();
        return;
      }
      case 'ask':
        void this.answer(running, message.id, message.ask);
        return;
      case 'log': {
        const error = message.error ? Object.assign(new Error(message.error.message), message.error) : undefined;
        if (message.level === 'warn') this.options.log?.warn(message.event, message.fields);
        else this.options.log?.error(message.event, error, message.fields);
        return;
      }
    }
  }

  private async answer(running: Running, id: number, ask: HostAsk): Promise<void> {
    try {
      let value: unknown = null;
      if (ask.method === 'pdf.print') value = await this.options.engine.print(ask.html, ask.options);
      else await this.options.engine.warm?.();
      if (!running.gone) this.post(running, { type: 'answer', id, ok: true, value });
    } catch (error) {
      if (!running.gone) this.post(running, { type: 'answer', id, ok: false, error: toErrorData(error) });
    }
  }

  private exited(running: Running, detail: string, settle: { reject: (error: DeskError) => void }): void {
    if (running.gone) return;
    running.gone = true;
    if (this.running === running) this.running = null;
    for (const resolve of running.closes.values()) resolve();
    running.closes.clear();
    if (this.closing) {
      for (const resolve of running.calls.values())
        resolve({
          ok: false,
          error: { code: 'unavailable', message: 'Decision Desk is closing; nothing more can be saved now.' },
        });
      running.calls.clear();
      return;
    }
    this.options.log?.warn('core.exited', { detail, restarts: this.restarts });
    const lostFor = this.restarts < (this.options.maxRestarts ?? 3) ? UNAVAILABLE_AFTER_CRASH : UNAVAILABLE_FOR_GOOD;
    if (lostFor === UNAVAILABLE_FOR_GOOD && !this.failure)
      this.failure = { code: 'unavailable', message: UNAVAILABLE_FOR_GOOD };
    for (const resolve of running.calls.values())
      resolve({ ok: false, error: { code: 'unavailable', message: lostFor } });
    running.calls.clear();
    settle.reject(new DeskError('unavailable', lostFor));
    if (!this.failure) {
      this.restarts += 1;
      // Started again now, so the next call (and the sync timer) finds it opening.
      this.current();
    }
  }
}
