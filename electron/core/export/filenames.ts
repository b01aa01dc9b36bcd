// File names for exported records that Windows, OneDrive and SharePoint accept: "OPCC.D.021.18 7F Single Procurement Function.docx".

import type { DecisionRecord } from '../domain/index.ts';

export const MAX_FILE_NAME = 100;

// Path separators read best as hyphens ("OPCC/D/021" → "OPCC-D-021"); the other reserved characters, controls and
// bidirectional overrides (which can disguise an extension: "report\u202Efdp.exe") go.
const AS_HYPHEN = /[/\\:|]/g;
const DROPPED = /[<>"?*\u0000-\u001F\u007F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Device names Windows reserves whatever the extension, with the superscript digits Windows 11 also reserves.
const RESERVED = /^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$/i;

/** Makes one piece of a name safe: no reserved or control characters, single spaces, nothing hidden. */
export function safeNamePart(text: string): string {
  return text.normalize('NFC').replace(AS_HYPHEN, '-').replace(DROPPED, ' ').replace(/\s+/g, ' ').trim();
}

/** Cuts text to at most `max` UTF-16 units without splitting a character, at a word break when there is one. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const ch of text) {
    if (kept.length + ch.length > max) break;
    kept += ch;
  }
  const space = kept.lastIndexOf(' ');
  return space > max / 2 ? kept.slice(0, space) : kept;
}

/**
 * The export's file name: reference (or "Draft" and the start of the id) and title, then `note` when given (e.g.
 * "(public)"), then the extension. The title is cut, never the note.
 */
export function exportFileName(
  record: Pick<DecisionRecord, 'id' | 'reference' | 'title'>,
  extension: string,
  note?: string,
): string {
  const ext = `.${safeNamePart(extension).replace(/^\.+/, '').replace(/[ .]/g, '')}`;
  const tail = note ? ` ${safeNamePart(note)}` : '';
  const lead = record.reference ? safeNamePart(record.reference) : `Draft ${record.id.slice(0, 8)}`;
  const title = safeNamePart(record.title);
  let stem = cut(title ? `${lead} ${title}` : lead, MAX_FILE_NAME - ext.length - tail.length);
  // Windows drops trailing dots and spaces, and Office treats names starting with "~$" or "." as its own.
  stem = stem.replace(/[. ]+$/, '').replace(/^[.~$ ]+/, '') || 'Record';
  // A reserved stem is a few characters long, so the prefix never pushes the name over the limit.
  if (RESERVED.test(stem.split('.')[0]!.trim())) stem = `_${stem}`;
  return `${stem}${tail}${ext}`;
}
