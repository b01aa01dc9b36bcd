// The shared-folder driver: list, stat, read, write-once, exclusive create, move and remove over a real share.
//
// Known hazards of SMB shares and OneDrive/SharePoint-synced folders, all handled here and nowhere else
// (the rest of sync sees a folder that behaves):
//
// 1. Half-written files. A reader (another device, the sync client) can see a file while it is being written,
//    and a crash leaves one behind. So every file is written to a hidden temporary name in the same folder,
//    flushed (fsync, which on SMB sends FLUSH) and closed, then renamed to its final name. Readers ignore
//    temporary names (names.ts). A crashed write leaves only a temporary file, which is harmless.
// 2. Rename replaces silently on POSIX and replaces on Windows too (libuv passes MOVEFILE_REPLACE_EXISTING). Files
//    on the share are written once, so a move first checks that the target is free, and a target that turns up
//    while retrying means someone else got there first ("exists"), never "overwrite it". The check leaves a short
//    window, so the layout never lets two devices race for one file name: pending files carry the device's id,
//    bundles are built in a private staging folder that is moved into place whole (moving a folder onto a
//    non-empty one fails everywhere), and claims use exclusive create.
// 3. Sharing violations. Antivirus, the OneDrive client, the search indexer and Word open files without
//    FILE_SHARE_DELETE, so a rename or remove fails with EPERM, EBUSY or EACCES for tens of milliseconds (or as long
//    as Word has the file open). These are retried with linear backoff (10 ms steps, at most 100 ms apart) for up
//    to a minute. On POSIX, EPERM and EACCES mean a real permission problem, so there only EBUSY is retried.
// 4. Exclusive create (O_EXCL) is decided by the server on one SMB share, but in a OneDrive-synced folder it is
//    local only: two PCs can both "win". It is used only for reference claims, and the claim scan reports the
//    conflict copy that results, never trusting the create alone.
// 5. Conflict copies. When one file changes in two places before syncing, OneDrive keeps both
//    ("name-DESKTOP-AB12CD.json", "name (1).json", "(Conflict)"). Listings hand them back separately so callers
//    report them instead of reading them as if they were the real file.
// 6. Modification times. mtimes have 1 to 2 second resolution on FAT and some SMB servers, are set by the
//    sync client at download time, and clocks differ between devices. Nothing here orders by mtime: order comes
//    from revisions and names.
// 7. "Synced" is not "durable". In a OneDrive folder the write lands on the local disk and uploads later, so a
//    publish counts only after the files are read back and their hashes match, and the outbox keeps the work until
//    then.
// 8. The folder goes away: an unplugged network, a VPN that drops, OneDrive signed out or unlinked, a volume
//    unmounted from /Volumes/… or /mnt/…. What is left at the path may be nothing, or an empty folder (a mount
//    point, the folder OneDrive leaves), so the share counts as there only while its marker (decision-desk.json)
//    is: ENOENT with the marker gone, or EIO/ETIMEDOUT/EHOSTDOWN on the way, becomes "share-missing"/
//    "share-unreachable", which stops the pass with the queue intact. The driver never creates the root or
//    anything above it: folders are made one level at a time below it, after checking the marker, so a share that
//    vanishes mid-pass cannot be rebuilt as a local folder. ENOSPC/EDQUOT ("disk-full"), EROFS and permission
//    errors stop the pass the same way.
// 9. Names. Windows and OneDrive refuse reserved characters and device names (CON, NUL.txt), trailing dots and
//    spaces, and most tools stop at 260 characters of path. Every path is checked before it is used.
// 10. Files on demand. Reading a OneDrive placeholder downloads it first and can fail with EIO while the client is
//    not running; that is "share-unreachable", retried on the next pass.
// 11. Anything can be dropped into a share, of any size. Every read names the most its kind of file can hold
//    (layout.ts READ_LIMITS): a larger file is refused ("too-large") after a stat, and the read itself stops one
//    byte past the limit, so a file that grows while it is read cannot take more memory either.

import fs from 'node:fs';
import path from 'node:path';
import { SyncError, type SyncFailureReason } from './errors.ts';
import { MARKER_FILE } from './layout.ts';
import { isIgnored, looksLikeConflictCopy, MAX_PATH_CHARS, temporaryName, unsafeNameReason } from './names.ts';

/** The file-system calls the driver makes; tests wrap them to inject the faults real shares produce. */
export interface ShareFs {
  readdir(dir: string): Promise<fs.Dirent[]>;
  stat(file: string): Promise<fs.Stats>;
  /** Reads at most `maxBytes`; a larger file fails with EFBIG (and its `size`) without being read whole. */
  readFile(file: string, maxBytes: number): Promise<Uint8Array>;
  /** Creates `file` exclusively (fails with EEXIST), writes all of `bytes`, flushes to the device, closes. */
  createFile(file: string, bytes: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(target: string): Promise<void>;
  /** Creates one folder whose parent exists (never its parents); EEXIST when it is there. */
  mkdir(dir: string): Promise<void>;
  /** Watches one folder (with what is below it when `recursive`); throws when it cannot (ENOENT, not watchable). */
  watch(dir: string, recursive: boolean, onChange: () => void): ShareWatch;
}

export interface ShareWatch {
  close(): void;
}

const READ_CHUNK = 1024 * 1024;

const tooLarge = (size: number) =>
  Object.assign(new Error(`EFBIG: file too large (${size} bytes)`), { code: 'EFBIG', size });

/** Reads a file in chunks, stopping one byte past `maxBytes`. */
async function readBounded(file: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw tooLarge(size);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(READ_CHUNK, maxBytes + 1 - total)));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(total);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

export const nodeShareFs: ShareFs = {
  readdir: (dir) => fs.promises.readdir(dir, { withFileTypes: true }),
  stat: (file) => fs.promises.stat(file),
  readFile: readBounded,
  async createFile(file, bytes) {
    const handle = await fs.promises.open(file, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (error) {
      // A file this call created but could not fill (disk full) must not be left holding its name.
      await handle.close().catch(() => undefined);
      await fs.promises.rm(file, { force: true }).catch(() => undefined);
      throw error;
    }
    await handle.close();
  },
  rename: (from, to) => fs.promises.rename(from, to),
  rm: (target) => fs.promises.rm(target, { recursive: true, force: true }),
  mkdir: (dir) => fs.promises.mkdir(dir),
  watch(dir, recursive, onChange) {
    const watcher = fs.watch(dir, { recursive, persistent: false }, onChange);
    // A watcher that fails later (the folder removed, the share dropped) just stops: passes still run on the timer.
    watcher.on('error', () => watcher.close());
    return watcher;
  },
};

export interface DriverOptions {
  fs?: ShareFs;
  /** Milliseconds since some epoch; only differences are used. */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** How long a sharing violation is retried before it counts as a failure. */
  retryForMs?: number;
  platform?: NodeJS.Platform;
  /**
   * The file whose presence says the share is there (decision-desk.json); null: the root folder alone (a driver
   * over a folder that is not a share yet, to set one up).
   */
  marker?: string | null;
}

export interface ShareEntry {
  name: string;
  kind: 'file' | 'folder';
}

export interface ShareListing {
  /** Files and folders to read, temporary and system files left out. */
  entries: ShareEntry[];
  /** Names that look like a sync client's conflict copy: to report, never to read. */
  conflictCopies: string[];
}

export type MoveOutcome = 'moved' | 'exists';

export interface ShareDriver {
  /** The share's folder on this device. */
  readonly root: string;
  /** Throws share-missing when the root folder is not there (or is a file). */
  checkRoot(): Promise<void>;
  /** Throws share-missing unless the share's marker is there: an empty folder where the share was is not the share. */
  checkMarker(): Promise<void>;
  /** The folder's contents, or null when it does not exist. Paths are relative to the root, "/"-separated. */
  list(dir: string): Promise<ShareListing | null>;
  stat(file: string): Promise<{ kind: 'file' | 'folder'; size: number } | null>;
  /** The whole file, at most `maxBytes` long: a larger one is a "too-large" SyncError and is not read. */
  read(file: string, maxBytes: number): Promise<Uint8Array>;
  /** Writes a new file atomically (temporary name, flush, rename); "exists" when the name is taken, which is left alone. */
  writeOnce(file: string, bytes: Uint8Array): Promise<MoveOutcome>;
  /**
   * Writes a file atomically (temporary name, flush, rename), replacing one already there. Only for files this app
   * makes again from its own data and never reads back: the publication pack.
   */
  replace(file: string, bytes: Uint8Array): Promise<void>;
  /** Creates a file exclusively, writing directly under its name: false when it already exists. */
  createExclusive(file: string, bytes: Uint8Array): Promise<boolean>;
  /** Renames a file or folder to a name that must be free: "exists" when it is not (nothing is replaced). */
  moveOnce(from: string, to: string): Promise<MoveOutcome>;
  /** Removes a file or a folder with everything in it; a missing one is fine. */
  remove(target: string): Promise<void>;
  /**
   * Makes a folder below the root, one level at a time, after checking the marker: never the root, nor anything
   * above it, so a share that went away is not rebuilt locally.
   */
  ensureFolder(dir: string): Promise<void>;
  /**
   * Calls `onChange` when something in the folder changes (and below it, when `recursive`). Throws a SyncError when
   * the folder cannot be watched: share-missing when the root itself is not there.
   */
  watch(dir: string, onChange: () => void, options?: { recursive?: boolean }): ShareWatch;
}

const UNREACHABLE = new Set([
  'EIO',
  'ETIMEDOUT',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTCONN',
  'ECONNRESET',
  'ECONNREFUSED',
  'ESTALE',
  'EPIPE',
]);

function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function createShareDriver(root: string, options: DriverOptions = {}): ShareDriver {
  const ops = options.fs ?? nodeShareFs;
  const clock = options.clock ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retryForMs = options.retryForMs ?? 60_000;
  const platform = options.platform ?? process.platform;
  const retryable = new Set(platform === 'win32' ? ['EPERM', 'EBUSY', 'EACCES'] : ['EBUSY']);
  const absoluteRoot = path.resolve(root);
  const marker = options.marker === undefined ? MARKER_FILE : options.marker;

  function resolve(relative: string): string {
    const segments = relative.split('/');
    for (const segment of segments) {
      const reason = unsafeNameReason(segment);
      if (reason)
        throw new SyncError(
          'unsafe-name',
          `The name "${segment.slice(0, 80)}" cannot be used on the shared folder: ${reason}.`,
          { path: relative },
        );
    }
    const full = path.join(absoluteRoot, ...segments);
    if (full.length > MAX_PATH_CHARS) {
      throw new SyncError(
        'path-too-long',
        `The path ${full.slice(0, 60)}… is ${full.length} characters long; Windows and OneDrive stop at 260. Choose a shared folder nearer the top of the drive.`,
        { path: relative },
      );
    }
    return full;
  }

  /** Whether the share is there: its marker (or, for a driver without one, the root folder). */
  async function shareThere(): Promise<boolean> {
    try {
      return marker
        ? (await ops.stat(path.join(absoluteRoot, marker))).isFile()
        : (await ops.stat(absoluteRoot)).isDirectory();
    } catch {
      return false;
    }
  }

  const missing = (fsCode?: string) =>
    new SyncError(
      'share-missing',
      marker
        ? `The shared folder ${absoluteRoot} is not there: its ${marker} is missing (the share is disconnected or not mounted, OneDrive is signed out, or the folder was moved).`
        : `The shared folder ${absoluteRoot} is not there (disconnected, or moved).`,
      { path: marker ?? '', ...(fsCode ? { fsCode } : {}) },
    );

  /** Turns an errno into a SyncError; ENOENT is "share-missing" only when the share itself has gone. */
  async function failure(error: unknown, action: string, relative: string): Promise<SyncError> {
    const code = errnoCode(error);
    if (!(error instanceof SyncError) && (code === 'ENOENT' || code === 'ENOTDIR') && !(await shareThere()))
      return missing(code);
    return classify(error, action, relative);
  }

  /** The SyncError for an errno, without looking at the share (ENOENT is "not-found" here). */
  function classify(error: unknown, action: string, relative: string): SyncError {
    if (error instanceof SyncError) return error;
    const code = errnoCode(error);
    const where = relative || 'the shared folder';
    const make = (reason: SyncFailureReason, message: string) =>
      new SyncError(reason, message, { fsCode: code, path: relative });
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return make('not-found', `Could not ${action} ${where}: it is not there.`);
    if (code === 'EFBIG') {
      const size = (error as { size?: unknown }).size;
      return make(
        'too-large',
        `${where} is larger (${typeof size === 'number' ? `${size} bytes` : 'too large'}) than any file of its kind Decision Desk writes; it was not read.`,
      );
    }
    if (code === 'ENOSPC' || code === 'EDQUOT')
      return make('disk-full', `The shared folder is full: could not ${action} ${where}.`);
    if (code === 'EROFS') return make('read-only', `The shared folder is read-only: could not ${action} ${where}.`);
    if (code === 'EACCES' || code === 'EPERM')
      return make('permission-denied', `Permission denied: could not ${action} ${where}.`);
    if (code === 'EBUSY')
      return make(
        'busy',
        `${where} is in use by another program (antivirus, OneDrive or Word); could not ${action} it.`,
      );
    if (code === 'ENAMETOOLONG') return make('path-too-long', `The path of ${where} is too long for this system.`);
    if (code && UNREACHABLE.has(code))
      return make(
        'share-unreachable',
        `The shared folder cannot be reached (${code}) while trying to ${action} ${where}.`,
      );
    const message = error instanceof Error ? error.message : String(error);
    return make('io', `Could not ${action} ${where}: ${message.slice(0, 200)}`);
  }

  /** Runs `step`, retrying sharing violations with linear backoff for up to retryForMs. */
  async function withRetry<T>(
    action: string,
    relative: string,
    step: () => Promise<T>,
    giveUp?: () => Promise<boolean>,
  ): Promise<T> {
    const deadline = clock() + retryForMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await step();
      } catch (error) {
        const code = errnoCode(error);
        if (!code || !retryable.has(code) || clock() >= deadline || (giveUp && (await giveUp()))) {
          throw await failure(error, action, relative);
        }
        await sleep(Math.min(100, attempt * 10));
      }
    }
  }

  async function statAbsolute(full: string): Promise<fs.Stats | null> {
    try {
      return await ops.stat(full);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR') return null;
      throw error;
    }
  }

  async function removeQuietly(full: string): Promise<void> {
    try {
      await ops.rm(full);
    } catch {
      // A temporary file that cannot go now is ignored by every reader and goes with its folder later.
    }
  }

  const driver: ShareDriver = {
    root: absoluteRoot,

    async checkRoot() {
      let stats: fs.Stats | null;
      try {
        stats = await statAbsolute(absoluteRoot);
      } catch (error) {
        throw await failure(error, 'open', '');
      }
      if (!stats)
        throw new SyncError(
          'share-missing',
          `The shared folder ${absoluteRoot} is not there (disconnected, or moved).`,
        );
      if (!stats.isDirectory()) throw new SyncError('not-a-share', `${absoluteRoot} is a file, not a folder.`);
    },

    async checkMarker() {
      if (!marker) return driver.checkRoot();
      const stats = await withRetry('open', marker, () => statAbsolute(path.join(absoluteRoot, marker)));
      if (!stats?.isFile()) throw missing();
    },

    async list(dir) {
      const full = dir ? resolve(dir) : absoluteRoot;
      let dirents: fs.Dirent[];
      try {
        dirents = await withRetry('list', dir, () => ops.readdir(full));
      } catch (error) {
        if (error instanceof SyncError && error.reason === 'not-found') return null;
        throw error;
      }
      const listing: ShareListing = { entries: [], conflictCopies: [] };
      for (const dirent of dirents) {
        if (isIgnored(dirent.name)) continue;
        if (looksLikeConflictCopy(dirent.name)) listing.conflictCopies.push(dirent.name);
        else if (dirent.isDirectory()) listing.entries.push({ name: dirent.name, kind: 'folder' });
        else if (dirent.isFile()) listing.entries.push({ name: dirent.name, kind: 'file' });
      }
      return listing;
    },

    async stat(file) {
      const full = resolve(file);
      const stats = await withRetry('read', file, () => statAbsolute(full));
      return stats ? { kind: stats.isDirectory() ? 'folder' : 'file', size: stats.size } : null;
    },

    async read(file, maxBytes) {
      const full = resolve(file);
      return withRetry('read', file, () => ops.readFile(full, maxBytes));
    },

    async writeOnce(file, bytes) {
      const full = resolve(file);
      if (await driver.stat(file)) return 'exists';
      const temporary = path.join(path.dirname(full), temporaryName(path.basename(full)));
      try {
        await withRetry('write', file, () => ops.createFile(temporary, bytes));
        const outcome = await moveAbsolute(temporary, full, file);
        if (outcome === 'exists') await removeQuietly(temporary);
        return outcome;
      } catch (error) {
        await removeQuietly(temporary);
        throw error;
      }
    },

    async replace(file, bytes) {
      const full = resolve(file);
      const temporary = path.join(path.dirname(full), temporaryName(path.basename(full)));
      try {
        await withRetry('write', file, () => ops.createFile(temporary, bytes));
        // Rename replaces on POSIX, and on Windows too (libuv passes MOVEFILE_REPLACE_EXISTING); a reader sees one or the other.
        await withRetry('replace', file, () => ops.rename(temporary, full));
      } catch (error) {
        await removeQuietly(temporary);
        throw error;
      }
    },

    async createExclusive(file, bytes) {
      const full = resolve(file);
      try {
        await withRetry('create', file, () => ops.createFile(full, bytes));
        return true;
      } catch (error) {
        if (errnoCode(error) === 'EEXIST' || (error instanceof SyncError && error.details.fsCode === 'EEXIST'))
          return false;
        throw error;
      }
    },

    async moveOnce(from, to) {
      return moveAbsolute(resolve(from), resolve(to), to);
    },

    async remove(target) {
      const full = resolve(target);
      await withRetry('remove', target, () => ops.rm(full));
    },

    async ensureFolder(dir) {
      const full = resolve(dir);
      await driver.checkMarker();
      if ((await withRetry('open', dir, () => statAbsolute(full)))?.isDirectory()) return;
      const segments = dir.split('/');
      for (let depth = 1; depth <= segments.length; depth++) {
        const relative = segments.slice(0, depth).join('/');
        const folder = resolve(relative);
        if ((await withRetry('open', relative, () => statAbsolute(folder)))?.isDirectory()) continue;
        // The marker before each folder made, one level at a time and never recursive: with the share gone, the
        // mkdir fails with ENOENT, and an empty folder left where the share was is not built on.
        await driver.checkMarker();
        const made = await withRetry('create the folder', relative, async () => {
          try {
            await ops.mkdir(folder);
            return true;
          } catch (error) {
            if (errnoCode(error) === 'EEXIST') return false;
            throw error;
          }
        });
        // Gone between the check and the mkdir: the folder just made is not on the share, so it goes again.
        if (made && !(await shareThere())) {
          await removeQuietly(folder);
          throw missing();
        }
      }
    },

    watch(dir, onChange, { recursive = false } = {}) {
      const full = dir ? resolve(dir) : absoluteRoot;
      try {
        return ops.watch(full, recursive, onChange);
      } catch (error) {
        // Synchronous, so the share is not looked at: the root not being there is the share not being there.
        const code = errnoCode(error);
        if (!dir && (code === 'ENOENT' || code === 'ENOTDIR')) throw missing(code);
        throw classify(error, 'watch', dir);
      }
    },
  };

  async function moveAbsolute(from: string, to: string, relative: string): Promise<MoveOutcome> {
    const taken = async () => (await statAbsolute(to).catch(() => null)) !== null;
    if (await taken()) return 'exists';
    try {
      await withRetry('rename', relative, () => ops.rename(from, to), taken);
      return 'moved';
    } catch (error) {
      // A folder moved onto an existing one fails with ENOTEMPTY/EEXIST on POSIX and EPERM on Windows.
      if (await taken()) return 'exists';
      throw error;
    }
  }

  return driver;
}
