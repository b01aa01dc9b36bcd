// The office template: what differs between the 43 police areas (labels, signatories, numbering), kept out of code.

import { z } from 'zod';
import { templateProblems } from './template-rules.ts';

export const SignatoryRole = z
  .string()
  .max(48)
  .regex(/^[a-z][a-z0-9-]{1,47}$/, 'a role is lower-case letters, digits and hyphens, e.g. chief-finance-officer');

/** An id an office gives a section, a series or a category: lower-case letters, digits and hyphens. */
export const ConfigId = z
  .string()
  .max(40)
  .regex(
    /^[a-z][a-z0-9-]{0,39}$/,
    'an id is lower-case letters, digits and hyphens, starting with a letter, e.g. financial-implications',
  );

export const SignatorySchema = z.strictObject({
  role: SignatoryRole,
  /** The label printed above the group, e.g. "Chief Finance Officer". */
  label: z.string().min(1).max(120),
  /** The default name of the person who holds the role, prefilled in new records. */
  defaultName: z.string().max(200).default(''),
  /**
   * A decision maker: the record is decided when the decision maker chosen for it signs. An office may have several
   * (the Commissioner, and a Deputy who decides under a scheme of delegation); each record names one.
   */
  decides: z.boolean().default(false),
  /**
   * For a decision maker: the capacity printed with the decision, e.g. "under the scheme of delegation"; blank for the
   * Commissioner deciding personally.
   */
  capacity: z.string().max(200).default(''),
  /** For a decision maker: whether they may take a reserved decision (s.18 of the 2011 Act: the PCC personally). */
  reserved: z.boolean().default(true),
  /**
   * For an officer who signs before the decision: "required", every record needs their signature; "optional", they
   * may sign but the decision does not wait for them; "one-of", one signature from the signatories of their `group`
   * is needed (a Chief Executive or a Monitoring Officer).
   */
  need: z.enum(['required', 'optional', 'one-of']).default('required'),
  /** For need "one-of": the group's name, shared by the signatories of which one must sign. */
  group: z
    .string()
    .max(60)
    .regex(/^[a-z][a-z0-9-]{0,59}$/, 'a group is lower-case letters, digits and hyphens')
    .optional(),
  /** The roles whose signatures (those a record still needs) must be on the record before this one signs. */
  after: z.array(SignatoryRole).max(8).default([]),
});
export type Signatory = z.infer<typeof SignatorySchema>;

/** Where an extra section prints: after which of the form's own sections. */
export const SECTION_PLACES = [
  'executiveSummary',
  'recommendation',
  'decision',
  'backgroundDocuments',
  'impact',
] as const;
export const SECTION_KINDS = ['rich-text', 'yes-no', 'people', 'date'] as const;

/** A section an office adds to its form: financial implications, legal implications, risk, consultation… */
export const ExtraSectionSchema = z.strictObject({
  id: ConfigId,
  /** "rich-text", like the executive summary; "yes-no", a question with an explanation; "people", a list of names; "date". */
  kind: z.enum(SECTION_KINDS),
  /** The heading (or the question, for yes-no) printed on the form. */
  label: z.string().trim().min(1, 'every section needs a label').max(300),
  /** Shown under the heading while drafting; never printed. */
  help: z.string().max(500).default(''),
  /** Whether a record can be submitted with it empty (a yes-no question: unanswered). */
  required: z.boolean().default(false),
  /** For yes-no: the answer that needs an explanation. */
  explainWhen: z.enum(['yes', 'no', 'never']).default('yes'),
  /** After which of the form's own sections it prints. */
  after: z.enum(SECTION_PLACES).default('impact'),
  /** Internal: left out of the public copy and the publication pack (printed on the archive copy). */
  internal: z.boolean().default(false),
});
export type ExtraSection = z.infer<typeof ExtraSectionSchema>;

/** A decision category, e.g. "Precept", "Contract award"; a reserved one can only be decided by the PCC personally. */
export const CategorySchema = z.strictObject({
  id: ConfigId,
  label: z.string().trim().min(1).max(120),
  /** Reserved to decision makers with `reserved` (s.18 of the 2011 Act: plan, precept, chief constable, annual report). */
  reserved: z.boolean().default(false),
});
export type Category = z.infer<typeof CategorySchema>;

/**
 * A numbering series: "OPCC.D.{nnn}.{yy}" restarting each year, "PCD {nnnn}" never restarting. Tokens: {n…n}, the
 * number zero-padded to the braces' width (exactly one); {yyyy} and {yy}, the year (for a financial year, the year it
 * starts); {yyyy+1} and {yy+1}, the year after it ("2019/20" is {yyyy}/{yy+1}).
 */
export const SeriesSchema = z.strictObject({
  id: ConfigId,
  /** How the series is named when a record chooses it, e.g. "Police", "Fire and rescue". */
  label: z.string().trim().min(1).max(120),
  pattern: z.string().min(1).max(60),
  /** When the number starts again at 1: each calendar year, each financial year (1 April), or never. */
  reset: z.enum(['year', 'financial-year', 'never']).default('year'),
});
export type Series = z.infer<typeof SeriesSchema>;

export const NumberingSchema = z.strictObject({
  series: z.array(SeriesSchema).min(1).max(8),
});
export type Numbering = z.infer<typeof NumberingSchema>;

export const SectionLabelsSchema = z.strictObject({
  heading: z.string().min(1).max(120),
  originator: z.string().min(1).max(120),
  reference: z.string().min(1).max(120),
  title: z.string().min(1).max(120),
  open: z.string().min(1).max(60),
  confidential: z.string().min(1).max(60),
  confidentialReason: z.string().min(1).max(120),
  executiveSummary: z.string().min(1).max(120),
  recommendation: z.string().min(1).max(120),
  decision: z.string().min(1).max(120),
  comments: z.string().min(1).max(60),
  signature: z.string().min(1).max(60),
  date: z.string().min(1).max(60),
  backgroundDocuments: z.string().min(1).max(120),
  impactAssessment: z.string().min(1).max(120),
  planObjectives: z.string().min(1).max(300),
  equalityImpactAssessment: z.string().min(1).max(300),
  equalityImpactAssessmentHelp: z.string().max(300),
  diversityImpact: z.string().min(1).max(500),
  yes: z.string().min(1).max(20),
  no: z.string().min(1).max(20),
});
export type SectionLabels = z.infer<typeof SectionLabelsSchema>;

export const ProtectiveMarking = z.enum(['OFFICIAL', 'OFFICIAL-SENSITIVE', 'NONE']);

/** How the office publishes: what its public copies show, and when a decided record counts as late. */
export const PublicationSettingsSchema = z.strictObject({
  /**
   * How signatures appear on the public copy: "image", the signature as drawn; "text", "Signed electronically by
   * Jane Smith, Chief Finance Officer, 19 September 2018" (offices that redact handwritten signatures when they publish).
   */
  signatures: z.enum(['image', 'text']).default('image'),
  /** Whether officers' comments at sign-off are printed on the public copy. */
  comments: z.boolean().default(true),
  /** A decided record still unpublished this many days after its decision is reported as late. */
  overdueDays: z.number().int().min(1).max(365).default(14),
});
export type PublicationSettings = z.infer<typeof PublicationSettingsSchema>;
export const DEFAULT_PUBLICATION_SETTINGS: PublicationSettings = {
  signatures: 'image',
  comments: true,
  overdueDays: 14,
};

export const OfficeTemplateSchema = z
  .strictObject({
    id: z
      .string()
      .max(40)
      .regex(/^[a-z0-9-]{1,40}$/, 'a template id is lower-case letters, digits and hyphens'),
    /**
     * The template's version as the office counts it: a record keeps the version it was made with (by the hash of its
     * definition, see templateHash) and prints with it years later. Raised by one each time the form is changed.
     */
    version: z.number().int().min(1).max(1_000_000).default(1),
    area: z.string().min(1).max(120),
    officeName: z.string().min(1).max(200),
    commissionerTitle: z.string().min(1).max(200),
    planName: z.string().min(1).max(200),
    numbering: NumberingSchema,
    protectiveMarking: ProtectiveMarking,
    /** Confidential records are marked with this instead of `protectiveMarking`. */
    confidentialMarking: ProtectiveMarking,
    /** In the order they print; the decision makers among them (`decides`) print last. */
    signatories: z.array(SignatorySchema).min(1).max(8),
    labels: SectionLabelsSchema,
    /** The sections the office adds to its form, in the order they print at each place. */
    sections: z.array(ExtraSectionSchema).max(20).default([]),
    /** The decision categories a record may be given; none: records have no category. */
    categories: z.array(CategorySchema).max(40).default([]),
    /**
     * The SHA-256 fingerprint (lower-case hex of the DER) of the office seal's certificate: the root every device
     * pins. Signatory certificates, revocations, manifests and published PDFs are believed only when they chain to it.
     * null until the office has a seal. Not part of the form: a record's template version leaves it out.
     */
    sealFingerprint: z
      .string()
      // The length too, not only the pattern: the bridge's body limit is read from the schema's lengths.
      .max(64)
      .regex(/^[0-9a-f]{64}$/, 'the seal fingerprint is 64 lower-case hexadecimal digits (SHA-256)')
      .nullable()
      .default(null),
    publication: PublicationSettingsSchema.default(DEFAULT_PUBLICATION_SETTINGS),
    /** The office logo as a PNG or JPEG data URL, or null for none. */
    logo: z
      .string()
      .max(700_000, 'the logo must be under 500 KB')
      .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, 'the logo must be a PNG or JPEG data URL')
      .nullable(),
  })
  .superRefine((template, ctx) => {
    for (const problem of templateProblems(template))
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  });
export type OfficeTemplate = z.infer<typeof OfficeTemplateSchema>;

/** The printed label of the deciding signatory, e.g. "POLICE AND CRIME COMMISSIONER FOR KENT". */
export function signatoryLabel(template: OfficeTemplate, role: string): string {
  return template.signatories.find((s) => s.role === role)?.label ?? role;
}
