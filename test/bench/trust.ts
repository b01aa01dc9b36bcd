// Signing and verifying with keys, at the real scrypt cost: a PIN check and signature as records.sign does it, and
// the check of a record with three signatures as the gate and Verify do it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import kent from '../../resources/templates/kent.json' with { type: 'json' };
import { openDatabase } from '../../electron/core/db/connection.ts';
import {
  computeContentHash,
  type DecisionRecord,
  intentStatement,
  OfficeTemplateSchema,
} from '../../electron/core/domain/index.ts';
import { makeSignature } from '../../electron/core/trust/sign.ts';
import { createTrustStore } from '../../electron/core/trust/store.ts';
import { recordTrustProblems } from '../../electron/core/trust/verify.ts';
import { signedRecord } from '../fixtures/records/index.ts';
import { type BenchResult, measurement, sampleTimings } from './stats.ts';

const TARGETS = {
  sign: { stat: 'p50', limit: 100 },
  verify: { stat: 'p50', limit: 20 },
} as const;

export async function trustBench(): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decision-desk-bench-trust-'));
  try {
    const db = await openDatabase(path.join(dir, 'decision-desk.sqlite'));
    const store = createTrustStore({ db, keysDir: path.join(dir, 'keys'), now: () => new Date() });
    const sealStart = process.hrtime.bigint();
    const seal = await store.createSeal(
      'Office of the Police and Crime Commissioner for Kent',
      'a passphrase for the bench',
    );
    const sealMs = Number(process.hrtime.bigint() - sealStart) / 1e6;
    const template = OfficeTemplateSchema.parse({ ...kent, sealFingerprint: seal.fingerprint });
    const keys: Awaited<ReturnType<typeof store.enrol>>[] = [];
    for (const signatory of template.signatories) {
      keys.push(
        await store.enrol(template, {
          kind: 'signatory',
          role: signatory.role,
          name: `Signer ${signatory.role}`,
          pin: '482916',
          sealPassphrase: 'a passphrase for the bench',
        }),
      );
    }
    const base = signedRecord();
    let record: DecisionRecord = {
      ...base,
      status: 'awaiting-signatures',
      signOffs: base.signOffs.map((s) => ({ ...s, signature: null })),
    };
    record = { ...record, contentHash: computeContentHash(record) };

    // What records.sign does between the PIN and the row: open the key, sign the canonical sign-off.
    const signOnce = async (i: number) => {
      const key = keys[i % keys.length]!;
      const unlocked = await store.unlock(key.id, '482916');
      const signOff = record.signOffs[i % keys.length]!;
      return makeSignature(
        record,
        { ...signOff, name: key.name },
        {
          signedBy: key.name,
          signedAt: new Date().toISOString(),
          device: 'bench',
          method: 'drawn',
          image: null,
          strokes: [],
          intent: intentStatement(record, template, signOff.role, key.name, 'drawn'),
        },
        unlocked,
      );
    };
    let n = 0;
    const sign = await sampleTimings(30, 3, () => n++, signOnce);

    const signOffs = await Promise.all(
      record.signOffs.map(async (s, i) => ({ ...s, name: keys[i]!.name, signature: await signOnce(i) })),
    );
    const decided: DecisionRecord = { ...record, signOffs, status: 'decided' };
    const anchors = store.anchors(template);
    if (recordTrustProblems(decided, template, anchors).length > 0) throw new Error('the bench record does not verify');
    const verify = await sampleTimings(
      200,
      20,
      () => decided,
      (r) => recordTrustProblems(r, template, store.anchors(template)),
    );
    db.close();
    return {
      name: 'trust',
      measurements: [
        measurement('trust.sign', 'Sign: PIN check (scrypt N=2^14) and ECDSA signature', sign, TARGETS.sign),
        measurement('trust.verify', 'Verify a record with three signatures against the seal', verify, TARGETS.verify),
      ],
      facts: { sealCreateMs: Math.round(sealMs) },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
