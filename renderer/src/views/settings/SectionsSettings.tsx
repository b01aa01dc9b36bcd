// Settings → Extra sections and Categories: the sections the office adds to its form (financial implications, a
// yes/no question…), and the decision categories a record may be given, some reserved to the PCC personally.

import { SECTION_PLACES, type ExtraSection, type OfficeTemplate } from '../../../../electron/core/domain/template.ts';
import {
  addedCategory,
  addedSection,
  editedSection,
  moved,
  relabelledCategory,
  relabelledSection,
  replaced,
  without,
} from '../../stores/settings/template-edits.ts';
import { useSettingsStore } from '../../stores/settings/store.ts';
import { ItemControls, ListProblem, SettingCheckbox, SettingInput, SettingSelect } from './fields.tsx';

type Change = (change: (template: OfficeTemplate) => OfficeTemplate, reordered?: boolean) => void;

const KINDS: readonly { value: ExtraSection['kind']; label: string }[] = [
  { value: 'rich-text', label: 'Text, like the executive summary' },
  { value: 'yes-no', label: 'A yes/no question, with an explanation' },
  { value: 'people', label: 'A list of people' },
  { value: 'date', label: 'A date' },
];

const EXPLAIN: readonly { value: ExtraSection['explainWhen']; label: string }[] = [
  { value: 'yes', label: 'When the answer is Yes' },
  { value: 'no', label: 'When the answer is No' },
  { value: 'never', label: 'Never' },
];

/** The form's own section a place names, in the template's own words. */
function placeLabel(template: OfficeTemplate, place: (typeof SECTION_PLACES)[number]): string {
  const labels = template.labels;
  const words = place === 'impact' ? labels.impactAssessment : labels[place];
  return `After ${words}`;
}

const idHint = (saved: boolean, id: string) =>
  saved
    ? `Records name it by its id, ${id}, which stays as it is.`
    : `Its id will be ${id}, made from the label; it stays once saved.`;

export function SectionsSettings({ template, onChange }: { template: OfficeTemplate; onChange: Change }) {
  const saved = useSettingsStore((s) => s.settings?.template ?? null);
  // The saved ids, which records name (a fresh array: worked out here, not in the selector, which must return what is stored).
  const savedIds = saved?.sections.map((section) => section.id) ?? [];
  const sections = template.sections;
  const places = SECTION_PLACES.map((place) => ({ value: place, label: placeLabel(template, place) }));
  return (
    <fieldset className="settings-group template-list">
      <legend>Extra sections</legend>
      <p className="hint">
        Sections the office adds to its form, e.g. financial or legal implications. Each prints after one of the
        form&rsquo;s own sections.
      </p>
      <ListProblem path="template.sections" />
      {sections.length === 0 && <p className="muted">No extra sections: the form has only its own.</p>}
      <ol className="list-items">
        {sections.map((section, index) => {
          const n = index + 1;
          const at = `template.sections.${index}`;
          const edit = (change: Partial<Omit<ExtraSection, 'id'>>) => onChange((t) => editedSection(t, index, change));
          return (
            <li key={index} className="list-item">
              <fieldset>
                <legend>
                  Section {n}: {section.label || 'no label yet'}
                </legend>
                <SettingInput
                  path={`${at}.label`}
                  idPath={`${at}.id`}
                  label={`Section ${n}: heading or question`}
                  hint={idHint(savedIds.includes(section.id), section.id)}
                  value={section.label}
                  maxLength={300}
                  onChange={(label) => onChange((t) => relabelledSection(t, index, label, savedIds))}
                />
                <SettingSelect
                  path={`${at}.kind`}
                  label={`Section ${n}: kind`}
                  value={section.kind}
                  options={KINDS}
                  onChange={(kind) => edit({ kind })}
                />
                {section.kind === 'yes-no' && (
                  <SettingSelect
                    path={`${at}.explainWhen`}
                    label={`Section ${n}: an explanation is needed`}
                    value={section.explainWhen}
                    options={EXPLAIN}
                    onChange={(explainWhen) => edit({ explainWhen })}
                  />
                )}
                <SettingInput
                  path={`${at}.help`}
                  label={`Section ${n}: help for the person drafting`}
                  hint="Shown under the heading while drafting; never printed."
                  value={section.help}
                  maxLength={500}
                  onChange={(help) => edit({ help })}
                />
                <SettingSelect
                  path={`${at}.after`}
                  label={`Section ${n}: where it prints`}
                  value={section.after}
                  options={places}
                  onChange={(after) => edit({ after })}
                />
                <SettingCheckbox
                  path={`${at}.required`}
                  label={`Section ${n}: must be answered before submission`}
                  checked={section.required}
                  onChange={(required) => edit({ required })}
                />
                <SettingCheckbox
                  path={`${at}.internal`}
                  label={`Section ${n}: internal, left out of the public copy`}
                  hint="Printed on the archive copy only, never published."
                  checked={section.internal}
                  onChange={(internal) => edit({ internal })}
                />
                <ItemControls
                  kind="section"
                  index={index}
                  count={sections.length}
                  onMove={(by) => onChange((t) => ({ ...t, sections: moved(t.sections, index, by) }), true)}
                  onRemove={() => onChange((t) => ({ ...t, sections: without(t.sections, index) }), true)}
                />
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button"
        disabled={sections.length >= 20}
        onClick={() => onChange(addedSection, true)}
      >
        Add a section
      </button>
    </fieldset>
  );
}

export function CategoriesSettings({ template, onChange }: { template: OfficeTemplate; onChange: Change }) {
  const saved = useSettingsStore((s) => s.settings?.template ?? null);
  // The saved ids, which records name (a fresh array: worked out here, not in the selector, which must return what is stored).
  const savedIds = saved?.categories.map((category) => category.id) ?? [];
  const categories = template.categories;
  return (
    <fieldset className="settings-group template-list">
      <legend>Decision categories</legend>
      <p className="hint">
        A record may be given one, e.g. Precept or Contract award. A reserved category can only be decided by the
        Commissioner personally.
      </p>
      <ListProblem path="template.categories" />
      {categories.length === 0 && <p className="muted">No categories: records are not given one.</p>}
      <ol className="list-items list-items-compact">
        {categories.map((category, index) => {
          const n = index + 1;
          const at = `template.categories.${index}`;
          return (
            <li key={index} className="list-item list-item-row">
              <SettingInput
                path={`${at}.label`}
                idPath={`${at}.id`}
                label={`Category ${n}: name`}
                hint={idHint(savedIds.includes(category.id), category.id)}
                value={category.label}
                maxLength={120}
                onChange={(label) => onChange((t) => relabelledCategory(t, index, label, savedIds))}
              />
              <SettingCheckbox
                path={`${at}.reserved`}
                label={`Category ${n}: reserved to the Commissioner personally`}
                hint="Only a decision maker who may take reserved decisions can decide it."
                checked={category.reserved}
                onChange={(reserved) =>
                  onChange((t) => ({ ...t, categories: replaced(t.categories, index, { reserved }) }))
                }
              />
              <button
                type="button"
                className="button button-small"
                aria-label={`Remove category ${n}`}
                onClick={() => onChange((t) => ({ ...t, categories: without(t.categories, index) }), true)}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button"
        disabled={categories.length >= 40}
        onClick={() => onChange(addedCategory, true)}
      >
        Add a category
      </button>
    </fieldset>
  );
}
