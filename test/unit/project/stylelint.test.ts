// The styles' lint refuses what it is for (a literal colour outside the tokens, a selector or property said twice)
// and lets the tokens file name colours.

import path from 'node:path';
import stylelint from 'stylelint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

async function refusals(file: string, code: string): Promise<string[]> {
  const { results } = await stylelint.lint({
    code,
    codeFilename: path.join(root, file),
    configFile: path.join(root, 'stylelint.config.mjs'),
  });
  return results.flatMap((result) => result.warnings.map((warning) => warning.rule));
}

describe('the styles lint', () => {
  it('refuses a literal colour in a style, in each form', async () => {
    const app = 'renderer/src/styles/app.css';
    expect(await refusals(app, '.a { color: #ffffff; }\n')).toEqual(['color-no-hex']);
    expect(await refusals(app, '.a { color: white; }\n')).toEqual(['color-named']);
    expect(await refusals(app, '.a { box-shadow: 0 1px 2px rgb(0 0 0 / 30%); }\n')).toEqual([
      'function-disallowed-list',
    ]);
    expect(await refusals(app, '.a { color: var(--ink); }\n')).toEqual([]);
  });

  it('lets the tokens file name the colours', async () => {
    expect(
      await refusals('renderer/src/styles/tokens.css', ':root {\n  --ink: #1b1f24;\n  --badge: rgb(0 0 0 / 75%);\n}\n'),
    ).toEqual([]);
  });

  it('refuses a selector or a property declared twice', async () => {
    const file = 'renderer/src/styles/signing.css';
    expect(await refusals(file, '.a {\n  display: flex;\n}\n\n.a {\n  gap: 1rem;\n}\n')).toEqual([
      'no-duplicate-selectors',
    ]);
    expect(await refusals(file, '.a {\n  display: flex;\n  display: grid;\n}\n')).toEqual([
      'declaration-block-no-duplicate-properties',
    ]);
  });
});
