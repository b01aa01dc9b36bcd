// Private keys at rest: PKCS#8 encrypted with AES-256-GCM under a key derived from the holder's PIN or passphrase.

import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt as scryptCallback,
  type ScryptOptions,
} from 'node:crypto';
import { z } from 'zod';
import { Base64 } from '../domain/index.ts';

/**
 * scrypt costs. A signatory's PIN is checked at every signature, so it uses the scrypt paper's "interactive" cost
 * (N = 2^14, r = 8: 16 MiB, tens of milliseconds). The office seal's passphrase is entered rarely (enrolment,
 * revocation), so it costs eight times more. A short PIN is still guessable by someone who holds the key file: see
 * docs/trust.md. The file is kept outside the database and, in the app, wrapped by the operating system's key store.
 */
export const KDF_COST = {
  pin: { N: 2 ** 14, r: 8, p: 1 },
  passphrase: { N: 2 ** 17, r: 8, p: 1 },
} as const;
export type KdfStrength = keyof typeof KDF_COST;

const b64 = Base64(64_000);

export const KeyFileSchema = z.strictObject({
  format: z.literal('decision-desk-key/1'),
  /** What the key is for, bound into the encryption: a file moved to another purpose does not open. */
  purpose: z.string().min(1).max(200),
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 20),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: b64,
  }),
  cipher: z.strictObject({ name: z.literal('aes-256-gcm'), iv: b64, tag: b64 }),
  ciphertext: b64,
});
export type KeyFile = z.infer<typeof KeyFileSchema>;

/** The PIN or passphrase did not open the key. */
export class WrongSecretError extends Error {
  override name = 'WrongSecretError';
}

function derive(secret: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCallback(secret.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export type KdfCost = { N: number; r: number; p: number };

export async function encryptKey(pkcs8: Uint8Array, secret: string, purpose: string, cost: KdfCost): Promise<KeyFile> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await derive(secret, salt, cost);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  return {
    format: 'decision-desk-key/1',
    purpose,
    kdf: { name: 'scrypt', ...cost, salt: salt.toString('base64') },
    cipher: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
    ciphertext: ciphertext.toString('base64'),
  };
}

/** The PKCS#8 bytes, or WrongSecretError. `purpose` must be the one the file was written for. */
export async function decryptKey(file: KeyFile, secret: string, purpose: string): Promise<Buffer> {
  if (file.purpose !== purpose) throw new WrongSecretError('This key file belongs to another key.');
  const key = await derive(secret, Buffer.from(file.kdf.salt, 'base64'), file.kdf);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.cipher.iv, 'base64'));
  decipher.setAAD(Buffer.from(purpose, 'utf8'));
  decipher.setAuthTag(Buffer.from(file.cipher.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(file.ciphertext, 'base64')), decipher.final()]);
  } catch {
    throw new WrongSecretError('The PIN or passphrase is not right.');
  }
}
