// records.supersededBy: the later decided records that name a record in publication.supersedes, for the window's
// Publication panel ("Superseded by").

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, MethodResult, Method } from '../../../../electron/contract.ts';
import { openDesk, type Desk } from '../../../../electron/core/desk.ts';
import { dispatch } from '../../../../electron/core/service.ts';
import { penStroke, pngDataUrl } from '../../../helpers/png.ts';
import { TEST_KDF, TEST_PIN, TEST_SIGNERS, trustTestOffice } from '../../../helpers/trust.ts';

let dir: string;
let desk: Desk;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-superseded-'));
  desk = await openDesk(dir, { dailyBackup: false, keys: { kdf: TEST_KDF } });
  await trustTestOffice(desk);
});
afterEach(async () => {
  await desk.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function ok<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const result = await dispatch(desk.service, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as MethodResult<M>;
}

const content = (title: string, supersedes?: string[]) => ({
  originator: 'Chief Executive',
  title,
  executiveSummary: 'Why.',
  recommendation: 'That it is agreed.',
  decision: 'Agreed.',
  impact: {
    planObjectives: 'Safer streets.',
    equalityImpactAssessment: false,
    diversityImpact: false,
    diversityExplanation: '',
  },
  signOffs: Object.entries(TEST_SIGNERS).map(([role, name]) => ({ role, name, comments: '' })),
  ...(supersedes ? { publication: { supersedes } } : {}),
});

async function decided(title: string, supersedes?: string[]) {
  const draft = await ok('records.create', { content: content(title, supersedes) });
  let record = await ok('records.submit', { id: draft.id, baseRevision: draft.revision });
  for (const [role, name] of Object.entries(TEST_SIGNERS)) {
    record = await ok('records.sign', {
      id: record.id,
      role,
      name,
      image: pngDataUrl(),
      strokes: [penStroke()],
      pin: TEST_PIN,
    });
  }
  expect(record.status).toBe('decided');
  return record;
}

describe('records.supersededBy', () => {
  it('lists the decided records that name this one in supersedes, by id or by reference, and none for others', async () => {
    const first = await decided('Estates strategy 2024');
    const second = await decided('Estates strategy 2026', [first.reference!]);
    // A draft naming it does not supersede it: nothing is decided yet.
    await ok('records.create', { content: content('Estates strategy 2027', [first.reference!]) });
    expect(await ok('records.supersededBy', { id: first.id })).toEqual([second.reference]);
    expect(await ok('records.supersededBy', { id: first.reference! })).toEqual([second.reference]);
    expect(await ok('records.supersededBy', { id: second.id })).toEqual([]);
  });

  it('answers with an empty list for a record without a reference', async () => {
    const draft = await ok('records.create', { content: content('Draft only') });
    expect(await ok('records.supersededBy', { id: draft.id })).toEqual([]);
  });
});
