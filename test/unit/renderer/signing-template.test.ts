// Signing under the record's own template: only the sign-offs the record has (a Deputy's record shows the Deputy, not
// the Mayor), who is still needed, and a signature out of order refused with the domain's reason.

import { describe, expect, it } from 'vitest';
import {
  computeContentHash,
  type DecisionRecord,
  emptyContent,
  RECORD_FORMAT,
} from '../../../electron/core/domain/index.ts';
import { signOffsFor } from '../../../electron/core/domain/signing.ts';
import { OfficeTemplateSchema } from '../../../electron/core/domain/template.ts';
import { signatorySteps } from '../../../renderer/src/stores/signing/selectors.ts';
import london from '../../../resources/templates/london.json' with { type: 'json' };

const LONDON = OfficeTemplateSchema.parse(london);
const AT = '2026-03-02T10:00:00.000Z';

function awaiting(decisionMaker: string): DecisionRecord {
  const record: DecisionRecord = {
    format: RECORD_FORMAT,
    id: '00000000-0000-4000-8000-000000000001',
    reference: 'PCD 1861',
    ...emptyContent('london'),
    title: 'Violence reduction grants',
    decisionMaker,
    signOffs: signOffsFor(LONDON, decisionMaker),
    status: 'awaiting-signatures',
    revision: 3,
    contentHash: '',
    createdAt: AT,
    updatedAt: AT,
  };
  return { ...record, contentHash: computeContentHash(record) };
}

describe('signatory steps under the record’s template', () => {
  it('lists only the sign-offs the record has, in the template’s order, under its names', () => {
    const steps = signatorySteps(awaiting('deputy-mayor'), LONDON);
    expect(steps.map((s) => s.title)).toEqual([
      'Chief Finance Officer',
      'Chief Executive',
      'Chief of Staff',
      'Deputy Mayor for Policing and Crime',
    ]);
    expect(signatorySteps(awaiting('mayor'), LONDON).at(-1)?.title).toBe('Mayor of London');
  });

  it('says who is still needed, and refuses the decision maker before the officers with the reason', () => {
    const steps = signatorySteps(awaiting('deputy-mayor'), LONDON);
    // The Chief Finance Officer always; one of the Chief Executive and the Chief of Staff; the Deputy last.
    expect(steps.map((s) => [s.role, s.needed])).toEqual([
      ['chief-finance-officer', true],
      ['chief-executive', true],
      ['chief-of-staff', true],
      ['deputy-mayor', true],
    ]);
    expect(steps.map((s) => s.orElse)).toEqual([[], ['Chief of Staff'], ['Chief Executive'], []]);
    expect(steps.at(-1)?.check).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /^Deputy Mayor for Policing and Crime signs last: waiting for Chief Finance Officer/,
      ),
    });
    expect(steps[0]?.check).toEqual({ ok: true });
  });
});
