// Key files wrapped with the device secret (DDWRAP2), the marker check that says which wrap a file needs, and the
// move of safeStorage-wrapped files (DDWRAP1) to the secret, on real files in a temp folder.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSettings } from '../../../../electron/core/db/settings.ts';
import { loadSettings } from '../../../../electron/core/service.ts';
import { rewrapKeyFiles, SECRET_WRAP_MARKER, secretWrap } from '../../../../electron/core/trust/secret-wrap.ts';
import { createTrustStore, type KeyWrap } from '../../../../electron/core/trust/store.ts';
import { createDb, tmpDataDir } from '../../../helpers/db.ts';
import { TEST_KDF, TEST_PASSPHRASE, TEST_PIN, testOffice } from '../../../helpers/trust.ts';

/** A stand-in for safeStorage: reversible, and marked as safeStorage's files are. */
const osStandIn: KeyWrap = {
  marker: 'DDWRAP1\n',
  protect: (bytes) => Buffer.from(bytes.map((byte) => byte ^ 0x5a)),
  unprotect: (bytes) => Buffer.from(bytes.map((byte) => byte ^ 0x5a)),
};

describe('secretWrap', () => {
  it('round-trips, with a fresh IV each time, and refuses another secret or a changed file', () => {
    const wrap = secretWrap(randomBytes(32));
    const content = Buffer.from('{"a key file":true}');
    const one = wrap.protect(content);
    const two = wrap.protect(content);
    expect(one.equals(two)).toBe(false);
    expect(one.includes(content)).toBe(false);
    expect(wrap.unprotect(one).equals(content)).toBe(true);
    expect(() => secretWrap(randomBytes(32)).unprotect(one)).toThrow(/another device/);
    const changed = Buffer.from(one);
    changed[changed.length - 1]! ^= 1;
    expect(() => wrap.unprotect(changed)).toThrow(/another device .*or it is damaged/);
    // Truncated: too short to hold its IV and tag, missing the end of its body, or its IV and tag with no body.
    expect(() => wrap.unprotect(one.subarray(0, 20))).toThrow(/damaged/);
    expect(() => wrap.unprotect(one.subarray(0, one.length - 1))).toThrow(/damaged/);
    expect(() => wrap.unprotect(one.subarray(0, 28))).toThrow(/damaged/);
    expect(() => secretWrap(randomBytes(16))).toThrow(/32 bytes/);
    expect(wrap.marker).toBe(SECRET_WRAP_MARKER);
  });
});

describe('key files and their wraps', () => {
  it('moves safeStorage files to the device secret; each store opens only the files its wrap made', async () => {
    const dir = tmpDataDir();
    const db = await createDb(path.join(dir, 'decision-desk.sqlite'));
    const keysDir = path.join(dir, 'keys');
    const store = (wrap?: KeyWrap) => createTrustStore({ db, keysDir, now: () => new Date(), kdf: TEST_KDF, wrap });
    await store(osStandIn).installExistingSeal(testOffice.seal.der, testOffice.seal.pkcs8, TEST_PASSPHRASE);
    const template = { ...loadSettings(db).template, sealFingerprint: testOffice.seal.certificate.fingerprint };
    db.transaction(() => writeSettings(db, { template }))();
    const files = () => fs.readdirSync(keysDir).filter((name) => name.endsWith('.key'));
    expect(files().length).toBeGreaterThan(0);
    for (const name of files())
      expect(fs.readFileSync(path.join(keysDir, name)).subarray(0, 8).toString()).toBe('DDWRAP1\n');

    const secret = secretWrap(randomBytes(32));
    const enrol = (wrap?: KeyWrap) =>
      store(wrap).enrol(template, {
        kind: 'recorder',
        role: null,
        name: 'Sam Clerk',
        pin: TEST_PIN,
        sealPassphrase: TEST_PASSPHRASE,
        years: 1,
      });
    // The seal's key file needs safeStorage: the secret's store says so plainly.
    await expect(enrol(secret)).rejects.toThrow(/operating system\u2019s key store/);

    expect(rewrapKeyFiles(keysDir, osStandIn, secret)).toBe(files().length);
    for (const name of files())
      expect(fs.readFileSync(path.join(keysDir, name)).subarray(0, 8).toString()).toBe(SECRET_WRAP_MARKER);
    expect(fs.readdirSync(keysDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // Done once: nothing is rewrapped twice.
    expect(rewrapKeyFiles(keysDir, osStandIn, secret)).toBe(0);

    const recorder = await enrol(secret);
    expect((await store(secret).unlock(recorder.id, TEST_PIN)).certificate).toBeTruthy();
    await expect(store(osStandIn).unlock(recorder.id, TEST_PIN)).rejects.toThrow(/device\u2019s secret/);
    await expect(store().unlock(recorder.id, TEST_PIN)).rejects.toThrow(/device\u2019s secret/);
    await expect(store(secretWrap(randomBytes(32))).unlock(recorder.id, TEST_PIN)).rejects.toThrow(/another device/);
  });
});
