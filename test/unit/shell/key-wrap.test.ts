// Key files in the app are wrapped by the operating system's key store (safeStorage) as well as the PIN.

import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronStub, resetElectronStub } from '../../helpers/electron-stub.ts';
import { createDb, tmpDataDir } from '../../helpers/db.ts';
import { createTrustStore } from '../../../electron/core/trust/store.ts';

vi.mock('electron', async () => (await import('../../helpers/electron-stub.ts')).electronModule);
const { osKeyWrap } = await import('../../../electron/main/key-wrap.ts');

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
