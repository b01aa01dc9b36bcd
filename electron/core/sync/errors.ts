// Sync failures with machine codes: the DeskError code for the wire, a reason for the engine, the errno kept as data.

import { DeskError, type ErrorCode } from '../domain/index.ts';

/**
 * Share-wide reasons stop a pass (nothing else would succeed either) and put the device "offline since …";
 * the others belong to one file or record and leave the rest of the pass to run.
 */
export const SHARE_WIDE_REASONS = [
  'share-missing',
  'share-unreachable',
  'disk-full',
  'permission-denied',
  'read-only',
  'share-from-future',
  'not-a-share',
] as const;

export type SyncFailureReason =
  | (typeof SHARE_WIDE_REASONS)[number]
  | 'busy'
  | 'exists'
  | 'not-found'
  | 'unsafe-name'
  | 'path-too-long'
  | 'damaged'
  /** No shared folder has been chosen: the work waits until one is. */
  | 'not-set-up'
  /** A file larger than its kind can be: refused unread. */
  | 'too-large'
  /** This device holds no publishing key certified by the office seal: its bundles would not be the office's. */
  | 'cannot-seal'
  | 'io';

const CODES: Record<SyncFailureReason, ErrorCode> = {
  'share-missing': 'unavailable',
  'share-unreachable': 'unavailable',
  'disk-full': 'unavailable',
  'permission-denied': 'unavailable',
  'read-only': 'unavailable',
  'share-from-future': 'unsupported-format',
  'not-a-share': 'invalid-input',
  busy: 'unavailable',
  exists: 'conflict',
  'not-found': 'not-found',
  'unsafe-name': 'invalid-input',
  'path-too-long': 'invalid-input',
  damaged: 'conflict',
  'not-set-up': 'unavailable',
  'too-large': 'invalid-input',
  'cannot-seal': 'not-allowed',
  io: 'unavailable',
};

export interface SyncErrorDetails {
  reason: SyncFailureReason;
  /** The operating system's code (EBUSY, ENOSPC, …) when one caused it. */
  fsCode?: string;
  /** The path on the share, relative to its root. */
  path?: string;
}

export class SyncError extends DeskError {
  override name = 'SyncError';
  declare readonly details: SyncErrorDetails;
  constructor(reason: SyncFailureReason, message: string, extra: Omit<SyncErrorDetails, 'reason'> = {}) {
    super(CODES[reason], message, { reason, ...extra });
  }
  get reason(): SyncFailureReason {
    return this.details.reason;
  }
  get shareWide(): boolean {
    return (SHARE_WIDE_REASONS as readonly string[]).includes(this.details.reason);
  }
}

export function isShareWide(error: unknown): boolean {
  return error instanceof SyncError && error.shareWide;
}
