// IPC from the window: every handler is registered through one wrapper that checks the sender is the app's own
// page, refuses new work while the app closes, keeps count of work in flight, and answers with an envelope.

import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import type { Envelope } from '../contract.ts';
import { describeIssues, InvalidInputError, RecordId, toErrorData } from '../core/domain/index.ts';
import { DESK_METHODS, methodChannel, PRINT_CHANNEL } from '../preload/channels.ts';
import type { Log } from './log.ts';
import { isTrustedSender, originOf } from './security.ts';

/** Promises still running, so quitting can wait for them (for a bounded time) before the database closes. */
export class PendingWork {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const done = () => this.running.delete(work);
    work.then(done, done);
    return work;
  }

  get count(): number {
    return this.running.size;
  }

  /** Resolves true once nothing is running, or false if that takes longer than `timeoutMs`. */
  async settle(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const allDone = (async () => {
      // Work that finishes may have started more: wait until a pass finds nothing.
      while (this.running.size > 0) await Promise.allSettled([...this.running]);
      return true as const;
    })();
    try {
      return await Promise.race([allDone, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Thrown (so the caller's promise rejects) for a sender that is not our page: it gets no envelope, only a refusal. */
export class ForeignSenderError extends Error {
  override name = 'ForeignSenderError';
  constructor() {
    super('Refused: only the Decision Desk window may call this.');
  }
}

function senderOrigin(event: IpcMainInvokeEvent): string {
  try {
    return event.senderFrame ? originOf(new URL(event.senderFrame.url)) : 'none';
  } catch {
    return 'unparsable';
  }
}

export class DeskIpc {
  readonly pending = new PendingWork();
  private closing = false;

  constructor(private readonly options: { trustedOrigin: string; log: Log }) {}

  /** The one way a channel gets a handler. `run` validates its input and never throws (it returns an envelope). */
  handle(channel: string, run: (input: unknown) => Promise<Envelope<unknown>>): void {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      if (!isTrustedSender(event.senderFrame, this.options.trustedOrigin)) {
        this.options.log.warn('ipc.refused', { channel, sender: senderOrigin(event) });
        throw new ForeignSenderError();
      }
      if (args.length > 1) {
        return { ok: false, error: new InvalidInputError(`${channel.slice(0, 60)} takes one argument.`).toData() };
      }
      if (this.closing) {
        return {
          ok: false,
          error: { code: 'unavailable', message: 'Decision Desk is closing; nothing more can be saved now.' },
        };
      }
      return this.pending.track(run(args[0]));
    });
  }

  /** From now on calls get an "unavailable" envelope; what is already running carries on. */
  stopAccepting(): void {
    this.closing = true;
  }
}

const PrintInput = z.strictObject({ id: RecordId });

/** What the window may ask of the shell itself, beyond the service. */
export interface ShellActions {
  printRecord(id: string): Promise<boolean>;
}

async function printEnvelope(shell: ShellActions, input: unknown): Promise<Envelope<{ printed: boolean }>> {
  const parsed = PrintInput.safeParse(input ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: new InvalidInputError(`Invalid input for print: ${describeIssues(parsed.error)}`).toData(),
    };
  }
  try {
    return { ok: true, value: { printed: await shell.printRecord(parsed.data.id) } };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}

/** How main reaches the desk: the core host's call (the utility process), answering with dispatch's envelope. */
export type DeskCall = (method: string, input: unknown) => Promise<Envelope<unknown>>;

/** Registers a channel per contract method (validated by the contract through dispatch, in the core host) and the print channel. */
export function registerDeskIpc(ipc: DeskIpc, call: DeskCall, shell: ShellActions): void {
  for (const method of DESK_METHODS) ipc.handle(methodChannel(method), (input) => call(method, input));
  ipc.handle(PRINT_CHANNEL, (input) => printEnvelope(shell, input));
}
