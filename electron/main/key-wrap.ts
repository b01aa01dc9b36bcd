// The operating system's protection for this device's key files: Electron's safeStorage (DPAPI on Windows, the
// Keychain on macOS, the desktop's secret store on Linux). A key file copied off the machine then cannot be opened
// there, even with the PIN. Where there is no real store (Linux with none: "basic_text"), keys are not wrapped.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import { DeskError } from '../core/domain/index.ts';
import { writeFileAtomic } from '../core/files.ts';
import { DEVICE_SECRET_BYTES, rewrapKeyFiles, SECRET_WRAP_MARKER, secretWrap } from '../core/trust/secret-wrap.ts';
import type { KeyWrap } from '../core/trust/store.ts';

export function osKeyWrap(platform: NodeJS.Platform = process.platform): KeyWrap | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux' && ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend()))
    return undefined;
  return {
    marker: 'DDWRAP1\n',
    protect: (bytes) => safeStorage.encryptString(bytes.toString('base64')),
    unprotect: (bytes) => Buffer.from(safeStorage.decryptString(bytes), 'base64'),
  };
}

/** The device secret's file in the keys folder: not a ".key", so rewrapKeyFiles never touches it. */
export const DEVICE_SECRET_FILE = 'device-secret.wrapped';

/**
 * The device secret the core host wraps key files with (DDWRAP2): 32 random bytes, kept in the keys folder protected
 * by the OS key store, made on first use. Undefined where there is no key store (keys then stay unwrapped, as before).
 * safeStorage exists only in the main process, so main unprotects it here and hands it to the host at start.
 */
export function deviceSecret(keysDir: string, wrap: KeyWrap | undefined): Uint8Array | undefined {
  if (!wrap) return undefined;
  const file = path.join(keysDir, DEVICE_SECRET_FILE);
  const marker = Buffer.from(wrap.marker);
  if (fs.existsSync(file)) {
    const bytes = fs.readFileSync(file);
    let secret: Buffer | null = null;
    try {
      if (bytes.subarray(0, marker.length).equals(marker)) secret = wrap.unprotect(bytes.subarray(marker.length));
    } catch {
      secret = null;
    }
    if (!secret || secret.length !== DEVICE_SECRET_BYTES) {
      throw new DeskError(
        'unavailable',
        'This device\u2019s key secret cannot be opened by this Windows (or macOS) user, so signing keys on this device cannot be used. ' +
          'Sign in as the user who set Decision Desk up, or ask the administrator to enrol this device again.',
      );
    }
    return secret;
  }
  // Made afresh only where nothing was wrapped with one: a new secret would not open keys wrapped with the lost one.
  if (wrappedWithSecret(keysDir).length > 0) {
    throw new DeskError(
      'unavailable',
      `This device\u2019s key secret (${DEVICE_SECRET_FILE} in ${keysDir}) is missing, so the signing keys it protected cannot be opened. ` +
        'Put back the keys folder from a backup of this computer, or ask the administrator to enrol this device again.',
    );
  }
  fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(DEVICE_SECRET_BYTES);
  writeFileAtomic(file, Buffer.concat([marker, wrap.protect(secret)]), { mode: 0o600 });
  return secret;
}

/** The key files in the folder wrapped with a device secret (DDWRAP2). */
function wrappedWithSecret(keysDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(keysDir).filter((name) => name.endsWith('.key'));
  } catch {
    return [];
  }
  const marker = Buffer.from(SECRET_WRAP_MARKER);
  return names.filter((name) => {
    try {
      const head = Buffer.alloc(marker.length);
      const fd = fs.openSync(path.join(keysDir, name), 'r');
      try {
        fs.readSync(fd, head, 0, marker.length, 0);
      } finally {
        fs.closeSync(fd);
      }
      return head.equals(marker);
    } catch {
      return false;
    }
  });
}

/**
 * Before the core host starts: key files the OS key store wrapped (DDWRAP1, from before the host) are rewrapped with
 * the device secret (DDWRAP2), each atomically. Returns how many.
 */
export function migrateKeyFiles(keysDir: string, wrap: KeyWrap | undefined, secret: Uint8Array | undefined): number {
  if (!wrap || !secret) return 0;
  return rewrapKeyFiles(keysDir, wrap, secretWrap(secret));
}
