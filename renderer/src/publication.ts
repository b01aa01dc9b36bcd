// What the window says about a record's publication before it is submitted: advice, never a bar to submitting.

import type { DecisionRecord } from '../../electron/core/domain/record.ts';
import type { MissingField } from '../../electron/core/domain/signing.ts';

/**
 * Publication fields worth a second look before submission. The public summary is optional (the law asks only that a
 * confidential decision be listed by reference, date and decision maker), so its absence is a warning, not a refusal.
 */
export function publicationWarnings(record: Pick<DecisionRecord, 'classification' | 'publication'>): MissingField[] {
  const warnings: MissingField[] = [];
  const publication = record.publication ?? {};
  if (record.classification === 'confidential' && !publication.publicSummary?.trim()) {
    warnings.push({
      field: 'publication.publicSummary',
      message:
        'No public summary: the public register will show this confidential decision by its reference, date and decision maker only.',
    });
  }
  if (publication.decisionDate && publication.deferUntil && publication.deferUntil < publication.decisionDate) {
    warnings.push({
      field: 'publication.deferUntil',
      message: 'The day to publish it is before the date of decision, so it will not wait.',
    });
  }
  return warnings;
}
