// Key files in the app are wrapped by the operating system's key store (safeStorage) as well as the PIN.

import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronStub, resetElectronStub } from '../../helpers/electron-stub.ts';
import { createDb, tmpDataDir } from '../../helpers/db.ts';
import { SECRET_WRAP_MARKER, secretWrap } from '../../../electron/core/trust/secret-wrap.ts';
import { createTrustStore } from '../../../electron/core/trust/store.ts';

vi.mock('electron', async () => (await import('../../helpers/electron-stub.ts')).electronModule);
const { DEVICE_SECRET_FILE, deviceSecret, migrateKeyFiles, osKeyWrap } =
  await import('../../../electron/main/key-wrap.ts');

const CHEAP = { pin: { N: 2 ** 10, r: 8, p: 1 }, passphrase: { N: 2 ** 10, r: 8, p: 1 } };

beforeEach(() => resetElectronStub());

describe('the OS key store wrap', () => {
  it('wraps every key file, and the store opens them through it', async () => {
    const dir = tmpDataDir();
    const db = await createDb(path.join(dir, 'decision-desk.sqlite'));
    const wrap = osKeyWrap('win32');
    expect(wrap).toBeDefined();
    const store = createTrustStore({ db, keysDir: path.join(dir, 'keys'), now: () => new Date(), kdf: CHEAP, wrap });
    await store.createSeal('Office of the PCC', 'a long passphrase');
    for (const file of fs.readdirSync(path.join(dir, 'keys'))) {
      const bytes = fs.readFileSync(path.join(dir, 'keys', file));
      expect(bytes.subarray(0, 8).toString()).toBe('DDWRAP1\n');
      expect(bytes.includes(Buffer.from('decision-desk-key'))).toBe(false);
    }
    const template = { sealFingerprint: store.keys()[0]!.certificate!.fingerprint };
    expect(store.publisher(template as never)).not.toBeNull();
    // Without the store (the file copied to another machine), the key does not open.
    const elsewhere = createTrustStore({ db, keysDir: path.join(dir, 'keys'), now: () => new Date(), kdf: CHEAP });
    expect(() => elsewhere.publisher(template as never)).toThrow(/operating system/);
  });

  it('is not used where the OS has no real store', () => {
    electronStub.safeStorage.backend = 'basic_text';
    expect(osKeyWrap('linux')).toBeUndefined();
    electronStub.safeStorage.available = false;
    expect(osKeyWrap('win32')).toBeUndefined();
  });
});

describe('the device secret the core host wraps keys with', () => {
  it('is made once under the OS key store, read back the same, and moves older key files to it', async () => {
    const dir = tmpDataDir();
    const keysDir = path.join(dir, 'keys');
    const db = await createDb(path.join(dir, 'decision-desk.sqlite'));
    const wrap = osKeyWrap('win32')!;
    // A key file from before the host: wrapped by safeStorage in the main process.
    const before = createTrustStore({ db, keysDir, now: () => new Date(), kdf: CHEAP, wrap });
    await before.createSeal('Office of the PCC', 'a long passphrase');
    const template = { sealFingerprint: before.keys()[0]!.certificate!.fingerprint };

    const secret = deviceSecret(keysDir, wrap)!;
    expect(secret).toHaveLength(32);
    expect(fs.readFileSync(path.join(keysDir, DEVICE_SECRET_FILE)).subarray(0, 8).toString()).toBe('DDWRAP1\n');
    expect(Buffer.from(deviceSecret(keysDir, wrap)!).equals(Buffer.from(secret))).toBe(true);

    const keyFiles = fs.readdirSync(keysDir).filter((name) => name.endsWith('.key'));
    expect(keyFiles.length).toBeGreaterThan(0);
    expect(migrateKeyFiles(keysDir, wrap, secret)).toBe(keyFiles.length);
    for (const file of fs.readdirSync(keysDir).filter((name) => name.endsWith('.key'))) {
      expect(fs.readFileSync(path.join(keysDir, file)).subarray(0, 8).toString()).toBe(SECRET_WRAP_MARKER);
    }
    // What the host opens it with: the secret, no safeStorage.
    const host = createTrustStore({ db, keysDir, now: () => new Date(), kdf: CHEAP, wrap: secretWrap(secret) });
    expect(host.publisher(template as never)).not.toBeNull();
    expect(migrateKeyFiles(keysDir, wrap, secret)).toBe(0);

    // The secret's file deleted (or lost with a profile): a new one would not open these keys, so none is made.
    fs.rmSync(path.join(keysDir, DEVICE_SECRET_FILE));
    expect(() => deviceSecret(keysDir, wrap)).toThrow(/key secret \(device-secret\.wrapped in .*\) is missing/);
    expect(fs.existsSync(path.join(keysDir, DEVICE_SECRET_FILE))).toBe(false);
    // The keys are as they were: put the secret back and they open.
    expect(host.publisher(template as never)).not.toBeNull();
  });

  it('is none where the OS has no key store, and says so plainly when it cannot be opened', () => {
    const keysDir = path.join(tmpDataDir(), 'keys');
    expect(deviceSecret(keysDir, undefined)).toBeUndefined();
    expect(fs.existsSync(keysDir)).toBe(false);
    fs.mkdirSync(keysDir);
    fs.writeFileSync(path.join(keysDir, DEVICE_SECRET_FILE), 'DDWRAP1\nnot what safeStorage wrote');
    expect(() => deviceSecret(keysDir, osKeyWrap('win32'))).toThrow(/key secret cannot be opened/);
  });
});
