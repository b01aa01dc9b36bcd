// The office's seal (PAdES B-B) on exported PDFs, checked by poppler's pdfsig, qpdf and pdftotext as well as by
// checkPdfSeal; then the seal broken every way a file from outside might break it.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFHexString, PDFName, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfEngine } from '../../../../electron/core/export/chromium-engine.ts';
import { pdfAttachments } from '../../../../electron/core/export/pdf-attachments.ts';
import {
  CHANGED_AFTER_SEALING,
  checkPdfSeal,
  NOT_SEALED,
  sealPdf,
  type SealIdentity,
  type SealInfo,
} from '../../../../electron/core/export/pdf-seal.ts';
import { exportPdf } from '../../../../electron/core/export/pdf.ts';
import { signedRecord, templateWithLogo } from '../../../fixtures/records/index.ts';
import { ecdsaChainSeal, OFFICE, rsaSeal } from '../../../helpers/seal.ts';
import { pdfText, run, tempDir } from './support.ts';

const info: SealInfo = {
  name: 'Swyddfa Comisiynydd Heddlu a Throseddu \u2013 Kent',
  reason: 'Published record of decision',
  location: 'Maidstone',
  // Whole seconds: the M entry keeps no more. Now, as the test certificates are valid from yesterday.
  signingTime: new Date(Math.floor(Date.now() / 1000) * 1000),
};
const fingerprint = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

let dir: string;
/** Runs a poppler or qpdf tool on the bytes, answering its output and exit code rather than throwing. */
async function tool(name: string, args: string[], bytes: Uint8Array): Promise<{ out: string; code: number }> {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, bytes);
  try {
    const { stdout, stderr } = await run(`/usr/bin/${name}`, [...args, file], { maxBuffer: 16 * 1024 * 1024 });
    return { out: stdout + stderr, code: 0 };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; code?: number };
    return { out: `${failure.stdout ?? ''}${failure.stderr ?? ''}`, code: failure.code ?? -1 };
  } finally {
    fs.rmSync(file, { force: true });
  }
}
const pdfsig = (bytes: Uint8Array) => tool('pdfsig', ['-nocert'], bytes);

/** The two signed ranges of a file with one seal, from its ByteRange. */
function byteRange(bytes: Uint8Array): number[] {
  const match = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(latin1(bytes));
  if (!match) throw new Error('no ByteRange');
  return match.slice(1).map(Number);
}

/** An incremental update after the seal: a new Info dictionary, with its own xref section and trailer. */
function appendInfoUpdate(bytes: Uint8Array): Uint8Array {
  const text = latin1(bytes);
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const size = Number(/\/Size (\d+)/.exec(trailer)![1]);
  const root = /\/Root (\d+ \d+ R)/.exec(trailer)![1];
  const previous = Number(/startxref\s+(\d+)/.exec(trailer)![1]);
  const object = `\n${size} 0 obj\n<< /Title (Changed after sealing) >>\nendobj\n`;
  const xref = bytes.byteLength + object.length;
  const update =
    `${object}xref\n${size} 1\n${String(bytes.byteLength + 1).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${previous} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.concat([bytes, Buffer.from(update, 'latin1')]);
}

/** A PDF with a signature dictionary whose /Contents is `contentsHex`, its ByteRange framing it as a real one would. */
async function craftedSignature(contentsHex: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage();
  const placeholder = PDFName.of('**********');
  pdf.context.register(
    pdf.context.obj({
      Type: 'Sig',
      SubFilter: 'ETSI.CAdES.detached',
      ByteRange: [0, placeholder, placeholder, placeholder],
      Contents: PDFHexString.of(contentsHex),
    }),
  );
  const bytes = Buffer.from(await pdf.save({ useObjectStreams: false }));
  const text = bytes.toString('latin1');
  const at = text.indexOf('/ByteRange [');
  const end = text.indexOf(']', at) + 1;
  const open = text.indexOf('<', text.indexOf('/Contents ', at));
  const close = text.indexOf('>', open) + 1;
  const range = `/ByteRange [0 ${open} ${close} ${bytes.length - close}]`.padEnd(end - at, ' ');
  bytes.write(range, at, 'latin1');
  return bytes;
}

async function simplePdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf
    .addPage()
    .drawText('A record sealed with an RSA key', { x: 50, y: 700, font: await pdf.embedFont(StandardFonts.Helvetica) });
  await pdf.attach(Buffer.from('{"format":"decision-desk/record@1"}'), 'record.json', { mimeType: 'application/json' });
  return pdf.save({ useObjectStreams: false });
}

describe('sealing an exported PDF', () => {
  const engine = new ChromiumPdfEngine();
  let ecdsa: SealIdentity;
  let rsa: SealIdentity;
  let unsealed: Uint8Array;
  let sealed: Uint8Array;
  let sealedRsa: Uint8Array;

  beforeAll(async () => {
    dir = tempDir('seal');
    [ecdsa, rsa] = await Promise.all([ecdsaChainSeal(), rsaSeal()]);
    const meta = { appVersion: '9.8.7' };
    unsealed = await exportPdf(signedRecord(), templateWithLogo(), engine, meta);
    sealed = await exportPdf(signedRecord(), templateWithLogo(), engine, { ...meta, seal: { identity: ecdsa, info } });
    sealedRsa = await sealPdf(await simplePdf(), rsa, { ...info, location: undefined });
  }, 120_000);
  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is a valid signature over the whole document for pdfsig, ECDSA chain and RSA alike', async () => {
    for (const [bytes, commonName] of [
      [sealed, `${OFFICE} seal`],
      [sealedRsa, `${OFFICE} RSA seal`],
    ] as const) {
      const { out } = await pdfsig(bytes);
      expect(out).toContain('Signature is Valid');
      expect(out).toMatch(/^\s*- Total document signed$/m);
      expect(out).toContain(`Signer Certificate Common Name: ${commonName}`);
      expect(out).toContain('Signature Type: ETSI.CAdES.detached');
      expect(out).toContain('Signing Hash Algorithm: SHA-256');
    }
  });

  it('is intact, whole and by the seal for checkPdfSeal, with the chain signer first', async () => {
    const report = await checkPdfSeal(sealed);
    expect(report).toMatchObject({
      sealed: true,
      intact: true,
      coversWholeFile: true,
      signedAt: info.signingTime.toISOString(),
      problems: [],
    });
    expect(report.signer).toEqual({
      subject: `CN=${OFFICE} seal, O=${OFFICE}, C=GB`,
      issuer: `CN=${OFFICE} root, O=${OFFICE}, C=GB`,
      serialNumber: '2a',
      fingerprint: fingerprint(ecdsa.certificates[0]!),
    });
    expect(report.chain).toEqual(ecdsa.certificates.map(fingerprint));
    expect(report.certificates.map((der) => Buffer.from(der))).toEqual(
      ecdsa.certificates.map((der) => Buffer.from(der)),
    );
    expect(await checkPdfSeal(sealedRsa)).toMatchObject({
      sealed: true,
      intact: true,
      coversWholeFile: true,
      problems: [],
      chain: [fingerprint(rsa.certificates[0]!)],
    });
  });

  it('writes the name and reason into the signature dictionary as given, Welsh and dashes included', async () => {
    const pdf = await PDFDocument.load(sealed);
    const signature = pdf.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .find(
        (object) =>
          'get' in object && String((object as { get(n: PDFName): unknown }).get(PDFName.of('Type'))) === '/Sig',
      ) as unknown as {
      lookup(n: PDFName): PDFHexString;
    };
    expect(signature.lookup(PDFName.of('Name')).decodeText()).toBe(info.name);
    expect(signature.lookup(PDFName.of('Reason')).decodeText()).toBe(info.reason);
    expect(signature.lookup(PDFName.of('Location')).decodeText()).toBe('Maidstone');
  });

  it('keeps the file whole for qpdf, its text for pdftotext and its record.json', async () => {
    const check = await tool('qpdf', ['--check'], sealed);
    expect(check.code, check.out).toBe(0);
    expect(check.out).toContain('No syntax or stream encoding errors found');
    expect((await pdfText(sealed)).replace(/\s+/g, ' ')).toContain(
      'Joint Victim Support Service with Neighbouring Forces',
    );
    const [attachment] = await pdfAttachments(sealed);
    expect(JSON.parse(new TextDecoder().decode(attachment!.bytes))).toEqual(signedRecord());
    expect(sealed.byteLength - unsealed.byteLength).toBeLessThan(16_000);
  });

  it('says the PDF was changed when one byte inside the signed range is', async () => {
    const changed = Buffer.from(sealed);
    // A hex digit of the Info dictionary's title: the file still parses, it just says something else.
    const at = latin1(changed).indexOf('/Title <FEFF') + '/Title <FEFF'.length + 2;
    expect(at).toBeLessThan(byteRange(sealed)[1]!);
    changed[at] = changed[at] === 0x34 ? 0x35 : 0x34;
    const { out } = await pdfsig(changed);
    expect(out).not.toContain('Signature is Valid');
    expect(out).toMatch(/Digest Mismatch|Invalid/i);
    const report = await checkPdfSeal(changed);
    expect(report).toMatchObject({ sealed: true, intact: false, coversWholeFile: true });
    expect(report.problems).toContain(CHANGED_AFTER_SEALING);
    expect(report.signer?.fingerprint).toBe(fingerprint(ecdsa.certificates[0]!));
  });

  it('says the seal no longer covers the file after an incremental update, or bytes merely appended', async () => {
    const updated = appendInfoUpdate(sealed);
    const { out } = await pdfsig(updated);
    expect(out).toContain('Not total document signed');
    const report = await checkPdfSeal(updated);
    expect(report).toMatchObject({ sealed: true, intact: true, coversWholeFile: false });
    expect(report.problems.join('\n')).toMatch(
      new RegExp(`${CHANGED_AFTER_SEALING}: [\\d,]+ bytes were added after the sealed part`),
    );

    const appended = Buffer.concat([sealed, Buffer.from('\n% a comment\n')]);
    expect(await checkPdfSeal(appended)).toMatchObject({ sealed: true, intact: true, coversWholeFile: false });
  });

  it('says an unsealed PDF is not sealed', async () => {
    expect(await checkPdfSeal(unsealed)).toEqual({
      sealed: false,
      intact: false,
      coversWholeFile: false,
      signedAt: null,
      signer: null,
      chain: [],
      certificates: [],
      problems: [NOT_SEALED],
    });
  });

  it('refuses to seal an already signed PDF, or with a key that is not the certificate’s or not allowed', async () => {
    await expect(sealPdf(sealedRsa, rsa, info)).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/already signed/),
    });
    const mismatched = { privateKey: rsa.privateKey, certificates: ecdsa.certificates };
    await expect(sealPdf(unsealed, mismatched, info)).rejects.toMatchObject({
      message: expect.stringMatching(/private key does not belong to its certificate/),
    });
    const p384 = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, false, ['sign']);
    await expect(sealPdf(unsealed, { ...ecdsa, privateKey: p384.privateKey }, info)).rejects.toMatchObject({
      message: expect.stringMatching(/ECDSA P-256 or RSA/),
    });
    await expect(
      sealPdf(unsealed, { ...ecdsa, certificates: [new Uint8Array([1, 2, 3])] }, info),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/certificate 1 of its chain is not a DER X.509 certificate/),
    });
    await expect(
      sealPdf(unsealed, ecdsa, { ...info, signingTime: new Date('2001-01-01T00:00:00Z') }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/certificate is valid from .* not at 2001-01-01/),
    });
  });
});

describe('checking a hostile seal', () => {
  beforeAll(() => {
    dir = tempDir('seal-hostile');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives a clear problem for garbage where the CMS should be', async () => {
    const report = await checkPdfSeal(await craftedSignature('de'.repeat(3000)));
    expect(report).toMatchObject({ sealed: true, intact: false, signer: null });
    expect(report.problems.join('\n')).toMatch(/the seal cannot be read: its signature data is not a CMS signature/);
  });

  it('refuses to parse a huge /Contents, quickly and with a clear problem', async () => {
    const report = await checkPdfSeal(await craftedSignature('30'.repeat(4 * 1024 * 1024)));
    expect(report).toMatchObject({ sealed: true, intact: false });
    expect(report.problems.join('\n')).toMatch(/signature data is 4,?096 KB, more than any seal needs/);
  });

  it('gives a clear problem for a ByteRange outside the file, and for a file that is not a PDF', async () => {
    const bytes = Buffer.from(await craftedSignature('00'.repeat(100)));
    const text = bytes.toString('latin1');
    const at = text.indexOf('/ByteRange [');
    bytes.write(`/ByteRange [0 10 99999999 5]`.padEnd(text.indexOf(']', at) + 1 - at, ' '), at, 'latin1');
    expect((await checkPdfSeal(bytes)).problems.join('\n')).toMatch(/byte range is not a range of this file/);

    const garbage = await checkPdfSeal(Buffer.from('this is not a PDF at all'));
    expect(garbage).toMatchObject({ sealed: false, intact: false });
    expect(garbage.problems.join('\n')).toMatch(/^this PDF cannot be read \(.+\), so its seal cannot be checked$/);
    expect((await checkPdfSeal(Buffer.from('%PDF-1.7\nnothing after the header'))).problems).toEqual([NOT_SEALED]);
  });
});
