// How the window writes dates, times, counts and empty values, in British English.

import type { RecordStatus } from '../../electron/core/domain/record.ts';

const WHEN = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const DAY_AND_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "25 Nov 2025, 14:05" in the computer's time zone. */
export function formatWhen(iso: string): string {
  const date = parse(iso);
  return date ? WHEN.format(date) : '';
}

/** "14:05" for today, "25 Nov, 14:05" for another day: when something was saved. */
export function formatSavedAt(iso: string, now = new Date()): string {
  const date = parse(iso);
  if (!date) return '';
  return date.toDateString() === now.toDateString() ? TIME.format(date) : DAY_AND_TIME.format(date);
}

/** "19 September 2018". */
export function formatDate(iso: string): string {
  const date = parse(iso);
  return date ? DATE.format(date) : '';
}

/** "1 word", "1,204 words". */
export function formatWords(count: number): string {
  return count === 1 ? '1 word' : `${count.toLocaleString('en-GB')} words`;
}

/** "1 record", "50,000 records". */
export function formatRecords(count: number): string {
  return count === 1 ? '1 record' : `${count.toLocaleString('en-GB')} records`;
}

export const UNTITLED = 'Untitled record';
export const NO_REFERENCE = 'Not yet assigned';
/** Submitted while the shared folder was out of reach: the next sync gives it its reference. */
export const REFERENCE_PENDING = 'Reference pending';

/** A record's reference, or why it has none: a draft has not been given one; a submitted record is waiting for it. */
export function referenceOf(record: { reference: string | null; status: RecordStatus }): string {
  return record.reference ?? (record.status === 'draft' ? NO_REFERENCE : REFERENCE_PENDING);
}

/** A SHA-256 fingerprint in groups of four, upper case, for reading aloud over the phone: "3F2A 9C01 …". */
export function groupedFingerprint(fingerprint: string): string {
  return (fingerprint.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}

/** A calendar day, YYYY-MM-DD, as "19 September 2018" (read as that day wherever the computer is). */
export function formatDay(day: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? formatDate(`${day}T12:00:00`) : '';
}

/** "820 bytes", "12 KB", "1.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes.toLocaleString('en-GB')} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString('en-GB')} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}
