// Publication: when a decided record was decided, signed and published, and what the public may see of it.
//
// The law (Police Reform and Social Responsibility Act 2011 s.11; Specified Information Order 2011 para 5(d)) asks
// each decision of significant public interest to be published as soon as practicable. A confidential decision is
// listed by reference, date and decision maker with its public summary and the reason it is withheld.

import type { DecisionRecord, Publication } from './record.ts';
import { categoryOf, deciderOf, decisionMakers } from './signing.ts';
import type { OfficeTemplate, Signatory } from './template.ts';

/**
 * Where a record stands with the public:
 * - "unpublished": decided, its bundle not yet on the shared folder (or not decided yet);
 * - "published": on the register, in full;
 * - "restricted": confidential, on the register by reference, date and decision maker with its public summary;
 * - "deferred": its publication waits until publication.deferUntil;
 * - "withdrawn": taken back after publication, with the reason;
 * - "superseded": replaced by a later decision, which names it in publication.supersedes.
 */
export const PUBLICATION_STATUSES = [
  'unpublished',
  'published',
  'restricted',
  'deferred',
  'withdrawn',
  'superseded',
] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

export const PUBLICATION_STATUS_LABELS: Record<PublicationStatus, string> = {
  unpublished: 'Not yet published',
  published: 'Published',
  restricted: 'Restricted',
  deferred: 'Deferred',
  withdrawn: 'Withdrawn',
  superseded: 'Superseded',
};

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: 'Europe/London',
});

/** A moment as the day it was in the UK, YYYY-MM-DD. */
export function londonDay(at: string | Date): string {
  return LONDON_DAY.format(typeof at === 'string' ? new Date(at) : at);
}

/**
 * What the day of a decision is read from: the deciding role, the stated decision date, and when each officer signed.
 * A whole record is one; so is the slim row the register's late notice reads (db/records.ts: lateCandidates).
 */
export type DecisionDayFacts = Pick<DecisionRecord, 'decisionMaker' | 'publication'> & {
  signOffs: readonly { role: string; signature: { signedAt: string } | null }[];
};

/** What the late notice reads of a record: its day of decision, and how it is named. */
export type LateCandidate = DecisionDayFacts &
  Pick<DecisionRecord, 'id' | 'reference' | 'title' | 'classification' | 'status'>;

/** The day the deciding signatory signed (a paper signature: the day written on the paper), or null. */
export function signedDay(record: DecisionDayFacts, template: Pick<OfficeTemplate, 'signatories'>): string | null {
  const decider = deciderOf(record, template)?.role;
  const signature = record.signOffs.find((s) => s.role === decider)?.signature;
  return signature ? londonDay(signature.signedAt) : null;
}

/** The day of the decision: as the record states it, else the day the deciding signatory signed. */
export function decisionDay(record: DecisionDayFacts, template: Pick<OfficeTemplate, 'signatories'>): string | null {
  return record.publication?.decisionDate ?? signedDay(record, template);
}

/** The decision maker: the deciding signatory's name as signed, else as named on the record. */
export function decisionMaker(
  record: DecisionRecord,
  template: Pick<OfficeTemplate, 'signatories'>,
): { role: string; label: string; name: string } | null {
  const decider = deciderOf(record, template);
  if (!decider) return null;
  const signOff = record.signOffs.find((s) => s.role === decider.role);
  return {
    role: decider.role,
    label: decider.label,
    name: signOff?.signature?.signedBy ?? signOff?.name ?? decider.defaultName,
  };
}

/** For each reference, the later decided records that name it in publication.supersedes. */
export function supersessions(records: readonly DecisionRecord[]): Map<string, string[]> {
  const by = new Map<string, string[]>();
  for (const record of records) {
    if (!record.reference || (record.status !== 'decided' && record.status !== 'published')) continue;
    for (const earlier of record.publication?.supersedes ?? []) {
      if (earlier === record.reference) continue;
      by.set(earlier, [...(by.get(earlier) ?? []), record.reference]);
    }
  }
  return by;
}

/** Where the record stands with the public on `today` (YYYY-MM-DD), given the references that supersede it. */
export function publicationStatus(
  record: DecisionRecord,
  today: string,
  supersededBy: readonly string[] = [],
): PublicationStatus {
  if (record.status !== 'published') return 'unpublished';
  if (record.withdrawal) return 'withdrawn';
  if (supersededBy.length > 0) return 'superseded';
  if (record.classification === 'confidential') return 'restricted';
  const until = record.publication?.deferUntil;
  if (until && until > today) return 'deferred';
  return 'published';
}

/** Whole days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A decided record not yet published this many days after its decision. */
export interface LateRecord {
  id: string;
  reference: string | null;
  /** The title, or "Confidential" for a confidential record. */
  title: string;
  decidedOn: string;
  days: number;
}

/**
 * The decided records still unpublished more than `template.publication.overdueDays` after their decision, on
 * `today`, longest first. A record deferred to a later day counts from that day.
 */
export function lateRecords(
  records: readonly LateCandidate[],
  template: Pick<OfficeTemplate, 'signatories' | 'publication'>,
  today: string,
): LateRecord[] {
  const late: LateRecord[] = [];
  for (const record of records) {
    if (record.status !== 'decided') continue;
    const decided = decisionDay(record, template);
    if (!decided) continue;
    const from =
      record.publication?.deferUntil && record.publication.deferUntil > decided
        ? record.publication.deferUntil
        : decided;
    const days = daysBetween(from, today);
    if (days <= template.publication.overdueDays) continue;
    const title = record.classification === 'confidential' ? 'Confidential' : record.title;
    late.push({ id: record.id, reference: record.reference, title, decidedOn: decided, days });
  }
  return late.sort((a, b) => b.days - a.days || (a.reference ?? '').localeCompare(b.reference ?? ''));
}

/**
 * The publication fields that say something: empty text and empty lists left out, and undefined when nothing is left,
 * so a record whose form never touched them hashes as one that never had the field.
 */
export function tidyPublication(publication: Publication | undefined): Publication | undefined {
  if (!publication) return undefined;
  const kept = Object.entries(publication).filter(
    ([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0),
  );
  return kept.length ? (Object.fromEntries(kept) as Publication) : undefined;
}

/** A decision maker as the register names them: the role, with its capacity when it has one. */
export function decisionMakerLabel(signatory: Pick<Signatory, 'label' | 'capacity'>): string {
  const capacity = signatory.capacity.trim();
  return capacity ? `${signatory.label}, ${capacity}` : signatory.label;
}

/**
 * Which of its own columns a template gives the register: the decision maker when it has several to choose from,
 * the category when it has categories. A template with neither (Kent's) keeps the register as it was.
 */
export function registerColumnsOf(template: Pick<OfficeTemplate, 'signatories' | 'categories'>): {
  decisionMaker: boolean;
  category: boolean;
} {
  return { decisionMaker: decisionMakers(template).length > 1, category: template.categories.length > 0 };
}

/**
 * A record's decision maker and category as its register line names them, by the labels of the template it was made
 * with: the decision maker only where that template has several, the category only where the record has one.
 */
export function registerLabels(
  record: Pick<DecisionRecord, 'decisionMaker' | 'category'>,
  template: Pick<OfficeTemplate, 'signatories' | 'categories'>,
): { decisionMaker?: string; category?: string } {
  const labels: { decisionMaker?: string; category?: string } = {};
  const decider = registerColumnsOf(template).decisionMaker ? deciderOf(record, template) : undefined;
  if (decider) labels.decisionMaker = decisionMakerLabel(decider);
  const category = categoryOf(record, template);
  if (category) labels.category = category.label;
  return labels;
}
