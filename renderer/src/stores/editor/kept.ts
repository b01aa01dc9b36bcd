// Edits not yet acknowledged by the application, kept in the window's own storage (localStorage: a browser tab and
// the app's app:// window alike) so that no keystroke is lost when the application restarts, the tab is reloaded
// or the window crashes. One entry per record, with the revision the edits were made on; gone once a save of them
// is acknowledged.

import { RecordPatchSchema } from '../../../../electron/core/domain/record.ts';
import { type EditableContent, type EditableField, RICH_TEXT_FIELDS } from './draft.ts';

export interface KeptEdits {
  id: string;
  /** The revision the edits were made on: restoring them onto a record that has moved on is a conflict. */
  baseRevision: number;
  content: EditableContent;
  /** When they were kept (ISO). */
  at: string;
}

const PREFIX = 'decision-desk.unsaved.';
const FIELDS: EditableField[] = [
  'originator',
  'title',
  'classification',
  'confidentialReason',
  ...RICH_TEXT_FIELDS,
  'backgroundDocuments',
  'impact',
  'signOffs',
];

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage turned off (a locked-down profile): edits are then as safe as the window is.
    return null;
  }
}

/** Keeps the edits; false if the storage refused them (full, or turned off). */
export function keepEdits(kept: KeptEdits): boolean {
  try {
    storage()?.setItem(PREFIX + kept.id, JSON.stringify(kept));
    return storage() !== null;
  } catch {
    return false;
  }
}

/** The edits kept for a record, or null; anything unreadable there (another version's, damaged) is dropped. */
export function keptEditsOf(id: string): KeptEdits | null {
  let text: string | null;
  try {
    text = storage()?.getItem(PREFIX + id) ?? null;
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    const { baseRevision, content, at } = JSON.parse(text) as Partial<KeptEdits>;
    const parsed = RecordPatchSchema.safeParse(content);
    if (
      parsed.success &&
      FIELDS.every((field) => parsed.data[field] !== undefined) &&
      Number.isInteger(baseRevision) &&
      baseRevision! >= 1 &&
      typeof at === 'string'
    ) {
      return { id, baseRevision: baseRevision!, content: parsed.data as EditableContent, at };
    }
  } catch {
    // Not JSON: dropped below.
  }
  forgetEdits(id);
  return null;
}

export function forgetEdits(id: string): void {
  try {
    storage()?.removeItem(PREFIX + id);
  } catch {
    // Nothing to forget with.
  }
}

/** Every record with edits kept in this window's storage, the newest first: what a fresh window names in the register. */
export function listKeptEdits(): KeptEdits[] {
  const ids: string[] = [];
  try {
    const store = storage();
    for (let index = 0; store && index < store.length; index++) {
      const key = store.key(index);
      if (key?.startsWith(PREFIX)) ids.push(key.slice(PREFIX.length));
    }
  } catch {
    return [];
  }
  return ids
    .map(keptEditsOf)
    .filter((kept): kept is KeptEdits => kept !== null)
    .sort((a, b) => b.at.localeCompare(a.at));
}
