// A record ready to submit, as the signing tests and the renderer bench make it: every field the template asks for,
// and the three officers who sign it named.

/** The holders of the three roles that sign, by role. */
export const OFFICERS = {
  'chief-finance-officer': 'Priya Shah',
  'chief-executive': 'Tom Hughes',
  commissioner: 'Matthew Scott',
} as const;

/** records.create's content for a grants decision under `title`, complete enough to be submitted. */
export function grantsDecision(title: string) {
  return {
    originator: 'Chief Executive',
    title,
    executiveSummary: 'The partnerships asked for **three-year** funding so that services can plan ahead.',
    recommendation: 'That the Commissioner approves the grants listed in the annex.',
    decision: 'The grants are approved as recommended.',
    impact: {
      planObjectives: 'Safer communities; support for victims.',
      equalityImpactAssessment: true,
      diversityImpact: false,
      diversityExplanation: '',
    },
    signOffs: Object.entries(OFFICERS).map(([role, name]) => ({ role, name, comments: '' })),
  };
}
