// The office template: what differs between the 43 police areas (labels, signatories, numbering), kept out of code.

import { z } from 'zod';

export const SignatoryRole = z
  .string()
  .max(48)
  .regex(/^[a-z][a-z0-9-]{1,47}$/, 'a role is lower-case letters, digits and hyphens, e.g. chief-finance-officer');

export const SignatorySchema = z.strictObject({
  role: SignatoryRole,
  /** The label printed above the group, e.g. "Chief Finance Officer". */
  label: z.string().min(1).max(120),
  /** The default name of the person who holds the role, prefilled in new records. */
  defaultName: z.string().max(200).default(''),
  /** Signs last, after every other signatory (the Commissioner). */
  decides: z.boolean().default(false),
});
export type Signatory = z.infer<typeof SignatorySchema>;

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
export const DEFAULT_PUBLICATION_SETTINGS: PublicationSettings = { signatures: 'image', comments: true, overdueDays: 14 };

export const OfficeTemplateSchema = z
  .strictObject({
    id: z
      .string()
      .max(40)
      .regex(/^[a-z0-9-]{1,40}$/, 'a template id is lower-case letters, digits and hyphens'),
    area: z.string().min(1).max(120),
    officeName: z.string().min(1).max(200),
    commissionerTitle: z.string().min(1).max(200),
    planName: z.string().min(1).max(200),
    /** e.g. "OPCC.D.{nnn}.{yy}": {n…n} is the number in the year, zero-padded to the braces' width; {yy} or {yyyy}. */
    referencePattern: z.string().min(1).max(60),
    protectiveMarking: ProtectiveMarking,
    /** Confidential records are marked with this instead of `protectiveMarking`. */
    confidentialMarking: ProtectiveMarking,
    signatories: z.array(SignatorySchema).min(1).max(8),
    labels: SectionLabelsSchema,
    /**
     * The SHA-256 fingerprint (lower-case hex of the DER) of the office seal's certificate: the root every device
     * pins. Signatory certificates, revocations, manifests and published PDFs are believed only when they chain to it.
     * null until the office has a seal.
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
    const roles = template.signatories.map((s) => s.role);
    if (new Set(roles).size !== roles.length) {
      ctx.addIssue({ code: 'custom', path: ['signatories'], message: 'each signatory role may appear only once' });
    }
    const deciders = template.signatories.filter((s) => s.decides);
    if (deciders.length !== 1 || template.signatories.at(-1)?.decides !== true) {
      ctx.addIssue({
        code: 'custom',
        path: ['signatories'],
        message: 'exactly one signatory decides, and that signatory comes last',
      });
    }
    if (!/\{n+\}/.test(template.referencePattern) || !/\{yy(yy)?\}/.test(template.referencePattern)) {
      ctx.addIssue({
        code: 'custom',
        path: ['referencePattern'],
        message: 'the reference pattern needs a number ({nnn}) and a year ({yy} or {yyyy})',
      });
    }
  });
export type OfficeTemplate = z.infer<typeof OfficeTemplateSchema>;

/** The printed label of the deciding signatory, e.g. "POLICE AND CRIME COMMISSIONER FOR KENT". */
export function signatoryLabel(template: OfficeTemplate, role: string): string {
  return template.signatories.find((s) => s.role === role)?.label ?? role;
}
