// Making a signature: the sign-off, its legacy seal digest, and the digital signature with the signer's key.

import { computeSeal, type DecisionRecord, type Signature, type SignOff, signOffPayload } from '../domain/index.ts';
import { type CertificateInfo, signBytes } from './pki.ts';

/** The signature for `signOff` on `record`'s current content, signed with `key` (whose certificate goes with it). */
export function makeSignature(
  record: Pick<DecisionRecord, 'id' | 'reference' | 'contentHash'>,
  signOff: Pick<SignOff, 'role' | 'name' | 'comments'>,
  body: Omit<Signature, 'seal' | 'proof' | 'contentHash'>,
  key: { pkcs8: Uint8Array; certificate: Pick<CertificateInfo, 'der'> },
): Signature {
  const unsealed = { ...body, contentHash: record.contentHash };
  const proof = signBytes(key.pkcs8, signOffPayload(record, signOff, unsealed));
  return {
    ...unsealed,
    seal: computeSeal(signOff, unsealed),
    proof: { ...proof, certificate: Buffer.from(key.certificate.der).toString('base64') },
  };
}
