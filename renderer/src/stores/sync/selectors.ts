// How views read the sync store, and the words for sync's states, a pass's outcome and a conflict's two sides.

import { STATUS_LABELS } from '../../../../electron/core/domain/workflow.ts';
import { formatSavedAt, formatWhen, UNTITLED } from '../../format.ts';
import type { ConflictAction, SyncConflictView, SyncState, SyncStore, SyncSummary } from './store.ts';

/** How the status looks: calm when synced, a warning when work waits or conflicts need a person, a problem when failing. */
export type SyncTone = 'ok' | 'waiting' | 'attention' | 'problem' | 'off';

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

/**
 * The status line in the bar: "Synced 12:04", "3 waiting to sync", "Offline since 11:20", "2 conflicts to resolve",
 * or, until someone chooses the office's shared folder in Settings, "No shared folder chosen: 2 waiting".
 */
export function syncLabel(s: SyncState): string {
  if (s.availability === 'off') return 'Sync not running';
  const status = s.status;
  if (!status) return s.availability === 'unknown' && s.statusError ? 'Sync status unknown' : 'Checking sync…';
  switch (status.state) {
    case 'not-set-up':
      return status.waiting > 0
        ? `No shared folder chosen: ${status.waiting.toLocaleString('en-GB')} waiting`
        : 'No shared folder chosen';
    case 'offline':
      return `Offline since ${formatSavedAt(status.offlineSince ?? '')}`.trim();
    case 'error':
      return 'Sync failed';
    case 'conflicts':
      return plural(status.conflicts, 'conflict to resolve', 'conflicts to resolve');
    case 'waiting':
      return `${status.waiting.toLocaleString('en-GB')} waiting to sync`;
    case 'synced':
      return `Synced ${formatSavedAt(status.lastSyncedAt ?? '')}`.trim();
    case 'never-synced':
      return 'Not synced yet';
  }
}

export function syncTone(s: SyncState): SyncTone {
  if (s.availability === 'off' || !s.status) return 'off';
  switch (s.status.state) {
    case 'not-set-up':
      return 'attention';
    case 'offline':
    case 'error':
      return 'problem';
    case 'conflicts':
      return 'attention';
    case 'waiting':
    case 'never-synced':
      return 'waiting';
    case 'synced':
      return 'ok';
  }
}

/** What a Sync now did, in one sentence or two. */
export function outcomeText(outcome: NonNullable<SyncState['outcome']>): string {
  if (outcome.kind === 'failed') return `Not synced. ${outcome.message}`;
  const summary: SyncSummary = outcome.summary;
  if (!summary.ok) {
    return `Not synced. ${summary.error?.message ?? ''} Nothing is lost: what is waiting is tried again at the next sync.`.replace(
      /\s+/g,
      ' ',
    );
  }
  const done = [
    `${summary.handedOver.length} handed over`,
    `${summary.received.length} received`,
    `${summary.published.length} published`,
    ...(summary.claimed.length > 0 ? [plural(summary.claimed.length, 'reference given', 'references given')] : []),
  ].join(', ');
  const waiting = summary.waiting === 0 ? 'nothing waiting' : `${summary.waiting.toLocaleString('en-GB')} waiting`;
  const extra = [
    ...(summary.newConflicts > 0
      ? [`${plural(summary.newConflicts, 'new conflict', 'new conflicts')} to resolve.`]
      : []),
    ...(summary.failures.length > 0
      ? [`${plural(summary.failures.length, 'item', 'items')} could not be synced and will be tried again.`]
      : []),
  ];
  return [`Synced: ${done}; ${waiting}.`, ...extra].join(' ');
}

export const CONFLICT_KIND_LABELS: Record<SyncConflictView['kind'], string> = {
  content: 'Two versions of one record',
  'duplicate-reference': 'Two records with one reference',
  'published-mismatch': 'The published record differs',
  tampered: 'A published record was refused',
  'conflict-copy': 'A conflict copy on the shared folder',
};

export const CONFLICT_ACTION_LABELS: Record<ConflictAction, string> = {
  'keep-local': 'Keep this device\u2019s version',
  'keep-remote': 'Keep the other device\u2019s version',
  'new-reference': 'Give this record a new reference',
  retry: 'Try again',
  dismiss: 'Dismiss',
};

export interface ConflictSide {
  label: string;
  facts: { term: string; value: string }[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What can be said about one side: a record (its title, reference, status, revision, signatures), a claim on a
 * reference, or just a record's id. The detail comes from the share, so every field is checked before it is shown.
 */
function factsOf(side: unknown): ConflictSide['facts'] {
  if (typeof side === 'string') return [{ term: 'Record ID', value: side }];
  if (!isObject(side)) return [];
  const facts: ConflictSide['facts'] = [];
  const text = (key: string) => (typeof side[key] === 'string' ? (side[key] as string) : null);
  if (text('title') !== null) facts.push({ term: 'Title', value: text('title') || UNTITLED });
  if (text('reference')) facts.push({ term: 'Reference', value: text('reference')! });
  const status = text('status');
  if (status && Object.hasOwn(STATUS_LABELS, status))
    facts.push({ term: 'Status', value: STATUS_LABELS[status as keyof typeof STATUS_LABELS] });
  if (typeof side.revision === 'number') facts.push({ term: 'Revision', value: String(side.revision) });
  if (text('updatedAt')) facts.push({ term: 'Last changed', value: formatWhen(text('updatedAt')!) });
  if (Array.isArray(side.signOffs)) {
    const signed = side.signOffs.filter((signOff) => isObject(signOff) && signOff.signature).length;
    facts.push({ term: 'Signatures', value: `${signed} of ${side.signOffs.length} signed` });
  }
  if (text('device')) facts.push({ term: 'Device', value: text('device')! });
  if (text('claimedAt')) facts.push({ term: 'Claimed', value: formatWhen(text('claimedAt')!) });
  if (text('recordId')) facts.push({ term: 'Record ID', value: text('recordId')! });
  return facts;
}

/** The two sides of a conflict, where its detail holds them: two versions, two records, or two claims. */
export function conflictSides(conflict: SyncConflictView): ConflictSide[] {
  const detail = conflict.detail;
  const noun = conflict.kind === 'duplicate-reference' ? 'record' : 'version';
  const candidates: [string, unknown][] = [
    [`This device\u2019s ${noun}`, detail.local],
    [`The other device\u2019s ${noun}`, detail.remote],
    ['As published', detail.published],
  ];
  if (Array.isArray(detail.claims))
    detail.claims.forEach((claim, index) =>
      candidates.push([index === 0 ? 'The first claim' : 'The other claim', claim]),
    );
  let sides = candidates
    .map(([label, side]) => ({ label, facts: factsOf(side) }))
    .filter((side) => side.facts.length > 0);
  if (sides.length === 0 && Array.isArray(detail.recordIds)) {
    sides = detail.recordIds
      .map((id, index) => ({ label: `Record ${index + 1}`, facts: factsOf(id) }))
      .filter((side) => side.facts.length > 0);
  }
  return sides;
}

export const syncSelectors = {
  label: (s: SyncStore) => syncLabel(s),
  tone: (s: SyncStore) => syncTone(s),
  status: (s: SyncStore) => s.status,
  availability: (s: SyncStore) => s.availability,
  statusError: (s: SyncStore) => s.statusError,
  syncing: (s: SyncStore) => s.syncing,
  outcome: (s: SyncStore) => s.outcome,
  conflicts: (s: SyncStore) => s.conflicts,
  conflictsStatus: (s: SyncStore) => s.conflictsStatus,
  conflictsError: (s: SyncStore) => s.conflictsError,
  resolving: (s: SyncStore) => s.resolving,
  notice: (s: SyncStore) => s.notice,
};
