// The settings form's controls: each labelled, with its hint and its problem tied to it (aria-describedby,
// aria-invalid), named by the field's path in the settings ("template.numbering.series.0.pattern").

import type { ReactNode } from 'react';
import { FieldFrame } from '../../components/record/fields.tsx';
import { useSettingsStore } from '../../stores/settings/store.ts';

export const settingId = (path: string) => `setting-${path.replace(/\./g, '-')}`;

interface InputProps {
  path: string;
  label: string;
  hint?: ReactNode;
  value: string;
  onChange(value: string): void;
  maxLength?: number;
  className?: string;
}

export function SettingInput({
  path,
  label,
  hint,
  value,
  onChange,
  maxLength,
  className,
  idPath,
}: InputProps & { idPath?: string }) {
  // A label's field shows the problems of the id made from it too (two series with the same id).
  const error = useSettingsStore((s) => s.errors[path] ?? (idPath === undefined ? undefined : s.errors[idPath]));
  const id = settingId(path);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      {(describedBy) => (
        <input
          id={id}
          type="text"
          value={value}
          maxLength={maxLength}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FieldFrame>
  );
}

/** A whole number; what is typed is kept as typed (NaN while empty or not a number), so the checks can name it. */
export function NumberSetting({
  path,
  label,
  hint,
  value,
  min,
  max,
  onChange,
}: Omit<InputProps, 'value' | 'onChange' | 'maxLength'> & {
  value: number;
  min: number;
  max: number;
  onChange(value: number): void;
}) {
  const error = useSettingsStore((s) => s.errors[path]);
  const id = settingId(path);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className="field-number">
      {(describedBy) => (
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={Number.isFinite(value) ? value : ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value.trim() === '' ? Number.NaN : Number(event.target.value))}
        />
      )}
    </FieldFrame>
  );
}

export function SettingSelect<T extends string>({
  path,
  label,
  hint,
  value,
  options,
  onChange,
}: {
  path: string;
  label: string;
  hint?: ReactNode;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
}) {
  const error = useSettingsStore((s) => s.errors[path]);
  const id = settingId(path);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <select
          id={id}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value as T)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export function SettingCheckbox({
  path,
  label,
  hint,
  checked,
  onChange,
}: {
  path: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  const error = useSettingsStore((s) => s.errors[path]);
  const id = settingId(path);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field field-checkbox ${error ? 'has-error' : ''}`}>
      <label className="checkbox" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span>{label}</span>
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A problem with a list as a whole ("template.signatories": no decision maker), shown at the top of the list. */
export function ListProblem({ path }: { path: string }) {
  const error = useSettingsStore((s) => s.errors[path]);
  if (!error) return null;
  return (
    <p id={`${settingId(path)}-error`} className="field-error">
      {error}
    </p>
  );
}

/**
 * Move up, Move down and Remove for an item of a list, named with the item ("Move up series 2"; the visible words
 * first). After a move the focus follows the item to its new place, so the keys can move it on.
 */
export function ItemControls({
  kind,
  index,
  count,
  onMove,
  onRemove,
  removeHint,
}: {
  /** What the list holds, as the buttons name one: "series", "signatory". */
  kind: string;
  index: number;
  count: number;
  onMove(by: -1 | 1): void;
  onRemove(): void;
  /** Why the item cannot be removed (the last series), or nothing when it can. */
  removeHint?: string;
}) {
  const name = (at: number) => `${kind} ${at + 1}`;
  const move = (by: -1 | 1) => {
    onMove(by);
    const to = index + by;
    // The list has been drawn again by the next frame: the same button of the moved item, else its other one.
    requestAnimationFrame(() => {
      const same = document.querySelector<HTMLButtonElement>(
        `button[aria-label="Move ${by < 0 ? 'up' : 'down'} ${name(to)}"]`,
      );
      const other = document.querySelector<HTMLButtonElement>(
        `button[aria-label="Move ${by < 0 ? 'down' : 'up'} ${name(to)}"]`,
      );
      (same && !same.disabled ? same : other)?.focus();
    });
  };
  return (
    <div className="list-item-controls">
      <button
        type="button"
        className="button button-small"
        disabled={index === 0}
        aria-label={`Move up ${name(index)}`}
        onClick={() => move(-1)}
      >
        Move up
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={index === count - 1}
        aria-label={`Move down ${name(index)}`}
        onClick={() => move(1)}
      >
        Move down
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={removeHint !== undefined}
        title={removeHint}
        aria-label={`Remove ${name(index)}`}
        onClick={onRemove}
      >
        Remove
      </button>
    </div>
  );
}
