// The record model: record.json (format "decision-desk/record@1") as zod schemas, and the content the hash covers.

import { z } from 'zod';
import { boundText, InvalidInputError, UnsupportedFormatError } from './errors.ts';
import { canonicalJson, sha256Hex } from './hash.ts';
import { dayOf } from './reference.ts';
import { ConfigId, SignatoryRole } from './template.ts';

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
  /** An extra rich-text section (financial implications, risk…). */
  sectionText: 100_000,
  sections: 20,
  people: 50,
  backgroundDocuments: 100,
  signatureImageBytes: 2 * 1024 * 1024,
  /** The largest record.json read from anywhere (a file, a PDF's attachment): far above any real one. */
  recordJsonBytes: 64 * 1024 * 1024,
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

/** Base64 of DER or of raw signature bytes, bounded: a certificate is a few hundred bytes to a few KB. */
export const Base64 = (max: number) =>
  z
    .string()
    .max(max, { error: `must be at most ${fmt(max)} characters` })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'must be base64' });

export const SignatureProofSchema = z.strictObject({
  /** ES256: ECDSA P-256 with SHA-256, r||s (as JWS); RS256: RSASSA-PKCS1-v1_5 with SHA-256. */
  algorithm: z.enum(['ES256', 'RS256']),
  /** The signer's X.509 certificate (DER, base64), issued by the office seal. */
  certificate: Base64(16_384),
  value: Base64(2_048),
});
export type SignatureProof = z.infer<typeof SignatureProofSchema>;

export const SignatureSchema = z.strictObject({
  signedBy: text(LIMITS.name).min(1, { error: 'must not be empty' }),
  signedAt: IsoTimestamp,
  device: text(LIMITS.name),
  /**
   * "drawn" with the pen on a device; "typed" by a signatory who cannot use the pen (their typed name and PIN);
   * "paper" when the printed form was signed by hand and someone recorded it here.
   */
  method: z.enum(['drawn', 'typed', 'paper']),
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
  /** The statement the signer saw and signed ("I, Jane Smith, Chief Finance Officer, have read record …"). */
  intent: text(LIMITS.shortText * 2).optional(),
  /** A paper signature: the person who recorded it here, whose key signs the record of it. */
  recordedBy: text(LIMITS.name).optional(),
  /** The digital signature over the canonical sign-off (signOffPayload) with the signer's certified key. */
  proof: SignatureProofSchema.optional(),
});
export type Signature = z.infer<typeof SignatureSchema>;

export const SignOffSchema = z.strictObject({
  role: SignatoryRole,
  name: text(LIMITS.name),
  comments: text(LIMITS.impactText),
  signature: SignatureSchema.nullable(),
});
export type SignOff = z.infer<typeof SignOffSchema>;

export const ReferenceSchema = z
  .string()
  .min(1)
  .max(60)
  // Single spaces inside ("PCD 1861", "Decision 028-2021"), none at either end.
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9./_-]| (?=[A-Za-z0-9./_-]))*$/, {
    error: 'must be letters, digits, single spaces, dots, slashes, hyphens or underscores',
  });

/** A calendar day, YYYY-MM-DD. */
export const IsoDay = z.iso.date({ error: 'must be a date, YYYY-MM-DD' });

/**
 * How and when a record is published, decided with it and so signed with it (it is content). Optional within
 * format version 1: a record without it is published as soon as it is decided, its decision date the day the deciding
 * signatory signed.
 */
export const PublicationSchema = z.strictObject({
  /** The day the decision was taken, when that is not the day the deciding signatory signed. */
  decisionDate: IsoDay.optional(),
  /** A confidential decision: what the public register says of it instead of its title and text. */
  publicSummary: text(LIMITS.reason).optional(),
  /** A confidential decision: the day to review whether it can be released. */
  reviewOn: IsoDay.optional(),
  /** An open decision whose publication waits until this day (a contract not yet signed, a market not yet told). */
  deferUntil: IsoDay.optional(),
  /** The references of earlier decisions this one replaces; each is then shown as superseded by this one. */
  supersedes: z.array(ReferenceSchema).max(20, { error: 'must list at most 20 references' }).optional(),
});
export type Publication = z.infer<typeof PublicationSchema>;

/** A decided record taken back after publication: by whom, when and why. Not content: it comes after the signatures. */
export const WithdrawalSchema = z.strictObject({
  at: IsoTimestamp,
  by: text(LIMITS.name).min(1, { error: 'must not be empty' }),
  reason: text(LIMITS.reason).min(1, { error: 'must not be empty' }),
});
export type Withdrawal = z.infer<typeof WithdrawalSchema>;

/** An extra section's value, as the office's template defines it (see ExtraSectionSchema); `kind` says which. */
export const SectionValueSchema = z.discriminatedUnion('kind', [
  z.strictObject({ id: ConfigId, kind: z.literal('rich-text'), text: text(LIMITS.sectionText) }),
  z.strictObject({
    id: ConfigId,
    kind: z.literal('yes-no'),
    answer: z.boolean().nullable(),
    explanation: text(LIMITS.impactText),
  }),
  z.strictObject({
    id: ConfigId,
    kind: z.literal('people'),
    people: z.array(text(LIMITS.name)).max(LIMITS.people, { error: `must list at most ${LIMITS.people} people` }),
  }),
  z.strictObject({ id: ConfigId, kind: z.literal('date'), date: IsoDay.nullable() }),
]);
export type SectionValue = z.infer<typeof SectionValueSchema>;

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
  /** Optional: a record without it is hashed exactly as before the field existed (undefined members are left out). */
  publication: PublicationSchema.optional(),
  /**
   * The version of the office template the record was made with: the hash of its definition (templateHash). The
   * record prints with that version, whatever the office's template is later. Absent on records from before
   * versions, which print with the template this device held for their id when it first ran this version.
   */
  templateHash: ContentHash.optional(),
  /** The numbering series it is numbered in (a PFCC's "police" or "fire"); absent: the template's first. */
  series: ConfigId.optional(),
  /** Its decision category (template.categories); absent: none. */
  category: ConfigId.optional(),
  /** The role of the decision maker chosen for it (a signatory who decides); absent: the template's first. */
  decisionMaker: SignatoryRole.optional(),
  /** The values of the template's extra sections, by id; a section not listed is empty. */
  sections: z
    .array(SectionValueSchema)
    .max(LIMITS.sections, { error: `must list at most ${LIMITS.sections} sections` })
    .optional(),
});
export type RecordContent = z.infer<typeof RecordContentSchema>;
export const CONTENT_FIELDS = Object.keys(RecordContentSchema.shape) as (keyof RecordContent)[];
/** The content fields a record may leave out: absent, it is hashed exactly as before the field existed. */
export const OPTIONAL_CONTENT_FIELDS: ReadonlySet<keyof RecordContent> = new Set([
  'publication',
  'templateHash',
  'series',
  'category',
  'decisionMaker',
  'sections',
]);

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
  /** When its bundle was published to the shared folder (set with status "published"); optional within version 1. */
  publishedAt: IsoTimestamp.optional(),
  /** Set when a decided record is withdrawn after publication; optional within version 1. */
  withdrawal: WithdrawalSchema.optional(),
});
export type DecisionRecord = z.infer<typeof DecisionRecordSchema>;

/** What a save may change: any content field, and the names and comments of the sign-offs (by role). */
export const RecordPatchSchema = RecordContentSchema.omit({ template: true, templateHash: true })
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
  return referenceYear ?? dayOf(new Date(record.createdAt)).year;
}

/** A key or path segment as a message shows it: at most 40 characters. */
const shortName = (name: string) => (name.length > 40 ? `${name.slice(0, 39)}\u2026` : name);

/** The first few names of a list and how many more there are: `"a", "b", "c" and 97 more`. */
function someOf(names: readonly string[], shown = 3): string {
  const listed = names.slice(0, shown).map((name) => JSON.stringify(shortName(name)));
  const rest = names.length - listed.length;
  return rest > 0 ? `${listed.join(', ')} and ${fmt(rest)} more` : listed.join(', ');
}

/** An issue's path, `impact.planObjectives`: long segments shortened, a deep path cut to its first and last parts. */
function issuePath(prefix: string, path: readonly PropertyKey[]): string {
  const parts = [prefix, ...path.map((part) => shortName(String(part)))].filter(Boolean);
  return parts.length > 8 ? [...parts.slice(0, 4), '\u2026', ...parts.slice(-3)].join('.') : parts.join('.');
}

/** Parse options for input a person will be told about: issues keep their input, so a missing field says so. */
export const PARSE_OPTIONS = { reportInput: true } as const;

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
  nan: 'not a number',
};
const typeWords = (type: string) => TYPE_WORDS[type] ?? type;

/**
 * An issue in plain words ("must be text, not a number"; "is missing"), where zod gave its own wording; the
 * messages the schemas set themselves ("must be at most 500 characters") are kept as they are.
 */
function plainMessage(issue: z.core.$ZodIssue): string {
  // Parsed with { reportInput: true } (see PARSE_OPTIONS), an issue carries what it was about: absent means missing.
  const reported = 'input' in issue;
  if (reported && issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value'))
    return 'is missing';
  if (!/^(Invalid input|Invalid option|Too big|Too small)\b/.test(issue.message)) return issue.message;
  const count = (n: number | bigint) => fmt(Number(n));
  switch (issue.code) {
    case 'invalid_type': {
      const input = (issue as { input?: unknown }).input;
      const received = reported
        ? input === null
          ? 'null'
          : Array.isArray(input)
            ? 'array'
            : typeof input
        : /received (\w+)/.exec(issue.message)?.[1];
      if (received === 'undefined') return 'is missing';
      return `must be ${typeWords(issue.expected)}${received ? `, not ${typeWords(received)}` : ''}`;
    }
    case 'invalid_value': {
      const values = issue.values.map((value) => JSON.stringify(value)).slice(0, 6);
      return values.length === 1
        ? `must be ${values[0]}`
        : `must be ${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
    }
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${count(issue.maximum)} characters`;
      if (issue.origin === 'array') return `must list at most ${count(issue.maximum)}`;
      return `must be at most ${count(issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) === 1
          ? 'must not be empty'
          : `must be at least ${count(issue.minimum)} characters`;
      if (issue.origin === 'array') return `must list at least ${count(issue.minimum)}`;
      return `must be at least ${count(issue.minimum)}`;
    default:
      return issue.message;
  }
}

/**
 * Formats zod issues as one line a person can act on: `title: must be at most 500 characters; …`, in plain words.
 * Bounded whatever the input: the first issues, the first unknown keys ("and N more"), shortened names, at most
 * MAX_ERROR_MESSAGE characters.
 */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  const described = error.issues.slice(0, 5).map((issue) => {
    const path = issuePath(prefix, issue.path);
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${someOf(issue.keys)}`
        : boundText(plainMessage(issue), 200);
    return path ? `${path}: ${message}` : message;
  });
  const more = error.issues.length - described.length;
  return boundText(`${described.join('; ')}${more > 0 ? `; and ${fmt(more)} more problem${more > 1 ? 's' : ''}` : ''}`);
}

/**
 * The fields only a record Decision Desk made has. A record.json with none of them (or each null) holds only content:
 * another tool wrote it, and it is read as a new draft, never as a copy of an existing record.
 */
export const RECORD_STATE_FIELDS = ['id', 'status', 'revision', 'contentHash', 'createdAt', 'updatedAt'] as const;

/** What a new draft made from a content-only file always gets afresh, whatever the file says. */
const FRESH_FIELDS = ['format', ...RECORD_STATE_FIELDS, 'signOffs'] as const;

export function isContentOnly(raw: Record<string, unknown>): boolean {
  return RECORD_STATE_FIELDS.every((field) => raw[field] === undefined || raw[field] === null);
}

/** A schema that also takes null, which a content-only file may write for a field left empty. */
const orNull = <T extends z.ZodType>(schema: T) => schema.nullish();

/**
 * A content-only record.json: every content field optional, null wherever a field is optional or empty. The limits
 * are those of the record itself. Sign-offs may carry names and comments by role, never a signature (a signature holds
 * only for the record it signed, and this is a new one).
 */
export const ContentFileSchema = z.strictObject({
  format: orNull(z.literal(RECORD_FORMAT)),
  ...Object.fromEntries(RECORD_STATE_FIELDS.map((field) => [field, z.null().optional()])),
  reference: orNull(ReferenceSchema),
  template: orNull(RecordContentSchema.shape.template),
  originator: orNull(text(LIMITS.name)),
  title: orNull(text(LIMITS.shortText)),
  classification: orNull(Classification),
  confidentialReason: orNull(text(LIMITS.reason)),
  executiveSummary: orNull(text(LIMITS.richText)),
  recommendation: orNull(text(LIMITS.richText)),
  decision: orNull(text(LIMITS.richText)),
  backgroundDocuments: orNull(
    z
      .array(
        z.strictObject({
          title: orNull(text(LIMITS.shortText)),
          attachment: orNull(BackgroundDocumentSchema.shape.attachment.unwrap()),
        }),
      )
      .max(LIMITS.backgroundDocuments, { error: `must list at most ${LIMITS.backgroundDocuments} documents` }),
  ),
  publication: orNull(PublicationSchema),
  templateHash: orNull(ContentHash),
  series: orNull(ConfigId),
  category: orNull(ConfigId),
  decisionMaker: orNull(SignatoryRole),
  sections: orNull(RecordContentSchema.shape.sections.unwrap()),
  impact: orNull(
    z.strictObject({
      planObjectives: orNull(text(LIMITS.impactText)),
      equalityImpactAssessment: orNull(z.boolean()),
      diversityImpact: orNull(z.boolean()),
      diversityExplanation: orNull(text(LIMITS.impactText)),
    }),
  ),
  signOffs: orNull(
    z
      .array(
        z.strictObject({
          role: SignatoryRole,
          name: orNull(text(LIMITS.name)),
          comments: orNull(text(LIMITS.impactText)),
          signature: z
            .null({ error: 'a file without an id is read as a new draft, which cannot carry a signature' })
            .optional(),
        }),
      )
      .max(8),
  ),
});

/** What a content-only file gives a new draft: the content it names, its reference, sign-off names, what was filled in. */
export interface ContentFile {
  /** The content fields the file gives; `impact`, when given, is complete (its missing answers unanswered). */
  content: Partial<RecordContent>;
  reference: string | null;
  signOffs: { role: string; name: string | null; comments: string | null }[];
  /** Every field the file leaves out (or null where null means empty), which the new draft fills in. */
  filled: string[];
}

const EMPTY_IMPACT: Impact = {
  planObjectives: '',
  equalityImpactAssessment: null,
  diversityImpact: null,
  diversityExplanation: '',
};

/**
 * Reads a content-only record.json (see isContentOnly). A refusal is invalid-input naming each field and its limit,
 * after `what` ("This record.json is not valid: title: must be at most 500 characters").
 */
export function readContentFile(raw: Record<string, unknown>, what = ''): ContentFile {
  const known = new Set<string>(['reference', ...CONTENT_FIELDS]);
  if (!Object.keys(raw).some((key) => known.has(key))) {
    throw new InvalidInputError(
      'This is not a Decision Desk record.json: it has no id and none of the content fields (title, executiveSummary, recommendation, decision…).',
    );
  }
  const parsed = ContentFileSchema.safeParse(raw, PARSE_OPTIONS);
  if (!parsed.success) throw new InvalidInputError(`${what}${describeIssues(parsed.error)}`);
  const file = parsed.data;
  const given = (value: unknown) => value !== undefined && value !== null;
  const filled: string[] = FRESH_FIELDS.filter((field) => !given(raw[field]));
  if (raw.reference === undefined) filled.push('reference');
  const content: Partial<RecordContent> = {};
  for (const field of CONTENT_FIELDS) {
    const value = file[field];
    if (!given(value)) {
      // An optional field left out is not filled in: the draft simply has none.
      if (!OPTIONAL_CONTENT_FIELDS.has(field)) filled.push(field);
      continue;
    }
    if (field === 'impact') {
      const impact = value as NonNullable<typeof file.impact>;
      content.impact = {
        planObjectives: impact.planObjectives ?? '',
        equalityImpactAssessment: impact.equalityImpactAssessment ?? null,
        diversityImpact: impact.diversityImpact ?? null,
        diversityExplanation: impact.diversityExplanation ?? '',
      };
      for (const key of Object.keys(EMPTY_IMPACT) as (keyof Impact)[]) {
        // null is an answer of its own for the yes/no questions ("not answered yet"); elsewhere it means empty.
        const missing = impact[key] === undefined || (impact[key] === null && typeof EMPTY_IMPACT[key] === 'string');
        if (missing) filled.push(`impact.${key}`);
      }
    } else if (field === 'backgroundDocuments') {
      content.backgroundDocuments = (value as NonNullable<typeof file.backgroundDocuments>).map((document) =>
        document.attachment
          ? { title: document.title ?? '', attachment: document.attachment }
          : { title: document.title ?? '' },
      );
    } else {
      (content as Record<string, unknown>)[field] = value;
    }
  }
  return {
    content,
    reference: file.reference ?? null,
    signOffs: (file.signOffs ?? []).map(({ role, name, comments }) => ({
      role,
      name: name ?? null,
      comments: comments ?? null,
    })),
    filled,
  };
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
  throw new InvalidInputError(
    `This is not a Decision Desk record.json (its "format" is ${JSON.stringify(format ?? null)?.slice(0, 60)}).`,
  );
}
