// The workflow: draft → awaiting-signatures → decided → published, and what each state allows.

import type { RecordStatus } from './record.ts';

export const STATUS_LABELS: Record<RecordStatus, string> = {
  draft: 'Draft',
  'awaiting-signatures': 'Awaiting signatures',
  decided: 'Decided',
  published: 'Published',
};

/** Content can be edited only in a draft; from submission on it is locked so signatures keep holding. */
export function isEditable(status: RecordStatus): boolean {
  return status === 'draft';
}

const NEXT: Record<RecordStatus, readonly RecordStatus[]> = {
  draft: ['awaiting-signatures'],
  'awaiting-signatures': ['decided', 'draft'],
  decided: ['published'],
  published: [],
};

export function canTransition(from: RecordStatus, to: RecordStatus): boolean {
  return NEXT[from].includes(to);
}
