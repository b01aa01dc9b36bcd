// A shared folder as offices have it: an SMB share over a VPN or a OneDrive folder, where every file operation
// costs milliseconds. Wraps the driver's file calls, adding a delay to each and counting them by kind, so the sync
// bench can time a pass at 20 ms an operation and the tests can count what a pass costs without waiting for it.

import type { ShareFs } from '../../electron/core/sync/driver.ts';

export type ShareOperation = keyof Omit<ShareFs, 'watch'>;

export interface SlowShare {
  fs: ShareFs;
  /** The delay added to every operation from now on, in ms. */
  delayMs: number;
  /** Operations made since the last reset, by kind. */
  readonly counts: Record<ShareOperation, number>;
  /** Every operation since the last reset. */
  total(): number;
  reset(): void;
}

const OPERATIONS: ShareOperation[] = ['readdir', 'stat', 'readFile', 'createFile', 'rename', 'rm', 'mkdir'];

/** `delayMs` (changeable later) before every call (0: none, for counting alone); `sleep` is the wait, a real timer unless given. */
export function slowShare(
  base: ShareFs,
  delayMs: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): SlowShare {
  const counts = Object.fromEntries(OPERATIONS.map((op) => [op, 0])) as Record<ShareOperation, number>;
  const slowed =
    <A extends unknown[], R>(op: ShareOperation, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      counts[op]++;
      if (share.delayMs > 0) await sleep(share.delayMs);
      return call(...args);
    };
  const share: SlowShare = {
    delayMs,
    fs: {
      readdir: slowed('readdir', (dir: string) => base.readdir(dir)),
      stat: slowed('stat', (file: string) => base.stat(file)),
      readFile: slowed('readFile', (file: string, maxBytes: number) => base.readFile(file, maxBytes)),
      createFile: slowed('createFile', (file: string, bytes: Uint8Array) => base.createFile(file, bytes)),
      rename: slowed('rename', (from: string, to: string) => base.rename(from, to)),
      rm: slowed('rm', (target: string) => base.rm(target)),
      mkdir: slowed('mkdir', (dir: string) => base.mkdir(dir)),
      // A watch is set up once, not per pass: not slowed, not counted.
      watch: (dir, recursive, onChange) => base.watch(dir, recursive, onChange),
    },
    counts,
    total: () => OPERATIONS.reduce((sum, op) => sum + counts[op], 0),
    reset: () => OPERATIONS.forEach((op) => (counts[op] = 0)),
  };
  return share;
}
