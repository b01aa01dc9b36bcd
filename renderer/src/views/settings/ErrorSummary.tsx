// The save summary: every problem that stopped Save settings, each a link to its field (its label names it).

import { useLayoutEffect, useState } from 'react';
import { useSettingsStore } from '../../stores/settings/store.ts';
import { settingId } from './fields.tsx';

/** Where a problem is shown: an id's problem at the label it is made from; a list's at the top of the list. */
export function fieldOfProblem(path: string): string {
  return path.replace(/\.(id|role)$/, '.label');
}

interface Line {
  path: string;
  message: string;
  target: string | null;
  name: string | null;
}

export function ErrorSummary() {
  const errors = useSettingsStore((s) => s.errors);
  const notice = useSettingsStore((s) => s.notice);
  const [lines, setLines] = useState<Line[]>([]);
  const shown = notice?.kind === 'error' && Object.keys(errors).length > 0;

  // The fields' labels are read from the page once it shows them: the summary names each field as the form does.
  useLayoutEffect(() => {
    if (!shown) {
      setLines([]);
      return;
    }
    setLines(
      Object.entries(errors).map(([path, message]) => {
        const id = settingId(fieldOfProblem(path));
        const field = document.getElementById(id) ?? document.getElementById(`${id}-error`);
        const label = field
          ? (document.querySelector(`label[for="${id}"]`)?.textContent ??
            field.querySelector('legend')?.textContent ??
            null)
          : null;
        return { path, message, target: field ? field.id : null, name: label };
      }),
    );
  }, [errors, shown]);

  if (!shown || lines.length === 0) return null;
  return (
    <div className="notice notice-error error-summary" role="group" aria-labelledby="settings-error-summary">
      <h3 id="settings-error-summary">
        Not saved: {lines.length === 1 ? 'one field needs' : `${lines.length} fields need`} correcting
      </h3>
      <ul>
        {lines.map((line) => (
          <li key={line.path}>
            {line.target ? (
              <a
                href={`#${line.target}`}
                onClick={(event) => {
                  event.preventDefault();
                  const element = document.getElementById(line.target!);
                  element?.scrollIntoView({ block: 'center' });
                  const focusable = element?.matches('input, select, textarea')
                    ? element
                    : element?.querySelector<HTMLElement>('input, select, textarea');
                  focusable?.focus();
                }}
              >
                {line.name ? `${line.name}: ` : ''}
                {line.message}
              </a>
            ) : (
              line.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
