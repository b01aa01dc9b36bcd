// The record model: record.json (format "decision-desk/record@1") as zod schemas, and the content the hash covers.

import { z } from 'zod';
import { InvalidInputError, UnsupportedFormatError } from './errors.ts';
import { canonicalJson, sha256Hex } from './hash.ts';
import { SignatoryRole } from './template.ts';

export const RECORD_FORMAT = 'decision-desk/record@1';

export const RECORD_STATUSES = ['draft', 'awaiting-signatures', 'decided', 'published'] as const;
export const RecordStatus = z.enum(RECORD_STATUSES);
export type RecordStatus = z.infer<typeof RecordStatus>;

export const Classification = z.enum(['open', 'confidential']);
export type Classification = z.infer<typeof Classification>;

/** Field limits. Long enough for any real record (a 20-page summary is ~60,000 characters), small enough to refuse junk. */
export const LIMITS = {
  shortText: 500,
  name: 200,
  reason: 5_000,
  richText: 500_000,
  impactText: 20_000,
  backgroundDocuments: 100,
  signatureImageBytes: 2 * 1024 * 1024,
} as const;

const fmt = (n: number) => n.toLocaleString('en-GB');
const text = (max: number) => z.string().max(max, { error: `must be at most ${fmt(max)} characters` });

export const IsoTimestamp = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time' });
export const RecordId = z.uuid({ error: 'must be a UUID' });
export const ContentHash = z
  .string()
  .length(64, { error: 'must be a SHA-256 hex digest' })
  .regex(/^[0-9a-f]{64}$/, { error: 'must be a SHA-256 hex digest' });

export const BackgroundDocumentSchema = z.strictObject({
  title: text(LIMITS.shortText),
  /** A file kept with the record: its name, media type and SHA-256 (the bytes travel beside record.json). */
  attachment: z
    .strictObject({
      fileName: text(255),
      mediaType: text(100),
      sha256: ContentHash,
    })
    .optional(),
});
export type BackgroundDocument = z.infer<typeof BackgroundDocumentSchema>;

export const ImpactSchema = z.strictObject({
  planObjectives: text(LIMITS.impactText),
  /** null until the question has been answered. */
  equalityImpactAssessment: z.boolean().nullable(),
  diversityImpact: z.boolean().nullable(),
  diversityExplanation: text(LIMITS.impactText),
});
export type Impact = z.infer<typeof ImpactSchema>;

export const PenPointSchema = z.strictObject({
  x: z.number().finite(),
  y: z.number().finite(),
  /** 0..1 as the pointer reported it (a mouse reports 0.5 while pressed). */
  pressure: z.number().min(0).max(1),
  /** Milliseconds since the stroke began. */
  time: z.number().min(0),
});
export const StrokeSchema = z.strictObject({
  pointerType: z.enum(['pen', 'touch', 'mouse']),
  points: z.array(PenPointSchema).min(1).max(20_000),
});

export const SignatureSchema = z.strictObject({
  signedBy: text(LIMITS.name).min(1, { error: 'must not be empty' }),
  signedAt: IsoTimestamp,
  device: text(LIMITS.name),
  /** "drawn" on a device, or "paper" when the printed form was signed by hand. */
  method: z.enum(['drawn', 'paper']),
  /** Trimmed transparent PNG as a data URL; null for a paper signature without a scan. */
  image: z
    .string()
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, { error: 'must be a PNG data URL' })
    .max(Math.ceil((LIMITS.signatureImageBytes * 4) / 3) + 32, { error: 'must be under 2 MB' })
    .nullable(),
  strokes: z.array(StrokeSchema).max(2_000),
  /** The record's contentHash at the moment of signing: the signature holds only while the record still has it. */
  contentHash: ContentHash,
  /**
   * SHA-256 over this signature and its sign-off (role, name, comments, image…): see computeSeal. A change to an
   * officer's comments, or a signature image moved to another role, breaks it. Required by verify.
   */
  seal: ContentHash.optional(),
});
export type Signature = z.infer<typeof SignatureSchema>;

export const SignOffSchema = z.strictObject({
  role: SignatoryRole,
  name: text(LIMITS.name),
  comments: text(LIMITS.impactText),
  signature: SignatureSchema.nullable(),
});
export type SignOff = z.infer<typeof SignOffSchema>;

/** The fields an assistant edits. Together with id and reference they are what contentHash covers. */
export const RecordContentSchema = z.strictObject({
  template: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'must be a template id such as "kent"' }),
  originator: text(LIMITS.name),
  title: text(LIMITS.shortText),
  classification: Classification,
  confidentialReason: text(LIMITS.reason),
  executiveSummary: text(LIMITS.richText),
  recommendation: text(LIMITS.richText),
  decision: text(LIMITS.richText),
  backgroundDocuments: z
    .array(BackgroundDocumentSchema)
    .max(LIMITS.backgroundDocuments, { error: `must list at most ${LIMITS.backgroundDocuments} documents` }),
  impact: ImpactSchema,
});
export type RecordContent = z.infer<typeof RecordContentSchema>;
export const CONTENT_FIELDS = Object.keys(RecordContentSchema.shape) as (keyof RecordContent)[];

export const ReferenceSchema = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z0-9][A-Za-z0-9./_-]*$/, { error: 'must be letters, digits, dots, slashes, hyphens or underscores' });

export const DecisionRecordSchema = z.strictObject({
  format: z.literal(RECORD_FORMAT),
  id: RecordId,
  reference: ReferenceSchema.nullable(),
  ...RecordContentSchema.shape,
  signOffs: z.array(SignOffSchema).max(8),
  status: RecordStatus,
  revision: z.number().int().min(1),
  contentHash: ContentHash,
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
});
export type DecisionRecord = z.infer<typeof DecisionRecordSchema>;

/** What a save may change: any content field, and the names and comments of the sign-offs (by role). */
export const RecordPatchSchema = RecordContentSchema.omit({ template: true })
  .extend({
    signOffs: z
      .array(z.strictObject({ role: SignatoryRole, name: text(LIMITS.name), comments: text(LIMITS.impactText) }))
      .max(8),
  })
  .partial()
  .strict();
export type RecordPatch = z.infer<typeof RecordPatchSchema>;

/** The fields the content hash covers: the identity and the content, never status, revision, times or sign-offs. */
/** The content fields of a record (what an assistant edits), without its identity, state or sign-offs. */
export function recordContent(record: RecordContent): RecordContent {
  return Object.fromEntries(CONTENT_FIELDS.map((field) => [field, record[field]])) as RecordContent;
}

export function hashedContent(record: Pick<DecisionRecord, 'id' | 'reference'> & RecordContent) {
  return { id: record.id, reference: record.reference, ...recordContent(record) };
}

export function computeContentHash(record: Pick<DecisionRecord, 'id' | 'reference'> & RecordContent): string {
  return sha256Hex(canonicalJson(hashedContent(record)));
}

export function emptyContent(templateId: string): RecordContent {
  return {
    template: templateId,
    originator: '',
    title: '',
    classification: 'open',
    confidentialReason: '',
    executiveSummary: '',
    recommendation: '',
    decision: '',
    backgroundDocuments: [],
    impact: { planObjectives: '', equalityImpactAssessment: null, diversityImpact: null, diversityExplanation: '' },
  };
}

/** The year a record belongs to in the register: its reference's year once it has one, else the year it was made. */
export function recordYear(record: Pick<DecisionRecord, 'createdAt'>, referenceYear: number | null): number {
  return referenceYear ?? new Date(record.createdAt).getUTCFullYear();
}

/** Formats zod issues as one line a person can act on: `title: must be at most 500 characters; …`. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      const message =
        issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}

/** Accepts only this version's record.json format; a newer one is `unsupported-format`, anything else not ours. */
export function assertRecordFormat(format: unknown): void {
  if (format === RECORD_FORMAT) return;
  const version = typeof format === 'string' ? /^decision-desk\/record@(\d+)$/.exec(format)?.[1] : undefined;
  if (version && Number(version) > 1) {
    throw new UnsupportedFormatError(
      `This record.json is in format ${String(format)}, written by a newer version of Decision Desk; this version reads ${RECORD_FORMAT}.`,
    );
  }
  throw new InvalidInputError(`This is not a Decision Desk record.json (its "format" is ${JSON.stringify(format ?? null)?.slice(0, 60)}).`);
}
