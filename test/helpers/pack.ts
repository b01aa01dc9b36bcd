// Published records for the publication pack's tests: open, superseded and superseding, withdrawn, confidential
// (whose title and text must never show) and deferred (not shown until 2099).

import type { DecisionRecord } from '../../electron/core/domain/index.ts';
import { makeRecord } from './db.ts';

/** Words only the confidential record's withheld fields hold. */
export const SECRET_WORDS = ['SECRET-TITLE', 'SECRET-SUMMARY', 'SECRET-DECISION', 'SECRET-COMMENT'];
export const CONFIDENTIAL_SUMMARY = 'A contract for specialist surveillance equipment, value under £50,000.';
export const CONFIDENTIAL_REASON = 'Disclosure would prejudice the prevention or detection of crime (FOI Act s.31).';

function published(reference: string, overrides: Partial<DecisionRecord>): DecisionRecord {
  return makeRecord({ reference, status: 'published', publishedAt: '2024-03-02T10:00:00.000Z', ...overrides });
}

export function publishedFixtures(): DecisionRecord[] {
  const secret = published('OPCC.D.030.24', {
    title: 'SECRET-TITLE Covert surveillance equipment',
    executiveSummary: 'SECRET-SUMMARY of the tender.',
    recommendation: 'SECRET-SUMMARY recommendation.',
    decision: 'SECRET-DECISION to award.',
    classification: 'confidential',
    confidentialReason: CONFIDENTIAL_REASON,
    publication: { publicSummary: CONFIDENTIAL_SUMMARY, reviewOn: '2026-03-31', decisionDate: '2024-02-20' },
  });
  return [
    published('OPCC.D.010.23', { title: 'Fleet maintenance contract', publication: { decisionDate: '2023-11-02' } }),
    published('OPCC.D.021.24', {
      title: '7F Single Procurement Function',
      executiveSummary: 'The seven forces share **one procurement team**.\n\n- Kent\n- Essex\n- Suffolk',
      publication: { decisionDate: '2024-01-15' },
    }),
    published('OPCC.D.025.24', {
      title: 'Estates disposal at Ashford',
      publication: { decisionDate: '2024-02-01' },
      withdrawal: {
        at: '2024-02-28T12:00:00.000Z',
        by: 'Chief Executive',
        reason: 'Made on an incorrect valuation; a new decision will follow.',
      },
    }),
    { ...secret, signOffs: secret.signOffs.map((s) => ({ ...s, comments: 'SECRET-COMMENT' })) },
    published('OPCC.D.031.24', {
      title: 'Fleet maintenance contract, extended',
      publication: { decisionDate: '2024-02-25', supersedes: ['OPCC.D.010.23'] },
    }),
    published('OPCC.D.040.24', {
      title: 'Contract award not yet announced',
      publication: { deferUntil: '2099-01-01' },
    }),
  ];
}
