// The suite's test office (test/helpers/trust.ts): what tests build with it verifies against its seal, and a desk or
// service made to trust it signs with the enrolled keys and their PIN.

import { describe, expect, it } from 'vitest';
import { openDesk } from '../../../../electron/core/desk.ts';
import { verifyReport } from '../../../../electron/core/trust/verify.ts';
import { FIXTURES } from '../../../fixtures/records/index.ts';
import { createTestService, makeRecord, signAll, tmpDataDir } from '../../../helpers/db.ts';
import { pngDataUrl } from '../../../helpers/png.ts';
import {
  certifyTestSigner,
  signAllWithKeys,
  TEST_KDF,
  TEST_PIN,
  TEST_SIGNERS,
  TEST_TEMPLATE,
  testAnchors,
  testOffice,
  trustTestOffice,
} from '../../../helpers/trust.ts';

describe('the test office', () => {
  it('signs every decided record makeRecord builds with keys that verify against its seal', () => {
    const report = verifyReport(
      makeRecord({ reference: 'OPCC.D.001.24', status: 'decided' }),
      TEST_TEMPLATE,
      testAnchors(),
    );
    expect(report.valid, JSON.stringify(report.signatures)).toBe(true);
    expect(report.signatures.map((s) => s.certificate?.kind)).toEqual(['signatory', 'signatory', 'signatory']);
    expect(report.seal?.fingerprint).toBe(testOffice.seal.certificate.fingerprint);
  });

  it('makes the fixtures\u2019 signatures (drawn and paper) verify, and a changed record not', () => {
    for (const [name, build] of Object.entries(FIXTURES)) {
      const record = build();
      const report = verifyReport(record, TEST_TEMPLATE, testAnchors());
      expect(
        report.signatures.every((s) => s.valid),
        `${name}: ${JSON.stringify(report.signatures)}`,
      ).toBe(true);
    }
    const paper = FIXTURES.confidential().signOffs.find((s) => s.signature?.method === 'paper')!;
    expect(paper.signature!.recordedBy).toBeTruthy();
    const changed = {
      ...signAll(makeRecord({ reference: 'OPCC.D.002.24', status: 'awaiting-signatures' })),
      decision: 'Something else.',
    };
    expect(verifyReport(changed, TEST_TEMPLATE, testAnchors()).valid).toBe(false);
  });

  it('is not trusted by a device that pins no seal', () => {
    const report = verifyReport(makeRecord({ reference: 'OPCC.D.003.24', status: 'decided' }), TEST_TEMPLATE, {
      seal: null,
      revocations: new Map(),
      revocationsAsOf: null,
    });
    expect(report.valid).toBe(false);
    expect(report.signatures[0]!.reason).toContain('no office seal');
  });

  it('signs as a name it was not told about only once certified, and says so', async () => {
    const record = makeRecord({ reference: 'OPCC.D.004.24', status: 'awaiting-signatures' });
    const named = { ...record, signOffs: record.signOffs.map((s) => ({ ...s, name: 'Alex Newname' })) };
    expect(() => signAllWithKeys(named)).toThrow(/no certificate for "Alex Newname"/);
    for (const s of named.signOffs) await certifyTestSigner(s.role, 'Alex Newname');
    expect(verifyReport({ ...signAllWithKeys(named), status: 'decided' }, TEST_TEMPLATE, testAnchors()).valid).toBe(
      true,
    );
  });

  it('gives createTestService the seal pinned and the three signatories enrolled with the test PIN', async () => {
    const desk = await createTestService('2026-03-01T09:00:00.000Z');
    const status = await desk.call('trust.status', {});
    expect(status.pinned).toBe(testOffice.seal.certificate.fingerprint);
    expect(status.seal?.onThisDevice).toBe(true);
    expect(status.keys.filter((k) => k.kind === 'signatory' && k.usable).map((k) => [k.role, k.name])).toEqual(
      Object.entries(TEST_SIGNERS),
    );
    expect(status.keys.some((k) => k.kind === 'recorder' && k.usable)).toBe(true);
    expect(desk.keys.size).toBe(3);
    expect(desk.recorder?.kind).toBe('recorder');
  });

  it('makes an opened desk trust the office, and sign with a PIN through its own store', async () => {
    const dir = tmpDataDir();
    const desk = await openDesk(dir, { dailyBackup: false, keys: { kdf: TEST_KDF } });
    try {
      await trustTestOffice(desk);
      const draft = await desk.service['records.create']({});
      const id = draft.id;
      await desk.service['records.save']({
        id,
        baseRevision: draft.revision,
        mode: 'explicit',
        patch: {
          title: 'A title',
          originator: 'Chief Executive',
          executiveSummary: 'Summary.',
          recommendation: 'Recommend.',
          decision: 'Decide.',
          impact: {
            planObjectives: 'Yes.',
            equalityImpactAssessment: false,
            diversityImpact: false,
            diversityExplanation: '',
          },
        },
      });
      const submitted = await desk.service['records.submit']({ id, baseRevision: draft.revision + 1 });
      const role = 'chief-finance-officer';
      const signed = await desk.service['records.sign']({
        id: submitted.id,
        role,
        name: TEST_SIGNERS[role],
        method: 'drawn',
        image: pngDataUrl(),
        strokes: [],
        pin: TEST_PIN,
      });
      expect(signed.signOffs[0]!.signature!.proof?.algorithm).toBe('ES256');
    } finally {
      await desk.close();
    }
  });
});
