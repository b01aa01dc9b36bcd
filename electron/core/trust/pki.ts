// The office's certificates: the seal (its root), the certificates it issues, its revocation list, and signing with
// and checking keys. Certificates and CRLs are made with @peculiar/x509 and checked with Node's own X509Certificate.

import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign as nodeSign,
  verify as nodeVerify,
  webcrypto,
  X509Certificate as NodeCertificate,
  createHash,
} from 'node:crypto';
// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import forge from 'node-forge';
import type { SignatureProof } from '../domain/index.ts';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type CryptoKey = webcrypto.CryptoKey;
type EcdsaParams = webcrypto.EcdsaParams;
type Algorithm = webcrypto.Algorithm;

/** The seal certifies these: a signatory (a role), a recorder of paper signatures, a device that publishes. */
export type CertKind = 'seal' | 'signatory' | 'recorder' | 'publisher';
const KINDS: readonly CertKind[] = ['seal', 'signatory', 'recorder', 'publisher'];

/** What a certificate says, read from its subject: OU is the kind, title the role, CN the person or the office. */
export interface CertificateInfo {
  der: Buffer;
  /** SHA-256 hex of the DER: how records, the template and the share name a certificate. */
  fingerprint: string;
  /** Hex, lower case. */
  serial: string;
  kind: CertKind | null;
  name: string;
  role: string | null;
  office: string;
  issuer: string;
  subject: string;
  notBefore: string;
  notAfter: string;
}

export const fingerprintOf = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

/**
 * Parsed certificates, checks and public keys, by the SHA-256 of their DER: an office has a handful of certificates,
 * and a pass over thousands of records asks about the same ones for every signature. Bounded, oldest dropped first.
 */
const CACHE_SIZE = 512;
function memo<T>(): { get(key: string): T | undefined; set(key: string, value: T): T } {
  const entries = new Map<string, T>();
  return {
    get: (key) => entries.get(key),
    set(key, value) {
      if (entries.size >= CACHE_SIZE) entries.delete(entries.keys().next().value!);
      entries.set(key, value);
      return value;
    },
  };
}
const parsed = memo<Omit<CertificateInfo, 'der'>>();
const issued = memo<string | null>();
const publicKeys = memo<KeyObject>();

/** Refuses anything that is not one DER X.509 certificate, in a sentence. */
export function readCertificate(der: Uint8Array): CertificateInfo {
  const fingerprint = fingerprintOf(der);
  const known = parsed.get(fingerprint);
  if (known) return { ...known, der: Buffer.from(der) };
  const info = readCertificateUncached(der, fingerprint);
  const { der: _der, ...rest } = info;
  parsed.set(fingerprint, rest);
  return info;
}

function readCertificateUncached(der: Uint8Array, fingerprint: string): CertificateInfo {
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(der);
  } catch {
    throw new Error('This is not an X.509 certificate.');
  }
  const field = (name: string) => cert.subjectName.getField(name)[0] ?? null;
  const kind = field('OU');
  return {
    der: Buffer.from(der),
    fingerprint,
    serial: cert.serialNumber.toLowerCase().replace(/^(00)+(?=.)/, ''),
    kind: KINDS.includes(kind as CertKind) ? (kind as CertKind) : null,
    name: field('CN') ?? '',
    role: field('2.5.4.12'),
    office: field('O') ?? '',
    issuer: cert.issuer,
    subject: cert.subject,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
  };
}

export interface KeyMaterial {
  /** PKCS#8 DER. */
  pkcs8: Buffer;
  /** SubjectPublicKeyInfo DER. */
  spki: Buffer;
}

/** A new ECDSA P-256 key pair: what the app makes for signatories, recorders, devices and new seals. */
export function generateKey(): KeyMaterial {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    pkcs8: privateKey.export({ type: 'pkcs8', format: 'der' }),
    spki: publicKey.export({ type: 'spki', format: 'der' }),
  };
}

type WebAlgorithm = webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams;

/** The WebCrypto algorithm for a private key: P-256 ECDSA, or RSA PKCS#1 v1.5 (seals imported from IT are RSA). */
function algorithmOf(key: KeyObject): WebAlgorithm {
  if (key.asymmetricKeyType === 'ec') {
    if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
      throw new Error('Only P-256 elliptic-curve keys are supported.');
    return { name: 'ECDSA', namedCurve: 'P-256' };
  }
  if (key.asymmetricKeyType === 'rsa') {
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048)
      throw new Error('An RSA key must have at least 2048 bits.');
    return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  }
  throw new Error(`Keys of type ${key.asymmetricKeyType ?? 'unknown'} are not supported: use P-256 or RSA.`);
}

/** The private key as a WebCrypto key (for certificates, CRLs and the PDF seal). */
export async function webKey(pkcs8: Uint8Array): Promise<CryptoKey> {
  const algorithm = algorithmOf(createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }));
  return webcrypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']) as Promise<CryptoKey>;
}

async function webPublicKey(spki: Uint8Array, like: WebAlgorithm): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('spki', spki, like, true, ['verify']) as Promise<CryptoKey>;
}

function signingAlgorithm(pkcs8: Uint8Array): Algorithm | EcdsaParams {
  const algorithm = algorithmOf(createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }));
  return algorithm.name === 'ECDSA'
    ? ({ name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams)
    : { name: 'RSASSA-PKCS1-v1_5' };
}

/** A DN value with the characters RFC 4514 reserves escaped, as @peculiar/x509 parses DN strings. */
const dnValue = (text: string) => text.replace(/([,+"\\<>;=#])/g, '\\$1').replace(/^ | $/g, '\\ ');

function name(subject: { kind: CertKind; name: string; role: string | null; office: string }): string {
  const parts = [`CN=${dnValue(subject.name)}`];
  if (subject.role) parts.push(`2.5.4.12=${dnValue(subject.role)}`);
  parts.push(`OU=${subject.kind}`, `O=${dnValue(subject.office)}`);
  return parts.join(', ');
}

const serial = () => {
  const bytes = randomBytes(16);
  bytes[0]! &= 0x7f; // positive
  bytes[0]! |= 0x10; // no leading zero byte, so the hex is stable
  return bytes.toString('hex');
};

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** A new office seal: a P-256 key and a self-signed certificate that may certify and revoke, valid `years`. */
export async function createSeal(officeName: string, at: Date, years = 10): Promise<KeyMaterial & { der: Buffer }> {
  const key = generateKey();
  const privateKey = await webKey(key.pkcs8);
  const publicKey = await webPublicKey(key.spki, { name: 'ECDSA', namedCurve: 'P-256' });
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: name({ kind: 'seal', name: officeName, role: null, office: officeName }),
    notBefore: at,
    notAfter: new Date(at.getTime() + years * YEAR_MS),
    keys: { privateKey, publicKey },
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign |
          x509.KeyUsageFlags.cRLSign |
          x509.KeyUsageFlags.digitalSignature |
          x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
    ],
  });
  return { ...key, der: Buffer.from(cert.rawData) };
}

export interface Seal {
  der: Buffer;
  pkcs8: Buffer;
}

export interface IssueRequest {
  kind: Exclude<CertKind, 'seal'>;
  name: string;
  role: string | null;
  spki: Uint8Array;
  notBefore: Date;
  notAfter: Date;
}

/** A certificate for `request`'s key, issued by the seal. */
export async function issueCertificate(seal: Seal, request: IssueRequest): Promise<Buffer> {
  const sealCert = new x509.X509Certificate(seal.der);
  const office = sealCert.subjectName.getField('O')[0] ?? sealCert.subjectName.getField('CN')[0] ?? '';
  const publicKey = await webPublicKey(request.spki, { name: 'ECDSA', namedCurve: 'P-256' });
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: name({ kind: request.kind, name: request.name, role: request.role, office }),
    issuer: sealCert.subject,
    notBefore: request.notBefore,
    notAfter: request.notAfter,
    publicKey,
    signingKey: await webKey(seal.pkcs8),
    signingAlgorithm: signingAlgorithm(seal.pkcs8),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(sealCert),
    ],
  });
  return Buffer.from(cert.rawData);
}

/** Why `der` was not issued by `sealDer` (its signature, its issuer name, the seal being a CA), or null. */
export function issuedByProblem(der: Uint8Array, sealDer: Uint8Array): string | null {
  const key = `${fingerprintOf(der)}:${fingerprintOf(sealDer)}`;
  const known = issued.get(key);
  return known !== undefined ? known : issued.set(key, issuedByProblemUncached(der, sealDer));
}

function issuedByProblemUncached(der: Uint8Array, sealDer: Uint8Array): string | null {
  let cert: NodeCertificate;
  let seal: NodeCertificate;
  try {
    cert = new NodeCertificate(Buffer.from(der));
    seal = new NodeCertificate(Buffer.from(sealDer));
  } catch {
    return 'the certificate cannot be read';
  }
  if (!seal.ca) return 'the office seal is not a certification authority';
  if (cert.ca) return 'the certificate is itself an authority, not a person\u2019s or device\u2019s key';
  if (!cert.checkIssued(seal) || !cert.verify(seal.publicKey))
    return 'the certificate was not issued by this office\u2019s seal';
  return null;
}

/** Signs `data` with the key: ES256 (r||s) for P-256, RS256 for RSA. */
export function signBytes(pkcs8: Uint8Array, data: Uint8Array | string): SignatureProof & { certificate: '' } {
  const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  const ec = algorithmOf(key).name === 'ECDSA';
  const value = nodeSign('sha256', Buffer.from(data), ec ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return { algorithm: ec ? 'ES256' : 'RS256', certificate: '', value: value.toString('base64') };
}

/** Whether `value` is `certDer`'s key's signature over `data`. */
export function verifyBytes(
  certDer: Uint8Array,
  data: Uint8Array | string,
  algorithm: SignatureProof['algorithm'],
  value: string,
): boolean {
  try {
    const fingerprint = fingerprintOf(certDer);
    const key =
      publicKeys.get(fingerprint) ?? publicKeys.set(fingerprint, new NodeCertificate(Buffer.from(certDer)).publicKey);
    const ec = key.asymmetricKeyType === 'ec';
    if (ec !== (algorithm === 'ES256')) return false;
    return nodeVerify(
      'sha256',
      Buffer.from(data),
      ec ? { key, dsaEncoding: 'ieee-p1363' } : key,
      Buffer.from(value, 'base64'),
    );
  } catch {
    return false;
  }
}

/** The public key of a private key, as SubjectPublicKeyInfo DER. */
export function publicKeyOf(pkcs8: Uint8Array): Buffer {
  return createPublicKey(createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' })).export({
    type: 'spki',
    format: 'der',
  });
}

export interface Revocation {
  serial: string;
  revokedAt: string;
  reason: 'key-compromise' | 'superseded' | 'cessation-of-operation' | 'unspecified';
}

const CRL_REASON: Record<Revocation['reason'], x509.X509CrlReason> = {
  'key-compromise': x509.X509CrlReason.keyCompromise,
  superseded: x509.X509CrlReason.superseded,
  'cessation-of-operation': x509.X509CrlReason.cessationOfOperation,
  unspecified: x509.X509CrlReason.unspecified,
};

/** A revocation list of every revocation so far, signed by the seal. */
export async function createRevocationList(seal: Seal, revocations: readonly Revocation[], at: Date): Promise<Buffer> {
  const sealCert = new x509.X509Certificate(seal.der);
  const crl = await x509.X509CrlGenerator.create({
    issuer: sealCert.subject,
    thisUpdate: at,
    // RFC 5280 requires nextUpdate; @peculiar/x509 also misreads the entries of a list without one. Devices offline
    // for longer keep using the newest list they hold, and Verify says how old it is.
    nextUpdate: new Date(at.getTime() + YEAR_MS),
    entries: revocations.map((r) => ({
      serialNumber: r.serial,
      revocationDate: new Date(r.revokedAt),
      reason: CRL_REASON[r.reason],
    })),
    signingKey: await webKey(seal.pkcs8),
    signingAlgorithm: signingAlgorithm(seal.pkcs8),
  });
  return Buffer.from(crl.rawData);
}

/** The revocations in a list the seal signed; refuses a list it did not sign, in a sentence. */
export async function readRevocationList(
  der: Uint8Array,
  sealDer: Uint8Array,
): Promise<{ issuedAt: string; revocations: Revocation[] }> {
  let crl: x509.X509Crl;
  try {
    crl = new x509.X509Crl(der);
  } catch {
    throw new Error('The revocation list cannot be read.');
  }
  const seal = new x509.X509Certificate(sealDer);
  if (crl.issuer !== seal.subject || !(await crl.verify({ publicKey: seal }))) {
    throw new Error('The revocation list was not signed by this office\u2019s seal.');
  }
  const reasons = Object.fromEntries(Object.entries(CRL_REASON).map(([k, v]) => [v, k])) as Record<
    number,
    Revocation['reason']
  >;
  return {
    issuedAt: crl.thisUpdate.toISOString(),
    revocations: crl.entries.map((entry) => ({
      serial: entry.serialNumber.toLowerCase().replace(/^(00)+(?=.)/, ''),
      revokedAt: entry.revocationDate.toISOString(),
      reason: reasons[entry.reason ?? 0] ?? 'unspecified',
    })),
  };
}

/**
 * The key and certificates in a PKCS#12 file (.p12/.pfx) from the office's IT, opened with its passphrase. node-forge
 * only unwraps the file here; nothing it parses is used to verify anything.
 */
export function readPkcs12(bytes: Uint8Array, passphrase: string): { pkcs8: Buffer; certificates: Buffer[] } {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary'))),
      false,
      passphrase,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    throw new Error(
      /password|mac|decrypt/i.test(message)
        ? 'The passphrase does not open this .p12 file.'
        : 'This is not a PKCS#12 (.p12 or .pfx) file that can be read.',
    );
  }
  const toDer = (asn1: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  const keys: Buffer[] = [];
  const certificates: Buffer[] = [];
  for (const content of p12.safeContents) {
    for (const bag of content.safeBags as (forge.pkcs12.Bag & { asn1?: forge.asn1.Asn1 })[]) {
      if (bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag) {
        if (bag.key) keys.push(toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key))));
        else if (bag.asn1) keys.push(toDer(bag.asn1));
      } else if (bag.type === forge.pki.oids.certBag) {
        if (bag.cert) certificates.push(toDer(forge.pki.certificateToAsn1(bag.cert)));
        else if (bag.asn1) certificates.push(toDer(bag.asn1));
      }
    }
  }
  if (keys.length !== 1)
    throw new Error(`A .p12 file for the seal holds exactly one private key; this one holds ${keys.length}.`);
  return { pkcs8: keys[0]!, certificates };
}
