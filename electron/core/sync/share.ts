// The share itself: a folder is a Decision Desk share while its marker (decision-desk.json) is there. A person
// chooses it once in Settings (an empty folder is given a marker then, deliberately, and never by a pass); each pass
// opens it by its marker; and a device remembers which share it joined, so an empty folder left where the share was
// (an unmounted volume, an unlinked OneDrive) or a different share at the same path is never taken for it.

import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { InvalidInputError } from '../domain/index.ts';
import type { WritableDB, ReadableDB } from '../db/connection.ts';
import { conflictCopy, type SyncContext } from './context.ts';
import { createShareDriver, type DriverOptions, type ShareDriver } from './driver.ts';
import { SyncError } from './errors.ts';
import {
  formatVersion,
  jsonBytes,
  MARKER_FILE,
  parseJsonBytes,
  READ_LIMITS,
  SHARE_FORMAT,
  ShareMarkerSchema,
} from './layout.ts';
import { getState, setState } from '../db/sync.ts';

/** The share this device joined: its folder and the id in its marker (null for a marker written without one). */
export interface JoinedShare {
  folder: string;
  id: string | null;
}

const JOINED = 'share';

export function joinedShare(db: ReadableDB): JoinedShare | null {
  const value = getState(db, JOINED);
  if (!value) return null;
  const parsed = parseJsonBytes(value) as Partial<JoinedShare> | null;
  return typeof parsed?.folder === 'string'
    ? { folder: parsed.folder, id: typeof parsed.id === 'string' ? parsed.id : null }
    : null;
}

function rememberShare(db: WritableDB, joined: JoinedShare): void {
  setState(db, JOINED, JSON.stringify(joined));
}

interface Marker {
  id: string | null;
  createdBy: string | null;
  createdAt: string | null;
}

/** Reads and checks the marker: not Decision Desk's (or damaged) and written by a newer version are refused. */
async function readMarker(driver: ShareDriver): Promise<Marker> {
  let bytes: Uint8Array;
  try {
    bytes = await driver.read(MARKER_FILE, READ_LIMITS.marker);
  } catch (error) {
    if (!(error instanceof SyncError) || error.reason !== 'too-large') throw error;
    bytes = new Uint8Array();
  }
  const marker = ShareMarkerSchema.safeParse(parseJsonBytes(bytes));
  const version = marker.success ? formatVersion(marker.data.format, 'share') : null;
  if (!marker.success || version === null) {
    throw new SyncError(
      'not-a-share',
      `${driver.root} holds a ${MARKER_FILE} that is not Decision Desk's (or is damaged). Choose another shared folder.`,
      {
        path: MARKER_FILE,
      },
    );
  }
  if (version > 1) {
    throw new SyncError(
      'share-from-future',
      `The shared folder was set up by a newer version of Decision Desk (${marker.data.format}); this version reads ${SHARE_FORMAT}. Install the newer version on this device. Nothing was changed.`,
      { path: MARKER_FILE },
    );
  }
  return {
    id: marker.data.id ?? null,
    createdBy: marker.data.createdBy ?? null,
    createdAt: marker.data.createdAt ?? null,
  };
}

function notTheShareJoined(driver: ShareDriver, marker: Marker): SyncError {
  const by = marker.createdBy
    ? ` (set up by ${marker.createdBy.slice(0, 100)}${marker.createdAt ? ` on ${marker.createdAt.slice(0, 10)}` : ''})`
    : '';
  return new SyncError(
    'not-a-share',
    `${driver.root} now holds a different Decision Desk share${by} from the one this device joined. Nothing was written to it. If the office's share was moved or set up again, choose it again in Settings.`,
    { path: MARKER_FILE },
  );
}

/** The share is not set up: nobody has chosen a folder yet. Not a failure of any share; the work waits. */
export function notSetUp(): SyncError {
  return new SyncError(
    'not-set-up',
    'No shared folder has been chosen yet: choose the office’s shared folder in Settings. Until then records wait on this device to be handed over and published.',
  );
}

/**
 * Opens the share at the start of a pass (or a claim): the root must be there with its marker, and the marker must
 * be the one this device joined. A pass never writes a marker: a folder without one is "share-missing".
 */
export async function openShare(ctx: SyncContext): Promise<void> {
  const { driver, db } = ctx;
  await driver.checkRoot();
  const root = await driver.list('');
  for (const name of root?.conflictCopies ?? []) conflictCopy(ctx, name);
  const joined = joinedShare(db);
  const here = joined?.folder === driver.root ? joined : null;
  if (!root?.entries.some((e) => e.name === MARKER_FILE && e.kind === 'file')) {
    throw new SyncError(
      'share-missing',
      here
        ? `The shared folder ${driver.root} is not there: its ${MARKER_FILE} is gone (the share is not mounted, OneDrive is signed out or unlinked, or the folder was moved). Nothing was written; the work waits here.`
        : `${driver.root} has no ${MARKER_FILE}: the share is not mounted, or the folder was never set up as the shared folder (choose it in Settings to set it up). Nothing was written; the work waits here.`,
      { path: MARKER_FILE },
    );
  }
  const marker = await readMarker(driver);
  if (here?.id && here.id !== marker.id) throw notTheShareJoined(driver, marker);
  if (!here || here.id !== marker.id) rememberShare(db, { folder: driver.root, id: marker.id });
}

/** Checks, just before something counts as done on the share, that the share is still there and still the one joined. */
export async function confirmShare(ctx: SyncContext): Promise<void> {
  await ctx.driver.checkMarker();
  const marker = await readMarker(ctx.driver);
  const joined = joinedShare(ctx.db);
  if (joined?.folder === ctx.driver.root && joined.id && joined.id !== marker.id)
    throw notTheShareJoined(ctx.driver, marker);
}

export type SharedFolderCheck = 'absolute' | 'exists' | 'folder' | 'writable' | 'empty-or-share';

function refused(folder: string, check: SharedFolderCheck, why: string): InvalidInputError {
  return new InvalidInputError(`The shared folder ${folder.slice(0, 300)} cannot be used: ${why}`, {
    field: 'sharedFolder',
    check,
  });
}

const reasonOf = (error: unknown) => (error instanceof SyncError ? error.reason : null);

/**
 * Checks a shared folder a person has just chosen, and sets up an empty one as a new share (its marker, once):
 * absolute, there, a folder, writable, and either empty or already a Decision Desk share. Says which check failed.
 * Remembers it as the share this device joined. Returns the folder as it is stored. Every look at the folder goes
 * through a driver over it (`driverOptions`: tests inject faults there).
 */
export async function chooseSharedFolder(
  db: WritableDB,
  chosen: string,
  by: { deviceName: string; now: Date },
  driverOptions: DriverOptions = {},
): Promise<string> {
  const folder = chosen.trim();
  if (!path.isAbsolute(folder)) {
    throw refused(
      folder,
      'absolute',
      'it is not a full path. Give the whole path, e.g. \\\\server\\OPCC\\Decisions or C:\\Users\\you\\OneDrive - OPCC\\Decisions.',
    );
  }
  const resolved = path.resolve(folder);
  // Not a share yet, so the folder alone says it is there; and a person is waiting, so nothing is retried.
  const driver = createShareDriver(resolved, { ...driverOptions, marker: null });
  const once = createShareDriver(resolved, { ...driverOptions, marker: null, retryForMs: 0 });
  try {
    await once.checkRoot();
  } catch (error) {
    if (reasonOf(error) === 'not-a-share') throw refused(folder, 'folder', 'it is a file, not a folder.');
    if (reasonOf(error) === 'permission-denied')
      throw refused(folder, 'exists', 'this account is not allowed to open it.');
    throw refused(
      folder,
      'exists',
      'it does not exist (or the share is not connected). Connect the share, or create the folder, then choose it.',
    );
  }
  const probe = `.decision-desk-check.${randomUUID().slice(0, 8)}.partial`;
  try {
    await once.createExclusive(probe, new Uint8Array());
  } catch (error) {
    const why =
      reasonOf(error) === 'read-only'
        ? 'it is read-only.'
        : reasonOf(error) === 'disk-full'
          ? 'it is full.'
          : 'this account cannot write to it.';
    throw refused(folder, 'writable', why);
  } finally {
    await once.remove(probe).catch(() => undefined);
  }
  const listing = await driver.list('');
  const names = listing ? [...listing.entries.map((e) => e.name), ...listing.conflictCopies] : [];
  let id: string | null;
  if (names.includes(MARKER_FILE)) {
    try {
      id = (await readMarker(driver)).id;
    } catch (error) {
      if (error instanceof SyncError) throw refused(folder, 'empty-or-share', error.message);
      throw error;
    }
  } else if (names.length === 0) {
    id = randomUUID();
    const marker = { format: SHARE_FORMAT, id, createdAt: by.now.toISOString(), createdBy: by.deviceName };
    if ((await driver.writeOnce(MARKER_FILE, jsonBytes(marker))) === 'exists') id = (await readMarker(driver)).id;
  } else {
    throw refused(
      folder,
      'empty-or-share',
      `it is not empty and holds no ${MARKER_FILE}, so it is not a Decision Desk shared folder. Choose the office's existing shared folder, or an empty folder to start one.`,
    );
  }
  rememberShare(db, { folder: resolved, id });
  return folder;
}
