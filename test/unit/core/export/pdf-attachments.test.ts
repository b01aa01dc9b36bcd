// Verifying a PDF someone handed over: hostile files (small PDFs that inflate to gigabytes) get a clear invalid-input
// and the process lives on; real files still verify.

import zlib from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../../electron/core/db/connection.ts';
import { type DecisionRecord, LIMITS } from '../../../../electron/core/domain/index.ts';
import { pdfAttachments, readRecordFile } from '../../../../electron/core/export/pdf-attachments.ts';
import { createService, dispatch } from '../../../../electron/core/service.ts';

/** A PDF written by hand: the objects in order (numbered from 1), a classic xref table and a trailer. */
function craftPdf(objects: (string | { dict: string; stream: Buffer })[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  const push = (part: Buffer) => {
    parts.push(part);
    length += part.length;
  };
  objects.forEach((object, index) => {
    offsets.push(length);
    if (typeof object === 'string') {
      push(Buffer.from(`${index + 1} 0 obj\n${object}\nendobj\n`, 'latin1'));
    } else {
      push(Buffer.from(`${index + 1} 0 obj\n${object.dict.replace('%LENGTH%', String(object.stream.length))}\nstream\n`, 'latin1'));
      push(object.stream);
      push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    }
  });
  const xref = length;
  const rows = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const page = ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>'];

/** Valid JSON padded with spaces to `size` bytes, deflated: a few kilobytes on disk. */
function inflatesTo(size: number): Buffer {
  const json = Buffer.alloc(size, 0x20);
  json.write('{"format":"decision-desk/record@1"}');
  return zlib.deflateSync(json, { level: 9 });
}

/** An exported-looking PDF whose attached record.json inflates to `size` bytes. */
function attachmentBomb(size: number): Buffer {
  return craftPdf([
    '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(record.json) 4 0 R] >> >> >>',
    ...page,
    '<< /Type /Filespec /F (record.json) /UF (record.json) /EF << /F 5 0 R >> >>',
    { dict: '<< /Type /EmbeddedFile /Subtype /application#2Fjson /Filter /FlateDecode /Length %LENGTH% >>', stream: inflatesTo(size) },
  ]);
}

/** A PDF with an object stream that inflates to `size` bytes: pdf-lib inflates it while merely loading the file. */
function objectStreamBomb(size: number): Buffer {
  const body = Buffer.alloc(size, 0x20);
  body.write('6 0 << /A 1 >>');
  return craftPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    ...page,
    '<< /Producer (nobody) >>',
    { dict: '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %LENGTH% >>', stream: zlib.deflateSync(body, { level: 9 }) },
  ]);
}

const over = LIMITS.recordJsonBytes + 1024 * 1024;
let bomb: Buffer;
beforeAll(() => {
  bomb = attachmentBomb(over);
});

describe('reading a PDF someone handed over', () => {
  it('refuses an attached record.json that inflates past the largest record.json there can be', async () => {
    expect(bomb.length).toBeLessThan(200_000);
    await expect(readRecordFile(bomb)).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/too large when decompressed/) });
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
    const report = await dispatch(service, 'records.verifyFile', { fileName: 'x.pdf', base64: Buffer.from(bytes).toString('base64') });
    expect(report).toMatchObject({ ok: true, value: { id: created.value.id, contentHashMatches: true } });
  });

  it('answers verifyFile with invalid-input for a bomb, through the service', async () => {
    const service = createService({ db: openMemoryDatabase() });
    const result = await dispatch(service, 'records.verifyFile', { fileName: 'bomb.pdf', base64: bomb.toString('base64') });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/too large when decompressed/) } });
  });
});
