// The layout of the shared folder and the small files sync writes there: marker, reference claims, bundle manifests.
//
// <share>/decision-desk.json                           marker and format version
// <share>/pending/<record-id>/<revision>-<device>.json  a record out for signature, one new file per change
// <share>/confidential/pending/<record-id>/…           the same for a confidential record: never under pending/
// <share>/references/<yy>/<nnnn>.claim                 reference claims (exclusive create), the office's 'main' series
// <share>/references/<series>/<period>/<nnnn>.claim    the same for any other series: period 2026, fy2026 or all
// <share>/decisions/<year>/<reference>/                published bundle: PDF, DOCX, record.json, manifest.json
// <share>/confidential/<year>/<reference>/             the same for confidential records
// <share>/publication/                                 the publication pack (sync/publication.ts): written, never read
// <share>/withdrawals/<record-id>.json, .sig.json      a published record withdrawn, signed (sync/withdrawals.ts)
// <share>/confidential/withdrawals/…                   the same for a confidential record

import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  type Classification,
  cleanDeep,
  computeContentHash,
  ContentHash,
  type DecisionRecord,
  DecisionRecordSchema,
  describeIssues,
  IsoTimestamp,
  LEGACY_SERIES_ID,
  missingForStatus,
  type Period,
  RecordId,
  ReferenceSchema,
  type Series,
} from '../domain/index.ts';
import { safeSegment } from './names.ts';
import { carriedVersion, splitRecordFile, type TemplateVersionData } from '../templates.ts';

export const MARKER_FILE = 'decision-desk.json';
export const SHARE_FORMAT = 'decision-desk/share@1';
export const CLAIM_FORMAT = 'decision-desk/claim@1';
export const BUNDLE_FORMAT = 'decision-desk/bundle@1';
export const MANIFEST_FILE = 'manifest.json';
/** The publishing device's signature over manifest.json's bytes (trust/manifest.ts); written before the manifest. */
export const MANIFEST_SIGNATURE_FILE = 'manifest.sig.json';
export const RECORD_FILE = 'record.json';

export const PENDING = 'pending';
/** Hand-over files of confidential records: inside the confidential area, which may be closed to some users. */
export const CONFIDENTIAL_PENDING = 'confidential/pending';
export const PENDING_AREAS = [PENDING, CONFIDENTIAL_PENDING] as const;
export type PendingArea = (typeof PENDING_AREAS)[number];
export const REFERENCES = 'references';
export const BUNDLE_AREAS = ['decisions', 'confidential'] as const;
export type BundleArea = (typeof BUNDLE_AREAS)[number];

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * The most Decision Desk reads of each kind of file on the share; anything larger is reported, never read. Claims
 * and the marker are a few hundred bytes. A record.json is bounded by the record format (three rich-text fields of
 * 500,000 characters, eight signatures with 2 MB images and their strokes) at the size the command line's import
 * also allows. A bundle's PDF and DOCX hold that record once or twice over, with the logo and signature images.
 */
export const READ_LIMITS = {
  marker: 16 * KiB,
  claim: 16 * KiB,
  manifest: 256 * KiB,
  record: 64 * MiB,
  document: 256 * MiB,
} as const;

/** The limit for a file of a bundle, by its name. */
export const bundleFileLimit = (name: string): number =>
  name === MANIFEST_FILE || name === MANIFEST_SIGNATURE_FILE
    ? READ_LIMITS.manifest
    : name === RECORD_FILE
      ? READ_LIMITS.record
      : READ_LIMITS.document;

/** The version number in "decision-desk/<kind>@<n>", or null when the text is not such a format. */
export function formatVersion(format: unknown, kind: string): number | null {
  if (typeof format !== 'string') return null;
  const match = new RegExp(`^decision-desk/${kind}@(\\d{1,4})$`).exec(format);
  return match ? Number(match[1]) : null;
}

export const ShareMarkerSchema = z.looseObject({
  format: z.string().max(100),
  /** Which share this is: a device remembers the one it joined, and another one at the same path is not it. */
  id: z.string().min(1).max(100).optional(),
  createdAt: IsoTimestamp.optional(),
  createdBy: z.string().max(200).optional(),
});

export const ClaimSchema = z.strictObject({
  format: z.literal(CLAIM_FORMAT),
  recordId: RecordId,
  reference: ReferenceSchema,
  device: z.string().max(200),
  claimedAt: IsoTimestamp,
});
export type Claim = z.infer<typeof ClaimSchema>;

export const ManifestFileSchema = z.strictObject({
  name: z.string().min(1).max(200),
  sha256: ContentHash,
  bytes: z.number().int().min(0),
});

export const ManifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  recordId: RecordId,
  reference: ReferenceSchema,
  revision: z.number().int().min(1),
  contentHash: ContentHash,
  classification: z.enum(['open', 'confidential']),
  appVersion: z.string().max(50),
  publishedAt: IsoTimestamp,
  device: z.string().max(200),
  files: z.array(ManifestFileSchema).min(1).max(20),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export const pendingArea = (classification: Classification): PendingArea =>
  classification === 'confidential' ? CONFIDENTIAL_PENDING : PENDING;

export const pendingFolder = (recordId: string, area: PendingArea = PENDING) => `${area}/${recordId}`;

export const pendingFile = (recordId: string, revision: number, deviceToken: string, area: PendingArea = PENDING) =>
  `${pendingFolder(recordId, area)}/${revision}-${deviceToken}.json`;

const PENDING_NAME = /^([1-9]\d{0,8})-([A-Za-z0-9_]{1,40})\.json$/;

/** The revision and device token of a pending file's name, or null for any other name (a copy, a stray file). */
export function parsePendingName(name: string): { revision: number; device: string } | null {
  const match = PENDING_NAME.exec(name);
  return match ? { revision: Number(match[1]), device: match[2]! } : null;
}

const twoDigitYear = (year: number) => String(year % 100).padStart(2, '0');

export const referencesFolder = (year: number) => `${REFERENCES}/${twoDigitYear(year)}`;

/**
 * The folder a series' claims for one period go in. The office's 'main' series restarting each year (every template
 * from before numbering series) keeps references/<yy>/, the folders every share already has; any other series has
 * references/<series>/<period>/: "references/fire/fy2026", or "references/pcd/all" for a series that never restarts,
 * one folder for all years, so its numbers stay unique across them.
 */
export function claimsFolder(series: Pick<Series, 'id' | 'reset'>, period: Period): string {
  if (series.id === LEGACY_SERIES_ID && series.reset === 'year' && period.year !== null)
    return referencesFolder(period.year);
  return `${REFERENCES}/${series.id}/${period.key}`;
}

/** A claim's file in a claims folder: the number, at least four digits. */
export const claimFileIn = (folder: string, number: number) => `${folder}/${String(number).padStart(4, '0')}.claim`;

export const claimFile = (year: number, number: number) => claimFileIn(referencesFolder(year), number);

/** The names of the folders under references/ that hold claims: "26" (the main series), a series id, a period key. */
export const YEAR_CLAIMS_FOLDER = /^\d{2}$/;
export const SERIES_CLAIMS_FOLDER = /^[a-z][a-z0-9-]{0,39}$/;
export const PERIOD_CLAIMS_FOLDER = /^(20\d{2}|fy20\d{2}|all)$/;

/** The number in a claim's name; only the canonical spelling counts, so "21.claim" cannot sit beside "0021.claim". */
export function parseClaimName(name: string): number | null {
  const match = /^(\d{4,6})\.claim$/.exec(name);
  if (!match) return null;
  const number = Number(match[1]);
  return number >= 1 && String(number).padStart(4, '0') === match[1] ? number : null;
}

export const bundleArea = (classification: Classification): BundleArea =>
  classification === 'confidential' ? 'confidential' : 'decisions';

export const bundleFolder = (area: BundleArea, year: number, reference: string) =>
  `${area}/${year}/${safeSegment(reference, 60)}`;

/** Where a bundle is built before it is moved into place whole: hidden, and named for its device. */
export const stagingFolder = (area: BundleArea, year: number, reference: string, deviceToken: string) =>
  `${area}/${year}/.${safeSegment(reference, 60)}.${deviceToken}.partial`;

export const bundleFileNames = (reference: string) => {
  const base = safeSegment(reference, 60);
  return { pdf: `${base}.pdf`, docx: `${base}.docx` };
};

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** JSON as written to the share: indented so a person can read it, with a final newline. */
export const jsonBytes = (value: unknown): Uint8Array => encoder.encode(`${JSON.stringify(value, null, 2)}\n`);

/** Parses a file from the share (or text kept from one); null when it is not UTF-8 JSON (truncated, half-synced, not ours). */
export function parseJsonBytes(bytes: Uint8Array | string): unknown {
  try {
    return JSON.parse(typeof bytes === 'string' ? bytes : decoder.decode(bytes)) as unknown;
  } catch {
    return null;
  }
}

export type SharedRecordCheck =
  /** `carried`: the template version its file carries, checked against the hash the record names (null: none). */
  | { state: 'ok'; record: DecisionRecord; carried: TemplateVersionData | null }
  /** Not JSON: truncated, or still arriving through a sync client. Worth another look on a later pass. */
  | { state: 'unreadable' }
  /** Written by a newer version of Decision Desk. */
  | { state: 'newer'; format: string }
  /** Valid JSON that is not a record whose hash holds: changed by hand or damaged. */
  | { state: 'tampered'; reason: string };

/** Checks a record.json read from the share, as an import does: cleaned, validated, and its content hash recomputed. */
export function checkSharedRecord(bytes: Uint8Array): SharedRecordCheck {
  const raw = parseJsonBytes(bytes);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { state: 'unreadable' };
  const format = (raw as { format?: unknown }).format;
  if ((formatVersion(format, 'record') ?? 0) > 1) return { state: 'newer', format: String(format) };
  const { record: body, carried: carriedFile } = splitRecordFile(raw as Record<string, unknown>);
  const parsed = DecisionRecordSchema.safeParse(cleanDeep(body));
  if (!parsed.success)
    return { state: 'tampered', reason: `it is not a valid record.json (${describeIssues(parsed.error)})` };
  if (computeContentHash(parsed.data) !== parsed.data.contentHash) {
    return { state: 'tampered', reason: 'its content no longer matches its contentHash' };
  }
  const missing = missingForStatus(parsed.data);
  if (missing.length > 0)
    return { state: 'tampered', reason: `it is in a state that cannot happen (${missing.join(' ')})` };
  let carried: TemplateVersionData | null;
  try {
    carried = carriedVersion(parsed.data, carriedFile);
  } catch (error) {
    const words = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
    return { state: 'tampered', reason: words.charAt(0).toLowerCase() + words.slice(1) };
  }
  return { state: 'ok', record: parsed.data, carried };
}
