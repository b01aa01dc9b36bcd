// Words for the person at the desk, whatever was thrown: a DeskError's own message, or a plain fallback.

import { DeskError } from '../../electron/core/domain/errors.ts';

export function messageOf(error: unknown): string {
  if (error instanceof DeskError) return error.message;
  return 'Something went wrong. Try again; if it keeps happening, restart Decision Desk.';
}
