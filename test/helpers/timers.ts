// Sync's timers as a test fires them: by hand, one at a time, with the delay each was scheduled for.

import type { SyncTimers } from '../../electron/core/sync/schedule.ts';

export function manualTimers() {
  let next = 1;
  const scheduled = new Map<number, { run: () => void; ms: number }>();
  const timers: SyncTimers = {
    setTimeout(run, ms) {
      scheduled.set(next, { run, ms });
      return next++;
    },
    clearTimeout: (handle) => void scheduled.delete(handle as number),
  };
  return {
    timers,
    delays: () => [...scheduled.values()].map((s) => s.ms),
    /** Runs the earliest scheduled callback. */
    fire() {
      const [id, entry] = [...scheduled.entries()][0]!;
      scheduled.delete(id);
      entry.run();
    },
  };
}
