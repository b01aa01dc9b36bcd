// The trust tables: the certificates this device believes, the revocation list and the revocations it has seen, the
// keys it holds (their rows; the keys themselves are files in the keys folder), and enrolment requests.

import type { ReadableDB, WritableDB } from './connection.ts';
import { prepared } from './statements.ts';

export type KeyKind = 'seal' | 'publisher' | 'signatory' | 'recorder';
export type RevocationReason = 'key-compromise' | 'superseded' | 'cessation-of-operation' | 'unspecified';

export interface KeyRow {
  id: string;
  kind: KeyKind;
  name: string;
  role: string | null;
  certificate: string | null;
  failures: number;
  locked_until: string | null;
}

export interface CertificateRow {
  fingerprint: string;
  der: Buffer;
  kind: string;
  name: string;
  role: string | null;
  serial: string;
  notBefore: string;
  notAfter: string;
}

// ---- certificates ----------------------------------------------------------------------------------------------------

export function certificateDer(db: ReadableDB, fingerprint: string): Buffer | undefined {
  return (
    prepared(db, 'SELECT der FROM trust_certificates WHERE fingerprint = ?').get(fingerprint) as
      { der: Buffer } | undefined
  )?.der;
}

/** Every certificate held, newest first. */
export function certificateDers(db: ReadableDB): Buffer[] {
  return (
    prepared(db, 'SELECT der FROM trust_certificates ORDER BY added_at DESC, fingerprint').all() as { der: Buffer }[]
  ).map((r) => r.der);
}

/** Stores a certificate, once: a fingerprint already held is left as it is. */
export function insertCertificate(db: WritableDB, cert: CertificateRow, addedAt: string): void {
  prepared(
    db,
    `INSERT OR IGNORE INTO trust_certificates (fingerprint, der, kind, name, role, serial, not_before, not_after, added_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    cert.fingerprint,
    cert.der,
    cert.kind,
    cert.name,
    cert.role,
    cert.serial,
    cert.notBefore,
    cert.notAfter,
    addedAt,
  );
}

// ---- revocations -----------------------------------------------------------------------------------------------------

export function revocationRows(db: ReadableDB): { serial: string; revokedAt: string; reason: RevocationReason }[] {
  const rows = prepared(db, 'SELECT serial, revoked_at, reason FROM trust_revocations').all() as {
    serial: string;
    revoked_at: string;
    reason: RevocationReason;
  }[];
  return rows.map((r) => ({ serial: r.serial, revokedAt: r.revoked_at, reason: r.reason }));
}

/** The revocation list held (there is one at most): its DER and when it was issued. */
export function revocationList(db: ReadableDB): { der: Buffer; issuedAt: string } | undefined {
  const row = prepared(db, 'SELECT der, issued_at FROM trust_revocation_list WHERE id = 1').get() as
    { der: Buffer; issued_at: string } | undefined;
  return row ? { der: row.der, issuedAt: row.issued_at } : undefined;
}

/** Replaces the list held; the revocations it carries are added to those seen, which are never forgotten. */
export function replaceRevocationList(
  db: WritableDB,
  der: Buffer,
  issuedAt: string,
  revocations: readonly { serial: string; revokedAt: string; reason: RevocationReason }[],
): void {
  db.transaction(() => {
    prepared(db, 'INSERT OR REPLACE INTO trust_revocation_list (id, der, issued_at) VALUES (1, ?, ?)').run(
      der,
      issuedAt,
    );
    const insert = prepared(
      db,
      'INSERT OR IGNORE INTO trust_revocations (serial, revoked_at, reason) VALUES (?, ?, ?)',
    );
    for (const r of revocations) insert.run(r.serial, r.revokedAt, r.reason);
  })();
}

// ---- device keys -----------------------------------------------------------------------------------------------------

export function keyRows(db: ReadableDB): KeyRow[] {
  return prepared(
    db,
    'SELECT id, kind, name, role, certificate, failures, locked_until FROM device_keys ORDER BY created_at',
  ).all() as KeyRow[];
}

/** The id of this device's key for the seal with that certificate, if it holds it. */
export function sealKeyId(db: ReadableDB, fingerprint: string): string | undefined {
  return (
    prepared(db, "SELECT id FROM device_keys WHERE kind = 'seal' AND certificate = ?").get(fingerprint) as
      { id: string } | undefined
  )?.id;
}

export function insertKeyRow(
  db: WritableDB,
  key: { id: string; kind: KeyKind; name: string; role: string | null; spki: Buffer; certificate: string | null },
  createdAt: string,
): void {
  prepared(
    db,
    'INSERT INTO device_keys (id, kind, name, role, spki, certificate, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(key.id, key.kind, key.name, key.role, key.spki, key.certificate, createdAt);
}

/** The keys still waiting for a certificate, with their public keys. */
export function uncertifiedKeys(db: ReadableDB): { id: string; spki: Buffer }[] {
  return prepared(db, 'SELECT id, spki FROM device_keys WHERE certificate IS NULL').all() as {
    id: string;
    spki: Buffer;
  }[];
}

/** Gives a waiting key the certificate issued for it, and drops its own request (answered now). */
export function attachCertificate(db: WritableDB, keyId: string, fingerprint: string, name: string): void {
  db.transaction(() => {
    prepared(db, 'UPDATE device_keys SET certificate = ?, name = ? WHERE id = ?').run(fingerprint, name, keyId);
    prepared(db, 'DELETE FROM trust_requests WHERE id = ?').run(`own:${keyId}`);
  })();
}

/** Counts wrong PINs on a key, and until when it waits (null: no wait). */
export function setPinFailures(db: WritableDB, keyId: string, failures: number, lockedUntil: string | null): void {
  prepared(db, 'UPDATE device_keys SET failures = ?, locked_until = ? WHERE id = ?').run(failures, lockedUntil, keyId);
}

// ---- enrolment requests ------------------------------------------------------------------------------------------------

/** This device's own signed request for a key, kept until it is answered. */
export function ownRequest(db: ReadableDB, keyId: string): string | undefined {
  return (
    prepared(db, 'SELECT body FROM trust_requests WHERE id = ?').get(`own:${keyId}`) as { body: string } | undefined
  )?.body;
}

export function keepOwnRequest(db: WritableDB, keyId: string, body: string, at: string): void {
  prepared(db, 'INSERT OR REPLACE INTO trust_requests (id, body, found_at) VALUES (?, ?, ?)').run(
    `own:${keyId}`,
    body,
    at,
  );
}

/** A request from another device, found on the share; one already held is kept as it was. */
export function keepFoundRequest(db: WritableDB, id: string, body: string, at: string): void {
  prepared(db, 'INSERT OR IGNORE INTO trust_requests (id, body, found_at) VALUES (?, ?, ?)').run(id, body, at);
}

/** The requests from other devices, oldest first. */
export function foundRequests(db: ReadableDB): { body: string; foundAt: string; approvedAs: string | null }[] {
  const rows = prepared(
    db,
    "SELECT body, found_at, approved_as FROM trust_requests WHERE id NOT LIKE 'own:%' ORDER BY found_at",
  ).all() as {
    body: string;
    found_at: string;
    approved_as: string | null;
  }[];
  return rows.map((row) => ({ body: row.body, foundAt: row.found_at, approvedAs: row.approved_as }));
}

export function foundRequest(db: ReadableDB, id: string): { body: string; approvedAs: string | null } | undefined {
  const row = prepared(db, 'SELECT body, approved_as FROM trust_requests WHERE id = ?').get(id) as
    { body: string; approved_as: string | null } | undefined;
  return row ? { body: row.body, approvedAs: row.approved_as } : undefined;
}

export function markRequestApproved(db: WritableDB, id: string, fingerprint: string): void {
  prepared(db, 'UPDATE trust_requests SET approved_as = ? WHERE id = ?').run(fingerprint, id);
}
