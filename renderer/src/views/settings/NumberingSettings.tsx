// Settings → Numbering: the office's reference series, each with its label, pattern (and an example reference) and
// when its number starts again; added, removed (never the last), reordered.

import { exampleReference } from '../../../../electron/core/domain/reference.ts';
import type { OfficeTemplate, Series } from '../../../../electron/core/domain/template.ts';
import {
  addedSeries,
  editedSeries,
  movedSeries,
  relabelledSeries,
  removedSeries,
} from '../../stores/settings/template-edits.ts';
import { useSettingsStore } from '../../stores/settings/store.ts';
import { ItemControls, ListProblem, SettingInput, SettingSelect } from './fields.tsx';

const RESETS: readonly { value: Series['reset']; label: string }[] = [
  { value: 'year', label: 'Each calendar year (1 January)' },
  { value: 'financial-year', label: 'Each financial year (1 April)' },
  { value: 'never', label: 'Never: one continuous series' },
];

const PERIOD_WORDS: Record<Series['reset'], string> = {
  year: 'this year',
  'financial-year': 'this financial year',
  never: 'in the series',
};

export function NumberingSettings({
  template,
  onChange,
}: {
  template: OfficeTemplate;
  onChange(change: (template: OfficeTemplate) => OfficeTemplate, reordered?: boolean): void;
}) {
  const saved = useSettingsStore((s) => s.settings?.template ?? null);
  // The saved ids, which records name (a fresh array: worked out here, not in the selector, which must return what is stored).
  const savedIds = saved?.numbering.series.map((series) => series.id) ?? [];
  const series = template.numbering.series;
  return (
    <fieldset className="settings-group template-list">
      <legend>Numbering</legend>
      <p className="hint">
        Each record takes its reference from one series. In a pattern, {'{nnn}'} is the number (as many digits as
        n&rsquo;s), {'{yy}'} or {'{yyyy}'} the year, and {'{yy+1}'} or {'{yyyy+1}'} the year after it
        (&ldquo;2026/27&rdquo; is {'{yyyy}/{yy+1}'}).
      </p>
      <ListProblem path="template.numbering.series" />
      <ListProblem path="template.numbering" />
      <ol className="list-items">
        {series.map((s, index) => {
          const example = exampleReference(s, new Date());
          return (
            <li key={index} className="list-item">
              <fieldset>
                <legend>
                  Series {index + 1}: {s.label || 'no name yet'}
                </legend>
                <SettingInput
                  path={`template.numbering.series.${index}.label`}
                  idPath={`template.numbering.series.${index}.id`}
                  label={`Series ${index + 1}: name`}
                  hint={
                    savedIds.includes(s.id)
                      ? `Records name this series by its id, ${s.id}, which stays as it is.`
                      : `Its id will be ${s.id}, made from the name; it stays once saved.`
                  }
                  value={s.label}
                  maxLength={120}
                  onChange={(label) => onChange((t) => relabelledSeries(t, index, label, savedIds))}
                />
                <SettingInput
                  path={`template.numbering.series.${index}.pattern`}
                  label={`Series ${index + 1}: reference pattern`}
                  hint={example ? `The 21st decision ${PERIOD_WORDS[s.reset]} would be ${example}.` : undefined}
                  value={s.pattern}
                  maxLength={60}
                  onChange={(pattern) => onChange((t) => editedSeries(t, index, { pattern }))}
                />
                <SettingSelect
                  path={`template.numbering.series.${index}.reset`}
                  label={`Series ${index + 1}: the number starts again at 1`}
                  value={s.reset}
                  options={RESETS}
                  onChange={(reset) => onChange((t) => editedSeries(t, index, { reset }))}
                />
                <ItemControls
                  kind="series"
                  index={index}
                  count={series.length}
                  onMove={(by) => onChange((t) => movedSeries(t, index, by), true)}
                  onRemove={() => onChange((t) => removedSeries(t, index), true)}
                  removeHint={series.length <= 1 ? 'The office needs at least one series.' : undefined}
                />
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button"
        disabled={series.length >= 8}
        onClick={() => onChange((t) => addedSeries(t), true)}
      >
        Add a series
      </button>
    </fieldset>
  );
}
