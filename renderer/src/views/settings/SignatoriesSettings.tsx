// Settings → Signatories: who signs each record, in the order they print. Each is an officer who signs before the
// decision (every record needs them, or may have them, or needs one of a group) or a decision maker (who decides,
// in a capacity, perhaps not the reserved decisions); and whose signatures must be there before they sign.

import type { OfficeTemplate, Signatory } from '../../../../electron/core/domain/template.ts';
import {
  addedSignatory,
  editedSignatory,
  movedSignatory,
  relabelledSignatory,
  removedSignatory,
} from '../../stores/settings/template-edits.ts';
import { useSettingsStore } from '../../stores/settings/store.ts';
import { ItemControls, ListProblem, SettingCheckbox, SettingInput, SettingSelect, settingId } from './fields.tsx';

type Change = (change: (template: OfficeTemplate) => OfficeTemplate, reordered?: boolean) => void;

const NEEDS: readonly { value: Signatory['need']; label: string }[] = [
  { value: 'required', label: 'Every record needs their signature' },
  { value: 'optional', label: 'They may sign; the decision does not wait for them' },
  { value: 'one-of', label: 'One signature from a group is needed' },
];

/** A group's name as typed, kept to what a group may be: lower-case letters, digits and hyphens. */
const groupOf = (typed: string) => typed.toLowerCase().replace(/[^a-z0-9-]+/g, '-');

export function SignatoriesSettings({ template, onChange }: { template: OfficeTemplate; onChange: Change }) {
  const saved = useSettingsStore((s) => s.settings?.template ?? null);
  const errors = useSettingsStore((s) => s.errors);
  // The saved roles, which records name (worked out here: the selector must return what is stored).
  const savedRoles = saved?.signatories.map((s) => s.role) ?? [];
  const signatories = template.signatories;
  return (
    <fieldset className="settings-group template-list">
      <legend>Signatories, in the order they sign</legend>
      <p className="hint">
        Officers sign before the decision; a decision maker signs last and decides. A record names one of the decision
        makers.
      </p>
      <ListProblem path="template.signatories" />
      <ol className="list-items">
        {signatories.map((signatory, index) => {
          const n = index + 1;
          const at = `template.signatories.${index}`;
          const edit = (change: Partial<Omit<Signatory, 'role'>>) => onChange((t) => editedSignatory(t, index, change));
          const whoId = settingId(`${at}.decides`);
          const afterId = settingId(`${at}.after`);
          const afterError = errors[`${at}.after`];
          const others = signatories.filter((_, i) => i !== index);
          return (
            <li key={index} className="list-item">
              <fieldset>
                <legend>
                  Signatory {n}: {signatory.label || 'no label yet'}
                </legend>
                <div className="signatory-row">
                  <SettingInput
                    path={`${at}.label`}
                    idPath={`${at}.role`}
                    label={`Signatory ${n}: printed label`}
                    hint={
                      savedRoles.includes(signatory.role)
                        ? `Records name this role by its id, ${signatory.role}, which stays as it is.`
                        : `Its role id will be ${signatory.role}, made from the label; it stays once saved.`
                    }
                    value={signatory.label}
                    maxLength={120}
                    onChange={(label) => onChange((t) => relabelledSignatory(t, index, label, savedRoles))}
                  />
                  <SettingInput
                    path={`${at}.defaultName`}
                    label={`Signatory ${n}: name`}
                    hint="Filled in on each new record."
                    value={signatory.defaultName}
                    maxLength={200}
                    onChange={(defaultName) => edit({ defaultName })}
                  />
                </div>
                <fieldset className="choice">
                  <legend id={whoId}>Signatory {n}: who signs</legend>
                  <div className="choice-options">
                    <label className="choice-option" htmlFor={`${whoId}-officer`}>
                      <input
                        id={`${whoId}-officer`}
                        type="radio"
                        name={whoId}
                        checked={!signatory.decides}
                        onChange={() => edit({ decides: false })}
                      />
                      <span>An officer, before the decision</span>
                    </label>
                    <label className="choice-option" htmlFor={`${whoId}-decides`}>
                      <input
                        id={`${whoId}-decides`}
                        type="radio"
                        name={whoId}
                        checked={signatory.decides}
                        onChange={() => edit({ decides: true })}
                      />
                      <span>A decision maker</span>
                    </label>
                  </div>
                </fieldset>
                {signatory.decides ? (
                  <>
                    <SettingInput
                      path={`${at}.capacity`}
                      label={`Signatory ${n}: capacity printed with the decision`}
                      hint="e.g. under the scheme of delegation; leave blank for the Commissioner deciding personally."
                      value={signatory.capacity}
                      maxLength={200}
                      onChange={(capacity) => edit({ capacity })}
                    />
                    <SettingCheckbox
                      path={`${at}.reserved`}
                      label={`Signatory ${n}: may take reserved decisions`}
                      hint="Decisions the law reserves to the Commissioner personally (the plan, the precept, the chief constable)."
                      checked={signatory.reserved}
                      onChange={(reserved) => edit({ reserved })}
                    />
                  </>
                ) : (
                  <>
                    <SettingSelect
                      path={`${at}.need`}
                      label={`Signatory ${n}: whether a record needs them`}
                      value={signatory.need}
                      options={NEEDS}
                      onChange={(need) =>
                        edit(
                          need === 'one-of'
                            ? { need, group: signatory.group ?? 'head-of-office' }
                            : { need, group: undefined },
                        )
                      }
                    />
                    {signatory.need === 'one-of' && (
                      <SettingInput
                        path={`${at}.group`}
                        label={`Signatory ${n}: the group`}
                        hint="The same name for each signatory of the group, e.g. head-of-office: one of them signs."
                        value={signatory.group ?? ''}
                        maxLength={60}
                        onChange={(group) => edit({ group: groupOf(group) })}
                      />
                    )}
                  </>
                )}
                {others.length > 0 && (
                  <fieldset
                    id={afterId}
                    className={`template-choices${afterError ? ' has-error' : ''}`}
                    aria-describedby={afterError ? `${afterId}-error` : undefined}
                    aria-invalid={afterError ? true : undefined}
                  >
                    <legend>Signatory {n}: signs after</legend>
                    {others.map((other) => (
                      <label key={other.role} className="checkbox" htmlFor={`${afterId}-${other.role}`}>
                        <input
                          id={`${afterId}-${other.role}`}
                          type="checkbox"
                          checked={signatory.after.includes(other.role)}
                          onChange={(event) =>
                            edit({
                              after: event.target.checked
                                ? [...signatory.after, other.role]
                                : signatory.after.filter((r) => r !== other.role),
                            })
                          }
                        />
                        <span>{other.label || other.role}</span>
                      </label>
                    ))}
                    {afterError && (
                      <p id={`${afterId}-error`} className="field-error">
                        {afterError}
                      </p>
                    )}
                  </fieldset>
                )}
                <ItemControls
                  kind="signatory"
                  index={index}
                  count={signatories.length}
                  onMove={(by) => onChange((t) => movedSignatory(t, index, by), true)}
                  onRemove={() => onChange((t) => removedSignatory(t, index), true)}
                  removeHint={signatories.length <= 1 ? 'A record needs at least one signatory.' : undefined}
                />
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button"
        disabled={signatories.length >= 8}
        onClick={() => onChange(addedSignatory, true)}
      >
        Add a signatory
      </button>
    </fieldset>
  );
}
