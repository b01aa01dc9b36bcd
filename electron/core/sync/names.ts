// Names on the shared folder: safe on Windows and OneDrive, and how temporary files and conflict copies are told apart.

import { randomBytes } from 'node:crypto';

/** Windows' MAX_PATH (260) counts the terminating NUL; Explorer, Office and the sync clients still stop there. */
export const MAX_PATH_CHARS = 259;

const RESERVED_CHARS = /[<>:"/\\|?*\u0000-\u001f]/;
// Device names are reserved with any extension too ("NUL.txt"), and with superscript digits.
const RESERVED_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.[^.]*)?$/i;
// OneDrive and SharePoint refuse these on top of Windows' rules.
const ONEDRIVE_NAMES = /^(\.lock|desktop\.ini)$/i;

/** Why a name cannot be used on the share, or null when it can. */
export function unsafeNameReason(name: string): string | null {
  if (name.length === 0) return 'it is empty';
  if (name === '.' || name === '..') return 'it names a folder relative to another';
  if (name.length > 255) return 'it is longer than 255 characters';
  if (RESERVED_CHARS.test(name))
    return 'it contains a character Windows reserves (< > : " / \\ | ? * or a control character)';
  if (RESERVED_NAMES.test(name)) return 'it is a device name Windows reserves';
  if (ONEDRIVE_NAMES.test(name) || name.includes('_vti_') || name.startsWith('~$')) return 'OneDrive refuses it';
  if (/[. ]$/.test(name)) return 'it ends with a dot or a space, which Windows drops';
  return null;
}

/**
 * Turns any text (a reference such as "OPCC.D.021.18", a device name) into one name segment that is safe
 * everywhere: reserved characters become "-", a reserved device name gets a leading "_", trailing dots and spaces
 * go. Different texts can map to one name; whoever reads the folder checks the manifest, not the name.
 */
export function safeSegment(text: string, maxLength = 80): string {
  let name = text
    .normalize('NFC')
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-')
    .slice(0, maxLength)
    .replace(/[. ]+$/, '');
  if (name.startsWith('~$')) name = `_${name.slice(2)}`;
  if (RESERVED_NAMES.test(name) || ONEDRIVE_NAMES.test(name)) name = `_${name}`;
  name = name.replaceAll('_vti_', '_vti-');
  return name.length > 0 ? name : '_';
}

/** An ASCII token for file names: letters and digits, runs of anything else as one "_", at most `max` long. */
export function asciiToken(text: string, max = 24): string {
  const token = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, max)
    .replace(/_+$/, '');
  return token || 'device';
}

const TEMPORARY = [/^\..+\.partial$/, /^~\$/, /\.tmp$/i, /^\.~lock\./, /^\.sb-[0-9a-f]+-/];
const SYSTEM = /^(desktop\.ini|thumbs\.db|\.ds_store|icon\r)$/i;

/** This app's temporary name for `name` in the same folder: hidden, unique, and ignored by every reader. */
export function temporaryName(name: string): string {
  return `.${name.slice(0, 120)}.${randomBytes(4).toString('hex')}.partial`;
}

/** Files being written (ours or another program's) and files the operating system keeps: never read. */
export function isIgnored(name: string): boolean {
  return SYSTEM.test(name) || TEMPORARY.some((pattern) => pattern.test(name));
}

// The copies OneDrive, SharePoint and Dropbox keep when one file changed in two places before syncing:
// "name-DESKTOP-AB12CD.json", "name-LAPTOP-…", "name (1).json", "name (Conflict).json",
// "name (conflicted copy 2024-03-01).json". The exact patterns vary with client and version.
const CONFLICT_COPY = [
  /-(desktop|laptop)-[a-z0-9]{4,}(\s\(\d+\))?(\.[^.]+)?$/i,
  /\s\(\d+\)(\.[^.]+)?$/,
  /[\s(_-]conflict(ed)?(\s|\)|_|-|\.|$)/i,
  /-conflict-/i,
];

/** A name that looks like a sync client's conflict copy. Callers also report any name their folder should not hold. */
export function looksLikeConflictCopy(name: string): boolean {
  return CONFLICT_COPY.some((pattern) => pattern.test(name));
}
