// The one atomic write (key files, the CLI's exports, the window's state): whole or not at all, with the mode asked
// for, and a failure that names the file and leaves no temporary file behind.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../../electron/core/domain/index.ts';
import { writeFileAtomic } from '../../../electron/core/files.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-files-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces a file whole, with the mode asked for, and leaves nothing beside it', () => {
    const file = path.join(dir, 'a.key');
    fs.writeFileSync(file, 'old');
    writeFileAtomic(file, Buffer.from('new bytes'), { mode: 0o600 });
    expect(fs.readFileSync(file, 'utf8')).toBe('new bytes');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['a.key']);
  });

  it('refuses a folder in the file\u2019s place, or a folder that is not there, naming the file and leaving no temporary file', () => {
    const folder = path.join(dir, 'taken');
    fs.mkdirSync(folder);
    expect(() => writeFileAtomic(folder, 'x')).toThrow(DeskError);
    expect(() => writeFileAtomic(folder, 'x')).toThrow(/Cannot write .*taken: it is a folder/);
    expect(() => writeFileAtomic(path.join(dir, 'missing', 'b.json'), 'x')).toThrow(
      /the folder .*missing does not exist/,
    );
    expect(fs.readdirSync(dir)).toEqual(['taken']);
  });
});
