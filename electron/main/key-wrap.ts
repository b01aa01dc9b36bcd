// The operating system's protection for this device's key files: Electron's safeStorage (DPAPI on Windows, the
// Keychain on macOS, the desktop's secret store on Linux). A key file copied off the machine then cannot be opened
// there, even with the PIN. Where there is no real store (Linux with none: "basic_text"), keys are not wrapped.

import { safeStorage } from 'electron';
import type { KeyWrap } from '../core/trust/store.ts';

export function osKeyWrap(platform: NodeJS.Platform = process.platform): KeyWrap | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux' && ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend())) return undefined;
  return {
    marker: 'DDWRAP1\n',
    protect: (bytes) => safeStorage.encryptString(bytes.toString('base64')),
    unprotect: (bytes) => Buffer.from(safeStorage.decryptString(bytes), 'base64'),
  };
}
