// How the window writes dates and empty values, in British English.

const WHEN = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "25 Nov 2025, 14:05" in the computer's time zone. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : WHEN.format(date);
}

export const UNTITLED = 'Untitled record';
export const NO_REFERENCE = 'Not yet assigned';
