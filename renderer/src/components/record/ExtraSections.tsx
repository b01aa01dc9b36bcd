// The office's own parts of the form, as its template defines them: the extra sections at their places (rich text,
// yes/no with an explanation, a list of people, a date), and the record's choices (numbering series, decision
// category, decision maker), with the refusal of a reserved decision by someone who may not take it.

import type { ReactNode } from 'react';
import { LIMITS, type SectionValue } from '../../../../electron/core/domain/record.ts';
import { exampleReference } from '../../../../electron/core/domain/reference.ts';
import { decisionMakers, deciderOf, reservedProblem, signatoryName } from '../../../../electron/core/domain/signing.ts';
import type { ExtraSection, OfficeTemplate } from '../../../../electron/core/domain/template.ts';
import { sectionKey, sectionValueOf } from '../../stores/editor/draft.ts';
import { useEditorStore } from '../../stores/editor/store.ts';
import { RichTextEditor } from '../RichTextEditor.tsx';
import { Choice, DateField, FieldFrame, fieldId, TextField } from './fields.tsx';

type Place = ExtraSection['after'];

/** The ids of a section's heading, help and control ("sections.options" → "sections-options-heading"). */
const idsOf = (section: ExtraSection) => {
  const path = sectionKey(section.id);
  const base = path.replace(/\./g, '-');
  return { path, control: fieldId(path), heading: `${base}-heading`, help: `${base}-help`, note: `${base}-internal` };
};

/** "Explain your answer" applies to this answer. */
function needsExplanation(section: ExtraSection, answer: boolean | null): boolean {
  return section.explainWhen === 'yes' ? answer === true : section.explainWhen === 'no' ? answer === false : false;
}

function SectionFrame({ section, children }: { section: ExtraSection; children: ReactNode }) {
  const ids = idsOf(section);
  return (
    <section
      className={`form-section extra-section${section.internal ? ' is-internal' : ''}`}
      aria-labelledby={ids.heading}
      data-print-heading={section.label}
    >
      <h3 id={ids.heading} className="section-label">
        {section.label}
        {section.required && <span className="required-mark"> (required)</span>}
      </h3>
      {section.internal && (
        <p id={ids.note} className="internal-note">
          Internal: left out of the public copy and the publication pack; printed on the archive copy only.
        </p>
      )}
      {section.help && (
        <p id={ids.help} className="hint">
          {section.help}
        </p>
      )}
      {children}
    </section>
  );
}

/** The section's value in the draft (its empty value until it has one); null with no record open. */
function useSectionValue(section: ExtraSection): SectionValue | null {
  // The selector returns what the store holds, never a value made afresh (which would re-render without end).
  const sections = useEditorStore((s) => s.draft?.sections);
  const open = useEditorStore((s) => s.draft !== null);
  return open ? sectionValueOf({ sections }, section) : null;
}

function describedBy(section: ExtraSection): string | undefined {
  const ids = idsOf(section);
  return [section.internal ? ids.note : null, section.help ? ids.help : null].filter(Boolean).join(' ') || undefined;
}

function RichTextSection({ section, readOnly }: { section: ExtraSection; readOnly: boolean }) {
  const ids = idsOf(section);
  return (
    <SectionFrame section={section}>
      <RichTextEditor
        field={ids.path as `sections.${string}`}
        label={section.label}
        labelId={ids.heading}
        describedBy={describedBy(section)}
        readOnly={readOnly}
      />
    </SectionFrame>
  );
}

function YesNoSection({
  section,
  template,
  readOnly,
}: {
  section: ExtraSection;
  template: OfficeTemplate;
  readOnly: boolean;
}) {
  const value = useSectionValue(section);
  const sectionEdited = useEditorStore((s) => s.sectionEdited);
  if (value?.kind !== 'yes-no') return null;
  const ids = idsOf(section);
  const explain = needsExplanation(section, value.answer);
  const edit = (change: Partial<Extract<SectionValue, { kind: 'yes-no' }>>) => sectionEdited({ ...value, ...change });
  return (
    <section
      className={`form-section extra-section${section.internal ? ' is-internal' : ''}`}
      aria-labelledby={ids.heading}
      data-print-heading={section.label}
    >
      <Choice
        id={ids.control}
        legend={
          <span id={ids.heading} className="section-label">
            {section.label}
            {section.required && <span className="required-mark"> (required)</span>}
          </span>
        }
        help={
          section.internal || section.help ? (
            <>
              {section.internal && (
                <span className="internal-note">Internal: left out of the public copy and the publication pack. </span>
              )}
              {section.help}
            </>
          ) : undefined
        }
        options={[
          { value: true, label: template.labels.yes },
          { value: false, label: template.labels.no },
        ]}
        value={value.answer}
        readOnly={readOnly}
        onChange={(answer) => edit({ answer })}
      />
      {(section.explainWhen !== 'never' || value.explanation !== '') && (
        <TextField
          id={`${ids.control}-explanation`}
          label="Explanation"
          hint={explain ? 'Needed for this answer.' : 'Optional for this answer.'}
          error={explain && !value.explanation.trim() ? `Explain your answer to \u201c${section.label}\u201d.` : null}
          value={value.explanation}
          maxLength={LIMITS.impactText}
          multiline
          readOnly={readOnly}
          onChange={(explanation) => edit({ explanation })}
        />
      )}
    </section>
  );
}

function PeopleSection({ section, readOnly }: { section: ExtraSection; readOnly: boolean }) {
  const value = useSectionValue(section);
  const sectionEdited = useEditorStore((s) => s.sectionEdited);
  if (value?.kind !== 'people') return null;
  const ids = idsOf(section);
  const people = value.people;
  const set = (next: string[]) => sectionEdited({ ...value, people: next });
  const nameId = (index: number) => (index === 0 ? ids.control : `${ids.control}-${index}`);
  /** After React has drawn the list: the focus goes to the name added, the one before a name removed, or Add. */
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
  const full = people.length >= LIMITS.people;
  return (
    <SectionFrame section={section}>
      {people.length === 0 && <p className="muted">No one listed yet.</p>}
      <ul className="people-list">
        {people.map((name, index) => (
          <li key={index} className="people-row">
            <TextField
              id={nameId(index)}
              label={`Name ${index + 1}`}
              value={name}
              maxLength={LIMITS.name}
              readOnly={readOnly}
              onChange={(next) => set(people.map((p, i) => (i === index ? next : p)))}
            />
            {!readOnly && (
              <button
                type="button"
                className="button button-small button-quiet"
                aria-label={`Remove name ${index + 1}${name.trim() ? `, ${name.trim()}` : ''}`}
                onClick={() => {
                  set(people.filter((_, i) => i !== index));
                  focusLater(people.length > 1 ? nameId(Math.max(0, index - 1)) : ids.control);
                }}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <button
          type="button"
          id={people.length === 0 ? ids.control : `${ids.control}-add`}
          className="button button-small"
          aria-disabled={full || undefined}
          aria-describedby={describedBy(section)}
          onClick={() => {
            if (full) return;
            set([...people, '']);
            focusLater(nameId(people.length));
          }}
        >
          Add a name
        </button>
      )}
      {full && <p className="hint">At most {LIMITS.people} names.</p>}
    </SectionFrame>
  );
}

function DateSection({ section, readOnly }: { section: ExtraSection; readOnly: boolean }) {
  const value = useSectionValue(section);
  const sectionEdited = useEditorStore((s) => s.sectionEdited);
  if (value?.kind !== 'date') return null;
  const ids = idsOf(section);
  return (
    <SectionFrame section={section}>
      <DateField
        id={ids.control}
        label={<span className="visually-hidden">{section.label}</span>}
        value={value.date ?? ''}
        readOnly={readOnly}
        onChange={(date) => sectionEdited({ ...value, date: date === '' ? null : date })}
      />
    </SectionFrame>
  );
}

/** The template's sections that print after `place`, in the template's order. */
export function ExtraSectionsAt({
  template,
  place,
  readOnly,
}: {
  template: OfficeTemplate;
  place: Place;
  readOnly: boolean;
}) {
  return (
    <>
      {template.sections
        .filter((section) => section.after === place)
        .map((section) => {
          switch (section.kind) {
            case 'rich-text':
              return <RichTextSection key={section.id} section={section} readOnly={readOnly} />;
            case 'yes-no':
              return <YesNoSection key={section.id} section={section} template={template} readOnly={readOnly} />;
            case 'people':
              return <PeopleSection key={section.id} section={section} readOnly={readOnly} />;
            case 'date':
              return <DateSection key={section.id} section={section} readOnly={readOnly} />;
          }
        })}
    </>
  );
}

/** The record's choices the template offers: which series numbers it, its category, and who decides it. */
export function RecordChoices({ template, readOnly }: { template: OfficeTemplate; readOnly: boolean }) {
  const series = useEditorStore((s) => s.draft?.series);
  const category = useEditorStore((s) => s.draft?.category);
  const decisionMaker = useEditorStore((s) => s.draft?.decisionMaker);
  const fieldEdited = useEditorStore((s) => s.fieldEdited);
  const decisionMakerChosen = useEditorStore((s) => s.decisionMakerChosen);
  const fieldLeft = useEditorStore((s) => s.fieldLeft);
  const makers = decisionMakers(template);
  const manySeries = template.numbering.series.length > 1;
  const hasCategories = template.categories.length > 0;
  const manyMakers = makers.length > 1;
  if (!manySeries && !hasCategories && !manyMakers) return null;
  const refusal = reservedProblem({ category, decisionMaker }, template);
  const decider = deciderOf({ decisionMaker }, template);
  const today = new Date();
  const categoryId = fieldId('category');
  return (
    <section className="form-section record-choices" aria-labelledby="record-choices-heading">
      <h3 id="record-choices-heading" className="section-label">
        Decision details
      </h3>
      {manySeries && (
        <Choice
          id={fieldId('series')}
          legend="Numbering series"
          help="The series the reference is taken from when the record is submitted."
          options={template.numbering.series.map((s) => {
            const example = exampleReference(s, today);
            return { value: s.id, label: example ? `${s.label} (e.g. ${example})` : s.label };
          })}
          value={series ?? template.numbering.series[0]!.id}
          readOnly={readOnly}
          onChange={(value) => fieldEdited('series', value)}
        />
      )}
      {hasCategories && (
        <FieldFrame
          id={categoryId}
          label="Decision category (required)"
          hint={
            template.categories.some((c) => c.reserved)
              ? `A category marked reserved can be decided only by the ${template.commissionerTitle} personally.`
              : undefined
          }
          error={refusal && !manyMakers ? refusal : null}
        >
          {(described) => (
            <select
              id={categoryId}
              value={category ?? ''}
              disabled={readOnly}
              aria-describedby={described}
              aria-invalid={refusal && !manyMakers ? true : undefined}
              onChange={(event) => {
                if (event.target.value) fieldEdited('category', event.target.value);
              }}
              onBlur={fieldLeft}
            >
              {category === undefined && <option value="">Choose a category…</option>}
              {template.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.reserved ? `${c.label} (reserved)` : c.label}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
      )}
      {manyMakers && (
        <Choice
          id={fieldId('decisionMaker')}
          legend="Decision maker"
          help="Who takes the decision: theirs is the last sign-off on the form."
          error={refusal}
          options={makers.map((m) => {
            const name = signatoryName(template, m.role);
            return { value: m.role, label: m.capacity ? `${name}, ${m.capacity}` : `${name}, personally` };
          })}
          value={decider?.role ?? null}
          readOnly={readOnly}
          onChange={(role) => decisionMakerChosen(role, template)}
        />
      )}
    </section>
  );
}
