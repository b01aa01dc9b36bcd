// The office's public trust material on the share, so every device can check any signature and learns revocations:
//
//   <share>/office/seal.cer                      the seal's certificate (believed only if its fingerprint is pinned)
//   <share>/signatories/<fingerprint>.cer        certificates the seal issued (signatories, recorders, publishers)
//   <share>/signatories/revocations/<t>.crl      revocation lists the seal signed, one per issue (newest wins)
//   <share>/signatories/requests/<key id>.json   a device's request for a certificate (a public key, signed by it)
//
// Nothing secret is ever written here. Everything read is untrusted: the exchange (trust/exchange.ts) keeps only
// what the pinned seal signed, and reports the rest as tampered.

import { fingerprintOf } from '../trust/pki.ts';
import type { SyncContext } from './context.ts';
import { conflict } from './context.ts';
import { readAtMost } from './pending.ts';

export const SEAL_FOLDER = 'office';
export const SEAL_FILE = `${SEAL_FOLDER}/seal.cer`;
export const CERTIFICATES_FOLDER = 'signatories';
export const REVOCATIONS_FOLDER = `${CERTIFICATES_FOLDER}/revocations`;
export const REQUESTS_FOLDER = `${CERTIFICATES_FOLDER}/requests`;
const REQUEST_BYTES = 16 * 1024;
const REQUEST_NAME = /^((?:signatory|recorder|publisher)-[0-9a-f-]{36})\.json$/;
const CERTIFICATE_BYTES = 16 * 1024;
const REVOCATION_LIST_BYTES = 1024 * 1024;

/** What sync asks of this device's trust store; every `accept` checks against the pinned seal and says why not. */
export interface TrustExchange {
  /** The pinned seal's certificate, once this device has it; null before. */
  seal(): Uint8Array | null;
  /** Whether `der` is the pinned seal's certificate (and this device now holds it). */
  acceptSeal(der: Uint8Array): string | null;
  /** Certificates this device believes, by fingerprint. */
  certificates(): { fingerprint: string; der: Uint8Array }[];
  acceptCertificate(der: Uint8Array): string | null;
  /** The newest revocation list this device holds, with when it was issued. */
  revocationList(): { issuedAt: string; der: Uint8Array } | null;
  acceptRevocationList(der: Uint8Array): Promise<string | null>;
  /** This device's requests for certificates still unanswered, to leave on the share. */
  ownRequests(): { id: string; bytes: Uint8Array }[];
  /** Whether this device holds the seal's key, and so reads other devices' requests. */
  holdsSeal(): boolean;
  acceptRequest(bytes: Uint8Array): string | null;
  /** Requests this device has seen already (by id), so each is read once. */
  knownRequests(): Set<string>;
  /** Gives waiting keys the certificates just learned; how many. */
  attachIssued(): number;
}

const FINGERPRINT_NAME = /^([0-9a-f]{64})\.cer$/;
const LIST_NAME = /^(\d{8}T\d{6}Z)\.crl$/;
const compactTime = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

function tampered(ctx: SyncContext, path: string, why: string) {
  conflict(ctx, {
    key: `tampered:${path}`,
    kind: 'tampered',
    path,
    message: `${path} on the shared folder was refused: ${why}. Nothing was believed.`,
  });
}

/** One exchange each pass, before any record is read: what arrived is known before the gate is asked. */
export async function exchangeTrust(ctx: SyncContext, trust: TrustExchange): Promise<void> {
  // The seal's certificate: read when this device pins a seal it does not hold yet; written when it holds it.
  const mine = trust.seal();
  const onShare = await ctx.driver.stat(SEAL_FILE);
  if (!mine && onShare) {
    const der = await readAtMost(ctx, SEAL_FILE, CERTIFICATE_BYTES);
    const why = der ? trust.acceptSeal(der) : 'it is larger than a certificate can be';
    if (why) tampered(ctx, SEAL_FILE, why);
  } else if (mine && !onShare) {
    await ctx.driver.ensureFolder(SEAL_FOLDER);
    await ctx.driver.writeOnce(SEAL_FILE, mine);
  }
  if (!trust.seal()) return;

  // Certificates: each one this device has that the share lacks goes there; each new one there is checked.
  await ctx.driver.ensureFolder(CERTIFICATES_FOLDER);
  const listing = await ctx.driver.list(CERTIFICATES_FOLDER);
  const there = new Set(listing?.entries.filter((e) => e.kind === 'file').map((e) => e.name) ?? []);
  const known = new Map(trust.certificates().map((c) => [c.fingerprint, c.der]));
  for (const name of there) {
    const fingerprint = FINGERPRINT_NAME.exec(name)?.[1];
    if (!fingerprint || known.has(fingerprint)) continue;
    const path = `${CERTIFICATES_FOLDER}/${name}`;
    const der = await readAtMost(ctx, path, CERTIFICATE_BYTES);
    const why = !der
      ? 'it is larger than a certificate can be'
      : fingerprintOf(der) !== fingerprint
        ? 'its name is not the fingerprint of what it holds'
        : trust.acceptCertificate(der);
    if (why) tampered(ctx, path, why);
  }
  const sealFingerprint = fingerprintOf(trust.seal()!);
  for (const [fingerprint, der] of known) {
    if (fingerprint === sealFingerprint || there.has(`${fingerprint}.cer`)) continue;
    await ctx.driver.writeOnce(`${CERTIFICATES_FOLDER}/${fingerprint}.cer`, der);
  }

  // Requests: this device's go on the share; the device holding the seal reads the others' for the administrator.
  const own = trust.ownRequests();
  if (own.length > 0 || trust.holdsSeal()) await ctx.driver.ensureFolder(REQUESTS_FOLDER);
  for (const request of own) await ctx.driver.writeOnce(`${REQUESTS_FOLDER}/${request.id}.json`, request.bytes);
  if (trust.holdsSeal()) {
    const seen = trust.knownRequests();
    const ownIds = new Set(own.map((r) => r.id));
    for (const entry of (await ctx.driver.list(REQUESTS_FOLDER))?.entries ?? []) {
      const id = REQUEST_NAME.exec(entry.name)?.[1];
      if (entry.kind !== 'file' || !id || seen.has(id) || ownIds.has(id)) continue;
      const path = `${REQUESTS_FOLDER}/${entry.name}`;
      const bytes = await readAtMost(ctx, path, REQUEST_BYTES);
      const why = !bytes ? 'it is larger than a request can be' : trust.acceptRequest(bytes);
      if (why) tampered(ctx, path, why);
    }
  }
  if (trust.attachIssued() > 0) {
    // This device's answered requests: their files have done their work.
    const waiting = new Set(trust.ownRequests().map((r) => r.id));
    for (const request of own)
      if (!waiting.has(request.id)) await ctx.driver.remove(`${REQUESTS_FOLDER}/${request.id}.json`);
  }

  // Revocation lists: the newest on the share is tried; this device's own goes there when it is newer.
  await ctx.driver.ensureFolder(REVOCATIONS_FOLDER);
  const lists =
    (await ctx.driver.list(REVOCATIONS_FOLDER))?.entries
      .filter((e) => e.kind === 'file' && LIST_NAME.test(e.name))
      .map((e) => e.name) ?? [];
  lists.sort().reverse();
  const held = trust.revocationList();
  const heldName = held ? `${compactTime(held.issuedAt)}.crl` : null;
  for (const name of lists) {
    if (heldName !== null && name <= heldName) break;
    const path = `${REVOCATIONS_FOLDER}/${name}`;
    const der = await readAtMost(ctx, path, REVOCATION_LIST_BYTES);
    const why = !der ? 'it is larger than a revocation list can be' : await trust.acceptRevocationList(der);
    if (!why) break;
    tampered(ctx, path, why);
  }
  const now = trust.revocationList();
  if (now && !lists.includes(`${compactTime(now.issuedAt)}.crl`)) {
    await ctx.driver.writeOnce(`${REVOCATIONS_FOLDER}/${compactTime(now.issuedAt)}.crl`, now.der);
  }
}
