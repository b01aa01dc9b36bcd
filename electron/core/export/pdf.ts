// The PDF export: the HTML form printed by a PdfEngine, then titled, tagged and given its record.json with pdf-lib.

import { AFRelationship, PDFDocument } from 'pdf-lib';
import type { AuditEntry, DecisionRecord, OfficeTemplate } from '../domain/index.ts';
import { documentTitle, referenceText } from './form.ts';
import { printJob } from './html.ts';
import type { PdfEngine } from './pdf-engine.ts';
import { addSealField, fillSeal, type SealIdentity, type SealInfo } from './pdf-seal.ts';

export interface PdfMeta {
  /** The app's version, written as the PDF's creator. */
  appVersion: string;
  /** The audit trail for the closing "Record of signing" page; left out, the PDF has no such page. */
  signingAudit?: readonly AuditEntry[];
  /** The record's audit trail, attached as audit.json so its hash chain travels with the record and Verify checks it. */
  audit?: readonly AuditEntry[];
  /** The office's seal, a PAdES signature over the whole file; left out, the PDF is not sealed. */
  seal?: { identity: SealIdentity; info: SealInfo };
}

export const AUDIT_FILE = 'audit.json';
export const AUDIT_FORMAT = 'decision-desk/audit/1';

/** The record.json bytes embedded in the PDF: the record exactly as it is stored and exchanged. */
export function recordJsonBytes(record: DecisionRecord): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`);
}

/** Prints the record through the engine and returns the finished PDF. */
export async function exportPdf(record: DecisionRecord, template: OfficeTemplate, engine: PdfEngine, meta: PdfMeta): Promise<Uint8Array> {
  const { html, options } = printJob(record, template, { signingAudit: meta.signingAudit });
  const printed = await engine.print(html, options);
  // updateMetadata: false keeps Chromium's dates and producer instead of pdf-lib's own.
  const pdf = await PDFDocument.load(printed, { updateMetadata: false });
  pdf.setTitle(documentTitle(record, template), { showInWindowTitleBar: true });
  pdf.setAuthor(template.officeName);
  pdf.setSubject(referenceText(record));
  pdf.setKeywords([template.labels.heading, ...(record.reference ? [record.reference] : []), record.classification, record.status]);
  pdf.setLanguage('en-GB');
  pdf.setCreator(`Decision Desk ${meta.appVersion}`);
  await pdf.attach(recordJsonBytes(record), 'record.json', {
    mimeType: 'application/json',
    description: 'This record in Decision Desk\u2019s record.json format',
    creationDate: new Date(record.createdAt),
    modificationDate: new Date(record.updatedAt),
    afRelationship: AFRelationship.Data,
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
