// The static checks as tests: both sides type-check, and the lints (the code's, with its layering rules, and the
// styles') are clean.

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

async function check(command: string, args: string[]): Promise<string> {
  try {
    await run(bin(command), args, { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    return '';
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return `${stdout}${stderr}`.trim() || String(error);
  }
}

describe('static checks', () => {
  it('the Node side type-checks (tsconfig.node.json)', async () => {
    expect(await check('tsc', ['-p', 'tsconfig.node.json', '--noEmit'])).toBe('');
  }, 240_000);

  it('the DOM side type-checks without Node types (tsconfig.web.json)', async () => {
    expect(await check('tsc', ['-p', 'tsconfig.web.json', '--noEmit'])).toBe('');
  }, 240_000);

  it('lint passes, layering rules included', async () => {
    expect(await check('eslint', ['--max-warnings', '0', '.'])).toBe('');
  }, 240_000);

  it('the code and the styles are formatted (npm run format)', async () => {
    expect(await check('prettier', ['--check', '--log-level', 'warn', '.'])).toBe('');
  }, 240_000);

  it('the styles lint clean: colours only from the tokens, nothing declared twice', async () => {
    expect(await check('stylelint', ['--max-warnings', '0', 'renderer/**/*.css'])).toBe('');
  }, 240_000);
});
