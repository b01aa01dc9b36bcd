// Test seals made with @peculiar/x509: an ECDSA P-256 leaf issued by its own root, and a self-signed RSA-2048 seal.

import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import type { SealIdentity } from '../../electron/core/export/pdf-seal.ts';

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const;

const notBefore = new Date(Date.now() - 24 * 3600_000);
const notAfter = new Date(Date.now() + 365 * 24 * 3600_000);
const der = (certificate: x509.X509Certificate) => new Uint8Array(certificate.rawData);

export const OFFICE = 'Office of the Police and Crime Commissioner for Kent';

/** A root CA and a seal certificate it issued, both ECDSA P-256: certificates are the leaf, then the root. */
export async function ecdsaChainSeal(commonName = `${OFFICE} seal`): Promise<SealIdentity & { root: Uint8Array }> {
  const rootKeys = await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify']);
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=${OFFICE} root, O=${OFFICE}, C=GB`,
    notBefore,
    notAfter,
    keys: rootKeys,
    signingAlgorithm: ECDSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const keys = await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify']);
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: '2a',
    subject: `CN=${commonName}, O=${OFFICE}, C=GB`,
    issuer: root.subject,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: ECDSA,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { privateKey: keys.privateKey, certificates: [der(leaf), der(root)], root: der(root) };
}

/** A self-signed RSA-2048 seal, as an office's imported .p12 might hold. */
export async function rsaSeal(commonName = `${OFFICE} RSA seal`): Promise<SealIdentity> {
  const keys = await crypto.subtle.generateKey(RSA, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '0b',
    name: `CN=${commonName}, O=${OFFICE}, C=GB`,
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: RSA,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
    ],
  });
  return { privateKey: keys.privateKey, certificates: [der(certificate)] };
}
