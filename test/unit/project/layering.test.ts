// The layering rules refuse what they are for: each probe is linted as if it were a file at that path.

import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
// The probes are not files any tsconfig includes, so they are linted without type information (the rules checked
// here need none; the type-aware ones are switched off for them).
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

/** The messages of the rules that refused `code` at `file`. */
async function refusals(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const fatal = result!.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${file}: ${fatal.message}`);
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('layering rules', () => {
  it('main, web and cli import none of each other, and the preload none of them', async () => {
    expect(
      await refusals(
        'electron/web/probe.ts',
        "import { a } from '../main/security.ts';\nimport { b } from '../cli/main.ts';\nexport const c = [a, b];\n",
      ),
    ).toHaveLength(2);
    expect(
      await refusals(
        'electron/main/probe.ts',
        "import { a } from '../web/server.ts';\nimport { b } from '../cli/files.ts';\nexport const c = [a, b];\n",
      ),
    ).toHaveLength(2);
    expect(
      await refusals(
        'electron/cli/commands/probe.ts',
        "import { a } from '../../main/index.ts';\nimport { b } from '../../web/run.ts';\nexport const c = [a, b];\n",
      ),
    ).toHaveLength(2);
    expect(
      await refusals('electron/preload/probe.ts', "import { a } from '../main/ipc.ts';\nexport const c = a;\n"),
    ).toHaveLength(1);
    // What they share is core's, and main keeps the preload's channel list.
    expect(
      await refusals(
        'electron/main/probe.ts',
        "import { a } from '../core/page.ts';\nimport { b } from '../preload/channels.ts';\nexport const c = [a, b];\n",
      ),
    ).toEqual([]);
  });

  it('SQL is written only in electron/core/db/', async () => {
    const sql = [
      "import { prepared } from '../db/statements.ts';",
      'export function f(db, ctx) {',
      "  prepared(db, 'x');",
      "  db.prepare('x');",
      "  ctx.db.pragma('query_only = ON');",
      "  db.exec('x');",
      "  const text = 'SELECT body FROM records';",
      '  const more = `\n    DELETE FROM outbox WHERE seq = ?`;',
      "  return [text, more, /a/.exec('a'), 'Select a record'];",
      '}',
      '',
    ].join('\n');
    expect(await refusals('electron/core/sync/probe.ts', sql)).toHaveLength(6);
    expect(await refusals('electron/core/db/probe.ts', sql)).toEqual([]);
  });

  it('a store imports no component or view; components do not call the API', async () => {
    expect(
      await refusals(
        'renderer/src/stores/records/probe.ts',
        "import { NoticeArea } from '../../components/Notice.tsx';\nexport const a = NoticeArea;\n",
      ),
    ).toHaveLength(1);
    expect(
      await refusals(
        'renderer/src/stores/records/probe.ts',
        "import type { NoticeContent } from '../notice.ts';\nexport type A = NoticeContent;\n",
      ),
    ).toEqual([]);
    expect(
      await refusals('renderer/src/components/probe.tsx', "import { api } from '../api.ts';\nexport const a = api;\n"),
    ).toHaveLength(1);
  });
});
