// The PDF export: the HTML form printed by a PdfEngine (tagged), made to conform (pdf-conformance.ts), and for the
// archive copy given its record.json and audit.json with pdf-lib and sealed.

import { AFRelationship, PDFDocument } from 'pdf-lib';
import type { AuditEntry, DecisionRecord, OfficeTemplate } from '../domain/index.ts';
import { documentTitle, referenceText } from './form.ts';
import { printJob } from './html.ts';
import { conformPdf } from './pdf-conformance.ts';
import type { PdfEngine } from './pdf-engine.ts';
import { addSealField, fillSeal, type SealIdentity, type SealInfo } from './pdf-seal.ts';

/**
 * archive: the office's copy, PDF/A-3b, with the "Record of signing" page, record.json and audit.json attached and
 * the seal. public: the website's copy, none of those, signatures and comments as template.publication says.
 * Both are tagged (PDF/UA-1).
 */
export type PdfRendition = 'archive' | 'public';

export interface PdfMeta {
  /** The app's version, written as the PDF's creator. */
  appVersion: string;
  /** Which copy; the archive's when left out. The public copy ignores signingAudit, audit and seal. */
  rendition?: PdfRendition;
  /** The audit trail for the closing "Record of signing" page; left out, the PDF has no such page. */
  signingAudit?: readonly AuditEntry[];
  /** The record's audit trail, attached as audit.json so its hash chain travels with the record and Verify checks it. */
  audit?: readonly AuditEntry[];
  /** The office's seal, a PAdES signature over the whole file; left out, the PDF is not sealed. */
  seal?: { identity: SealIdentity; info: SealInfo };
  /**
   * The record.json to attach: the record with its template version beside it (templates.ts recordFile); left out,
   * the record alone.
   */
  recordFile?: Record<string, unknown>;
}

export const AUDIT_FILE = 'audit.json';
export const AUDIT_FORMAT = 'decision-desk/audit/1';

/** The record.json bytes embedded in the PDF: the record exactly as it is stored and exchanged (with its template). */
export function recordJsonBytes(record: DecisionRecord | Record<string, unknown>): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`);
}

/** Prints the record through the engine and returns the finished PDF. */
export async function exportPdf(
  record: DecisionRecord,
  template: OfficeTemplate,
  engine: PdfEngine,
  meta: PdfMeta,
): Promise<Uint8Array> {
  const archive = meta.rendition !== 'public';
  const { html, options } = printJob(
    record,
    template,
    archive ? { signingAudit: meta.signingAudit } : { publicCopy: true },
  );
  const printed = await engine.print(html, options);
  // updateMetadata: false keeps Chromium's producer instead of pdf-lib's own.
  const pdf = await PDFDocument.load(printed, { updateMetadata: false });
  conformPdf(pdf, {
    title: documentTitle(record, template),
    author: template.officeName,
    subject: referenceText(record),
    // The public copy says nothing of the record's internal state.
    keywords: archive
      ? [template.labels.heading, ...(record.reference ? [record.reference] : []), record.classification, record.status]
      : null,
    language: 'en-GB',
    creator: `Decision Desk ${meta.appVersion}`,
    // To the second, as the Info dictionary writes it, so that it and the XMP agree.
    made: new Date(Math.floor(Date.now() / 1000) * 1000),
    archive,
  });
  if (!archive) return pdf.save({ useObjectStreams: false });
  await pdf.attach(recordJsonBytes(meta.recordFile ?? record), 'record.json', {
    mimeType: 'application/json',
    description: 'This record in Decision Desk\u2019s record.json format',
    creationDate: new Date(record.createdAt),
    modificationDate: new Date(record.updatedAt),
    // PDF/A-3: the data this document was made from.
    afRelationship: AFRelationship.Source,
  });
  if (meta.audit && meta.audit.length > 0) {
    const trail = { format: AUDIT_FORMAT, recordId: record.id, entries: meta.audit };
    await pdf.attach(new TextEncoder().encode(`${JSON.stringify(trail, null, 2)}\n`), AUDIT_FILE, {
      mimeType: 'application/json',
      description: 'The audit trail of this record, each entry chained to the one before by its hash',
      creationDate: new Date(record.createdAt),
      modificationDate: new Date(record.updatedAt),
      afRelationship: AFRelationship.Supplement,
    });
  }
  // The seal last of all: nothing may change the file once it is signed.
  const seal = meta.seal ? addSealField(pdf, meta.seal.identity, meta.seal.info) : null;
  // Without object streams the save takes a third of the time, and the seal's placeholders are plain bytes.
  const saved = await pdf.save({ useObjectStreams: false });
  return seal ? fillSeal(saved, seal) : saved;
}
