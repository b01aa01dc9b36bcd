// The merge rules for a version of a record from another device: signatures by role, content never silently.

import { describe, expect, it } from 'vitest';
import { computeContentHash, type DecisionRecord, type Signature } from '../../../../electron/core/domain/index.ts';
import { mergeRemote, signatureHolds } from '../../../../electron/core/sync/merge.ts';
import { makeRecord } from '../../../helpers/db.ts';
import { PNG } from './helpers.ts';

const out = makeRecord({ reference: 'OPCC.D.001.26', status: 'awaiting-signatures', revision: 5 });

function signature(record: DecisionRecord, device: string, at: string, contentHash = record.contentHash): Signature {
  return { signedBy: device, signedAt: at, device, method: 'drawn', image: PNG, strokes: [], contentHash };
}

function signed(
  record: DecisionRecord,
  role: string,
  device: string,
  at = '2026-03-02T10:00:00.000Z',
  extra: Partial<DecisionRecord> = {},
): DecisionRecord {
  return {
    ...record,
    signOffs: record.signOffs.map((s) => (s.role === role ? { ...s, signature: signature(record, device, at) } : s)),
    revision: record.revision + 1,
    ...extra,
  };
}

function edited(record: DecisionRecord, title: string, extra: Partial<DecisionRecord> = {}): DecisionRecord {
  const next = { ...record, title, ...extra };
  return { ...next, contentHash: computeContentHash(next) };
}

describe('mergeRemote', () => {
  it('imports a record this device does not have', () => {
    expect(mergeRemote(undefined, out)).toEqual({ kind: 'import', record: out });
  });

  it('merges signatures of different roles made at one revision on two devices', () => {
    const here = signed(out, 'chief-executive', 'Laptop');
    const there = signed(out, 'chief-finance-officer', 'Tablet');
    const outcome = mergeRemote(here, there);
    expect(outcome).toMatchObject({ kind: 'update', handover: true, roles: ['chief-finance-officer'] });
    const merged = (outcome as { record: DecisionRecord }).record;
    expect(merged.revision).toBe(7);
    expect(merged.signOffs.map((s) => s.signature?.device ?? null)).toEqual(['Tablet', 'Laptop', null]);
    // The other device, merging the other way, reaches the same sign-offs.
    expect((mergeRemote(there, here) as { record: DecisionRecord }).record.signOffs).toEqual(merged.signOffs);
  });

  it('takes a later version that only adds signatures as it is, with nothing to send back', () => {
    const there = signed(signed(out, 'chief-finance-officer', 'Tablet'), 'chief-executive', 'Tablet');
    expect(mergeRemote(out, there)).toEqual({
      kind: 'update',
      record: there,
      roles: ['chief-finance-officer', 'chief-executive'],
      handover: false,
    });
    expect(mergeRemote(there, out)).toEqual({ kind: 'unchanged' });
  });

  it('is decided once either side has the deciding signature', () => {
    const here = signed(out, 'chief-executive', 'Laptop');
    const there = signed(signed(out, 'chief-finance-officer', 'Tablet'), 'commissioner', 'Tablet', undefined, {
      status: 'decided',
    });
    const merged = mergeRemote(here, there) as { record: DecisionRecord };
    expect(merged.record.status).toBe('decided');
    expect(merged.record.signOffs.every((s) => signatureHolds(merged.record, s.signature))).toBe(true);
  });

  it('keeps a signature over another content hash, which does not hold; one that holds wins over it', () => {
    const stale: DecisionRecord = {
      ...out,
      signOffs: out.signOffs.map((s, i) =>
        i === 0 ? { ...s, signature: signature(out, 'Old', '2026-03-01T09:00:00.000Z', 'e'.repeat(64)) } : s,
      ),
      revision: 6,
    };
    const kept = mergeRemote(out, stale) as { record: DecisionRecord };
    expect(kept.record.signOffs[0]!.signature?.device).toBe('Old');
    expect(signatureHolds(kept.record, kept.record.signOffs[0]!.signature)).toBe(false);
    const fresh = signed(out, 'chief-finance-officer', 'Tablet', '2026-03-03T09:00:00.000Z');
    expect((mergeRemote(stale, fresh) as { record: DecisionRecord }).record.signOffs[0]!.signature?.device).toBe(
      'Tablet',
    );
    expect((mergeRemote(fresh, stale) as unknown as { kind: string }).kind).toBe('unchanged');
  });

  it('two different contents at one revision are a conflict', () => {
    const here = edited(out, 'One title', { revision: 6 });
    const there = edited(out, 'Another title', { revision: 6 });
    expect(mergeRemote(here, there)).toEqual({
      kind: 'conflict',
      reason: 'this device and another have different versions at the same revision',
    });
  });

  it('adopts a later version from elsewhere that returned it to draft there, and ignores an older one', () => {
    const draft: DecisionRecord = { ...out, status: 'draft', revision: 7, signOffs: out.signOffs };
    expect(mergeRemote(signed(out, 'chief-executive', 'Laptop'), draft)).toEqual({
      kind: 'update',
      record: draft,
      roles: [],
      handover: false,
    });
    const resubmitted = edited(out, 'Changed while a draft', { revision: 9 });
    expect(mergeRemote(resubmitted, edited(out, 'Old', { revision: 4 }))).toMatchObject({ kind: 'ignore' });
  });

  it('never merges other content into a record locked here: out for signature or decided, it is a conflict', () => {
    const mine = signed(out, 'chief-executive', 'Laptop');
    const resubmitted = edited(out, 'Changed elsewhere', { revision: 9 });
    expect(mergeRemote(mine, resubmitted)).toEqual({
      kind: 'conflict',
      reason: 'it is awaiting signatures here and the version from another device has different content',
    });
    const decidedHere: DecisionRecord = { ...out, status: 'decided', revision: 8 };
    expect(mergeRemote(decidedHere, edited(out, 'Rewritten', { status: 'decided', revision: 12 }))).toMatchObject({
      kind: 'conflict',
      reason: expect.stringContaining('decided here'),
    });
    // A decision is final: another device cannot return it to draft.
    expect(mergeRemote(decidedHere, { ...out, status: 'draft', revision: 12 })).toMatchObject({ kind: 'conflict' });
    expect(signatureHolds(mine, mine.signOffs[1]!.signature)).toBe(true);
  });

  it('a draft here that another device moved on from is a conflict; a published record is final', () => {
    const draftHere = edited(out, 'Editing here', { status: 'draft', revision: 7 });
    expect(mergeRemote(draftHere, signed(out, 'chief-executive', 'Tablet', undefined, { revision: 7 }))).toMatchObject({
      kind: 'conflict',
    });
    expect(mergeRemote(draftHere, out)).toMatchObject({ kind: 'ignore' });
    expect(
      mergeRemote(
        { ...out, status: 'published', revision: 9 },
        signed(out, 'chief-executive', 'Tablet', undefined, { revision: 12 }),
      ),
    ).toMatchObject({ kind: 'ignore' });
  });
});
