// Hostile PDFs, written by hand: small files that inflate to far more than they are.

import zlib from 'node:zlib';

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
      push(
        Buffer.from(
          `${index + 1} 0 obj\n${object.dict.replace('%LENGTH%', String(object.stream.length))}\nstream\n`,
          'latin1',
        ),
      );
      push(object.stream);
      push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    }
  });
  const xref = length;
  const rows = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  push(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
      'latin1',
    ),
  );
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
export function attachmentBomb(size: number): Buffer {
  return craftPdf([
    '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(record.json) 4 0 R] >> >> >>',
    ...page,
    '<< /Type /Filespec /F (record.json) /UF (record.json) /EF << /F 5 0 R >> >>',
    {
      dict: '<< /Type /EmbeddedFile /Subtype /application#2Fjson /Filter /FlateDecode /Length %LENGTH% >>',
      stream: inflatesTo(size),
    },
  ]);
}

/** A PDF with an object stream that inflates to `size` bytes: pdf-lib inflates it while merely loading the file. */
export function objectStreamBomb(size: number): Buffer {
  const body = Buffer.alloc(size, 0x20);
  body.write('6 0 << /A 1 >>');
  return craftPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    ...page,
    '<< /Producer (nobody) >>',
    {
      dict: '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %LENGTH% >>',
      stream: zlib.deflateSync(body, { level: 9 }),
    },
  ]);
}
