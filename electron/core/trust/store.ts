// This device's side of the office's trust: the certificates it has checked and believes, the revocation list, and
// the keys it holds (encrypted, in the keys folder beside the database; never in the database, never on the share).

import fs from 'node:fs';
import path from 'node:path';
import { createPublicKey, randomUUID, verify as nodeVerify, X509Certificate } from 'node:crypto';
import { z } from 'zod';
import type { ReadableDB, WritableDB } from '../db/connection.ts';
import {
  attachCertificate,
  certificateDer,
  certificateDers,
  foundRequest,
  foundRequests,
  insertCertificate,
  insertKeyRow,
  keepFoundRequest,
  keepOwnRequest,
  keyRows as readKeyRows,
  type KeyRow,
  markRequestApproved,
  ownRequest,
  replaceRevocationList,
  revocationList,
  revocationRows,
  sealKeyId,
  setPinFailures,
  uncertifiedKeys,
} from '../db/trust.ts';
import { writeFileAtomic } from '../files.ts';
import {
  Base64,
  canonicalJson,
  type CertificateView,
  type EnrolmentRequestView,
  InvalidInputError,
  MIN_PASSPHRASE_LENGTH,
  MIN_PIN_LENGTH,
  NotAllowedError,
  type OfficeTemplate,
  type TrustStatus,
} from '../domain/index.ts';
import { decryptKey, encryptKey, KDF_COST, type KdfStrength, KeyFileSchema, WrongSecretError } from './keyfile.ts';
import {
  type CertificateInfo,
  type CertKind,
  createRevocationList,
  createSeal,
  fingerprintOf,
  generateKey,
  issueCertificate,
  issuedByProblem,
  publicKeyOf,
  readCertificate,
  readPkcs12,
  readRevocationList,
  type Revocation,
  signBytes,
  type Seal,
} from './pki.ts';
import type { TrustAnchors } from './verify.ts';

/** The operating system's protection for files at rest (Electron's safeStorage: DPAPI, Keychain), when there is one. */
export interface KeyWrap {
  /** The line a wrapped file starts with, so a reader knows which wrap it needs: 'DDWRAP1\n' (safeStorage), 'DDWRAP2\n' (the device secret). */
  marker: string;
  protect(bytes: Buffer): Buffer;
  unprotect(bytes: Buffer): Buffer;
}

/** The markers of the wraps there are; an unwrapped key file is JSON and starts with '{'. */
export const KEY_WRAP_MARKERS = ['DDWRAP1\n', 'DDWRAP2\n'] as const;

export interface TrustStoreOptions {
  db: WritableDB;
  /** The keys folder: one file per private key, 0600. */
  keysDir: string;
  now: () => Date;
  /** scrypt costs; the defaults are KDF_COST (tests pass cheaper ones: the cost is written in each file). */
  kdf?: Partial<Record<KdfStrength, { N: number; r: number; p: number }>>;
  wrap?: KeyWrap;
}

export interface DeviceKey {
  id: string;
  kind: Exclude<CertKind, 'seal'> | 'seal';
  name: string;
  role: string | null;
  certificate: CertificateInfo | null;
  revoked: boolean;
  lockedUntil: string | null;
  failures: number;
}

/** Wrong PINs: after this many in a row the key waits, doubling each time; after MAX it is disabled. */
export const PIN_TRIES_BEFORE_WAIT = 3;
export const PIN_TRIES_MAX = 10;
const PIN_WAIT_MS = 30_000;

const SIGNER_YEARS = 3;
const PUBLISHER_YEARS = 5;
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

export type TrustStore = ReturnType<typeof createTrustStore>;

const EnrolmentRequestSchema = z.strictObject({
  format: z.literal('decision-desk/enrolment-request/1'),
  id: z.string().regex(/^(signatory|recorder|publisher)-[0-9a-f-]{36}$/),
  kind: z.enum(['signatory', 'recorder', 'publisher']),
  name: z.string().trim().min(1).max(200),
  role: z.string().max(48).nullable(),
  device: z.string().max(100),
  requestedAt: z.iso.datetime(),
  spki: Base64(2_000),
  /** ES256 over the canonical JSON of everything above: the request comes from whoever holds the key. */
  proof: Base64(200),
});
type EnrolmentRequest = z.infer<typeof EnrolmentRequestSchema>;

function enrolmentRequestBody(fields: Omit<EnrolmentRequest, 'format' | 'proof'>): Omit<EnrolmentRequest, 'proof'> {
  return { format: 'decision-desk/enrolment-request/1', ...fields };
}

function signedRequest(body: Omit<EnrolmentRequest, 'proof'>, pkcs8: Buffer): string {
  const proof = signBytes(pkcs8, canonicalJson(body)).value;
  return `${JSON.stringify({ ...body, proof }, null, 2)}\n`;
}

/** A request from the share, checked: well formed and signed by the key it asks a certificate for; or why not. */
function readRequest(bytes: Uint8Array): EnrolmentRequest | string {
  let parsed: EnrolmentRequest;
  try {
    parsed = EnrolmentRequestSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    return 'it is not a valid enrolment request';
  }
  const { proof, ...body } = parsed;
  try {
    const key = createPublicKey({ key: Buffer.from(parsed.spki, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ec') return 'it asks for a key of a kind Decision Desk does not make';
    if (
      !nodeVerify(
        'sha256',
        Buffer.from(canonicalJson(body)),
        { key, dsaEncoding: 'ieee-p1363' },
        Buffer.from(proof, 'base64'),
      )
    ) {
      return 'it is not signed by the key it asks about';
    }
  } catch {
    return 'its key cannot be read';
  }
  return parsed;
}

function readRevocations(db: ReadableDB): Map<string, Revocation> {
  return new Map(revocationRows(db).map((r) => [r.serial, r]));
}

/** What this database believes: the pinned seal (once its certificate is here) and the revocations it has seen. */
export function readAnchors(db: ReadableDB, template: Pick<OfficeTemplate, 'sealFingerprint'>): TrustAnchors {
  const der = template.sealFingerprint ? certificateDer(db, template.sealFingerprint) : undefined;
  return {
    seal: der ? readCertificate(der) : null,
    revocations: readRevocations(db),
    revocationsAsOf: revocationList(db)?.issuedAt ?? null,
  };
}

export function createTrustStore(options: TrustStoreOptions) {
  const { db, keysDir, now } = options;
  const cost = (strength: KdfStrength) => ({ ...KDF_COST[strength], ...options.kdf?.[strength] });

  // ---- key files ---------------------------------------------------------------------------------------------------
  const keyPath = (id: string) => path.join(keysDir, `${id}.key`);

  function writeKeyFile(id: string, content: Buffer) {
    fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
    const bytes = options.wrap
      ? Buffer.concat([Buffer.from(options.wrap.marker), options.wrap.protect(content)])
      : content;
    writeFileAtomic(keyPath(id), bytes, { mode: 0o600 });
  }

  function readKeyFile(id: string): Buffer {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(keyPath(id));
    } catch {
      throw new NotAllowedError(
        'This device has lost the key file for this signing key: the administrator must enrol it again.',
      );
    }
    const wrapped = KEY_WRAP_MARKERS.find((marker) => bytes.subarray(0, marker.length).equals(Buffer.from(marker)));
    if (wrapped) {
      if (!options.wrap || options.wrap.marker !== wrapped) {
        throw new NotAllowedError(
          wrapped === 'DDWRAP1\n'
            ? 'This key is protected by the operating system\u2019s key store, which is not available here.'
            : 'This key is protected by this device\u2019s secret, which is not available here.',
        );
      }
      return options.wrap.unprotect(bytes.subarray(wrapped.length));
    }
    return bytes;
  }

  async function saveSecretKey(id: string, pkcs8: Buffer, secret: string, strength: KdfStrength) {
    const file = await encryptKey(pkcs8, secret, `decision-desk/${id}`, cost(strength));
    writeKeyFile(id, Buffer.from(JSON.stringify(file)));
  }

  async function openSecretKey(id: string, secret: string): Promise<Buffer> {
    const parsed = KeyFileSchema.safeParse(JSON.parse(readKeyFile(id).toString('utf8')));
    if (!parsed.success)
      throw new NotAllowedError('The key file for this key is damaged: the administrator must enrol it again.');
    return decryptKey(parsed.data, secret, `decision-desk/${id}`);
  }

  // ---- certificates ------------------------------------------------------------------------------------------------
  function certificate(fingerprint: string): CertificateInfo | null {
    const der = certificateDer(db, fingerprint);
    return der ? readCertificate(der) : null;
  }

  function storeCertificate(info: CertificateInfo) {
    insertCertificate(db, { ...info, der: Buffer.from(info.der), kind: info.kind ?? 'unknown' }, now().toISOString());
  }

  const revocations = () => readRevocations(db);
  const anchors = (template: OfficeTemplate) => readAnchors(db, template);

  function requireSeal(template: OfficeTemplate): CertificateInfo {
    const seal = anchors(template).seal;
    if (!seal)
      throw new NotAllowedError(
        'The office has no seal on this device yet: create or import it in Settings \u2192 Office seal.',
      );
    return seal;
  }

  /** The seal's private key, opened with the administrator's passphrase: only on the device that holds it. */
  async function openSeal(template: OfficeTemplate, passphrase: string): Promise<Seal> {
    const seal = requireSeal(template);
    const sealId = sealKeyId(db, seal.fingerprint);
    if (!sealId)
      throw new NotAllowedError(
        'The office seal\u2019s key is not on this device: enrol and revoke on the device that holds it.',
      );
    try {
      return { der: seal.der, pkcs8: await openSecretKey(sealId, passphrase) };
    } catch (error) {
      if (error instanceof WrongSecretError) throw new NotAllowedError('The seal\u2019s passphrase is not right.');
      throw error;
    }
  }

  function addKeyRow(
    id: string,
    kind: DeviceKey['kind'],
    name: string,
    role: string | null,
    spki: Buffer,
    fingerprint: string | null,
  ) {
    insertKeyRow(db, { id, kind, name, role, spki, certificate: fingerprint }, now().toISOString());
  }

  function checkPassphrase(passphrase: string) {
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
      throw new InvalidInputError(
        `The seal\u2019s passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`,
      );
    }
  }

  /** Installs a seal (made here or imported) and a publishing key for this device, certified by it. */
  async function installSeal(der: Buffer, pkcs8: Buffer, passphrase: string): Promise<CertificateInfo> {
    const info = readCertificate(der);
    const sealId = `seal-${randomUUID()}`;
    await saveSecretKey(sealId, pkcs8, passphrase, 'passphrase');
    const publisher = generateKey();
    const at = now();
    const publisherDer = await issueCertificate(
      { der, pkcs8 },
      {
        kind: 'publisher',
        name: info.name,
        role: null,
        spki: publisher.spki,
        notBefore: at,
        notAfter: new Date(at.getTime() + PUBLISHER_YEARS * YEAR_MS),
      },
    );
    const publisherInfo = readCertificate(publisherDer);
    const publisherId = `publisher-${randomUUID()}`;
    writeKeyFile(publisherId, publisher.pkcs8);
    db.transaction(() => {
      storeCertificate(info);
      storeCertificate(publisherInfo);
      addKeyRow(sealId, 'seal', info.name, null, publicKeyOf(pkcs8), info.fingerprint);
      addKeyRow(publisherId, 'publisher', info.name, null, publisher.spki, publisherInfo.fingerprint);
    })();
    return info;
  }

  const keyRows = (): KeyRow[] => readKeyRows(db);

  function deviceKey(row: KeyRow, revoked: ReadonlyMap<string, Revocation>): DeviceKey {
    const cert = row.certificate ? certificate(row.certificate) : null;
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      role: row.role,
      certificate: cert,
      revoked: cert !== null && revoked.has(cert.serial),
      lockedUntil: row.locked_until,
      failures: row.failures,
    };
  }

  function view(info: CertificateInfo, revoked: ReadonlyMap<string, Revocation>): CertificateView {
    return {
      fingerprint: info.fingerprint,
      kind: info.kind,
      name: info.name,
      role: info.role,
      serial: info.serial,
      notBefore: info.notBefore,
      notAfter: info.notAfter,
      revokedAt: revoked.get(info.serial)?.revokedAt ?? null,
    };
  }

  /** What importSeal and installExistingSeal ask of a seal's certificate: an authority, in date. */
  function checkSealCertificate(der: Buffer) {
    const cert = new X509Certificate(der);
    if (!cert.ca) {
      throw new InvalidInputError(
        'This certificate may not certify others (it is not a certification authority): ask IT for a seal certificate ' +
          'with the CA flag, and key usage to sign certificates and revocation lists.',
      );
    }
    if (new Date(cert.validTo) < now())
      throw new InvalidInputError(`This certificate expired on ${new Date(cert.validTo).toISOString().slice(0, 10)}.`);
  }

  return {
    anchors,
    certificate,

    /** What the window shows: the pinned seal, this device's keys, every certificate believed. */
    status(template: OfficeTemplate): TrustStatus {
      const { seal, revocations: revoked, revocationsAsOf } = anchors(template);
      const at = now().toISOString();
      const rows = keyRows();
      const keys = rows.map((row) => {
        const key = deviceKey(row, revoked);
        const disabled = row.failures >= PIN_TRIES_MAX;
        const certified =
          key.certificate !== null &&
          seal !== null &&
          (key.kind === 'seal'
            ? key.certificate.fingerprint === seal.fingerprint
            : issuedByProblem(key.certificate.der, seal.der) === null);
        return {
          id: key.id,
          kind: key.kind,
          name: key.name,
          role: key.role,
          certificate: key.certificate && view(key.certificate, revoked),
          lockedUntil: row.locked_until && row.locked_until > at ? row.locked_until : null,
          disabled,
          usable:
            certified &&
            !key.revoked &&
            !disabled &&
            key.certificate!.notBefore <= at &&
            at <= key.certificate!.notAfter,
          waiting: key.certificate === null,
        };
      });
      return {
        requests: this.requests(),
        pinned: template.sealFingerprint,
        seal: seal && {
          ...view(seal, revoked),
          onThisDevice: keys.some((k) => k.kind === 'seal' && k.certificate?.fingerprint === seal.fingerprint),
        },
        keys,
        certificates: this.certificates().map((c) => view(c, revoked)),
        revocationsAsOf,
        canPublish: keys.some((k) => k.kind === 'publisher' && k.usable),
      };
    },

    /** Every certificate this device believes, newest first. */
    certificates(): CertificateInfo[] {
      return certificateDers(db).map((der) => readCertificate(der));
    },

    /** The keys this device holds, with their certificates. */
    keys(): DeviceKey[] {
      const revoked = revocations();
      return keyRows().map((row) => deviceKey(row, revoked));
    },

    async createSeal(officeName: string, passphrase: string): Promise<CertificateInfo> {
      checkPassphrase(passphrase);
      const seal = await createSeal(officeName, now());
      return installSeal(seal.der, seal.pkcs8, passphrase);
    },

    async importSeal(p12: Buffer, p12Passphrase: string, passphrase: string): Promise<CertificateInfo> {
      checkPassphrase(passphrase);
      let content: ReturnType<typeof readPkcs12>;
      try {
        content = readPkcs12(p12, p12Passphrase);
      } catch (error) {
        throw new InvalidInputError((error as Error).message);
      }
      const spki = publicKeyOf(content.pkcs8);
      const matches = (c: Buffer) => {
        try {
          return new X509Certificate(c).publicKey.export({ type: 'spki', format: 'der' }).equals(spki);
        } catch {
          return false;
        }
      };
      const der = content.certificates.find(matches);
      if (!der) throw new InvalidInputError('The .p12 file has no certificate for its key.');
      checkSealCertificate(der);
      return installSeal(der, content.pkcs8, passphrase);
    },

    /**
     * Installs a seal whose certificate and key are already in hand rather than in a .p12 (the test suite's office,
     * made once and installed in many stores): checked as importSeal checks, kept under `passphrase`.
     */
    async installExistingSeal(der: Buffer, pkcs8: Buffer, passphrase: string): Promise<CertificateInfo> {
      checkPassphrase(passphrase);
      let matches = false;
      try {
        matches = new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' }).equals(publicKeyOf(pkcs8));
      } catch {
        throw new InvalidInputError('The seal\u2019s certificate or key cannot be read.');
      }
      if (!matches) throw new InvalidInputError('The seal\u2019s certificate is not for this key.');
      checkSealCertificate(der);
      return installSeal(der, pkcs8, passphrase);
    },

    /**
     * A new key on this device for a signatory (or a recorder of paper signatures), protected by their PIN, with a
     * certificate the seal issues: the administrator is present, as the seal's passphrase is needed.
     */
    async enrol(
      template: OfficeTemplate,
      request: {
        kind: 'signatory' | 'recorder';
        name: string;
        role: string | null;
        pin: string;
        sealPassphrase: string;
        years?: number;
      },
    ): Promise<DeviceKey> {
      if (request.pin.length < MIN_PIN_LENGTH)
        throw new InvalidInputError(`A PIN must be at least ${MIN_PIN_LENGTH} characters long.`);
      if (request.kind === 'signatory' && !template.signatories.some((s) => s.role === request.role)) {
        throw new InvalidInputError(`The office template has no signatory with the role "${request.role ?? ''}".`);
      }
      const seal = await openSeal(template, request.sealPassphrase);
      const key = generateKey();
      const at = now();
      const der = await issueCertificate(seal, {
        kind: request.kind,
        name: request.name.trim(),
        role: request.kind === 'signatory' ? request.role : null,
        spki: key.spki,
        notBefore: at,
        notAfter: new Date(at.getTime() + (request.years ?? SIGNER_YEARS) * YEAR_MS),
      });
      const info = readCertificate(der);
      const id = `${request.kind}-${randomUUID()}`;
      await saveSecretKey(id, key.pkcs8, request.pin, 'pin');
      db.transaction(() => {
        storeCertificate(info);
        addKeyRow(id, request.kind, info.name, info.role, key.spki, info.fingerprint);
      })();
      return deviceKey(
        keyRows().find((r) => r.id === id)!,
        revocations(),
      );
    },

    /** Revokes a certificate from now: signatures it makes after this are refused everywhere the list reaches. */
    async revoke(
      template: OfficeTemplate,
      fingerprint: string,
      reason: Revocation['reason'],
      sealPassphrase: string,
    ): Promise<Revocation> {
      const target = certificate(fingerprint);
      if (!target) throw new InvalidInputError('No certificate this device knows has that fingerprint.');
      if (target.kind === 'seal')
        throw new InvalidInputError('The seal cannot revoke itself: create a new seal and pin it instead.');
      const seal = await openSeal(template, sealPassphrase);
      const all = [...revocations().values()];
      const existing = all.find((r) => r.serial === target.serial);
      if (existing) return existing;
      const revocation: Revocation = { serial: target.serial, revokedAt: now().toISOString(), reason };
      // A list's time is to the second, and a newer list must be later than the one held.
      const heldAt = anchors(template).revocationsAsOf;
      const at = heldAt && Date.parse(heldAt) + 1000 > now().getTime() ? new Date(Date.parse(heldAt) + 1000) : now();
      const der = await createRevocationList(seal, [...all, revocation], at);
      await this.acceptRevocationList(template, der);
      return revocation;
    },

    /**
     * Asks for a certificate from the device that holds the seal (another one, through the share): a new key here,
     * under the PIN (none for a publishing key), and a request signed by it. The key can sign once the certificate
     * the seal issues for it comes back (attachIssued).
     */
    async requestEnrolment(
      template: OfficeTemplate,
      request: {
        kind: 'signatory' | 'recorder' | 'publisher';
        name: string;
        role: string | null;
        pin: string | null;
        device: string;
      },
    ): Promise<string> {
      if (request.kind !== 'publisher' && (request.pin ?? '').length < MIN_PIN_LENGTH) {
        throw new InvalidInputError(`A PIN must be at least ${MIN_PIN_LENGTH} characters long.`);
      }
      if (request.kind === 'signatory' && !template.signatories.some((s) => s.role === request.role)) {
        throw new InvalidInputError(`The office template has no signatory with the role "${request.role ?? ''}".`);
      }
      if (!template.sealFingerprint)
        throw new NotAllowedError(
          'Pin the office seal first (Settings \u2192 Office seal): a request goes to the device that holds it.',
        );
      const key = generateKey();
      const id = `${request.kind}-${randomUUID()}`;
      if (request.kind === 'publisher') writeKeyFile(id, key.pkcs8);
      else await saveSecretKey(id, key.pkcs8, request.pin!, 'pin');
      addKeyRow(
        id,
        request.kind,
        request.name.trim(),
        request.kind === 'signatory' ? request.role : null,
        key.spki,
        null,
      );
      const body = enrolmentRequestBody({
        id,
        kind: request.kind,
        name: request.name.trim(),
        role: request.kind === 'signatory' ? request.role : null,
        device: request.device,
        requestedAt: now().toISOString(),
        spki: key.spki.toString('base64'),
      });
      const signed = signedRequest(body, key.pkcs8);
      this.keepOwnRequest(id, signed);
      return id;
    },

    /** The requests for keys on this device still waiting for a certificate, as they go on the share. */
    pendingRequests(): { id: string; bytes: Uint8Array }[] {
      return uncertifiedKeys(db).flatMap(({ id }) => {
        const body = ownRequest(db, id);
        return body === undefined ? [] : [{ id, bytes: new TextEncoder().encode(body) }];
      });
    },

    /** Keeps this device's own signed request, so sync can put it on the share until it is answered. */
    keepOwnRequest(id: string, body: string): void {
      keepOwnRequest(db, id, body, now().toISOString());
    },

    /**
     * A request found on the share, on the device that holds the seal: kept to be approved when it is well formed
     * and signed by the key it asks about. Returns why not, or null.
     */
    acceptRequest(bytes: Uint8Array): string | null {
      const parsed = readRequest(bytes);
      if (typeof parsed === 'string') return parsed;
      keepFoundRequest(db, parsed.id, new TextDecoder().decode(bytes), now().toISOString());
      return null;
    },

    /** Requests from other devices waiting for the administrator. */
    requests(): EnrolmentRequestView[] {
      return foundRequests(db).flatMap((row) => {
        const parsed = readRequest(new TextEncoder().encode(row.body));
        if (typeof parsed === 'string') return [];
        const { spki: _spki, ...shown } = parsed;
        return [{ ...shown, foundAt: row.foundAt, approvedAs: row.approvedAs }];
      });
    },

    /** Issues the certificate a request asks for: the administrator has checked who asked, with the seal's passphrase. */
    async approve(
      template: OfficeTemplate,
      requestId: string,
      sealPassphrase: string,
      years?: number,
    ): Promise<CertificateInfo> {
      const row = foundRequest(db, requestId);
      if (!row || requestId.startsWith('own:')) throw new InvalidInputError('There is no such request.');
      if (row.approvedAs) throw new InvalidInputError('This request was approved already.');
      const request = readRequest(new TextEncoder().encode(row.body));
      if (typeof request === 'string') throw new InvalidInputError(`This request cannot be approved: ${request}.`);
      if (request.kind === 'signatory' && !template.signatories.some((s) => s.role === request.role)) {
        throw new InvalidInputError(`The office template has no signatory with the role "${request.role ?? ''}".`);
      }
      const seal = await openSeal(template, sealPassphrase);
      const at = now();
      const office = readCertificate(seal.der).office || readCertificate(seal.der).name;
      const der = await issueCertificate(seal, {
        kind: request.kind,
        // A publishing key speaks for the office: its certificate carries the office's name.
        name: request.kind === 'publisher' ? office : request.name,
        role: request.role,
        spki: Buffer.from(request.spki, 'base64'),
        notBefore: at,
        notAfter: new Date(
          at.getTime() + (years ?? (request.kind === 'publisher' ? PUBLISHER_YEARS : SIGNER_YEARS)) * YEAR_MS,
        ),
      });
      const info = readCertificate(der);
      db.transaction(() => {
        storeCertificate(info);
        markRequestApproved(db, requestId, info.fingerprint);
      })();
      return info;
    },

    /** Gives this device's waiting keys the certificates the seal issued for them (matched by public key). */
    attachIssued(): number {
      const waiting = uncertifiedKeys(db);
      let attached = 0;
      for (const key of waiting) {
        for (const cert of this.certificates()) {
          if (cert.kind === 'seal') continue;
          const spki = new X509Certificate(cert.der).publicKey.export({ type: 'spki', format: 'der' });
          if (!spki.equals(key.spki)) continue;
          attachCertificate(db, key.id, cert.fingerprint, cert.name);
          attached++;
          break;
        }
      }
      return attached;
    },

    /** The pinned seal's certificate, as found on the share: the caller has checked its fingerprint is the pinned one. */
    storeSeal(der: Uint8Array): void {
      storeCertificate(readCertificate(der));
    },

    /** A certificate from outside (the share): stored only when the pinned seal issued it. Returns why not, or null. */
    acceptCertificate(template: OfficeTemplate, der: Uint8Array): string | null {
      const seal = anchors(template).seal;
      if (!seal) return 'this device has no office seal to check it against';
      if (fingerprintOf(der) === seal.fingerprint) return null;
      const problem = issuedByProblem(der, seal.der);
      if (problem) return problem;
      storeCertificate(readCertificate(der));
      return null;
    },

    /** A revocation list from outside: believed only when the pinned seal signed it and it is newer than the one held. */
    async acceptRevocationList(template: OfficeTemplate, der: Uint8Array): Promise<string | null> {
      const seal = requireSeal(template);
      let list: Awaited<ReturnType<typeof readRevocationList>>;
      try {
        list = await readRevocationList(der, seal.der);
      } catch (error) {
        return (error as Error).message;
      }
      const held = revocationList(db);
      if (held && held.issuedAt >= list.issuedAt) return null;
      // A list replaces the one before, but a revocation once seen is never forgotten: a list missing one is old.
      replaceRevocationList(db, Buffer.from(der), list.issuedAt, list.revocations);
      return null;
    },

    /** The revocation list as held (DER), for the share. */
    revocationList(): Buffer | null {
      return revocationList(db)?.der ?? null;
    },

    /**
     * The private key of `keyId`, opened with its PIN. Wrong PINs count: after PIN_TRIES_BEFORE_WAIT the key waits
     * (30 s, doubling), after PIN_TRIES_MAX it is disabled until enrolled again. A right PIN clears the count.
     */
    async unlock(keyId: string, pin: string): Promise<{ pkcs8: Buffer; certificate: CertificateInfo }> {
      const row = keyRows().find((r) => r.id === keyId);
      if (!row || !row.certificate) throw new NotAllowedError('This device has no such signing key.');
      const cert = certificate(row.certificate)!;
      if (revocations().has(cert.serial))
        throw new NotAllowedError(
          `${row.name}\u2019s key on this device has been revoked: the administrator must enrol a new one.`,
        );
      if (row.failures >= PIN_TRIES_MAX) {
        throw new NotAllowedError(
          `${row.name}\u2019s key is disabled after ${PIN_TRIES_MAX} wrong PINs: the administrator must enrol a new one.`,
        );
      }
      const at = now();
      if (row.locked_until && row.locked_until > at.toISOString()) {
        const seconds = Math.ceil((Date.parse(row.locked_until) - at.getTime()) / 1000);
        throw new NotAllowedError(`Too many wrong PINs: try again in ${seconds} second${seconds === 1 ? '' : 's'}.`);
      }
      try {
        const pkcs8 = await openSecretKey(row.id, pin);
        setPinFailures(db, row.id, 0, null);
        return { pkcs8, certificate: cert };
      } catch (error) {
        if (!(error instanceof WrongSecretError)) throw error;
        const failures = row.failures + 1;
        const wait = failures >= PIN_TRIES_BEFORE_WAIT ? PIN_WAIT_MS * 2 ** (failures - PIN_TRIES_BEFORE_WAIT) : 0;
        const lockedUntil = wait > 0 ? new Date(at.getTime() + wait).toISOString() : null;
        setPinFailures(db, row.id, failures, lockedUntil);
        const left = PIN_TRIES_MAX - failures;
        throw new NotAllowedError(
          left <= 0
            ? `The PIN is not right. ${row.name}\u2019s key is now disabled: the administrator must enrol a new one.`
            : `The PIN is not right (${left} ${left === 1 ? 'try' : 'tries'} left${wait > 0 ? `; wait ${wait / 1000} seconds before the next` : ''}).`,
        );
      }
    },

    /** This device's publishing key and its chain (publisher, seal), or null when it has none under the pinned seal. */
    publisher(
      template: OfficeTemplate,
    ): { pkcs8: Buffer; certificates: Buffer[]; certificate: CertificateInfo } | null {
      const seal = anchors(template).seal;
      if (!seal) return null;
      const revoked = revocations();
      for (const key of this.keys().reverse()) {
        if (key.kind !== 'publisher' || !key.certificate || key.revoked) continue;
        if (issuedByProblem(key.certificate.der, seal.der) !== null) continue;
        if (key.certificate.notAfter < now().toISOString() || revoked.has(key.certificate.serial)) continue;
        return {
          pkcs8: readKeyFile(key.id),
          certificates: [key.certificate.der, seal.der],
          certificate: key.certificate,
        };
      }
      return null;
    },
  };
}
