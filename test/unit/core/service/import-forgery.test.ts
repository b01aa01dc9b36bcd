// The gate on import: a record.json whose signatures were not made with this office's certified keys is refused with
// a reason naming what failed, and nothing already saved changes.

import { beforeEach, describe, expect, it } from 'vitest';
import { computeContentHash, computeSeal, type DecisionRecord } from '../../../../electron/core/domain/index.ts';
import { createSeal, generateKey, issueCertificate, readCertificate } from '../../../../electron/core/trust/pki.ts';
import { makeSignature } from '../../../../electron/core/trust/sign.ts';
import { createTestService, makeRecord, readTable, type TestDesk } from '../../../helpers/db.ts';
import { TEST_PASSPHRASE } from '../../../helpers/trust.ts';

let desk: TestDesk;
let decided: DecisionRecord;

const snapshot = () => ({
  records: readTable(desk.db, 'records'),
  revisions: readTable(desk.db, 'revisions'),
  audit: readTable(desk.db, 'audit'),
});

async function refused(record: unknown, reason: RegExp) {
  const before = snapshot();
  const error = await desk.fail('records.import', { record });
  expect(error.code).toBe('invalid-input');
  expect(error.message).toMatch(/not imported, and nothing was changed/);
  expect(error.message).toMatch(reason);
  expect(snapshot()).toEqual(before);
}

const withSignOff = (
  record: DecisionRecord,
  index: number,
  change: (s: DecisionRecord['signOffs'][number]) => DecisionRecord['signOffs'][number],
) => ({
  ...record,
  signOffs: record.signOffs.map((s, i) => (i === index ? change(s) : s)),
});

beforeEach(async () => {
  desk = await createTestService('2026-03-01T09:00:00.000Z');
  decided = makeRecord({ reference: 'OPCC.D.004.26', status: 'decided', revision: 5 });
});

describe('import refuses forged signatures', () => {
  it('takes a record signed with the office\u2019s certified keys', async () => {
    expect((await desk.call('records.import', { record: decided })).action).toBe('created');
  });

  it('a signature with no key (seals recomputed by the public algorithm)', async () => {
    await refused(
      withSignOff(decided, 2, (s) => {
        const { proof: _proof, seal: _seal, ...body } = s.signature!;
        return { ...s, signature: { ...body, seal: computeSeal(s, body) } };
      }),
      /commissioner .*made without a signing key/,
    );
  });

  it('a signature moved to another role', async () => {
    const cfo = decided.signOffs[0]!;
    await refused(
      withSignOff(decided, 1, (s) => ({ ...s, name: cfo.name, signature: cfo.signature })),
      /chief-executive/,
    );
  });

  it('signatures replayed from another record with the same text', async () => {
    const other = makeRecord({ reference: 'OPCC.D.005.26', status: 'awaiting-signatures', revision: 5 });
    const replay = { ...other, signOffs: decided.signOffs, status: 'decided' as const };
    await refused({ ...replay, contentHash: computeContentHash(replay) }, /changed after this signature|forged/);
  });

  it('a certificate the pinned seal did not issue, with every field right', async () => {
    const rogue = await createSeal(
      'Office of the Police and Crime Commissioner for Kent',
      new Date('2020-01-01T00:00:00Z'),
      50,
    );
    const key = generateKey();
    const target = decided.signOffs[2]!;
    const der = await issueCertificate(rogue, {
      kind: 'signatory',
      name: target.signature!.signedBy,
      role: target.role,
      spki: key.spki,
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2060-01-01T00:00:00Z'),
    });
    const { proof: _p, seal: _s, contentHash: _c, ...body } = target.signature!;
    const forged = makeSignature(decided, target, body, { pkcs8: key.pkcs8, certificate: readCertificate(der) });
    await refused(
      withSignOff(decided, 2, (s) => ({ ...s, signature: forged })),
      /not issued by this office\u2019s seal/,
    );
  });

  it('a signature made after its key was revoked', async () => {
    // The certificate the commissioner's signatures in `decided` were made with, as this device learns it from the share.
    const der = Buffer.from(decided.signOffs[2]!.signature!.proof!.certificate, 'base64');
    const template = (await desk.call('settings.get', {})).template;
    expect(desk.trust.acceptCertificate(template, der)).toBeNull();
    desk.clock.set('2026-03-02T09:00:00.000Z');
    await desk.call('trust.revoke', {
      fingerprint: readCertificate(der).fingerprint,
      reason: 'key-compromise',
      sealPassphrase: TEST_PASSPHRASE,
    });
    // signAll dates the signatures 2024: still good. Dated after the revocation, the same key is refused.
    expect((await desk.call('records.import', { record: decided })).action).toBe('created');
    const later = makeRecord({ reference: 'OPCC.D.006.26', status: 'decided', revision: 5 });
    const { signAllWithKeys } = await import('../../../helpers/trust.ts');
    await refused(
      signAllWithKeys(
        { ...later, signOffs: later.signOffs.map((s) => ({ ...s, signature: null })) },
        '2026-03-03T09:00:00+01:00',
      ),
      /revoked on 2026-03-02/,
    );
  });

  it('a decided record without the Commissioner\u2019s signature', async () => {
    await refused(
      withSignOff(decided, 2, (s) => ({ ...s, signature: null })),
      /commissioner has not signed/,
    );
  });
});
