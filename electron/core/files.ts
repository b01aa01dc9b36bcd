// Files written whole or not at all, and file-system errors told in words a person can act on: for the core (key
// files), the command line and the main process alike.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DeskError } from './domain/index.ts';

/** What a file-system error means, in words (Windows' EPERM/EBUSY included). */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'this is a folder, not a file';
    case 'EPERM':
    case 'EBUSY':
      // Windows reports a file held open by Word, antivirus or OneDrive this way.
      return 'permission denied, or the file is open in another program';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Writes through a temporary name in the same folder, flushed, then renamed: readers see the old file or the new.
 * `mode` is the new file's permissions (0o600 for key files); a failure names the file and why, as a DeskError.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: { mode?: number } = {}): void {
  const target = path.resolve(file);
  const folder = path.dirname(target);
  const fail = (reason: string) => new DeskError('unavailable', `Cannot write ${target}: ${reason}.`);
  if (!fs.existsSync(folder)) throw fail(`the folder ${folder} does not exist`);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw fail('it is a folder');
  const temporary = path.join(folder, `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temporary, 'wx', options.mode ?? 0o666);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw fail(describeFsError(error));
  }
}
