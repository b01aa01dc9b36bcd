// Files read with a reason a person can act on, written whole or not at all, and file-system errors told in words:
// for the core (key files), the command line and the main process (files opened from Explorer) alike.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MAX_RECORD_FILE_BYTES as MAX_JSON_FILE_BYTES } from '../contract.ts';
import { assertNotTooDeep, DeskError, InvalidInputError, NotFoundError } from './domain/index.ts';

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

function fileError(error: unknown): DeskError {
  if (error instanceof DeskError) return error;
  const reason = `cannot be read: ${describeFsError(error)}`;
  return (error as { code?: string }).code === 'ENOENT'
    ? new NotFoundError(reason)
    : new DeskError('unavailable', reason);
}

function readBytes(file: string): Buffer {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw new InvalidInputError('this is a folder, not a file');
    if (stat.size > MAX_JSON_FILE_BYTES) {
      throw new InvalidInputError(`the file is too large (${Math.round(stat.size / 1024 / 1024)} MB)`);
    }
    return fs.readFileSync(file);
  } catch (error) {
    throw fileError(error);
  }
}

/** Reads a file's bytes; a failure names the file and the reason. */
export function readBinaryFile(file: string): Buffer {
  return inFile(file, () => readBytes(file));
}

/** Where JSON.parse stopped, as line and column; never V8's message, which quotes the file's text. */
function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  const position = Number(/at position (\d+)/.exec(message)?.[1] ?? Number.NaN);
  if (/end of JSON input/.test(message) || position >= text.trimEnd().length) {
    return 'the file is truncated: its JSON ends too early';
  }
  if (Number.isNaN(position)) return 'the file is not JSON';
  const before = text.slice(0, position).split('\n');
  return `the file is not valid JSON (line ${before.length}, column ${before.at(-1)!.length + 1})`;
}

/**
 * Reads a JSON file (UTF-8, with or without a byte-order mark). Each failure is a DeskError whose message is the
 * reason alone, so callers can put the file name in front.
 */
export function readJsonFile(file: string): unknown {
  const bytes = readBytes(file);
  let text: string;
  try {
    // TextDecoder drops a leading byte-order mark, which Windows editors add.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidInputError('the file is not UTF-8 text');
  }
  if (text.trim() === '') throw new InvalidInputError('the file is empty');
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidInputError(describeJsonError(error, text));
  }
  assertNotTooDeep(value, "the file's JSON");
  return value;
}

/** Runs a step on one file and puts the file's name in front of whatever it fails with, keeping the error's code. */
export function inFile<T>(file: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof DeskError) throw new DeskError(error.code, `${file}: ${error.message}`);
    throw error;
  }
}
