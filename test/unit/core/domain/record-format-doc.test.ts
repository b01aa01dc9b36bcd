// Keeps docs/record-format.md true: its example must validate and carry the right content hash.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeContentHash, DecisionRecordSchema, isContentOnly } from '../../../../electron/core/domain/index.ts';
import { createTestService } from '../../../helpers/db.ts';

const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../docs/record-format.md'), 'utf8');

describe('docs/record-format.md', () => {
  const blocks = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map(
    (match) => JSON.parse(match[1]!) as Record<string, unknown>,
  );

  it('has an example that is a valid record.json with a correct contentHash', () => {
    const block = blocks.find((example) => 'id' in example);
    expect(block).toBeDefined();
    const record = DecisionRecordSchema.parse(block);
    expect(computeContentHash(record)).toBe(record.contentHash);
  });

  it('has a content-only example that imports as a new draft', async () => {
    const example = blocks.find((block) => !('id' in block));
    expect(example).toBeDefined();
    expect(isContentOnly(example!)).toBe(true);
    const desk = await createTestService();
    const outcome = await desk.call('records.import', { record: example });
    expect(outcome).toMatchObject({
      action: 'created',
      revision: 1,
      filled: expect.arrayContaining(['id', 'status', 'contentHash']),
    });
    const record = await desk.call('records.get', { id: outcome.id });
    expect(record).toMatchObject({ status: 'draft', title: example!.title, confidentialReason: '' });
  });

  it('describes every field of the schema', () => {
    for (const field of Object.keys(DecisionRecordSchema.shape)) expect(doc).toContain(`\`${field}\``);
  });
});
