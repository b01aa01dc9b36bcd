// The open record's editable content: taken from a record, compared with it to make a save's patch.

import type { DecisionRecord, RecordPatch, SectionValue } from '../../../../electron/core/domain/record.ts';
import { signOffsFor } from '../../../../electron/core/domain/signing.ts';
import type { ExtraSection, OfficeTemplate } from '../../../../electron/core/domain/template.ts';

/** The fields a record may leave out (absent: the template's default), which the form keeps absent until chosen. */
type OptionalField = 'series' | 'category' | 'decisionMaker' | 'sections';
/** Everything a save may change, all present but the optional choices: what the form shows. */
export type EditableContent = Required<Omit<RecordPatch, OptionalField>> & Pick<RecordPatch, OptionalField>;
export type EditableField = keyof EditableContent;

/** The three sections edited as rich text; their text is read from the editor only when it is saved. */
export const RICH_TEXT_FIELDS = ['executiveSummary', 'recommendation', 'decision'] as const;
export type RichTextField = (typeof RICH_TEXT_FIELDS)[number];
/** An extra rich-text section of the template, by its path in the record ("sections.financial-implications"). */
export type SectionKey = `sections.${string}`;
/** Anything edited in a rich-text editor: the three built-in sections and the template's rich-text sections. */
export type RichTextKey = RichTextField | SectionKey;

export const sectionKey = (id: string): SectionKey => `sections.${id}`;
const sectionIdOf = (key: SectionKey) => key.slice('sections.'.length);
export const isSectionKey = (key: RichTextKey): key is SectionKey => key.startsWith('sections.');

/** An extra section's value in the draft, or its empty value when the record has none yet. */
export function sectionValueOf(
  content: Pick<EditableContent, 'sections'>,
  section: Pick<ExtraSection, 'id' | 'kind'>,
): SectionValue {
  const found = content.sections?.find((v) => v.id === section.id && v.kind === section.kind);
  if (found) return found;
  const { id } = section;
  switch (section.kind) {
    case 'rich-text':
      return { id, kind: 'rich-text', text: '' };
    case 'yes-no':
      return { id, kind: 'yes-no', answer: null, explanation: '' };
    case 'people':
      return { id, kind: 'people', people: [] };
    case 'date':
      return { id, kind: 'date', date: null };
  }
}

/** The sections with `value` in place of the one of its id (or added). */
export function withSection(sections: EditableContent['sections'], value: SectionValue): SectionValue[] {
  const list = sections ?? [];
  return list.some((v) => v.id === value.id) ? list.map((v) => (v.id === value.id ? value : v)) : [...list, value];
}

/** The Markdown a rich-text editor shows: a built-in section's, or an extra section's text. */
export function richTextOf(content: EditableContent, key: RichTextKey): string {
  if (!isSectionKey(key)) return content[key];
  const id = sectionIdOf(key);
  const value = content.sections?.find((v) => v.id === id);
  return value?.kind === 'rich-text' ? value.text : '';
}

/** The content with a rich-text editor's Markdown put back where it belongs. */
export function withRichText(content: EditableContent, key: RichTextKey, text: string): EditableContent {
  if (!isSectionKey(key)) return { ...content, [key]: text };
  return { ...content, sections: withSection(content.sections, { id: sectionIdOf(key), kind: 'rich-text', text }) };
}

/**
 * The sign-offs with another decision maker: the officers' as typed, the deciding one the new decision maker's (as
 * the service makes them when it saves the choice, so the sign-offs sent with it name roles the record has).
 */
export function signOffsWithDecider(
  signOffs: EditableContent['signOffs'],
  template: Pick<OfficeTemplate, 'signatories'>,
  decisionMaker: string,
): EditableContent['signOffs'] {
  const typed = new Map(signOffs.map((s) => [s.role, s]));
  return signOffsFor(template, decisionMaker).map(
    ({ role, name, comments }) => typed.get(role) ?? { role, name, comments },
  );
}

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
