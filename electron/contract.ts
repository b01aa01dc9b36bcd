// The API between the window and the application: one entry per method, with its input schema and result type.
// Main (IPC), preload (window.desk), the web bridge and the renderer's api.ts all derive from this one table.

import { z } from 'zod';
import {
  Classification,
  type DecisionRecord,
  type DeskErrorData,
  type ImportOutcome,
  type Page,
  RecordId,
  RecordPatchSchema,
  RecordStatus,
  type RecordSummary,
  type AuditEntry,
  SignatoryRole,
  StrokeSchema,
  type VerifyReport,
  ReferenceSchema,
  type RevisionSummary,
  type SearchHit,
  type Settings,
  SettingsPatchSchema,
} from './core/domain/index.ts';
import { CONFLICT_ACTIONS, type SyncConflictView, type SyncStatus, type SyncSummary } from './core/sync/types.ts';

/** A record named by its id or, where it has one, its reference ("OPCC.D.021.18"). */
const RecordKey = z.string().min(1).max(100);
const Revision = z.number().int().min(1);
const SignerName = z.string().trim().min(1, { error: 'the signatory\u2019s name is required' }).max(200);
const Reason = z.string().trim().min(1, { error: 'a reason is required' }).max(5_000);

const Filters = {
  status: z.array(RecordStatus).max(4).optional(),
  year: z.number().int().min(2000).max(2099).optional(),
  classification: Classification.optional(),
  direction: z.enum(['asc', 'desc']).default('desc'),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).max(10_000_000).default(0),
};
export const RecordSortSchema = z.enum(['updated', 'created', 'reference', 'title']);

export const contract = {
  'records.create': {
    input: z.strictObject({
      content: RecordPatchSchema.optional(),
      reference: ReferenceSchema.nullable().optional(),
    }),
  },
  'records.get': { input: z.strictObject({ id: RecordKey }) },
  'records.save': {
    input: z.strictObject({
      id: RecordId,
      /** The revision the edits were made on: if the record has moved on since, the save is a conflict. */
      baseRevision: Revision,
      patch: RecordPatchSchema,
      /** "auto" for autosaves (coalesced in history), "explicit" for Save. */
      mode: z.enum(['auto', 'explicit']).default('explicit'),
    }),
  },
  'records.list': {
    input: z.strictObject({
      ...Filters,
      sort: RecordSortSchema.default('updated'),
      /** The bin's drafts (most recently deleted first) instead of the register. */
      bin: z.boolean().default(false),
    }),
  },
  /** Deletes a draft that never had a reference to the bin: out of the register and search, kept and restorable. */
  'records.delete': { input: z.strictObject({ id: RecordId }) },
  /** Puts a draft from the bin back into the register. */
  'records.restoreFromBin': { input: z.strictObject({ id: RecordId }) },
  'records.search': {
    input: z.strictObject({
      ...Filters,
      text: z.string().max(500),
      sort: z.enum(['updated', 'created', 'reference', 'title', 'relevance']).default('updated'),
    }),
  },
  'records.history': { input: z.strictObject({ id: RecordId }) },
  'records.revision': { input: z.strictObject({ id: RecordId, revision: Revision }) },
  'records.restore': { input: z.strictObject({ id: RecordId, revision: Revision, baseRevision: Revision }) },
  'records.import': {
    /** A whole record.json, checked by the service so each file gets its own clear error. */
    input: z.strictObject({ record: z.unknown() }),
  },
  'records.submit': { input: z.strictObject({ id: RecordId, baseRevision: Revision }) },
  'records.sign': {
    input: z.strictObject({
      id: RecordId,
      role: SignatoryRole,
      name: SignerName,
      /** The signatory's comments; left out, the comments already on the record are kept. */
      comments: z.string().max(20_000).optional(),
      /** The trimmed transparent PNG, as a data URL; checked to be a real PNG under 2 MB and 4000 px. */
      image: z.string().max(3_000_000),
      /** The pen strokes the image was drawn from; empty for an image signed elsewhere (e.g. the CLI's --image). */
      strokes: z.array(StrokeSchema).max(2_000).default([]),
    }),
  },
  'records.decline': {
    input: z.strictObject({ id: RecordId, role: SignatoryRole, name: SignerName, reason: Reason }),
  },
  'records.paperSignature': {
    input: z.strictObject({
      id: RecordId,
      role: SignatoryRole,
      name: SignerName,
      /** As for records.sign: left out, the comments already on the record are kept. */
      comments: z.string().max(20_000).optional(),
      /** The day the printed form was signed, YYYY-MM-DD: not before the record was submitted, not after today. */
      signedOn: z.iso.date({ error: 'must be a date, YYYY-MM-DD' }),
      /** A scan of the signed page, as a PNG data URL, or null. */
      scan: z.string().max(3_000_000).nullable().default(null),
    }),
  },
  'records.returnToDraft': { input: z.strictObject({ id: RecordId, reason: Reason }) },
  'records.audit': { input: z.strictObject({ id: RecordKey }) },
  'records.verify': {
    /** A whole record.json, e.g. read from a file or from a PDF's attachment. */
    input: z.strictObject({ record: z.unknown() }),
  },
  /** The printed form as HTML; with `revision`, as it stood at that saved revision (history). */
  'export.preview': { input: z.strictObject({ id: RecordKey, revision: Revision.optional() }) },
  'export.docx': { input: z.strictObject({ id: RecordKey }) },
  'export.pdf': { input: z.strictObject({ id: RecordKey }) },
  'export.register': {
    /** full: show confidential records' titles too (for the office, not for publication). */
    input: z.strictObject({ full: z.boolean().default(false) }),
  },
  'records.verifyFile': {
    /** A record.json or an exported PDF, as a person picked it: its name (for messages) and its bytes. */
    input: z.strictObject({ fileName: z.string().max(260), base64: z.base64().max(70_000_000) }),
  },
  'sync.status': { input: z.strictObject({}) },
  /** One pass now: hand over, collect signatures, claim references, publish. */
  'sync.now': { input: z.strictObject({}) },
  'sync.conflicts': { input: z.strictObject({}) },
  'sync.resolve': { input: z.strictObject({ id: z.number().int().min(1), action: z.enum(CONFLICT_ACTIONS) }) },
  'settings.get': { input: z.strictObject({}) },
  'settings.update': { input: z.strictObject({ patch: SettingsPatchSchema }) },
} as const satisfies Record<string, { input: z.ZodType }>;

export interface ContractResults {
  'records.create': DecisionRecord;
  'records.get': DecisionRecord;
  'records.save': DecisionRecord;
  'records.list': Page<RecordSummary>;
  'records.delete': { id: string; binnedAt: string };
  'records.restoreFromBin': DecisionRecord;
  'records.search': Page<SearchHit>;
  'records.history': RevisionSummary[];
  'records.revision': DecisionRecord;
  'records.restore': DecisionRecord;
  'records.import': ImportOutcome;
  'records.submit': DecisionRecord;
  'records.sign': DecisionRecord;
  'records.decline': DecisionRecord;
  'records.paperSignature': DecisionRecord;
  'records.returnToDraft': DecisionRecord;
  'records.audit': AuditEntry[];
  'records.verify': VerifyReport;
  'records.verifyFile': VerifyReport;
  'export.preview': { html: string };
  'export.docx': ExportedFile;
  'export.pdf': ExportedFile;
  'export.register': ExportedFile;
  'sync.status': SyncStatus;
  'sync.now': SyncSummary;
  'sync.conflicts': SyncConflictView[];
  'sync.resolve': SyncConflictView;
  'settings.get': Settings;
  'settings.update': Settings;
}

/** A file made by an export: its suggested name, media type and bytes (base64, so it travels over IPC and HTTP). */
export interface ExportedFile {
  fileName: string;
  mediaType: string;
  base64: string;
}

export type Method = keyof typeof contract;
export const METHODS = Object.keys(contract) as Method[];
/** What a caller sends (defaults may be left out). */
export type MethodInput<M extends Method> = z.input<(typeof contract)[M]['input']>;
/** What the service receives after validation (defaults filled in). */
export type ParsedInput<M extends Method> = z.output<(typeof contract)[M]['input']>;
export type MethodResult<M extends Method> = ContractResults[M];

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: DeskErrorData };

/** The service as the transports see it: one function per method. */
export type Handlers = { [M in Method]: (input: ParsedInput<M>) => MethodResult<M> | Promise<MethodResult<M>> };

/** The API as the window sees it (window.desk, the HTTP bridge): one function per method, returning an envelope. */
export type DeskApi = { [M in Method]: (input: MethodInput<M>) => Promise<Envelope<MethodResult<M>>> };

export function isMethod(name: string): name is Method {
  return Object.hasOwn(contract, name);
}

/**
 * What the app's shell tells the window: a menu command, or (open-record) a record file opened from outside that
 * has just been imported. Electron only; the browser has no native menu. "save-now" means the window is closing.
 */
export type MenuEvent =
  | { command: 'new-record' | 'export-docx' | 'export-pdf' | 'print' | 'show-records' | 'signing-mode' | 'sync-now' | 'save-now' }
  | { command: 'open-record'; id: string };

/** What window.desk has in the app beyond the API: menu events, and printing the record's form on a printer. */
export interface DeskShell {
  /** Calls the listener with each menu event (the payload only); returns the function that unsubscribes. */
  onMenu(listener: (event: MenuEvent) => void): () => void;
  /** Prints the record's form (the same HTML as its PDF) through the system print dialog. */
  print(input: { id: string }): Promise<Envelope<{ printed: boolean }>>;
}

/** window.desk in the Electron app. */
export type DeskBridge = DeskApi & DeskShell;
