// The record model: what the content hash covers, and what record.json and a save patch accept.

import { describe, expect, it } from 'vitest';
import {
  computeContentHash,
  CONTENT_FIELDS,
  DecisionRecordSchema,
  describeIssues,
  type DecisionRecord,
  LIMITS,
  RecordPatchSchema,
  recordYear,
} from '../../../../electron/core/domain/index.ts';
import { makeRecord } from '../../../helpers/db.ts';

/** A change to each hashed field that keeps the record valid. */
const CONTENT_CHANGES: Record<string, (r: DecisionRecord) => Partial<DecisionRecord>> = {
  id: () => ({ id: '6f1f0a3e-2c1b-4d5e-9f7a-0b1c2d3e4f50' }),
  reference: () => ({ reference: 'OPCC.D.021.18' }),
  template: () => ({ template: 'surrey' }),
  originator: (r) => ({ originator: `${r.originator}.` }),
  title: (r) => ({ title: `${r.title} ` }),
  classification: () => ({ classification: 'confidential' }),
  confidentialReason: () => ({ confidentialReason: 'Commercially sensitive' }),
  executiveSummary: (r) => ({ executiveSummary: `${r.executiveSummary}\n` }),
  recommendation: (r) => ({ recommendation: r.recommendation.toUpperCase() }),
  decision: (r) => ({ decision: `${r.decision}!` }),
  backgroundDocuments: () => ({ backgroundDocuments: [{ title: 'Business case' }] }),
  impact: (r) => ({ impact: { ...r.impact, equalityImpactAssessment: false } }),
  publication: () => ({ publication: { deferUntil: '2026-12-24' } }),
  templateHash: () => ({ templateHash: 'a'.repeat(64) }),
  series: () => ({ series: 'fire' }),
  category: () => ({ category: 'precept' }),
  decisionMaker: () => ({ decisionMaker: 'deputy-commissioner' }),
  sections: () => ({ sections: [{ id: 'risk', kind: 'rich-text', text: 'Low.' }] }),
};

describe('computeContentHash', () => {
  const record = makeRecord({ id: '0b6f8a52-95c5-4f4c-8e0e-5d9d2f1c3a77' });

  it('is a SHA-256 hex digest, the same every time', () => {
    expect(computeContentHash(record)).toMatch(/^[0-9a-f]{64}$/);
    expect(computeContentHash(record)).toBe(computeContentHash(structuredClone(record)));
  });

  it('does not depend on key order or Unicode normalisation', () => {
    const reordered = Object.fromEntries(Object.entries(record).reverse()) as DecisionRecord;
    expect(computeContentHash(reordered)).toBe(computeContentHash(record));
    const composed = { ...record, title: 'Cynllun G\u0175yr' };
    const decomposed = { ...record, title: 'Cynllun Gw\u0302yr' };
    expect(computeContentHash(decomposed)).toBe(computeContentHash(composed));
  });

  it('has a change for every content field', () => {
    expect(Object.keys(CONTENT_CHANGES).sort()).toEqual(['id', 'reference', ...CONTENT_FIELDS].sort());
  });

  it.each(Object.keys(CONTENT_CHANGES))('changes when %s changes', (field) => {
    const changed = { ...record, ...CONTENT_CHANGES[field]!(record) };
    expect(DecisionRecordSchema.safeParse({ ...changed, contentHash: computeContentHash(changed) }).success).toBe(true);
    expect(computeContentHash(changed)).not.toBe(computeContentHash(record));
  });

  it('is the same for a record without publication fields as before the field existed', () => {
    // Recorded before publication was added to the content: a record that never had it must keep its signatures.
    const { publication: _none, ...without } = record;
    expect(computeContentHash({ ...without, publication: undefined })).toBe(computeContentHash(without));
  });

  it('changes when a nested impact answer goes from unanswered to no', () => {
    const answered = { ...record, impact: { ...record.impact, diversityImpact: false } };
    expect(computeContentHash(answered)).not.toBe(computeContentHash(record));
  });

  it('stays the same when only status, revision, timestamps or sign-offs change', () => {
    const signed: DecisionRecord = {
      ...record,
      status: 'decided',
      revision: 12,
      createdAt: '2019-01-01T00:00:00.000Z',
      updatedAt: '2025-12-31T23:59:59.000Z',
      signOffs: record.signOffs.map((signOff) => ({
        ...signOff,
        name: 'A. Person',
        comments: 'Agreed.',
        signature: {
          signedBy: 'A. Person',
          signedAt: '2024-03-02T10:00:00.000Z',
          device: 'Tablet',
          method: 'paper',
          image: null,
          strokes: [],
          contentHash: record.contentHash,
        },
      })),
      contentHash: 'f'.repeat(64),
    };
    expect(computeContentHash(signed)).toBe(computeContentHash(record));
  });
});

describe('DecisionRecordSchema', () => {
  it('accepts a complete record', () => {
    const record = makeRecord();
    expect(DecisionRecordSchema.parse(record)).toEqual(record);
  });

  it('refuses unknown fields, naming them', () => {
    const result = DecisionRecordSchema.safeParse({ ...makeRecord(), colour: 'red' });
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!)).toBe('unknown field "colour"');
  });

  it('refuses a wrong format, a bad id, a bad hash and an unknown status', () => {
    for (const bad of [
      { format: 'decision-desk/record@2' },
      { id: 'not-a-uuid' },
      { contentHash: 'ABC' },
      { status: 'approved' },
      { revision: 0 },
      { createdAt: '1 March 2024' },
      { reference: 'OPCC  D 021 18' },
    ]) {
      expect(DecisionRecordSchema.safeParse({ ...makeRecord(), ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('refuses text over its limit with a message naming the field and the limit', () => {
    const result = DecisionRecordSchema.safeParse(makeRecord({ title: 'x'.repeat(LIMITS.shortText + 1) }));
    expect(describeIssues(result.error!)).toBe('title: must be at most 500 characters');
  });
});

describe('RecordPatchSchema', () => {
  it('accepts any subset of the content fields, and sign-off names and comments', () => {
    expect(RecordPatchSchema.parse({})).toEqual({});
    const patch = { title: '', signOffs: [{ role: 'chief-executive', name: 'A. Person', comments: '' }] };
    expect(RecordPatchSchema.parse(patch)).toEqual(patch);
  });

  it('refuses the template, the status and the identity: a save cannot change them', () => {
    for (const field of ['template', 'status', 'id', 'reference', 'revision', 'contentHash']) {
      const result = RecordPatchSchema.safeParse({ [field]: 'x' });
      expect(result.success, field).toBe(false);
      expect(describeIssues(result.error!)).toContain(`"${field}"`);
    }
  });

  it('refuses a signature in a patch: signing has its own path', () => {
    const result = RecordPatchSchema.safeParse({
      signOffs: [{ role: 'commissioner', name: '', comments: '', signature: null }],
    });
    expect(result.success).toBe(false);
  });
});

describe('describeIssues', () => {
  it('prefixes paths and stops after five issues, counting the rest', () => {
    const result = RecordPatchSchema.safeParse({
      a: 1,
      b: 2,
      title: 1,
      originator: 2,
      decision: 3,
      recommendation: 4,
      executiveSummary: 5,
    });
    const message = describeIssues(result.error!, 'patch');
    expect(message.split('; ')).toHaveLength(6);
    expect(message).toMatch(/^patch(\.\w+)?: /);
    expect(message).toMatch(/; and 1 more problem$/);
  });

  it('names the first three unknown keys and counts the others', () => {
    const result = RecordPatchSchema.safeParse({ a: 1, b: 2, c: 3, d: 4, e: 5 });
    expect(describeIssues(result.error!)).toBe('unknown fields "a", "b", "c" and 2 more');
  });
});

describe('recordYear', () => {
  it('is the reference year once there is one, else the year the record was made', () => {
    expect(recordYear({ createdAt: '2024-06-01T00:00:00Z' }, 2018)).toBe(2018);
    expect(recordYear({ createdAt: '2024-06-01T00:00:00Z' }, null)).toBe(2024);
  });
});
