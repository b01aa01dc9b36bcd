// Verifying a PDF someone handed over: hostile files (small PDFs that inflate to gigabytes) get a clear invalid-input
// and the process lives on; real files still verify.

import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../../electron/core/db/connection.ts';
import { type DecisionRecord, LIMITS } from '../../../../electron/core/domain/index.ts';
import { pdfAttachments, readRecordFile } from '../../../../electron/core/export/pdf-attachments.ts';
import { createService, dispatch } from '../../../../electron/core/service.ts';
import { attachmentBomb, objectStreamBomb } from '../../../helpers/hostile-pdf.ts';

const over = LIMITS.recordJsonBytes + 1024 * 1024;
let bomb: Buffer;
beforeAll(() => {
  bomb = attachmentBomb(over);
});

describe('reading a PDF someone handed over', () => {
  it('refuses an attached record.json that inflates past the largest record.json there can be', async () => {
    expect(bomb.length).toBeLessThan(200_000);
    await expect(readRecordFile(bomb)).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/too large when decompressed/),
    });
  });

  it('refuses a PDF whose own structure (an object stream) inflates past the limit', async () => {
    await expect(readRecordFile(objectStreamBomb(over))).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/too large when decompressed/),
    });
  });

  it('refuses a PDF that needs more memory than the reader may have, and the process carries on', async () => {
    // One megabyte of heap cannot even hold pdf-lib: the reader runs out of memory, the process does not.
    const pdf = attachmentBomb(1024);
    await expect(readRecordFile(pdf, { maxHeapMb: 1 })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/too large when decompressed|too much memory/),
    });
    expect((await pdfAttachments(pdf)).map((a) => a.name)).toEqual(['record.json']);
  });

  it('still reads the record.json of a PDF with a real attachment', async () => {
    const service = createService({ db: openMemoryDatabase() });
    const envelope = await dispatch(service, 'records.create', { content: { title: 'A draft to attach' } });
    if (!envelope.ok) throw new Error(envelope.error.message);
    const created = envelope as { value: DecisionRecord };
    const pdf = await PDFDocument.create();
    pdf.addPage();
    await pdf.attach(Buffer.from(JSON.stringify(created.value)), 'record.json', { mimeType: 'application/json' });
    const bytes = await pdf.save();
    expect(await readRecordFile(bytes)).toEqual(created.value);
    const report = await dispatch(service, 'records.verifyFile', {
      fileName: 'x.pdf',
      base64: Buffer.from(bytes).toString('base64'),
    });
    expect(report).toMatchObject({ ok: true, value: { id: created.value.id, contentHashMatches: true } });
  });

  it('answers verifyFile with invalid-input for a bomb, through the service', async () => {
    const service = createService({ db: openMemoryDatabase() });
    const result = await dispatch(service, 'records.verifyFile', {
      fileName: 'bomb.pdf',
      base64: bomb.toString('base64'),
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/too large when decompressed/) },
    });
  });
});
