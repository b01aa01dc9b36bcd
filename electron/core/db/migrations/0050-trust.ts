// Schema 50: what this device knows of the office's trust: certificates (its seal, signatories, recorders and
// publishing devices, each checked against the pinned seal before it is stored), the seal's revocation list, and the
// keys held on this device. Private keys are not here: they live encrypted in the keys folder beside the database,
// so a copy of the database holds nothing secret.

import type { WritableDB } from '../connection.ts';

export default function migrateTo50(db: WritableDB): void {
  db.exec(`
    CREATE TABLE trust_certificates (
      fingerprint TEXT PRIMARY KEY,
      der BLOB NOT NULL,
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      role TEXT,
      serial TEXT NOT NULL,
      not_before TEXT NOT NULL,
      not_after TEXT NOT NULL,
      added_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX trust_certificates_by_serial ON trust_certificates (serial);

    -- One row: the newest revocation list the seal signed, as it came (DER), and when it was issued.
    CREATE TABLE trust_revocation_list (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      der BLOB NOT NULL,
      issued_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE trust_revocations (
      serial TEXT PRIMARY KEY,
      revoked_at TEXT NOT NULL,
      reason TEXT NOT NULL
    ) STRICT;

    -- Keys on this device: the file in keys/ holds the encrypted private key; its public key (to match the
    -- certificate the seal issues for it, when it was requested from another device); the certificate, once issued.
    CREATE TABLE device_keys (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      role TEXT,
      spki BLOB NOT NULL,
      certificate TEXT REFERENCES trust_certificates (fingerprint),
      failures INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT,
      created_at TEXT NOT NULL
    ) STRICT;

    -- Requests for a certificate that other devices left on the share, as the device holding the seal found them
    -- (checked: signed by the key they ask about). approved_as: the certificate issued for it.
    CREATE TABLE trust_requests (
      id TEXT PRIMARY KEY,
      body TEXT NOT NULL,
      found_at TEXT NOT NULL,
      approved_as TEXT
    ) STRICT;
  `);
}
