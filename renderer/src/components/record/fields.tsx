// The form's plain fields: text boxes and yes/no choices, each labelled, hinted and saved as the person types.

import type { ReactNode } from 'react';
import { useEditorStore } from '../../stores/editor/store.ts';
import { usePasteLimit } from '../paste-limit.ts';

/** The id of a field's control, from its path in the record ("impact.planObjectives" → "field-impact-planObjectives"). */
export const fieldId = (path: string) => `field-${path.replace(/\./g, '-')}`;

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** Something that just happened to the field (a paste refused), announced at once. */
  notice?: string | null;
  children: (describedBy: string | undefined) => ReactNode;
  className?: string;
}

/** Label, hint, the control, and the problem with it (if any), tied together for screen readers. */
export function FieldFrame({ id, label, hint, error, notice, children, className }: FieldFrameProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const noticeId = notice ? `${id}-notice` : undefined;
  const describedBy = [hintId, errorId, noticeId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${error ? 'has-error' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {children(describedBy)}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {notice && (
        <p id={noticeId} className="field-error" role="alert">
          {notice}
        </p>
      )}
    </div>
  );
}

interface TextProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  value: string;
  maxLength: number;
  readOnly: boolean;
  multiline?: boolean;
  rows?: number;
  onChange(value: string): void;
  className?: string;
}

/** A text box (or a multi-line one), British English spelling checked; a paste too long for it is refused, saying so. */
export function TextField({
  id,
  label,
  hint,
  error,
  value,
  maxLength,
  readOnly,
  multiline,
  rows = 3,
  onChange,
  className,
}: TextProps) {
  const fieldLeft = useEditorStore((s) => s.fieldLeft);
  const paste = usePasteLimit(maxLength);
  const changed = (next: string) => {
    paste.changed();
    onChange(next);
  };
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} notice={paste.message} className={className}>
      {(describedBy) =>
        multiline ? (
          <textarea
            id={id}
            value={value}
            rows={rows}
            maxLength={maxLength}
            readOnly={readOnly}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            spellCheck
            lang="en-GB"
            onChange={(event) => changed(event.target.value)}
            onPaste={paste.onPaste}
            onDrop={paste.onDrop}
            onBlur={fieldLeft}
          />
        ) : (
          <input
            id={id}
            type="text"
            value={value}
            maxLength={maxLength}
            readOnly={readOnly}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            autoComplete="off"
            spellCheck
            lang="en-GB"
            onChange={(event) => changed(event.target.value)}
            onPaste={paste.onPaste}
            onDrop={paste.onDrop}
            onBlur={fieldLeft}
          />
        )
      }
    </FieldFrame>
  );
}

interface ChoiceProps<T extends string | boolean> {
  id: string;
  legend: ReactNode;
  help?: ReactNode;
  error?: string | null;
  options: { value: T; label: string }[];
  value: T | null;
  readOnly: boolean;
  onChange(value: T): void;
}

/** A set of radio buttons with a legend: Open/Confidential, Yes/No. The first option carries the field's id. */
export function Choice<T extends string | boolean>({
  id,
  legend,
  help,
  error,
  options,
  value,
  readOnly,
  onChange,
}: ChoiceProps<T>) {
  const fieldLeft = useEditorStore((s) => s.fieldLeft);
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      className={`choice ${error ? 'has-error' : ''}`}
      aria-describedby={[helpId, errorId].filter(Boolean).join(' ') || undefined}
    >
      <legend>{legend}</legend>
      {help && (
        <p id={helpId} className="hint">
          {help}
        </p>
      )}
      <div className="choice-options">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${String(option.value)}`;
          return (
            <label key={String(option.value)} className="choice-option" htmlFor={optionId}>
              <input
                id={optionId}
                type="radio"
                name={id}
                checked={value === option.value}
                disabled={readOnly && value !== option.value}
                onChange={() => {
                  if (!readOnly) onChange(option.value);
                }}
                onBlur={fieldLeft}
              />
              <span>{option.label}</span>
            </label>
          );
        })}
      </div>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

interface DateProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** YYYY-MM-DD, or '' for none. */
  value: string;
  readOnly: boolean;
  onChange(value: string): void;
}

/** A calendar day (the browser's date picker); emptied, the field has no date. */
export function DateField({ id, label, hint, error, value, readOnly, onChange }: DateProps) {
  const fieldLeft = useEditorStore((s) => s.fieldLeft);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className="field-date">
      {(describedBy) => (
        <input
          id={id}
          type="date"
          value={value}
          min="2000-01-01"
          max="2099-12-31"
          readOnly={readOnly}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.value)}
          onBlur={fieldLeft}
        />
      )}
    </FieldFrame>
  );
}
