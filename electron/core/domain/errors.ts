// Errors with stable machine codes: thrown by the core, carried across IPC and HTTP as data.

export const ERROR_CODES = [
  'not-found',
  'invalid-input',
  /** A transport refused the request (missing token, foreign Host or Origin) before it reached the service. */
  'forbidden',
  'conflict',
  'locked',
  'not-allowed',
  'duplicate-reference',
  'unsupported-format',
  'database-from-future',
  'database-corrupt',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What an error looks like on the wire: `{ ok: false, error: DeskErrorData }`. */
export interface DeskErrorData {
  code: ErrorCode;
  message: string;
  /** Machine-readable extras, e.g. the current record on a conflict. Never needed to understand `message`. */
  details?: unknown;
}

/** The longest error message sent or shown: a sentence or two, never the input it is about echoed back. */
export const MAX_ERROR_MESSAGE = 500;

/** Shortens text to at most `max` characters, ending in "…" when cut, without splitting a surrogate pair. */
export function boundText(text: string, max = MAX_ERROR_MESSAGE): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}\u2026`;
}

export class DeskError extends Error {
  override name = 'DeskError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(boundText(message));
  }
  toData(): DeskErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export class NotFoundError extends DeskError {
  override name = 'NotFoundError';
  constructor(message: string) {
    super('not-found', message);
  }
}

export class InvalidInputError extends DeskError {
  override name = 'InvalidInputError';
  constructor(message: string, details?: unknown) {
    super('invalid-input', message, details);
  }
}

/** A save whose base revision is not the record's current one: the caller decides, nothing is overwritten. */
export class ConflictError extends DeskError {
  override name = 'ConflictError';
  constructor(message: string, details?: unknown) {
    super('conflict', message, details);
  }
}

export class LockedError extends DeskError {
  override name = 'LockedError';
  constructor(message: string) {
    super('locked', message);
  }
}

/** A workflow rule refused the step: signing out of order, twice, or a record in the wrong state. */
export class NotAllowedError extends DeskError {
  override name = 'NotAllowedError';
  constructor(message: string) {
    super('not-allowed', message);
  }
}

export class DuplicateReferenceError extends DeskError {
  override name = 'DuplicateReferenceError';
  constructor(message: string) {
    super('duplicate-reference', message);
  }
}

export class UnsupportedFormatError extends DeskError {
  override name = 'UnsupportedFormatError';
  constructor(message: string) {
    super('unsupported-format', message);
  }
}

export function isDeskErrorData(value: unknown): value is DeskErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as DeskErrorData).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as DeskErrorData).code) &&
    typeof (value as DeskErrorData).message === 'string'
  );
}

/**
 * What the database's own failures mean to the person at the desk, by SQLite's code (better-sqlite3 puts it on the
 * error): the disk is full, the file cannot be written, the disk failed. null for any other error.
 */
export function storageErrorData(error: unknown): DeskErrorData | null {
  const code = typeof (error as { code?: unknown } | null)?.code === 'string' ? (error as { code: string }).code : '';
  if (code === 'SQLITE_FULL') {
    return {
      code: 'unavailable',
      message:
        'The disk that holds the data folder is full (database or disk is full): the change was not saved. ' +
        'Free some space on it and try again; everything saved before is kept.',
    };
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return {
      code: 'unavailable',
      message:
        'The database cannot be written (its file or the data folder is read-only, or it was found damaged): the ' +
        'change was not saved.',
    };
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return {
      code: 'unavailable',
      message: `The disk reported an error reading or writing the database (${code}): the change was not saved.`,
    };
  }
  return null;
}

/** Turns anything thrown into wire data; unknown failures become `internal` without leaking record text. */
export function toErrorData(error: unknown): DeskErrorData {
  if (error instanceof DeskError) {
    const data = error.toData();
    // A subclass may have set its message after construction: the bound holds for what leaves, whatever made it.
    return { ...data, message: boundText(data.message) };
  }
  const storage = storageErrorData(error);
  if (storage) return storage;
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: boundText(`Unexpected error: ${message.slice(0, 300)}`) };
}
