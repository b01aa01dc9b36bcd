// What every export of the form prints the same way: marking, reference line, dates, boxes and sign-off order.

import type { DecisionRecord, OfficeTemplate, SignOff } from '../domain/index.ts';

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

const UK_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** The date in the UK form the paper record uses, "19 September 2018", on the office's (London) calendar. */
export function formatUkDate(iso: string): string {
  return UK_DATE.format(new Date(iso));
}

export interface SignOffGroup {
  label: string;
  signOff: SignOff;
}

/** The sign-off groups in template order; a signatory the record has no entry for prints as an empty group. */
export function signOffGroups(record: Pick<DecisionRecord, 'signOffs'>, template: OfficeTemplate): SignOffGroup[] {
  const groups: SignOffGroup[] = template.signatories.map((signatory) => ({
    label: signatory.label,
    signOff: record.signOffs.find((s) => s.role === signatory.role) ?? {
      role: signatory.role,
      name: signatory.defaultName,
      comments: '',
      signature: null,
    },
  }));
  // A record made under an older template may carry a role the template no longer has: print it rather than lose it.
  for (const signOff of record.signOffs) {
    if (!template.signatories.some((s) => s.role === signOff.role)) groups.push({ label: signOff.role, signOff });
  }
  return groups;
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
