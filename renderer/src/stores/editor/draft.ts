// The open record's editable content: taken from a record, compared with it to make a save's patch.

import type { DecisionRecord, RecordPatch } from '../../../../electron/core/domain/record.ts';

/** The fields a record may leave out (absent: the template's default), which the form keeps absent until chosen. */
type OptionalField = 'series' | 'category' | 'decisionMaker' | 'sections';
/** Everything a save may change, all present but the optional choices: what the form shows. */
export type EditableContent = Required<Omit<RecordPatch, OptionalField>> & Pick<RecordPatch, OptionalField>;
export type EditableField = keyof EditableContent;

/** The three sections edited as rich text; their text is read from the editor only when it is saved. */
export const RICH_TEXT_FIELDS = ['executiveSummary', 'recommendation', 'decision'] as const;
export type RichTextField = (typeof RICH_TEXT_FIELDS)[number];

export function editableContentOf(record: DecisionRecord): EditableContent {
  return {
    originator: record.originator,
    title: record.title,
    classification: record.classification,
    confidentialReason: record.confidentialReason,
    executiveSummary: record.executiveSummary,
    recommendation: record.recommendation,
    decision: record.decision,
    backgroundDocuments: record.backgroundDocuments,
    impact: record.impact,
    publication: record.publication ?? {},
    series: record.series,
    category: record.category,
    decisionMaker: record.decisionMaker,
    sections: record.sections,
    signOffs: record.signOffs.map(({ role, name, comments }) => ({ role, name, comments })),
  };
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** The fields of `draft` that differ from `record`: what a save sends. */
export function patchBetween(record: DecisionRecord, draft: EditableContent): RecordPatch {
  const saved = editableContentOf(record);
  const patch: Record<string, unknown> = {};
  for (const field of Object.keys(draft) as EditableField[]) {
    if (!same(saved[field], draft[field])) patch[field] = draft[field];
  }
  return patch as RecordPatch;
}

/** The fields that differ between two versions, in form order: what a conflict shows side by side. */
export function fieldsThatDiffer(a: EditableContent, b: EditableContent): EditableField[] {
  return (Object.keys(a) as EditableField[]).filter((field) => !same(a[field], b[field]));
}

/** The record as it would be saved with the draft, for the checks made before submission. */
export function recordWithDraft(record: DecisionRecord, draft: EditableContent): DecisionRecord {
  const { signOffs: _signOffs, ...content } = draft;
  return { ...record, ...content };
}

/** Only a draft that never had a reference can be deleted (to the bin): a number, once given, stays in the register. */
export function canBeDeleted(record: Pick<DecisionRecord, 'status' | 'reference'>): boolean {
  return record.status === 'draft' && record.reference === null;
}
