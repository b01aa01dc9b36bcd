// Key files wrapped with the device secret (DDWRAP2): AES-256-GCM from node:crypto, a random 12-byte IV and the
// 16-byte tag with each file. The app's main process keeps the secret protected by the operating system's key store
// (safeStorage) and hands it to the core host, which has no safeStorage of its own (docs/electron.md).

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NotAllowedError } from '../domain/index.ts';
import { writeFileAtomic } from '../files.ts';
import type { KeyWrap } from './store.ts';

export const SECRET_WRAP_MARKER = 'DDWRAP2\n';
export const DEVICE_SECRET_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function secretWrap(secret: Uint8Array): KeyWrap {
  if (secret.byteLength !== DEVICE_SECRET_BYTES)
    throw new Error(`The device secret must be ${DEVICE_SECRET_BYTES} bytes.`);
  const key = Buffer.from(secret);
  return {
    marker: SECRET_WRAP_MARKER,
    protect(bytes) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    unprotect(bytes) {
      if (bytes.length < IV_BYTES + TAG_BYTES)
        throw new NotAllowedError('The key file for this key is damaged: the administrator must enrol it again.');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      } catch {
        throw new NotAllowedError(
          'This key file cannot be opened here: it was protected on another device (or for another user), or it is damaged.',
        );
      }
    },
  };
}

/**
 * Rewraps every key file in the folder that carries `from`'s marker with `to` (atomically, one by one): the move from
 * safeStorage-wrapped files (DDWRAP1) to the device secret (DDWRAP2). Files already in `to`, or unwrapped, are left.
 * Returns how many were rewrapped.
 */
export function rewrapKeyFiles(keysDir: string, from: KeyWrap, to: KeyWrap): number {
  if (!fs.existsSync(keysDir)) return 0;
  const fromMarker = Buffer.from(from.marker);
  let count = 0;
  for (const name of fs.readdirSync(keysDir)) {
    if (!name.endsWith('.key')) continue;
    const file = path.join(keysDir, name);
    const bytes = fs.readFileSync(file);
    if (!bytes.subarray(0, fromMarker.length).equals(fromMarker)) continue;
    const content = from.unprotect(bytes.subarray(fromMarker.length));
    writeFileAtomic(file, Buffer.concat([Buffer.from(to.marker), to.protect(content)]), { mode: 0o600 });
    count += 1;
  }
  return count;
}
