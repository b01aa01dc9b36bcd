// The main process's log: one line per event in logs/main.log under the user-data folder, rotated by size.
// It never holds record text: events are fixed names, fields are ours, and error messages lose anything quoted.

import fs from 'node:fs';
import path from 'node:path';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Log {
  readonly dir: string;
  readonly file: string;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, error?: unknown, fields?: LogFields): void;
}

export interface LogOptions {
  /** Rotate when the file would grow past this many bytes. */
  maxBytes?: number;
  /** How many rotated files (main.log.1 … main.log.N) to keep besides main.log. */
  keep?: number;
  now?: () => Date;
}

export const LOG_FILE = 'main.log';
const MAX_FIELD_LENGTH = 200;
const MAX_MESSAGE_LENGTH = 300;
const MAX_FRAMES = 12;

// Values are put into messages in quotes by convention ("No record has the id "…""), and that is where text from a
// record would be: everything between a pair of quotes goes.
const QUOTED = /"[^"]*"|'[^']*'|\u201c[^\u201d]*\u201d|\u2018[^\u2019]*\u2019|`[^`]*`/g;

/** An error message fit for the log: quoted parts removed, one line, bounded. */
export function redactMessage(message: string): string {
  const oneLine = message.replace(QUOTED, '[\u2026]').replace(/[\r\n]+/g, ' | ');
  return oneLine.length > MAX_MESSAGE_LENGTH ? `${oneLine.slice(0, MAX_MESSAGE_LENGTH)}\u2026` : oneLine;
}

/** What the log says about something thrown: its kind, code, redacted message and stack frames (code locations). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) {
    // A thrown string or object could be anything, including a record's text: only its shape is kept.
    const size = typeof error === 'string' ? `, ${error.length} characters` : '';
    return `non-error value (${error === null ? 'null' : typeof error}${size})`;
  }
  const code = (error as { code?: unknown }).code;
  const kind = typeof code === 'string' || typeof code === 'number' ? `${error.name} [${code}]` : error.name;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES)
    .map((line) => line.trim());
  return [`${kind}: ${redactMessage(error.message)}`, ...frames].join('\n    ');
}

function formatFields(fields: LogFields | undefined): string {
  if (!fields) return '';
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      const text = String(value).replace(/[\r\n]+/g, ' ');
      return ` ${key}=${JSON.stringify(text.length > MAX_FIELD_LENGTH ? `${text.slice(0, MAX_FIELD_LENGTH)}\u2026` : text)}`;
    })
    .join('');
}

/** main.log → main.log.1 → … → main.log.N; the oldest is dropped. */
function rotate(file: string, keep: number): void {
  fs.rmSync(`${file}.${keep}`, { force: true });
  for (let index = keep - 1; index >= 1; index -= 1) {
    if (fs.existsSync(`${file}.${index}`)) fs.renameSync(`${file}.${index}`, `${file}.${index + 1}`);
  }
  if (keep > 0) fs.renameSync(file, `${file}.1`);
  else fs.rmSync(file, { force: true });
}

export function createLog(dir: string, options: LogOptions = {}): Log {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 3;
  const now = options.now ?? (() => new Date());
  const file = path.join(dir, LOG_FILE);

  function write(level: string, line: string): void {
    const entry = `${now().toISOString()} ${level} ${line}\n`;
    try {
      fs.mkdirSync(dir, { recursive: true });
      const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
      if (size > 0 && size + Buffer.byteLength(entry) > maxBytes) rotate(file, keep);
      fs.appendFileSync(file, entry);
    } catch {
      // A log that cannot be written (full disk, locked folder) must never take the app down with it.
    }
  }

  return {
    dir,
    file,
    info: (event, fields) => write('INFO', `${event}${formatFields(fields)}`),
    warn: (event, fields) => write('WARN', `${event}${formatFields(fields)}`),
    error: (event, error, fields) =>
      write('ERROR', `${event}${formatFields(fields)}${error === undefined ? '' : `\n    ${describeError(error)}`}`),
  };
}
