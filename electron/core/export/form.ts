// What every export of the form prints the same way: marking, reference line, dates, boxes and sign-off order.

import {
  deciderOf,
  type DecisionRecord,
  type ExtraSection,
  type OfficeTemplate,
  type SectionValue,
  type SignOff,
} from '../domain/index.ts';

export const DRAFT_REFERENCE = 'Draft \u2013 no reference yet';
export const TICKED = '\u2612';
export const UNTICKED = '\u2610';

/** The protective marking printed in the header and footer, or null when the template says NONE. */
export function markingFor(record: Pick<DecisionRecord, 'classification'>, template: OfficeTemplate): string | null {
  const marking = record.classification === 'confidential' ? template.confidentialMarking : template.protectiveMarking;
  return marking === 'NONE' ? null : marking;
}

export function referenceText(record: Pick<DecisionRecord, 'reference'>): string {
  return record.reference ?? DRAFT_REFERENCE;
}

/** "Record of Decision OPCC.D.021.18: 7F Single Procurement Function", for window titles and document properties. */
export function documentTitle(record: Pick<DecisionRecord, 'reference' | 'title'>, template: OfficeTemplate): string {
  const title = record.title.trim() || 'Untitled';
  return `${template.labels.heading} ${record.reference ?? '(draft)'}: ${title}`;
}

export const box = (ticked: boolean): string => (ticked ? TICKED : UNTICKED);

const UK_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

/** The date in the UK form the paper record uses, "19 September 2018", on the office's (London) calendar. */
export function formatUkDate(iso: string): string {
  return UK_DATE.format(new Date(iso));
}

export interface SignOffGroup {
  label: string;
  signOff: SignOff;
}

/**
 * The sign-off groups in template order: the signatories the record has a sign-off for (its officers and its chosen
 * decision maker; once decided, those who signed). A record with no sign-offs at all prints every officer and the
 * first decision maker as empty groups.
 */
export function signOffGroups(
  record: Pick<DecisionRecord, 'signOffs' | 'decisionMaker'>,
  template: OfficeTemplate,
): SignOffGroup[] {
  const decider = deciderOf(record, template)?.role;
  const groups: SignOffGroup[] = template.signatories.flatMap((signatory) => {
    const signOff = record.signOffs.find((s) => s.role === signatory.role);
    if (signOff) return [{ label: signatory.label, signOff }];
    if (record.signOffs.length > 0 || (signatory.decides && signatory.role !== decider)) return [];
    return [
      {
        label: signatory.label,
        signOff: { role: signatory.role, name: signatory.defaultName, comments: '', signature: null },
      },
    ];
  });
  // A record made under an older template may carry a role the template no longer has: print it rather than lose it.
  for (const signOff of record.signOffs) {
    if (!template.signatories.some((s) => s.role === signOff.role)) groups.push({ label: signOff.role, signOff });
  }
  return groups;
}

/**
 * Who decided and in what capacity, as printed under the decision maker's signature: "Decided by Jane Smith, Deputy
 * Mayor for Policing and Crime, under the Mayor's scheme of delegation". Null for a decision maker with no capacity
 * set (the Commissioner deciding personally, whose box says so already).
 */
export function decisionCapacity(
  record: Pick<DecisionRecord, 'signOffs' | 'decisionMaker'>,
  template: OfficeTemplate,
  role: string,
): string | null {
  const decider = deciderOf(record, template);
  if (!decider || decider.role !== role || !decider.capacity.trim()) return null;
  const signOff = record.signOffs.find((s) => s.role === role);
  const name = signOff?.signature?.signedBy ?? signOff?.name ?? '';
  return `${signOff?.signature ? 'Decided' : 'To be decided'} by ${name.trim() ? `${name.trim()}, ` : ''}${decider.label}, ${decider.capacity.trim()}`;
}

/** Where the form's own sections end, by the name an extra section's `after` uses. */
export type SectionPlace = ExtraSection['after'];

/** The template's extra sections that print after `place`, with the record's values (undefined: empty). */
export function extraSectionsAt(
  record: Pick<DecisionRecord, 'sections'>,
  template: OfficeTemplate,
  place: SectionPlace,
  publicCopy: boolean,
): { section: ExtraSection; value: SectionValue | undefined }[] {
  return template.sections
    .filter((section) => section.after === place && !(publicCopy && section.internal))
    .map((section) => ({
      section,
      value: record.sections?.find((v) => v.id === section.id && v.kind === section.kind),
    }));
}

/** The category's label as printed, or null when the record has none. */
export function categoryLabel(record: Pick<DecisionRecord, 'category'>, template: OfficeTemplate): string | null {
  if (record.category === undefined) return null;
  return template.categories.find((c) => c.id === record.category)?.label ?? record.category;
}

/** "10 February 2026" for a YYYY-MM-DD day. */
export function formatUkDay(day: string): string {
  return UK_DATE.format(new Date(`${day}T12:00:00.000Z`));
}

/** The name printed under a signature: who signed, or who is expected to. */
export function signerName(signOff: SignOff): string {
  return signOff.signature?.signedBy ?? signOff.name;
}

/** The base64 body of a signature's PNG data URL (the record schema has checked its form), or null. */
export function signatureBase64(signOff: SignOff): string | null {
  const image = signOff.signature?.image;
  return image ? image.slice(image.indexOf(',') + 1) : null;
}
