// The sign-off rules as the template states them: required, optional and "one of" officers, the order rules, the
// decision maker chosen per record, and reserved decisions.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canSign,
  computeContentHash,
  computeSeal,
  type DecisionRecord,
  decidedSignOffs,
  deciderOf,
  emptyContent,
  missingForSubmission,
  type OfficeTemplate,
  OfficeTemplateSchema,
  RECORD_FORMAT,
  type Signature,
  signOffsFor,
  stillNeeded,
  upgradeTemplate,
} from '../../../../electron/core/domain/index.ts';

const shipped = (name: string): OfficeTemplate =>
  OfficeTemplateSchema.parse(
    upgradeTemplate(
      JSON.parse(
        fs.readFileSync(path.resolve(import.meta.dirname, `../../../../resources/templates/${name}.json`), 'utf8'),
      ),
    ),
  );
const kent = shipped('kent');
const essex = shipped('essex-pfcc');
const london = shipped('london');

function awaiting(template: OfficeTemplate, extra: Partial<DecisionRecord> = {}): DecisionRecord {
  const record: DecisionRecord = {
    format: RECORD_FORMAT,
    id: '0b6f8a52-95c5-4f4c-8e0e-5d9d2f1c3a77',
    reference: 'X.1',
    ...emptyContent(template.id),
    title: 'A decision',
    signOffs: signOffsFor(template, extra.decisionMaker),
    status: 'awaiting-signatures',
    revision: 2,
    contentHash: '',
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
    ...extra,
  };
  return { ...record, contentHash: computeContentHash(record) };
}

/** The record with `role` signed over its content (a seal that holds; no key, which the domain does not check). */
function signed(record: DecisionRecord, role: string, at = '2026-03-02T10:00:00.000Z'): DecisionRecord {
  return {
    ...record,
    signOffs: record.signOffs.map((s) => {
      if (s.role !== role) return s;
      const named = { ...s, name: `Signer ${role}` };
      const body: Omit<Signature, 'seal'> = {
        signedBy: named.name,
        signedAt: at,
        device: 'test',
        method: 'typed',
        image: null,
        strokes: [],
        contentHash: record.contentHash,
      };
      return { ...named, signature: { ...body, seal: computeSeal(named, body) } };
    }),
  };
}

describe('the sign-off rules in the template', () => {
  it('Kent: either officer first, the Commissioner last, as before', () => {
    const record = awaiting(kent);
    expect(canSign(record, kent, 'chief-executive')).toEqual({ ok: true });
    expect(canSign(record, kent, 'chief-finance-officer')).toEqual({ ok: true });
    expect(canSign(record, kent, 'commissioner')).toEqual({
      ok: false,
      reason:
        'Police and Crime Commissioner for Kent signs last: waiting for Chief Finance Officer and Chief Executive.',
    });
    const both = signed(signed(record, 'chief-executive'), 'chief-finance-officer');
    expect(canSign(both, kent, 'commissioner')).toEqual({ ok: true });
  });

  it('an optional officer may sign but is not waited for, and is not part of the decision unsigned', () => {
    const record = awaiting(essex);
    expect(record.signOffs.map((s) => s.role)).toEqual([
      'chief-finance-officer',
      'monitoring-officer',
      'chief-executive',
      'commissioner',
    ]);
    const officers = signed(signed(record, 'chief-finance-officer'), 'monitoring-officer');
    expect([...stillNeeded(officers, essex)]).toEqual(['commissioner']);
    expect(canSign(officers, essex, 'commissioner')).toEqual({ ok: true });
    expect(canSign(officers, essex, 'chief-executive')).toEqual({ ok: true });
    const decided = signed(officers, 'commissioner');
    expect(decidedSignOffs(decided).map((s) => s.role)).toEqual([
      'chief-finance-officer',
      'monitoring-officer',
      'commissioner',
    ]);
  });

  it('one of a group: either signs, and then the other is not waited for', () => {
    const record = awaiting(london);
    expect(record.signOffs.map((s) => s.role)).toEqual([
      'chief-finance-officer',
      'chief-executive',
      'chief-of-staff',
      'mayor',
    ]);
    const cfo = signed(record, 'chief-finance-officer');
    expect(canSign(cfo, london, 'mayor')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('waiting for Chief Executive or Chief of Staff.'),
    });
    const ready = signed(cfo, 'chief-of-staff');
    expect(stillNeeded(ready, london)).toEqual(new Set(['mayor']));
    expect(canSign(ready, london, 'mayor')).toEqual({ ok: true });
    expect(decidedSignOffs(signed(ready, 'mayor')).map((s) => s.role)).toEqual([
      'chief-finance-officer',
      'chief-of-staff',
      'mayor',
    ]);
  });

  it('the decision maker is the one the record names, and only they decide', () => {
    const record = awaiting(london, { decisionMaker: 'deputy-mayor' });
    expect(record.signOffs.map((s) => s.role)).toEqual([
      'chief-finance-officer',
      'chief-executive',
      'chief-of-staff',
      'deputy-mayor',
    ]);
    expect(deciderOf(record, london)?.capacity).toBe("under the Mayor's scheme of delegation");
    const ready = signed(signed(record, 'chief-finance-officer'), 'chief-executive');
    expect(canSign(ready, london, 'deputy-mayor')).toEqual({ ok: true });
    expect(canSign(ready, london, 'mayor')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('has no signatory'),
    });
    expect(deciderOf(awaiting(london), london)?.role).toBe('mayor');
  });

  it('a reserved decision can only be made by the Commissioner personally: refused at submission and at signing', () => {
    const record = awaiting(london, { decisionMaker: 'deputy-mayor', category: 'precept' });
    const missing = missingForSubmission({ ...record, status: 'draft' }, london);
    expect(missing.find((m) => m.field === 'decisionMaker')?.message).toBe(
      'A Budget and precept decision is reserved to the Mayor of London personally: Deputy Mayor for Policing and Crime cannot take it. Choose the Mayor of London as the decision maker.',
    );
    const ready = signed(signed(record, 'chief-finance-officer'), 'chief-executive');
    expect(canSign(ready, london, 'deputy-mayor')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('reserved to the Mayor of London personally'),
    });
    const mayor = awaiting(london, { category: 'precept' });
    expect(missingForSubmission({ ...mayor, status: 'draft' }, london).some((m) => m.field === 'decisionMaker')).toBe(
      false,
    );
  });

  it('extra sections required on submission, a yes-no explained when its answer asks, a category chosen', () => {
    const draft = { ...awaiting(essex), status: 'draft' as const };
    const fields = missingForSubmission(draft, essex).map((m) => m.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'sections.options',
        'sections.financial-implications',
        'sections.legal-implications',
        'sections.consultation',
        'category',
      ]),
    );
    const answered = {
      ...draft,
      category: 'policing',
      sections: [
        { id: 'options', kind: 'rich-text' as const, text: 'Do nothing; buy; lease.' },
        { id: 'financial-implications', kind: 'rich-text' as const, text: '£1.2m from reserves.' },
        { id: 'legal-implications', kind: 'rich-text' as const, text: 'Section 14 of the 2011 Act.' },
        { id: 'consultation', kind: 'yes-no' as const, answer: true, explanation: '' },
        { id: 'interests', kind: 'yes-no' as const, answer: false, explanation: '' },
      ],
    };
    const left = missingForSubmission(answered, essex).filter(
      (m) => m.field.startsWith('sections.') || m.field === 'category',
    );
    expect(left).toEqual([
      {
        field: 'sections.consultation',
        message: 'Explain your answer to \u201cHas there been consultation on this decision?\u201d.',
      },
    ]);
    // Kent has no extra sections: its records need what they always needed.
    expect(missingForSubmission({ ...awaiting(kent), status: 'draft' }, kent)).toEqual(
      missingForSubmission({ ...awaiting(kent), status: 'draft' }),
    );
  });
});
