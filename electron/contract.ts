// The API between the window and the application: one entry per method, with its input schema and result type.
// Main (IPC), preload (window.desk), the web bridge and the renderer's api.ts all derive from this one table.

import { z } from 'zod';
import {
  Classification,
  LIMITS,
  type DecisionRecord,
  type DeskErrorData,
  type ImportOutcome,
  type Page,
  RecordId,
  RecordPatchSchema,
  RecordStatus,
  type RecordSummary,
  type AuditEntry,
  PenPointSchema,
  SignatoryRole,
  StrokeSchema,
  type VerifyReport,
  ReferenceSchema,
  type RevisionSummary,
  type SearchPage,
  type Settings,
  SettingsPatchSchema,
  MIN_PASSPHRASE_LENGTH,
  MIN_PIN_LENGTH,
  type TrustStatus,
  type LateRecord,
  type FileContents,
  type OfficeTemplate,
} from './core/domain/index.ts';
import {
  CONFLICT_ACTIONS,
  type ShareVerification,
  type SyncConflictView,
  type SyncStatus,
  type SyncSummary,
} from './core/sync/types.ts';

/** A record named by its id or, where it has one, its reference ("OPCC.D.021.18"). */
const RecordKey = z.string().min(1).max(100);
/** A template version's identity: the SHA-256 of its definition. */
// The length too, not only the pattern: the bridge's body limit is read from the schema's lengths.
const TemplateHash = z
  .string()
  .max(64)
  .regex(/^[0-9a-f]{64}$/, 'a template hash is 64 lower-case hexadecimal digits');
const Revision = z.number().int().min(1);
const SignerName = z.string().trim().min(1, { error: 'the signatory\u2019s name is required' }).max(200);
const Reason = z.string().trim().min(1, { error: 'a reason is required' }).max(5_000);
const Pin = z
  .string()
  .min(MIN_PIN_LENGTH, { error: `a PIN is at least ${MIN_PIN_LENGTH} characters` })
  .max(200);
const Passphrase = z
  .string()
  .min(MIN_PASSPHRASE_LENGTH, { error: `the passphrase is at least ${MIN_PASSPHRASE_LENGTH} characters` })
  .max(1_000);
// The max makes the body limit finite (the web bridge measures it from the schema); the longest kind is "signatory-".
const KeyId = z
  .string()
  .max(64)
  .regex(/^[a-z]+-[0-9a-f-]{36}$/, { error: 'must be a key id from trust.status' });
const Fingerprint = z
  .string()
  .max(64)
  .regex(/^[0-9a-f]{64}$/, { error: 'must be a SHA-256 fingerprint (64 hexadecimal digits)' });

/** Pen points in one signature, all its strokes together: minutes of a 240 Hz pen, far beyond any signature. */
export const MAX_SIGNATURE_POINTS = 100_000;
const Strokes = z
  .array(StrokeSchema)
  .max(2_000)
  .refine((strokes) => strokes.reduce((total, stroke) => total + stroke.points.length, 0) <= MAX_SIGNATURE_POINTS, {
    error: `a signature may have at most ${MAX_SIGNATURE_POINTS.toLocaleString('en-GB')} pen points`,
  });

/**
 * A whole record.json, as a person picks it: far above any real one (text limits plus signatures), low enough to
 * refuse a wrong file quickly. The CLI reads files up to this size; the bridge reads bodies up to it.
 */
export const MAX_RECORD_FILE_BYTES = LIMITS.recordJsonBytes;

/** The largest template.json read: a logo (under 700,000 characters) and every label and section, with room. */
export const TEMPLATE_FILE_BYTES = 2 * 1024 * 1024;

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
    maxBodyBytes: () => MAX_RECORD_FILE_BYTES,
  },
  'records.submit': { input: z.strictObject({ id: RecordId, baseRevision: Revision }) },
  'records.sign': {
    input: z.strictObject({
      id: RecordId,
      role: SignatoryRole,
      name: SignerName,
      /** The signatory's comments; left out, the comments already on the record are kept. */
      comments: z.string().max(20_000).optional(),
      /** "drawn" with the pen; "typed" for a signatory who cannot use the pen: their name and PIN, no image. */
      method: z.enum(['drawn', 'typed']).default('drawn'),
      /** The trimmed transparent PNG, as a data URL; checked to be a real PNG under 2 MB and 4000 px. null when typed. */
      image: z.string().max(3_000_000).nullable(),
      /** The pen strokes the image was drawn from; empty for an image signed elsewhere (e.g. the CLI's --image). */
      strokes: Strokes.default([]),
      /** The signatory's PIN: it opens their key on this device, which makes the digital signature. */
      pin: Pin,
      /** Which of this device's keys for the role (trust.status keys); left out, the one there is. */
      keyId: KeyId.optional(),
    }),
    /** The strokes' arrays alone would allow gigabytes; their points are counted together (MAX_SIGNATURE_POINTS). */
    maxBodyBytes: () => signatureBytes(),
  },
  'records.decline': {
    /** A signatory declines with their own key and PIN, as they would sign: nobody declines in another's name. */
    input: z.strictObject({
      id: RecordId,
      role: SignatoryRole,
      name: SignerName,
      reason: Reason,
      pin: Pin,
      keyId: KeyId.optional(),
    }),
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
      /** The key of the person recording it (a recorder or signatory enrolled on this device), and their PIN. */
      recorderKeyId: KeyId,
      pin: Pin,
    }),
  },
  'records.returnToDraft': { input: z.strictObject({ id: RecordId, reason: Reason }) },
  'records.audit': { input: z.strictObject({ id: RecordKey }) },
  /** Withdraws a decided or published record from the public register, with the reason shown there. */
  'records.withdraw': { input: z.strictObject({ id: RecordKey, reason: Reason }) },
  /**
   * The decided records still unpublished longer than the office allows (template.publication.overdueDays), longest
   * first: all of them, or the first `limit` (the window's notice lists a few, and says how many there are).
   */
  'records.late': { input: z.strictObject({ limit: z.number().int().min(1).max(1_000).optional() }) },
  /** The references of the later decided records that name this one in publication.supersedes. */
  'records.supersededBy': { input: z.strictObject({ id: RecordKey }) },
  'records.verify': {
    /** A whole record.json, e.g. read from a file or from a PDF's attachment. */
    input: z.strictObject({ record: z.unknown() }),
    maxBodyBytes: () => MAX_RECORD_FILE_BYTES,
  },
  /** The printed form as HTML; with `revision`, as it stood at that saved revision (history). */
  'export.preview': { input: z.strictObject({ id: RecordKey, revision: Revision.optional() }) },
  /**
   * The record's working copy as the PDF engine prints it (pages, header and footer, the outline of its headings),
   * for the paged preview: not made to conform, nothing attached, never sealed. Not a file to keep.
   */
  'export.previewPdf': { input: z.strictObject({ id: RecordKey }) },
  /**
   * The window is usable: start the PDF engine now, in the background, so the first Export PDF is as quick as the
   * tenth. Answers at once; the command line never calls it and starts its engine on first use.
   */
  'export.warmUp': { input: z.strictObject({}) },
  'export.docx': { input: z.strictObject({ id: RecordKey }) },
  /** The record's record.json, with its template version beside it (officeTemplate): what another device imports. */
  'export.json': { input: z.strictObject({ id: RecordKey }) },
  /**
   * The record's PDF: "archive", the office's copy (PDF/A-3b, record.json and the audit trail attached, the record
   * of signing, sealed once decided); "public", the copy for the website (no attachments, no pen strokes or devices).
   */
  'export.pdf': {
    input: z.strictObject({ id: RecordKey, rendition: z.enum(['archive', 'public']).default('archive') }),
  },
  /** What the record's public files contain (metadata, attachments, images, people named), read back from their bytes. */
  'export.contents': { input: z.strictObject({ id: RecordKey }) },
  /** The publication pack for the office's website, as one zip: index.html, the register, a page and PDF per decision. */
  'export.publicationPack': { input: z.strictObject({}) },
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
  /** "Verify shared folder": every published bundle read whole and checked again (manifest signature, hashes, PDF seal, signatures). */
  'sync.verifyShare': { input: z.strictObject({}) },
  'sync.resolve': { input: z.strictObject({ id: z.number().int().min(1), action: z.enum(CONFLICT_ACTIONS) }) },
  /** The seal this device pins, the keys it holds and the certificates it believes. */
  'trust.status': { input: z.strictObject({}) },
  /** Creates the office seal on this device (the administrator's): its key is kept under the passphrase. */
  'trust.createSeal': { input: z.strictObject({ passphrase: Passphrase }) },
  /** Installs the office seal IT issued, from a .p12/.pfx file and its passphrase; kept under a new passphrase. */
  'trust.importSeal': {
    input: z.strictObject({
      base64: z.base64().max(200_000),
      p12Passphrase: z.string().max(1_000),
      passphrase: Passphrase,
    }),
  },
  /** A signatory (or a recorder of paper signatures) gets a key on this device under their PIN, certified by the seal. */
  'trust.enrol': {
    input: z.strictObject({
      kind: z.enum(['signatory', 'recorder']).default('signatory'),
      role: SignatoryRole.nullable().default(null),
      name: SignerName,
      pin: Pin,
      sealPassphrase: Passphrase,
    }),
  },
  /**
   * On a device without the seal (a tablet): a new key here, and a request for its certificate left on the share for
   * the administrator's device. A publishing key (so this device can seal what it publishes) has no PIN.
   */
  'trust.requestEnrolment': {
    input: z.strictObject({
      kind: z.enum(['signatory', 'recorder', 'publisher']).default('signatory'),
      role: SignatoryRole.nullable().default(null),
      name: SignerName,
      pin: Pin.nullable().default(null),
    }),
  },
  /** On the device holding the seal: issues the certificate a request from another device asks for. */
  'trust.approve': { input: z.strictObject({ requestId: KeyId, sealPassphrase: Passphrase }) },
  /** Revokes a certificate from now (a lost tablet, someone leaving): the seal signs a new revocation list. */
  'trust.revoke': {
    input: z.strictObject({
      fingerprint: Fingerprint,
      reason: z.enum(['key-compromise', 'superseded', 'cessation-of-operation', 'unspecified']).default('unspecified'),
      sealPassphrase: Passphrase,
    }),
  },
  'settings.get': { input: z.strictObject({}) },
  'settings.update': { input: z.strictObject({ patch: SettingsPatchSchema }) },
  /** The templates shipped with the app, to start an office's own from. */
  'templates.shipped': { input: z.strictObject({}) },
  /**
   * The office template as one file (template.json) for IT to roll out to every device; with `hash`, that version of
   * it as this device holds it (for a device that lacks the version a record was made with).
   */
  'templates.export': { input: z.strictObject({ hash: TemplateHash.optional() }) },
  /**
   * Makes a template file (from IT, or a shipped template by its id) this office's template: checked as a whole
   * before anything changes; the seal this device pins stays. Existing records keep the version they were made with.
   */
  'templates.import': {
    input: z.union([
      z.strictObject({ text: z.string().min(1).max(TEMPLATE_FILE_BYTES) }),
      z.strictObject({
        shipped: z
          .string()
          .max(40)
          .regex(/^[a-z0-9-]{1,40}$/),
      }),
    ]),
  },
  /** Every version of the office's templates this device holds, newest first, and which one new records use. */
  'templates.versions': { input: z.strictObject({}) },
  /**
   * A template as this device prints with it: `record`, the version that record was made with (the one its
   * templateHash names; a record from before versions, the legacy version of its template id); `hash`, a version
   * held here. Either way under this office's seal and publication policy, as exports use it.
   */
  'templates.get': { input: z.union([z.strictObject({ record: RecordKey }), z.strictObject({ hash: TemplateHash })]) },
} as const satisfies Record<string, { input: z.ZodType; maxBodyBytes?: () => number }>;

export interface ContractResults {
  'records.create': DecisionRecord;
  'records.get': DecisionRecord;
  'records.save': DecisionRecord;
  'records.list': Page<RecordSummary>;
  'records.delete': { id: string; binnedAt: string };
  'records.restoreFromBin': DecisionRecord;
  'records.search': SearchPage;
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
  'records.withdraw': DecisionRecord;
  'records.late': { overdueDays: number; total: number; records: LateRecord[] };
  'records.supersededBy': string[];
  'records.verify': VerifyReport;
  'records.verifyFile': VerifyReport;
  'export.preview': { html: string };
  /** The printed PDF's bytes, base64. */
  'export.previewPdf': { base64: string };
  /** Whether a start was begun (false: the engine was already started, or has no warm-up). */
  'export.warmUp': { warming: boolean };
  'export.docx': ExportedFile;
  'export.json': ExportedFile;
  'export.pdf': ExportedFile;
  'export.contents': FileContents[];
  'export.publicationPack': ExportedFile;
  'export.register': ExportedFile;
  'sync.status': SyncStatus;
  'sync.now': SyncSummary;
  'sync.conflicts': SyncConflictView[];
  'sync.verifyShare': ShareVerification;
  'sync.resolve': SyncConflictView;
  'trust.status': TrustStatus;
  'trust.createSeal': TrustStatus;
  'trust.importSeal': TrustStatus;
  'trust.enrol': TrustStatus;
  'trust.revoke': TrustStatus;
  'trust.requestEnrolment': TrustStatus;
  'trust.approve': TrustStatus;
  'settings.get': Settings;
  'settings.update': Settings;
  'templates.shipped': ShippedTemplate[];
  'templates.export': ExportedFile;
  'templates.import': Settings;
  'templates.versions': TemplateVersion[];
  'templates.get': OfficeTemplate;
}

/** A template shipped with the app: which office it is modelled on and what it shows. */
export interface ShippedTemplate {
  id: string;
  area: string;
  officeName: string;
  /** One sentence: what varies in it (series, signatories, sections). */
  description: string;
}

/** A version of a template this device holds: what a record made with it names (its hash). */
export interface TemplateVersion {
  id: string;
  version: number;
  hash: string;
  /** When this device first held it. */
  storedAt: string;
  /** The one new records are made with. */
  current: boolean;
  /** The version records from before template versions print with (the template this device held for their id). */
  legacy: boolean;
  /** Set when the version held here cannot be read (a damaged database): why, in a sentence. */
  damaged?: string;
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
 * The most bytes of JSON a transport need read for a method's input: the largest input its schema accepts (see
 * jsonBytesOf), or the entry's own maxBodyBytes where the schema's limits do not bound it. The web bridge refuses,
 * unread, anything longer; the limit never refuses an input the schema would take.
 */
export function bodyLimitOf(method: Method): number {
  let limit = bodyLimits.get(method);
  if (limit === undefined) {
    const entry: { input: z.ZodType; maxBodyBytes?: () => number } = contract[method];
    limit = entry.maxBodyBytes?.() ?? jsonBytesOf(entry.input);
    if (!Number.isFinite(limit)) throw new Error(`The contract sets no limit on the input of ${method}.`);
    // Never under a few KB: room for the whitespace of a request written by hand or by a script.
    limit = Math.max(limit, MIN_BODY_BYTES);
    bodyLimits.set(method, limit);
  }
  return limit;
}
const bodyLimits = new Map<Method, number>();
/** The least any method's limit is, and what a transport reads for a method it does not know. */
export const MIN_BODY_BYTES = 16 * 1024;

/** Any JSON number as JavaScript writes it, e.g. -1.2345678901234567e-308. */
const NUMBER_BYTES = 24;
/** What JSON writes at most for one character of a string: a control character is \u0001. */
const ESCAPED_CHAR_BYTES = 6;
/** Strings of a known shape without a maxLength of their own. */
const FORMAT_BYTES: Record<string, number> = { uuid: 36, date: 10, 'date-time': 40 };

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  maxItems?: number;
  maxLength?: number;
  format?: string;
  contentEncoding?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

/**
 * The most bytes of JSON (UTF-8) a value the schema accepts can take, from its own limits: maxLength of strings (six
 * bytes a character, one for base64), maxItems of arrays, the properties of strict objects. Infinity where the
 * schema sets no bound (a string without maxLength, an array without maxItems, unknown).
 */
export function jsonBytesOf(schema: z.ZodType): number {
  return measure(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
}

function measure(schema: JsonSchema): number {
  if (schema.const !== undefined) return utf8Bytes(JSON.stringify(schema.const));
  if (schema.enum) return Math.max(...schema.enum.map((value) => utf8Bytes(JSON.stringify(value))));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return Math.max(...alternatives.map(measure));
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (types.length === 0) return Infinity;
  return Math.max(...types.map((type) => measureType(type, schema)));
}

function measureType(type: string, schema: JsonSchema): number {
  switch (type) {
    case 'null':
      return 4;
    case 'boolean':
      return 5;
    case 'number':
    case 'integer':
      return NUMBER_BYTES;
    case 'string': {
      const ascii = schema.contentEncoding === 'base64' || schema.format === 'base64';
      const length = schema.maxLength ?? FORMAT_BYTES[schema.format ?? ''];
      return length === undefined ? Infinity : 2 + length * (ascii ? 1 : ESCAPED_CHAR_BYTES);
    }
    case 'array':
      if (schema.maxItems === undefined || !schema.items) return Infinity;
      return 2 + schema.maxItems * measure(schema.items) + Math.max(0, schema.maxItems - 1);
    case 'object': {
      if (schema.additionalProperties !== false) return Infinity;
      const properties = Object.entries(schema.properties ?? {});
      let bytes = 2 + Math.max(0, properties.length - 1);
      for (const [key, value] of properties) bytes += utf8Bytes(JSON.stringify(key)) + 1 + measure(value);
      return bytes;
    }
    default:
      return Infinity;
  }
}

/** The contract is shared with the window, so no Buffer here. */
const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** records.sign: everything but the strokes from the schema, and the strokes' points counted together. */
function signatureBytes(): number {
  const { strokes: _strokes, ...rest } = contract['records.sign'].input.shape;
  const stroke = measure(
    z.toJSONSchema(StrokeSchema.extend({ points: z.array(PenPointSchema).max(0) }), { io: 'input' }) as JsonSchema,
  );
  const point = jsonBytesOf(PenPointSchema);
  // ,"strokes":[…] around the strokes, each with its comma, and each point with its comma.
  return jsonBytesOf(z.strictObject(rest)) + 13 + 2_000 * (stroke + 1) + MAX_SIGNATURE_POINTS * (point + 1);
}

/**
 * What the app's shell tells the window: a menu command, or (open-record) a record file opened from outside that
 * has just been imported. Electron only; the browser has no native menu. "save-now" means the window is closing.
 */
export type MenuEvent =
  | {
      command:
        | 'new-record'
        | 'export-docx'
        | 'export-pdf'
        | 'export-pdf-public'
        | 'print'
        | 'show-records'
        | 'signing-mode'
        | 'sync-now'
        | 'save-now';
    }
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
