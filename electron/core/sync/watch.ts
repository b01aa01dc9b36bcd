// Watching the shared folder, only to start a pass sooner when something arrives; every watch goes through the
// driver, so a test can make it fail. The timer still runs passes when nothing can be watched.

import type { CoreLog } from '../log.ts';
import { createShareDriver, type ShareDriver, type ShareWatch } from './driver.ts';
import { SyncError } from './errors.ts';
import { BUNDLE_AREAS, PENDING_AREAS } from './layout.ts';

/**
 * Calls `onChange` when anything in the folder changes; the engine only uses it to start a pass. `driver` is the
 * engine's driver over `folder`. Throws when the folder cannot be watched at all.
 */
export type FolderWatcher = (folder: string, onChange: () => void, driver?: ShareDriver) => ShareWatch;

/**
 * Watches where news arrives. Windows and macOS watch a whole tree natively; Linux (inotify) cannot, and Node would
 * walk and watch every folder of the share, so there the root, pending/ and each record's folder in it, and the
 * register's year folders are watched, and the set is renewed after every pass. Only the root failing throws: a
 * folder below it may not be there yet.
 */
export const watchSharedFolder: FolderWatcher = (folder, onChange, driver = createShareDriver(folder)) => {
  const watchers: ShareWatch[] = [];
  let closed = false;
  const add = (dir: string, recursive: boolean) => {
    if (closed) return;
    try {
      watchers.push(driver.watch(dir, onChange, { recursive }));
    } catch {
      // Not there (yet), or not watchable: the timer still runs passes.
    }
  };
  if (process.platform === 'win32' || process.platform === 'darwin')
    watchers.push(driver.watch('', onChange, { recursive: true }));
  else {
    watchers.push(driver.watch('', onChange));
    for (const area of [...PENDING_AREAS, ...BUNDLE_AREAS]) {
      add(area, false);
      // Listed without blocking: a share that hangs must not hold up the process.
      void driver
        .list(area)
        .then((listing) =>
          listing?.entries.filter((e) => e.kind === 'folder').forEach((e) => add(`${area}/${e.name}`, false)),
        )
        .catch(() => undefined);
    }
  }
  return {
    close() {
      closed = true;
      for (const watcher of watchers) watcher.close();
    },
  };
};

export interface ShareWatching {
  /** (Re)starts watching the folder as it stands now: after each pass it may have changed, or gained folders. */
  renew(): void;
  close(): void;
}

/**
 * Keeps one watcher on the current folder for the engine. A folder that cannot be watched is reported in the log
 * (once, until that changes) unless it is simply not there, which the pass itself reports.
 */
export function watchCurrentFolder(options: {
  watch: FolderWatcher;
  folder: () => string | null;
  driverFor: (folder: string) => ShareDriver;
  onChange: () => void;
  log: CoreLog;
}): ShareWatching {
  let watcher: ShareWatch | null = null;
  let reported: string | null = null;
  const close = () => {
    watcher?.close();
    watcher = null;
  };
  return {
    renew() {
      close();
      const folder = options.folder();
      if (folder === null) return;
      try {
        watcher = options.watch(folder, options.onChange, options.driverFor(folder));
        reported = null;
      } catch (error) {
        const reason = error instanceof SyncError ? error.reason : 'io';
        if (reason === 'share-missing' || reason === 'not-found') return;
        const problem = `${folder}:${reason}`;
        if (problem === reported) return;
        reported = problem;
        options.log.warn('sync.watch-failed', {
          folder,
          reason,
          fsCode: error instanceof SyncError ? error.details.fsCode : undefined,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    },
    close,
  };
}
