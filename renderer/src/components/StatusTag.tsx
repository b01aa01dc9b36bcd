// A record's workflow status as a small labelled tag.

import type { RecordStatus } from '../../../electron/core/domain/record.ts';
import { STATUS_LABELS } from '../../../electron/core/domain/workflow.ts';

export function StatusTag({ status }: { status: RecordStatus }) {
  return <span className={`status-tag status-${status}`}>{STATUS_LABELS[status]}</span>;
}
