// The audit trail travels with an exported PDF (audit.json) and Verify checks its hash chain: an entry changed or
// removed shows, and a PDF without the office seal is never valid.

import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../../electron/core/db/audit.ts';
import type { AuditEntry } from '../../../../electron/core/domain/index.ts';
import { AUDIT_FILE, AUDIT_FORMAT, recordJsonBytes } from '../../../../electron/core/export/pdf.ts';
import { createTestService } from '../../../helpers/db.ts';

async function pdfWith(record: unknown, entries: AuditEntry[] | null, recordId: string): Promise<string> {
  const pdf = await PDFDocument.create();
  pdf.addPage();
  await pdf.attach(recordJsonBytes(record as never), 'record.json', { mimeType: 'application/json' });
  if (entries)
    await pdf.attach(
      new TextEncoder().encode(JSON.stringify({ format: AUDIT_FORMAT, recordId, entries })),
      AUDIT_FILE,
      { mimeType: 'application/json' },
    );
  return Buffer.from(await pdf.save({ useObjectStreams: false })).toString('base64');
}

describe('the audit chain in an exported PDF', () => {
  it('is whole as written, and broken when an entry is changed or one in the middle removed', async () => {
    const desk = await createTestService('2026-03-01T09:00:00.000Z');
    const draft = await desk.call('records.create', { content: { title: 'A grant' } });
    const saved = await desk.call('records.save', {
      id: draft.id,
      baseRevision: draft.revision,
      patch: { title: 'A grant to a charity' },
    });
    await desk.call('records.save', {
      id: draft.id,
      baseRevision: saved.revision,
      patch: { title: 'A grant to a rural charity' },
    });
    const record = await desk.call('records.get', { id: draft.id });
    const trail = listAudit(desk.db, record.id);
    expect(trail.length).toBeGreaterThanOrEqual(3);

    const whole = await desk.call('records.verifyFile', {
      fileName: 'r.pdf',
      base64: await pdfWith(record, trail, record.id),
    });
    expect(whole.audit).toMatchObject({ whole: true, entries: trail.length });
    // Not sealed: a PDF not sealed by the office's publishing is never valid, whatever it carries.
    expect(whole.pdf).toMatchObject({
      sealed: false,
      trusted: false,
      message: expect.stringMatching(/not sealed: the printed text is not covered/),
    });
    expect(whole.valid).toBe(false);

    const changed = trail.map((e, i) => (i === 0 ? { ...e, actor: 'Someone else' } : e));
    const report = await desk.call('records.verifyFile', {
      fileName: 'r.pdf',
      base64: await pdfWith(record, changed, record.id),
    });
    expect(report.audit).toMatchObject({
      whole: false,
      message: expect.stringMatching(/broken at entry 1 .*changed after it was written/),
    });

    const removed = trail.filter((_, i) => i !== 1);
    const gap = await desk.call('records.verifyFile', {
      fileName: 'r.pdf',
      base64: await pdfWith(record, removed, record.id),
    });
    expect(gap.audit).toMatchObject({ whole: false, message: expect.stringMatching(/broken at entry 2 .*missing/) });

    const foreign = await desk.call('records.verifyFile', {
      fileName: 'r.pdf',
      base64: await pdfWith(record, trail, 'another-record'),
    });
    expect(foreign.audit).toMatchObject({ whole: false, message: expect.stringMatching(/another record/) });
  });
});
