// The test office: one seal, a signatory key per role of the Kent template and a recorder's key, made once per test
// process, so every signed record a test builds verifies against the test seal. Real keys and certificates (the
// trust core's own pki.ts); only the scrypt costs are cheap (TEST_KDF).

import path from 'node:path';
import type { WritableDB } from '../../electron/core/db/connection.ts';
import { writeSettings } from '../../electron/core/db/settings.ts';
import {
  type DecisionRecord,
  intentStatement,
  type OfficeTemplate,
  type Signature,
  type SignOff,
} from '../../electron/core/domain/index.ts';
import { KEYS_FOLDER } from '../../electron/core/paths.ts';
import { BUILTIN_TEMPLATE, keysDirFor, loadSettings } from '../../electron/core/service.ts';
import {
  type CertificateInfo,
  createSeal,
  generateKey,
  issueCertificate,
  type KeyMaterial,
  readCertificate,
} from '../../electron/core/trust/pki.ts';
import { makeSignature } from '../../electron/core/trust/sign.ts';
import { createTrustStore, type DeviceKey, type TrustStore } from '../../electron/core/trust/store.ts';

/** Cheap scrypt costs for key files written in tests (the cost is written in each file, so any store reads them). */
export const TEST_KDF = { pin: { N: 2 ** 10, r: 8, p: 1 }, passphrase: { N: 2 ** 10, r: 8, p: 1 } };
/** Every enrolled test key opens with this PIN; the test seal with TEST_PASSPHRASE. */
export const TEST_PIN = '123456';
export const TEST_PASSPHRASE = 'test office passphrase';

/** The person enrolled for each role of the Kent template (the fixtures' names), and the recorder of paper signatures. */
export const TEST_SIGNERS = {
  'chief-finance-officer': 'Priya Raman',
  'chief-executive': 'Gareth Lloyd',
  commissioner: 'Helen Ashworth',
} as const;
export type TestRole = keyof typeof TEST_SIGNERS;
export const TEST_RECORDER = 'Sam Clerk';

// Certificates are valid over all the dates the suite's clocks and fixtures use.
const VALID_FROM = new Date('2000-01-01T00:00:00.000Z');
const VALID_TO = new Date('2099-12-31T00:00:00.000Z');

/** signAll names an unnamed signer "Signer <role>"; the sync helpers' devices sign as "<role> holder". */
const SIGNER_NAMES = (role: string, person: string) => [person, `Signer ${role}`, `${role} holder`];

interface SignerKey {
  pkcs8: Buffer;
  spki: Buffer;
  /** One certificate per name the key is certified under (SIGNER_NAMES: the names the suite's helpers give signers). */
  certificates: Map<string, CertificateInfo>;
}

export interface TestOffice {
  template: OfficeTemplate;
  seal: KeyMaterial & { der: Buffer; certificate: CertificateInfo };
  signers: Map<string, SignerKey>;
  recorder: { pkcs8: Buffer; certificate: CertificateInfo };
  /** A publishing key (for sync engines built directly in tests): it signs manifests; chain = [publisher, seal]. */
  publisher: { pkcs8: Buffer; certificates: Buffer[]; certificate: CertificateInfo };
}

async function certify(
  office: Pick<TestOffice, 'seal'>,
  key: { spki: Buffer },
  kind: 'signatory' | 'recorder' | 'publisher',
  name: string,
  role: string | null,
) {
  const der = await issueCertificate(office.seal, {
    kind,
    name,
    role,
    spki: key.spki,
    notBefore: VALID_FROM,
    notAfter: VALID_TO,
  });
  return readCertificate(der);
}

async function makeOffice(): Promise<TestOffice> {
  const sealKey = await createSeal(BUILTIN_TEMPLATE.officeName, VALID_FROM, 99);
  const seal = { ...sealKey, certificate: readCertificate(sealKey.der) };
  const template: OfficeTemplate = { ...BUILTIN_TEMPLATE, sealFingerprint: seal.certificate.fingerprint };
  const signers = new Map<string, SignerKey>();
  for (const [role, person] of Object.entries(TEST_SIGNERS)) {
    const key = generateKey();
    const certificates = new Map<string, CertificateInfo>();
    for (const name of SIGNER_NAMES(role, person))
      certificates.set(name, await certify({ seal }, key, 'signatory', name, role));
    signers.set(role, { ...key, certificates });
  }
  const recorderKey = generateKey();
  const recorder = {
    pkcs8: recorderKey.pkcs8,
    certificate: await certify({ seal }, recorderKey, 'recorder', TEST_RECORDER, null),
  };
  const publisherKey = generateKey();
  const publisherCertificate = await certify({ seal }, publisherKey, 'publisher', BUILTIN_TEMPLATE.officeName, null);
  const publisher = {
    pkcs8: publisherKey.pkcs8,
    certificate: publisherCertificate,
    certificates: [publisherCertificate.der, seal.der],
  };
  return { template, seal, signers, recorder, publisher };
}

// One office per process: vitest may load this module afresh for each test file, and the office is plain data.
const CACHE = Symbol.for('decision-desk.test-office');
const cache = globalThis as { [CACHE]?: Promise<TestOffice> };
export const testOffice: TestOffice = await (cache[CACHE] ??= makeOffice());

/** The Kent template pinned to the test seal: what checkSignatures and verifyReport take in tests. */
export const TEST_TEMPLATE: OfficeTemplate = testOffice.template;

/** What a device trusting the test office believes (for verify.ts's functions called directly). */
export function testAnchors() {
  return { seal: testOffice.seal.certificate, revocations: new Map(), revocationsAsOf: null };
}

/** Certifies one more name for a role's test key, for a test that signs as someone signAllWithKeys does not know. */
export async function certifyTestSigner(role: string, name: string): Promise<void> {
  const key = testOffice.signers.get(role);
  if (!key) throw new Error(`The test office has no signatory for the role "${role}".`);
  if (!key.certificates.has(name)) key.certificates.set(name, await certify(testOffice, key, 'signatory', name, role));
}

function signerFor(role: string, name: string) {
  const key = testOffice.signers.get(role);
  if (!key) throw new Error(`The test office has no signatory for the role "${role}".`);
  const certificate = key.certificates.get(name);
  if (!certificate) {
    throw new Error(
      `The test office has no certificate for "${name}" as ${role}: await certifyTestSigner(role, name) first, or use TEST_SIGNERS.`,
    );
  }
  return { pkcs8: key.pkcs8, certificate };
}

export interface TestSignature {
  signedBy: string;
  signedAt: string;
  method?: Signature['method'];
  image?: string | null;
  device?: string;
}

/**
 * A signature on `record` for `signOff`, made with the test office's key (a signatory's for drawn and typed, the
 * recorder's for paper) over the canonical sign-off and its intent statement: what records.sign would make.
 */
export function testSignature(
  record: Pick<DecisionRecord, 'id' | 'reference' | 'title' | 'contentHash'>,
  signOff: Pick<SignOff, 'role' | 'name' | 'comments'>,
  spec: TestSignature,
): Signature {
  // ECDSA signatures are randomised: the same signature for the same inputs keeps fixtures equal to themselves.
  const cacheKey = JSON.stringify([
    record.id,
    record.reference,
    record.title,
    record.contentHash,
    signOff.role,
    signOff.name,
    signOff.comments,
    spec,
  ]);
  const known = signatures.get(cacheKey);
  if (known) return known;
  const signature = makeTestSignature(record, signOff, spec);
  signatures.set(cacheKey, signature);
  return signature;
}

const signatures = new Map<string, Signature>();

function makeTestSignature(
  record: Pick<DecisionRecord, 'id' | 'reference' | 'title' | 'contentHash'>,
  signOff: Pick<SignOff, 'role' | 'name' | 'comments'>,
  spec: TestSignature,
): Signature {
  const method = spec.method ?? 'drawn';
  const paper = method === 'paper';
  const key = paper ? testOffice.recorder : signerFor(signOff.role, spec.signedBy);
  const who = paper ? TEST_RECORDER : spec.signedBy;
  return makeSignature(
    record,
    signOff,
    {
      signedBy: spec.signedBy,
      signedAt: spec.signedAt,
      device: spec.device ?? 'test',
      method,
      image: spec.image ?? null,
      strokes: [],
      intent: intentStatement(record, TEST_TEMPLATE, signOff.role, who, method),
      ...(paper ? { recordedBy: TEST_RECORDER } : {}),
    },
    key,
  );
}

/** The record with every sign-off signed (drawn) over its current content, with the test office's keys. */
export function signAllWithKeys(record: DecisionRecord, at = '2024-03-01T10:00:00.000Z'): DecisionRecord {
  return {
    ...record,
    signOffs: record.signOffs.map((signOff) => {
      const name = signOff.name || `Signer ${signOff.role}`;
      const named = { ...signOff, name };
      return { ...named, signature: testSignature(record, named, { signedBy: name, signedAt: at }) };
    }),
  };
}

/** Where the test office goes: a database (with its keys folder), or anything that has one, as a desk or TestDesk. */
export type TrustTarget = WritableDB | { db: WritableDB; dataDir?: string; dir?: string };

export interface TrustedOffice {
  store: TrustStore;
  /** The enrolled keys by role, and the recorder's (empty when enrol was false). */
  keys: Map<string, DeviceKey>;
  recorder: DeviceKey | null;
}

/**
 * Makes `target` trust the test office: its seal installed in this device's trust store (certificate, key under
 * TEST_PASSPHRASE, a publishing key) and pinned in the office template; then, unless `enrol` is false, a key for each
 * TEST_SIGNERS person and the recorder enrolled on the device with TEST_PIN, so records.sign and paperSignature work.
 */
export async function trustTestOffice(
  target: TrustTarget,
  options: { enrol?: boolean; now?: () => Date; keysDir?: string } = {},
): Promise<TrustedOffice> {
  const db = 'db' in target ? target.db : target;
  const folder = 'db' in target ? (target.dataDir ?? target.dir) : undefined;
  const keysDir = options.keysDir ?? (folder ? path.join(folder, KEYS_FOLDER) : keysDirFor(db));
  const store = createTrustStore({ db, keysDir, now: options.now ?? (() => new Date()), kdf: TEST_KDF });
  await store.installExistingSeal(testOffice.seal.der, testOffice.seal.pkcs8, TEST_PASSPHRASE);
  const template = { ...loadSettings(db).template, sealFingerprint: testOffice.seal.certificate.fingerprint };
  db.transaction(() => writeSettings(db, { template }))();
  const keys = new Map<string, DeviceKey>();
  let recorder: DeviceKey | null = null;
  if (options.enrol !== false) {
    // Enrolled as of VALID_FROM for a century, as the office's own certificates are, so a test's clock may be anywhere.
    const enroller = createTrustStore({ db, keysDir, now: () => VALID_FROM, kdf: TEST_KDF });
    const years = 99;
    const common = { pin: TEST_PIN, sealPassphrase: TEST_PASSPHRASE, years };
    for (const [role, name] of Object.entries(TEST_SIGNERS))
      keys.set(role, await enroller.enrol(template, { kind: 'signatory', role, name, ...common }));
    recorder = await enroller.enrol(template, { kind: 'recorder', role: null, name: TEST_RECORDER, ...common });
  }
  return { store, keys, recorder };
}
