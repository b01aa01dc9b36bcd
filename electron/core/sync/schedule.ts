// When passes run: one at a time, on start, every intervalMs, sooner when the folder changes (debounced), and
// backing off after a failed pass; and how long a failed outbox item waits before it is tried again.

export interface SyncTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: SyncTimers = {
  setTimeout(run, ms) {
    const handle = setTimeout(run, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const PASS_BACKOFF_MS = 15_000;
const ITEM_BACKOFF_MS = 30_000;
const ITEM_BACKOFF_MAX_MS = 30 * 60_000;

/** When an outbox item that failed on its own (after `attempts` earlier failures) is next tried. */
export function itemRetryAt(now: Date, attempts: number): Date {
  return new Date(now.getTime() + Math.min(ITEM_BACKOFF_MAX_MS, ITEM_BACKOFF_MS * 2 ** attempts));
}

/** The wait before the next pass: the interval when all is well, doubling from 15 s after each failed pass. */
export function nextPassDelay(ok: boolean, failedPasses: number, intervalMs: number): number {
  return ok ? intervalMs : Math.min(intervalMs, PASS_BACKOFF_MS * 2 ** (failedPasses - 1));
}

export interface OnePassAtATime<T> {
  /** Runs now, or, during a run, once after it: every call made during one run shares that next run. */
  run(scheduled: boolean): Promise<T>;
  readonly running: boolean;
  /** Settles once the run going on now (if any) has ended, however it ended. */
  idle(): Promise<void>;
}

export function onePassAtATime<T>(runPass: (scheduled: boolean) => Promise<T>): OnePassAtATime<T> {
  let current: Promise<T> | null = null;
  let following: Promise<T> | null = null;
  function run(scheduled: boolean): Promise<T> {
    if (!current) {
      current = runPass(scheduled).finally(() => {
        current = null;
      });
      return current;
    }
    following ??= current.then(() => {
      following = null;
      return run(scheduled);
    });
    return following;
  }
  return {
    run,
    get running() {
      return current !== null;
    },
    idle: async () => {
      await current?.catch(() => undefined);
    },
  };
}

export interface PassSchedule {
  readonly started: boolean;
  /** Runs a pass now, then on the timer. */
  start(): void;
  /** Stops the timer; a pass running goes on to its end, and schedules nothing after it. */
  stop(): void;
  /** Something changed (on the share, or work queued): the next pass comes once things are quiet for debounceMs. */
  changed(): void;
}

export function createPassSchedule(options: {
  timers: SyncTimers;
  now: () => Date;
  intervalMs: number;
  debounceMs: number;
  /** A scheduled pass; its outcome sets the next one. */
  pass: () => Promise<{ ok: boolean }>;
  failedPasses: () => number;
  /** After each scheduled pass, before the next one is set (the engine renews its watcher). */
  afterPass: () => void;
}): PassSchedule {
  const { timers, now, intervalMs, debounceMs } = options;
  let started = false;
  let timer: unknown = null;
  let dueAt = 0;

  function schedule(ms: number): void {
    if (!started) return;
    if (timer !== null) timers.clearTimeout(timer);
    dueAt = now().getTime() + ms;
    timer = timers.setTimeout(() => {
      timer = null;
      void tick();
    }, ms);
  }

  async function tick(): Promise<void> {
    const summary = await options.pass();
    if (!started) return;
    options.afterPass();
    // A change seen during the pass has already set the next one, sooner.
    if (timer !== null) return;
    schedule(nextPassDelay(summary.ok, options.failedPasses(), intervalMs));
  }

  return {
    get started() {
      return started;
    },
    start() {
      started = true;
      schedule(0);
    },
    stop() {
      started = false;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
    changed() {
      if (!started) return;
      if (dueAt > now().getTime() + debounceMs || timer === null) schedule(debounceMs);
    },
  };
}
