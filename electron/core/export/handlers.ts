// The export methods of the API: preview HTML, Word, PDF and the decision register, for one record or the office.

import packageJson from '../../../package.json' with { type: 'json' };
import type { Handlers } from '../../contract.ts';
import {
  type DecisionRecord,
  londonDay,
  NotAllowedError,
  NotFoundError,
  type OfficeTemplate,
  type Settings,
} from '../domain/index.ts';
import type { WritableDB } from '../db/connection.ts';
import { listAudit } from '../db/audit.ts';
import { getRevision } from '../db/revisions.ts';
import { registerRecords } from '../db/records.ts';
import { exportFileName } from './filenames.ts';
import { printJob, renderRecordHtml } from './html.ts';
import { buildPublicationPack, type PackInput } from './pack.ts';
import type { PdfEngine } from './pdf-engine.ts';
import type { PdfRendition } from './pdf.ts';
import { exportRegister } from './register.ts';
import { webKey } from '../trust/pki.ts';
import { recordFile, recordFileText, recordTemplate } from '../templates.ts';

export const APP_VERSION: string = packageJson.version;

export const MEDIA_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  zip: 'application/zip',
  json: 'application/json',
} as const;

export interface ExportInternals {
  db: WritableDB;
  settings: () => Settings;
  requireRecord: (key: string) => DecisionRecord;
  /** The PDF engine, started on first use and shared by every export. */
  pdfEngine: () => PdfEngine;
  /** This device's publishing key, when it has one: exports of decided and published records are sealed with it. */
  sealer?: () => PdfSealer | null;
  now?: () => Date;
}

type ExportMethods =
  | 'export.preview'
  | 'export.previewPdf'
  | 'export.warmUp'
  | 'export.docx'
  | 'export.json'
  | 'export.pdf'
  | 'export.register'
  | 'export.contents'
  | 'export.publicationPack';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

// docx and pdf-lib are loaded on the first export, not at start-up: together they cost ~190 ms of every CLI command
// and app start.

/** A key that seals PDFs for the office: this device's publishing key and its chain up to the seal (DER). */
export interface PdfSealer {
  pkcs8: Uint8Array;
  certificates: Uint8Array[];
}

/**
 * The template each record prints with: the version it was made with, under this office's seal and publication
 * policy (templates.ts). Every export of a record goes through it; the office's own template is for what is the
 * office's (the seal's name, the pack's and register's headings).
 */
export const printTemplate =
  (db: WritableDB, settings: Settings) =>
  (record: DecisionRecord): OfficeTemplate =>
    recordTemplate(db, record, settings.template);

/**
 * The record's PDF. The archive copy (the office's, and the shared folder's bundle): PDF/A-3b with the "Record of
 * signing" page once there is signing to record, record.json and audit.json attached, and, given a sealer, sealed
 * (PAdES) so any PDF reader shows whether a byte changed since. The public copy: see publicPdf.
 */
export async function recordPdf(
  db: WritableDB,
  record: DecisionRecord,
  settings: Settings,
  engine: PdfEngine,
  sealer?: PdfSealer | null,
  rendition: PdfRendition = 'archive',
): Promise<Uint8Array> {
  if (rendition === 'public') return publicPdf(db, record, settings, engine);
  const audit = listAudit(db, record.id);
  const hasSigningHistory =
    record.status !== 'draft' || audit.some((e) => e.action === 'declined' || e.action === 'returned-to-draft');
  const signingAudit = settings.recordOfSigningPage && hasSigningHistory ? audit : undefined;
  const { exportPdf } = await import('./pdf.ts');
  const seal = sealer
    ? {
        identity: { privateKey: await webKey(sealer.pkcs8), certificates: sealer.certificates },
        info: {
          name: settings.template.officeName,
          reason: [
            'Record of Decision',
            record.reference,
            `as ${record.status === 'published' ? 'published' : 'decided'} by the ${settings.template.commissionerTitle}`,
          ]
            .filter(Boolean)
            .join(' '),
          location: settings.template.area,
          signingTime: new Date(),
        },
      }
    : undefined;
  return exportPdf(record, printTemplate(db, settings)(record), engine, {
    appVersion: APP_VERSION,
    signingAudit,
    seal,
    audit: record.status === 'draft' ? undefined : audit,
    recordFile: recordFile(db, record, settings.template),
  });
}

/**
 * The record's public copy, for the website: tagged, no attachments, no record of signing, no device names or
 * internal status; signatures and officers' comments as settings.template.publication says. A confidential record
 * has none.
 */
export async function publicPdf(
  db: WritableDB,
  record: DecisionRecord,
  settings: Settings,
  engine: PdfEngine,
): Promise<Uint8Array> {
  if (record.classification === 'confidential') {
    throw new NotAllowedError('A confidential record has no public copy; the register shows its public summary.');
  }
  const { exportPdf } = await import('./pdf.ts');
  return exportPdf(record, printTemplate(db, settings)(record), engine, {
    appVersion: APP_VERSION,
    rendition: 'public',
  });
}

export async function recordDocx(db: WritableDB, record: DecisionRecord, settings: Settings): Promise<Uint8Array> {
  const { exportDocx } = await import('./docx.ts');
  return exportDocx(record, printTemplate(db, settings)(record));
}

/** The two printed forms of a published bundle, made as the Export buttons make them; the PDF the sealed archive copy. */
export async function recordBundle(
  db: WritableDB,
  record: DecisionRecord,
  settings: Settings,
  engine: PdfEngine,
  sealer: PdfSealer | null,
) {
  return { pdf: await recordPdf(db, record, settings, engine, sealer), docx: await recordDocx(db, record, settings) };
}

/**
 * The PDF put beside each open decision in the publication pack. The one place that says which rendition it is:
 * made lazily, so a pack whose PDFs are all unchanged never starts the engine.
 */
export function packPdf(db: WritableDB, settings: () => Settings, engine: () => PdfEngine): PackInput['publicPdf'] {
  return (record) => publicPdf(db, record, settings(), engine());
}

/** What the publication pack is made from, now: the register's records, each with its template, and the office's. */
export function publicationPackInput(
  db: WritableDB,
  settings: () => Settings,
  engine: () => PdfEngine,
  now: Date,
): PackInput {
  const office = settings();
  return {
    records: registerRecords(db),
    template: office.template,
    templateOf: printTemplate(db, office),
    now,
    publicPdf: packPdf(db, settings, engine),
  };
}

/** The publication pack as one zip file, its folders kept, for the window's "Publication pack" button. */
export async function publicationPackZip(input: PackInput): Promise<Uint8Array> {
  const { zipSync } = await import('fflate');
  const files = await buildPublicationPack(input);
  // PDFs are compressed already; the text files shrink well.
  return zipSync(
    Object.fromEntries(
      files.map((file) => [file.path, [file.bytes, { level: file.path.endsWith('.pdf') ? 0 : 6 }] as const]),
    ),
    { mtime: input.now },
  );
}

export function exportHandlers(ctx: ExportInternals): Pick<Handlers, ExportMethods> {
  let warmedUp = false;
  return {
    'export.preview': ({ id, revision }) => {
      const record = ctx.requireRecord(id);
      const shown = revision === undefined ? record : getRevision(ctx.db, record.id, revision);
      if (!shown) throw new NotFoundError(`Record ${record.reference ?? record.id} has no saved revision ${revision}.`);
      return { html: renderRecordHtml(shown, printTemplate(ctx.db, ctx.settings())(shown)) };
    },

    // The engine's print alone: conforming, attaching and sealing are for files that are kept, and would add to the
    // wait between a save and the pages shown.
    'export.previewPdf': async ({ id }) => {
      const record = ctx.requireRecord(id);
      const { html, options } = printJob(record, printTemplate(ctx.db, ctx.settings())(record));
      return { base64: base64(await ctx.pdfEngine().print(html, options)) };
    },

    // Once per service: the engine's start and the export modules' loading, paid while the person reads the register.
    'export.warmUp': async () => {
      if (warmedUp) return { warming: false };
      warmedUp = true;
      const engine = ctx.pdfEngine();
      void Promise.all([engine.warm?.(), import('./pdf.ts'), import('./docx.ts')]).catch(() => undefined);
      return { warming: engine.warm !== undefined };
    },

    'export.docx': async ({ id }) => {
      const record = ctx.requireRecord(id);
      const bytes = await recordDocx(ctx.db, record, ctx.settings());
      return { fileName: exportFileName(record, 'docx'), mediaType: MEDIA_TYPES.docx, base64: base64(bytes) };
    },

    'export.json': ({ id }) => {
      const record = ctx.requireRecord(id);
      const text = recordFileText(ctx.db, record, ctx.settings().template);
      return {
        fileName: exportFileName(record, 'json'),
        mediaType: MEDIA_TYPES.json,
        base64: Buffer.from(text, 'utf8').toString('base64'),
      };
    },

    'export.pdf': async ({ id, rendition }) => {
      const record = ctx.requireRecord(id);
      // A draft's or unsigned record's export is a working copy: it is not sealed, and Verify says so.
      const final = record.status === 'decided' || record.status === 'published';
      const bytes = await recordPdf(
        ctx.db,
        record,
        ctx.settings(),
        ctx.pdfEngine(),
        final ? ctx.sealer?.() : null,
        rendition,
      );
      const fileName = exportFileName(record, 'pdf', rendition === 'public' ? '(public)' : undefined);
      return { fileName, mediaType: MEDIA_TYPES.pdf, base64: base64(bytes) };
    },

    // The public copy as the website gets it, read back from its bytes; a confidential record has none.
    'export.contents': async ({ id }) => {
      const record = ctx.requireRecord(id);
      if (record.classification === 'confidential') return [];
      const settings = ctx.settings();
      const bytes = await publicPdf(ctx.db, record, settings, ctx.pdfEngine());
      const { describeContents, internalTexts, recordPeople } = await import('./contents.ts');
      const internal = internalTexts(record, printTemplate(ctx.db, settings)(record));
      return [await describeContents(bytes, exportFileName(record, 'pdf', '(public)'), recordPeople(record), internal)];
    },

    'export.publicationPack': async () => {
      const now = ctx.now?.() ?? new Date();
      const zip = await publicationPackZip(publicationPackInput(ctx.db, ctx.settings, ctx.pdfEngine, now));
      return { fileName: `Publication pack ${londonDay(now)}.zip`, mediaType: MEDIA_TYPES.zip, base64: base64(zip) };
    },

    'export.register': ({ full }) => {
      const settings = ctx.settings();
      const csv = exportRegister(registerRecords(ctx.db), settings.template, {
        full,
        templateOf: printTemplate(ctx.db, settings),
      });
      const today = new Date().toISOString().slice(0, 10);
      return {
        fileName: `Decision register ${today}${full ? ' (full)' : ''}.csv`,
        mediaType: MEDIA_TYPES.csv,
        base64: Buffer.from(csv, 'utf8').toString('base64'),
      };
    },
  };
}
