// A database made by the release before template versions (test/fixtures/db, made with the code at 1ea7e2c: see its
// README): after migration 80 its records open, hash and verify exactly as before, print with the legacy Kent
// version, and a later change of the office template changes none of it.

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Method, MethodInput, MethodResult } from '../../../../electron/contract.ts';
import { type Desk, openDesk } from '../../../../electron/core/desk.ts';
import {
  computeContentHash,
  type DecisionRecord,
  type OfficeTemplate,
  templateHash,
} from '../../../../electron/core/domain/index.ts';
import { readRecordFile } from '../../../../electron/core/export/pdf-attachments.ts';
import { dispatch } from '../../../../electron/core/service.ts';
import { DATABASE_FILE, KEYS_FOLDER } from '../../../../electron/core/paths.ts';
import { tmpDataDir } from '../../../helpers/db.ts';
import { TEST_KDF } from '../../../helpers/trust.ts';
import { pdfText } from '../export/support.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/db');
const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'kent-before-versions.json'), 'utf8')) as {
  decided: DecisionRecord;
  draft: DecisionRecord;
  verify: { valid: boolean; contentHashMatches: boolean; signatures: { role: string; valid: boolean }[] };
};

let dir: string;
let desk: Desk;

beforeEach(async () => {
  dir = tmpDataDir('desk-existing-');
  fs.copyFileSync(path.join(FIXTURES, 'kent-before-versions.sqlite'), path.join(dir, DATABASE_FILE));
  fs.cpSync(path.join(FIXTURES, 'kent-before-versions-keys'), path.join(dir, KEYS_FOLDER), { recursive: true });
  desk = await openDesk(dir, { dailyBackup: false, keys: { kdf: TEST_KDF } });
});
afterEach(async () => {
  await desk.close();
});

async function ok<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const result = await dispatch(desk.service, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as MethodResult<M>;
}

/** The office template with its form changed: other labels, the Commissioner named otherwise. */
function changed(template: OfficeTemplate): OfficeTemplate {
  return {
    ...template,
    labels: { ...template.labels, executiveSummary: 'SUMMARY OF THE PROPOSAL', recommendation: 'WHAT IS RECOMMENDED' },
    signatories: template.signatories.map((s) => (s.decides ? { ...s, label: 'THE COMMISSIONER FOR KENT' } : s)),
  };
}

describe('a database from the release before template versions', () => {
  it('was made by that release: schema 60, a Kent template in the old form, records without a version', () => {
    expect(expected.decided).not.toHaveProperty('templateHash');
    expect(expected.decided.status).toBe('decided');
    expect(expected.verify.valid).toBe(true);
    // The copy opened above was migrated, and a backup of it as it was made first.
    expect(fs.readdirSync(path.join(dir, 'backups')).some((f) => f.startsWith('pre-migration-v60-'))).toBe(true);
  });

  it('opens its records exactly as they were: same bytes, same hash, verified as before', async () => {
    const decided = await ok('records.get', { id: expected.decided.id });
    expect(decided).toEqual(expected.decided);
    expect(computeContentHash(decided)).toBe(expected.decided.contentHash);
    const report = await ok('records.verify', { record: decided });
    expect(report).toMatchObject({ valid: expected.verify.valid, contentHashMatches: true });
    expect(report.signatures.map((s) => ({ role: s.role, valid: s.valid }))).toEqual(expected.verify.signatures);
    expect(await ok('records.get', { id: expected.draft.id })).toEqual(expected.draft);
  });

  it('keeps the template it had as the legacy Kent version, which its records print with', async () => {
    const settings = await ok('settings.get', {});
    const versions = await ok('templates.versions', {});
    expect(versions).toEqual([
      expect.objectContaining({
        id: 'kent',
        version: 1,
        hash: templateHash(settings.template),
        current: true,
        legacy: true,
      }),
    ]);
    const template = await ok('templates.get', { record: expected.decided.id });
    expect(template.labels.executiveSummary).toBe('EXECUTIVE SUMMARY');
    expect(template.sealFingerprint).toBe(settings.template.sealFingerprint);
    const { html } = await ok('export.preview', { id: expected.decided.id });
    for (const label of [
      'EXECUTIVE SUMMARY',
      'RECOMMENDATION',
      'POLICE AND CRIME COMMISSIONER FOR KENT',
      'OPCC.D.001.25',
    ])
      expect(html).toContain(label);
  });

  it('a changed office template changes none of its records: content, hash, signatures and print stay', async () => {
    const before = await ok('settings.get', {});
    const after = await ok('settings.update', { patch: { template: changed(before.template) } });
    // A changed form whose version was not raised is the next version.
    expect(after.template.version).toBe(2);
    expect((await ok('templates.versions', {})).map((v) => [v.version, v.current, v.legacy])).toEqual(
      expect.arrayContaining([
        [1, false, true],
        [2, true, false],
      ]),
    );

    const decided = await ok('records.get', { id: expected.decided.id });
    expect(decided).toEqual(expected.decided);
    expect((await ok('records.verify', { record: decided })).valid).toBe(true);
    const { html } = await ok('export.preview', { id: decided.id });
    expect(html).toContain('EXECUTIVE SUMMARY');
    expect(html).toContain('POLICE AND CRIME COMMISSIONER FOR KENT');
    expect(html).not.toContain('SUMMARY OF THE PROPOSAL');
    expect(html).not.toContain('THE COMMISSIONER FOR KENT<');

    // The archive PDF, read back by pdftotext: the old labels; its record.json carries the legacy version.
    const pdf = Buffer.from((await ok('export.pdf', { id: decided.id, rendition: 'archive' })).base64, 'base64');
    const text = await pdfText(pdf);
    expect(text).toContain('EXECUTIVE SUMMARY');
    expect(text).not.toContain('SUMMARY OF THE PROPOSAL');
    const attached = (await readRecordFile(pdf)) as Record<string, unknown> & {
      officeTemplate: { hash: string; template: OfficeTemplate };
    };
    expect(attached.contentHash).toBe(expected.decided.contentHash);
    expect(attached.officeTemplate.hash).toBe(templateHash(before.template));
    expect(attached.officeTemplate.template.labels.executiveSummary).toBe('EXECUTIVE SUMMARY');
    const verified = await ok('records.verifyFile', { fileName: 'OPCC.D.001.25.pdf', base64: pdf.toString('base64') });
    expect(verified).toMatchObject({ valid: true, contentHashMatches: true });

    // A draft from before keeps its version too; a new record is made with the new one.
    expect((await ok('templates.get', { record: expected.draft.id })).labels.executiveSummary).toBe(
      'EXECUTIVE SUMMARY',
    );
    const fresh = await ok('records.create', { content: { title: 'A new decision' } });
    expect(fresh.templateHash).toBe(templateHash(after.template));
    expect((await ok('export.preview', { id: fresh.id })).html).toContain('SUMMARY OF THE PROPOSAL');
  }, 60_000);

  it('survives a reopen: the versions, and what each record prints with, are read back from the file', async () => {
    const before = await ok('settings.get', {});
    await ok('settings.update', { patch: { template: changed(before.template) } });
    await desk.close();
    desk = await openDesk(dir, { dailyBackup: false, keys: { kdf: TEST_KDF } });
    expect((await ok('templates.get', { record: expected.decided.id })).labels.executiveSummary).toBe(
      'EXECUTIVE SUMMARY',
    );
    expect((await ok('settings.get', {})).template.labels.executiveSummary).toBe('SUMMARY OF THE PROPOSAL');
    expect(await ok('records.get', { id: expected.decided.id })).toEqual(expected.decided);
  });
});
