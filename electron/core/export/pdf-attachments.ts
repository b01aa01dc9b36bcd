// Reads the files embedded in a PDF (the catalog's EmbeddedFiles name tree), e.g. the record.json of an export.

import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { InvalidInputError } from '../domain/index.ts';

export interface PdfAttachment {
  name: string;
  mimeType: string | null;
  relationship: string | null;
  bytes: Uint8Array;
}

const text = (value: unknown) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null);

/** Walks a name tree (Names pairs, or Kids of further nodes), at most `depth` levels, collecting its leaves. */
function nameTreeLeaves(node: PDFDict, depth = 8): { name: string; spec: PDFDict }[] {
  const leaves: { name: string; spec: PDFDict }[] = [];
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  for (let i = 0; names && i + 1 < names.size(); i += 2) {
    const spec = names.lookup(i + 1);
    if (spec instanceof PDFDict) leaves.push({ name: text(names.lookup(i)) ?? '', spec });
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  for (let i = 0; depth > 0 && kids && i < kids.size(); i++) {
    const kid = kids.lookup(i);
    if (kid instanceof PDFDict) leaves.push(...nameTreeLeaves(kid, depth - 1));
  }
  return leaves;
}

export async function pdfAttachments(bytes: Uint8Array): Promise<PdfAttachment[]> {
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: false });
  } catch (error) {
    throw new InvalidInputError(`This PDF cannot be read (${error instanceof Error ? error.message.slice(0, 120) : 'damaged'}).`);
  }
  const tree = pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  if (!tree) return [];
  const attachments: PdfAttachment[] = [];
  for (const { name, spec } of nameTreeLeaves(tree)) {
    const stream = spec.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookup(PDFName.of('F'));
    if (!(stream instanceof PDFRawStream)) continue;
    const subtype = stream.dict.lookupMaybe(PDFName.of('Subtype'), PDFName);
    const relationship = spec.lookupMaybe(PDFName.of('AFRelationship'), PDFName);
    attachments.push({
      name: text(spec.lookup(PDFName.of('UF'))) ?? text(spec.lookup(PDFName.of('F'))) ?? name,
      mimeType: subtype ? subtype.decodeText() : null,
      relationship: relationship ? relationship.decodeText() : null,
      bytes: decodePDFRawStream(stream).decode(),
    });
  }
  return attachments;
}

const PDF_MAGIC = '%PDF-';

/**
 * The record inside a file a person chose to verify: a record.json, or an exported PDF with its attached
 * record.json. Throws invalid-input saying what the file is instead.
 */
export async function readRecordFile(bytes: Uint8Array): Promise<unknown> {
  let json: string;
  if (Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes(PDF_MAGIC)) {
    const attachment = (await pdfAttachments(bytes)).find((a) => a.name === 'record.json');
    if (!attachment) {
      throw new InvalidInputError('This PDF has no record.json attached: it was not exported by Decision Desk, or was re-saved by another program.');
    }
    json = new TextDecoder('utf-8', { fatal: false }).decode(attachment.bytes);
  } else {
    try {
      json = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      throw new InvalidInputError('This file is neither a PDF nor a record.json (it is not UTF-8 text).');
    }
  }
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new InvalidInputError('This file is neither a PDF nor a record.json (it is not valid JSON).');
  }
}
