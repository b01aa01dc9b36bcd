// Keeps docs/record-format.md true: its example must validate and carry the right content hash.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeContentHash, DecisionRecordSchema } from '../../../../electron/core/domain/index.ts';

const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../docs/record-format.md'), 'utf8');

describe('docs/record-format.md', () => {
  it('has an example that is a valid record.json with a correct contentHash', () => {
    const block = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    const record = DecisionRecordSchema.parse(JSON.parse(block!));
    expect(computeContentHash(record)).toBe(record.contentHash);
  });

  it('describes every field of the schema', () => {
    for (const field of Object.keys(DecisionRecordSchema.shape)) expect(doc).toContain(`\`${field}\``);
  });
});
