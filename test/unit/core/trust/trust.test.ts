// The trust core on real files: PIN-protected keys, the seal, enrolment, revocation, and signatures checked against
// the pinned seal; every forgery the issue lists, refused with a reason.

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import kent from '../../../../resources/templates/kent.json' with { type: 'json' };
import {
  computeContentHash,
  intentStatement,
  OfficeTemplateSchema,
  type DecisionRecord,
} from '../../../../electron/core/domain/index.ts';
import { createSeal, generateKey, issueCertificate, readCertificate } from '../../../../electron/core/trust/pki.ts';
import { makeSignature } from '../../../../electron/core/trust/sign.ts';
import { createTrustStore, PIN_TRIES_BEFORE_WAIT } from '../../../../electron/core/trust/store.ts';
import { checkSignatures, recordTrustProblems } from '../../../../electron/core/trust/verify.ts';
import { createDb, KENT_ROLES, makeRecord, testClock, tmpDataDir } from '../../../helpers/db.ts';

const CHEAP = { pin: { N: 2 ** 10, r: 8, p: 1 }, passphrase: { N: 2 ** 10, r: 8, p: 1 } };
const PASSPHRASE = 'correct horse battery';
const PIN = '482916';

async function office() {
  const dir = tmpDataDir();
  const db = await createDb(path.join(dir, 'decision-desk.sqlite'));
  const clock = testClock('2026-03-01T09:00:00.000Z');
  const keysDir = path.join(dir, 'keys');
  const store = createTrustStore({ db, keysDir, now: clock.now, kdf: CHEAP });
  const seal = await store.createSeal('Office of the Police and Crime Commissioner for Kent', PASSPHRASE);
  const template = OfficeTemplateSchema.parse({ ...kent, sealFingerprint: seal.fingerprint });
  const signers = new Map<string, Awaited<ReturnType<typeof store.enrol>>>();
  for (const role of KENT_ROLES) {
    signers.set(
      role,
      await store.enrol(template, {
        kind: 'signatory',
        role,
        name: `Signer ${role}`,
        pin: PIN,
        sealPassphrase: PASSPHRASE,
      }),
    );
  }
  return { dir, db, clock, keysDir, store, seal, template, signers };
}

type Office = Awaited<ReturnType<typeof office>>;

/** A submitted record signed by every role in order, each with its own key and PIN. */
async function signedRecord(o: Office, overrides: Partial<DecisionRecord> = {}): Promise<DecisionRecord> {
  let record = makeRecord({ reference: 'OPCC.D.001.26', status: 'awaiting-signatures', ...overrides });
  record = { ...record, contentHash: computeContentHash(record) };
  const signOffs = [];
  for (const [i, signOff] of record.signOffs.entries()) {
    const key = o.signers.get(signOff.role)!;
    const unlocked = await o.store.unlock(key.id, PIN);
    const name = key.name;
    const signature = makeSignature(
      record,
      { ...signOff, name },
      {
        signedBy: name,
        signedAt: `2026-03-01T10:0${i}:00.000Z`,
        device: 'tablet',
        method: 'drawn',
        image: null,
        strokes: [],
        intent: intentStatement(record, o.template, signOff.role, name, 'drawn'),
      },
      unlocked,
    );
    signOffs.push({ ...signOff, name, signature });
  }
  return { ...record, signOffs, status: 'decided' };
}

describe('keys at rest', () => {
  it('a key file is useless without its PIN, and holds no key in the clear', async () => {
    const o = await office();
    const key = o.signers.get('commissioner')!;
    const file = fs.readFileSync(path.join(o.keysDir, `${key.id}.key`), 'utf8');
    const pkcs8 = (await o.store.unlock(key.id, PIN)).pkcs8;
    expect(file).not.toContain(pkcs8.toString('base64'));
    expect(file).not.toContain(pkcs8.toString('hex'));
    await expect(o.store.unlock(key.id, '000000')).rejects.toThrow(/PIN is not right/);
    // openssl cannot read it as a key either
    expect(() =>
      execFileSync('openssl', ['pkey', '-in', path.join(o.keysDir, `${key.id}.key`), '-noout'], { stdio: 'pipe' }),
    ).toThrow();
  });

  it('the database holds no private key', async () => {
    const o = await office();
    const dump =
      JSON.stringify(o.db.prepare('SELECT * FROM device_keys').all()) +
      JSON.stringify(o.db.prepare('SELECT * FROM trust_certificates').all());
    for (const key of o.signers.values()) {
      const { pkcs8 } = await o.store.unlock(key.id, PIN);
      expect(dump).not.toContain(pkcs8.toString('base64'));
      expect(fs.readFileSync(path.join(o.dir, 'decision-desk.sqlite')).includes(pkcs8)).toBe(false);
    }
  });

  it('wrong PINs are counted: the key waits, then is disabled; a right PIN before that clears the count', async () => {
    const o = await office();
    const key = o.signers.get('chief-executive')!;
    await expect(o.store.unlock(key.id, '111111')).rejects.toThrow(/9 tries left/);
    await o.store.unlock(key.id, PIN);
    for (let i = 1; i < PIN_TRIES_BEFORE_WAIT; i++)
      await expect(o.store.unlock(key.id, '111111')).rejects.toThrow(/tries left\)/);
    await expect(o.store.unlock(key.id, '111111')).rejects.toThrow(/wait 30 seconds/);
    // Even the right PIN waits now.
    await expect(o.store.unlock(key.id, PIN)).rejects.toThrow(/try again in 30 seconds/);
    for (let i = 0; i < 7; i++) {
      o.clock.advance(24 * 3600_000);
      await expect(o.store.unlock(key.id, '111111')).rejects.toThrow(/PIN is not right/);
    }
    o.clock.advance(24 * 3600_000);
    await expect(o.store.unlock(key.id, PIN)).rejects.toThrow(/disabled after 10 wrong PINs/);
  });

  it('enrolment and revocation need the seal\u2019s passphrase', async () => {
    const o = await office();
    await expect(
      o.store.enrol(o.template, {
        kind: 'signatory',
        role: 'commissioner',
        name: 'X',
        pin: PIN,
        sealPassphrase: 'wrong passphrase!',
      }),
    ).rejects.toThrow(/passphrase is not right/);
    await expect(
      o.store.revoke(
        o.template,
        o.signers.get('commissioner')!.certificate!.fingerprint,
        'key-compromise',
        'nope nope nope',
      ),
    ).rejects.toThrow(/passphrase is not right/);
    await expect(
      o.store.enrol(o.template, {
        kind: 'signatory',
        role: 'commissioner',
        name: 'X',
        pin: '12',
        sealPassphrase: PASSPHRASE,
      }),
    ).rejects.toThrow(/at least 6/);
  });
});

describe('signatures checked against the pinned seal', () => {
  it('a record signed in order with certified keys verifies', async () => {
    const o = await office();
    const record = await signedRecord(o);
    expect(recordTrustProblems(record, o.template, o.store.anchors(o.template))).toEqual([]);
    const verdicts = checkSignatures(record, o.template, o.store.anchors(o.template));
    expect(verdicts.map((v) => v.valid)).toEqual([true, true, true]);
    expect(verdicts[0]!.certificate!.role).toBe('chief-finance-officer');
  });

  it('refuses a signature without a key, a changed comment, a swapped or replayed signature', async () => {
    const o = await office();
    const record = await signedRecord(o);
    const anchors = o.store.anchors(o.template);
    const noProof = {
      ...record,
      signOffs: record.signOffs.map((s, i) =>
        i === 0 ? { ...s, signature: { ...s.signature!, proof: undefined } } : s,
      ),
    };
    expect(recordTrustProblems(noProof, o.template, anchors).join(' ')).toMatch(/without a signing key/);

    // A signature moved to another role (with its seal recomputed by the public algorithm) is not that role's key.
    const cfo = record.signOffs[0]!;
    const swapped = {
      ...record,
      signOffs: record.signOffs.map((s, i) => (i === 1 ? { ...s, name: cfo.name, signature: cfo.signature } : s)),
    };
    expect(recordTrustProblems(swapped, o.template, anchors).join(' ')).toMatch(
      /key of chief-finance-officer, not of chief-executive|changed after signing/,
    );

    // The same signatures replayed onto another record with the same text: the record id is signed.
    const other = makeRecord({ reference: 'OPCC.D.002.26', status: 'awaiting-signatures' });
    const replay = { ...other, contentHash: record.contentHash, signOffs: record.signOffs, status: 'decided' as const };
    const replayProblems = recordTrustProblems(
      { ...replay, contentHash: computeContentHash(replay) },
      o.template,
      anchors,
    ).join(' ');
    expect(replayProblems).toMatch(/changed after this signature|forged/);
  });

  it('refuses a certificate the pinned seal did not issue, even with every field right', async () => {
    const o = await office();
    const rogue = await createSeal(
      'Office of the Police and Crime Commissioner for Kent',
      new Date('2026-01-01T00:00:00Z'),
    );
    const key = generateKey();
    const der = await issueCertificate(rogue, {
      kind: 'signatory',
      name: 'Signer commissioner',
      role: 'commissioner',
      spki: key.spki,
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2027-01-01T00:00:00Z'),
    });
    const record = await signedRecord(o);
    const target = record.signOffs[2]!;
    const forged = makeSignature(record, target, { ...target.signature!, proof: undefined, seal: undefined } as never, {
      pkcs8: key.pkcs8,
      certificate: readCertificate(der),
    });
    const withForged = {
      ...record,
      signOffs: record.signOffs.map((s, i) => (i === 2 ? { ...s, signature: forged } : s)),
    };
    expect(recordTrustProblems(withForged, o.template, o.store.anchors(o.template)).join(' ')).toMatch(
      /not issued by this office\u2019s seal/,
    );
  });

  it('refuses a signature made with a revoked key after its revocation, and after its certificate expired', async () => {
    const o = await office();
    const commissioner = o.signers.get('commissioner')!;
    const stolen = await o.store.unlock(commissioner.id, PIN);
    const before = await signedRecord(o);
    o.clock.set('2026-03-02T09:00:00.000Z');
    await o.store.revoke(o.template, commissioner.certificate!.fingerprint, 'key-compromise', PASSPHRASE);
    const anchors = o.store.anchors(o.template);
    // Made before the revocation: still holds.
    expect(recordTrustProblems(before, o.template, anchors)).toEqual([]);
    // The store will not open a revoked key...
    await expect(o.store.unlock(commissioner.id, PIN)).rejects.toThrow(/revoked/);
    // ...and a signature made with a copy of it after the revocation does not verify.
    const target = before.signOffs[2]!;
    const resign = (signedAt: string) => {
      const signature = makeSignature(
        before,
        target,
        { ...target.signature!, signedAt, proof: undefined, seal: undefined } as never,
        stolen,
      );
      return { ...before, signOffs: before.signOffs.map((s, i) => (i === 2 ? { ...s, signature } : s)) };
    };
    expect(recordTrustProblems(resign('2026-03-03T09:00:00.000Z'), o.template, anchors).join(' ')).toMatch(
      /revoked on 2026-03-02/,
    );
    // Dated after the certificate expired (three years on).
    const fresh = await createTrustStore({ db: o.db, keysDir: o.keysDir, now: o.clock.now, kdf: CHEAP }).anchors(
      o.template,
    );
    expect(
      recordTrustProblems(resign('2029-06-01T09:00:00.000Z'), o.template, { ...fresh, revocations: new Map() }).join(
        ' ',
      ),
    ).toMatch(/after its certificate expired/);
  });

  it('a revocation list not signed by the seal is refused, and one that forgets a revocation does not undo it', async () => {
    const o = await office();
    const rogue = await createSeal(
      'Office of the Police and Crime Commissioner for Kent',
      new Date('2026-01-01T00:00:00Z'),
    );
    const { createRevocationList } = await import('../../../../electron/core/trust/pki.ts');
    expect(await o.store.acceptRevocationList(o.template, await createRevocationList(rogue, [], new Date()))).toMatch(
      /not signed by this office/,
    );
    await o.store.revoke(
      o.template,
      o.signers.get('chief-executive')!.certificate!.fingerprint,
      'superseded',
      PASSPHRASE,
    );
    expect(o.store.anchors(o.template).revocations.size).toBe(1);
  });
});
