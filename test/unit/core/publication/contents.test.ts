// export.contents through the service: what the public copy of a decided record carries, read from its real bytes.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodResult, Method } from '../../../../electron/contract.ts';
import { openDesk, type Desk } from '../../../../electron/core/desk.ts';
import { dispatch } from '../../../../electron/core/service.ts';
import { penStroke, pngDataUrl } from '../../../helpers/png.ts';
import { TEST_KDF, TEST_PIN, TEST_SIGNERS, type TestRole, trustTestOffice } from '../../../helpers/trust.ts';

let dir: string;
let desk: Desk;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-contents-'));
  desk = await openDesk(dir, { dailyBackup: false, keys: { kdf: TEST_KDF } });
  await trustTestOffice(desk);
});
afterAll(async () => {
  await desk.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function ok<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const result = await dispatch(desk.service, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as MethodResult<M>;
}

async function decided(extra: Record<string, unknown> = {}) {
  const draft = await ok('records.create', {
    content: {
      originator: 'Chief Executive',
      title: 'Fleet replacement',
      executiveSummary: 'Replace the oldest vehicles.',
      recommendation: 'To agree.',
      decision: 'Agreed.',
      impact: {
        planObjectives: 'Supports the plan.',
        equalityImpactAssessment: false,
        diversityImpact: false,
        diversityExplanation: '',
      },
      ...extra,
    },
  });
  let record = await ok('records.submit', { id: draft.id, baseRevision: draft.revision });
  for (const role of ['chief-finance-officer', 'chief-executive', 'commissioner'] as TestRole[]) {
    record = await ok('records.sign', {
      id: record.id,
      role,
      name: TEST_SIGNERS[role],
      comments: role === 'chief-executive' ? 'Internal: the depot lease ends in May.' : '',
      image: pngDataUrl(),
      strokes: [penStroke()],
      pin: TEST_PIN,
    });
  }
  return record;
}

describe('what the public copy contains', () => {
  it('lists a decided record\u2019s public PDF: its metadata and images, and no attachments', async () => {
    const record = await decided();
    const [pdf, ...others] = await ok('export.contents', { id: record.reference! });
    expect(others).toEqual([]);
    expect(pdf).toMatchObject({ kind: 'pdf', attachments: [] });
    expect(pdf!.fileName).toMatch(/\(public\)\.pdf$/);
    const title = pdf!.metadata.find((m) => m.name === 'Title')?.value;
    expect(title).toContain(record.reference!);
    // The drawn signatures are the only images (the template has no logo); Chromium stores the same picture once.
    expect(pdf!.images.length).toBeGreaterThanOrEqual(1);
    expect(pdf!.hidden.filter((h) => h.startsWith('record.json'))).toEqual([]);
    // The exported file itself has no record.json, pen strokes or device names in it.
    const file = await ok('export.pdf', { id: record.id, rendition: 'public' });
    const bytes = Buffer.from(file.base64, 'base64').toString('latin1');
    expect(bytes).not.toContain('record.json');
    expect(bytes).not.toContain('pressure');
  });

  it('has nothing for a confidential record, which has no public copy', async () => {
    const record = await decided({ classification: 'confidential', confidentialReason: 'Commercially sensitive' });
    expect(await ok('export.contents', { id: record.id })).toEqual([]);
    const refused = await dispatch(desk.service, 'export.pdf', { id: record.id, rendition: 'public' });
    expect(refused.ok ? null : refused.error.code).toBe('not-allowed');
  });
});
