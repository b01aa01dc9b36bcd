// A published bundle's manifest is signed by the publishing device's key, which the office seal certified: a bundle
// on the share whose manifest is not is not this office's, whatever its hashes say.

import { z } from 'zod';
import { Base64 } from '../domain/index.ts';
import { issuedByProblem, readCertificate, signBytes, verifyBytes } from './pki.ts';
import type { TrustAnchors } from './verify.ts';

export const MANIFEST_SIGNATURE_FORMAT = 'decision-desk/manifest-signature/1';

export const ManifestSignatureSchema = z.strictObject({
  format: z.literal(MANIFEST_SIGNATURE_FORMAT),
  algorithm: z.enum(['ES256', 'RS256']),
  /** The publisher's certificate first, then the seal's. */
  certificates: z.array(Base64(16_384)).min(1).max(4),
  /** Over the manifest.json bytes exactly as they are on the share. */
  value: Base64(2_048),
});

export interface Publisher {
  pkcs8: Uint8Array;
  certificates: Uint8Array[];
}

export function signManifest(manifest: Uint8Array, publisher: Publisher): Uint8Array {
  const { algorithm, value } = signBytes(publisher.pkcs8, manifest);
  const signature = {
    format: MANIFEST_SIGNATURE_FORMAT,
    algorithm,
    certificates: publisher.certificates.map((c) => Buffer.from(c).toString('base64')),
    value,
  };
  return new TextEncoder().encode(`${JSON.stringify(signature, null, 2)}\n`);
}

/** Why the manifest's signature does not hold (missing, not by a publisher the pinned seal certified, revoked, forged), or null. */
export function manifestSignatureProblem(
  manifest: Uint8Array,
  signature: Uint8Array | null,
  anchors: TrustAnchors,
  publishedAt: string,
): string | null {
  if (!signature) return 'its manifest is not signed';
  let parsed: z.infer<typeof ManifestSignatureSchema>;
  try {
    parsed = ManifestSignatureSchema.parse(JSON.parse(new TextDecoder().decode(signature)));
  } catch {
    return 'its manifest signature cannot be read';
  }
  if (!anchors.seal) return 'this device has no office seal to check its manifest signature against';
  const der = Buffer.from(parsed.certificates[0]!, 'base64');
  const issued = issuedByProblem(der, anchors.seal.der);
  if (issued) return `its manifest was signed with a key the office seal did not certify (${issued})`;
  const publisher = readCertificate(der);
  if (publisher.kind !== 'publisher') return 'its manifest was signed with a key that may not publish';
  const revoked = anchors.revocations.get(publisher.serial);
  const at = Date.parse(publishedAt);
  if (revoked && Date.parse(revoked.revokedAt) <= at)
    return `its manifest was signed with a publishing key revoked on ${revoked.revokedAt}`;
  if (at < Date.parse(publisher.notBefore) || at > Date.parse(publisher.notAfter))
    return 'its manifest was signed outside its publishing key\u2019s validity';
  if (!verifyBytes(der, manifest, parsed.algorithm, parsed.value))
    return 'its manifest does not match its signature: it was changed after publishing';
  return null;
}
