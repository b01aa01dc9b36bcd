// The form's Publication group: when the decision was taken, when it may be published, what it replaces, and for a
// confidential record what the public register says of it instead. Content: saved as the person types.

import { useState } from 'react';
import { LIMITS, type Publication, ReferenceSchema } from '../../../../electron/core/domain/record.ts';
import { useEditorStore } from '../../stores/editor/store.ts';
import { DateField, FieldFrame, fieldId, TextField } from './fields.tsx';

const NO_PUBLICATION: Publication = {};
/** As the record format allows (PublicationSchema). */
const MAX_SUPERSEDES = 20;

/** The references typed, split on commas, semicolons and lines, each checked as the record format checks a reference. */
export function parseReferences(text: string): { references: string[]; invalid: string[] } {
  const words = text
    .split(/[,;\n]+/)
    .map((word) => word.trim())
    .filter(Boolean);
  const references: string[] = [];
  const invalid: string[] = [];
  for (const word of words) {
    if (!ReferenceSchema.safeParse(word).success) invalid.push(word);
    else if (!references.includes(word)) references.push(word);
  }
  return { references, invalid };
}

function referencesError(invalid: string[], count: number): string | null {
  if (invalid.length > 0) {
    const list = invalid.map((word) => `\u201c${word}\u201d`).join(', ');
    return `${invalid.length === 1 ? `${list} is not a reference` : `${list} are not references`}: a reference is letters, digits, dots, slashes, hyphens or underscores, such as OPCC.D.021.18. Only the valid references are saved.`;
  }
  if (count > MAX_SUPERSEDES)
    return `List at most ${MAX_SUPERSEDES} references; only the first ${MAX_SUPERSEDES} are saved.`;
  return null;
}

/** Supersedes: the text as typed stays in the box; the valid references, and only they, go into the record. */
function SupersedesField({
  value,
  readOnly,
  onChange,
}: {
  value: string[];
  readOnly: boolean;
  onChange(references: string[]): void;
}) {
  const [text, setText] = useState(() => value.join(', '));
  const fieldLeft = useEditorStore((s) => s.fieldLeft);
  const { references, invalid } = parseReferences(text);
  const error = referencesError(invalid, references.length);
  const id = fieldId('publication.supersedes');
  return (
    <FieldFrame
      id={id}
      label="Supersedes"
      hint="The references of earlier decisions this one replaces, separated by commas or on lines of their own. Each is then shown as superseded by this one."
      error={error}
    >
      {(describedBy) => (
        <textarea
          id={id}
          value={text}
          rows={2}
          maxLength={2_000}
          readOnly={readOnly}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => {
            setText(event.target.value);
            onChange(parseReferences(event.target.value).references.slice(0, MAX_SUPERSEDES));
          }}
          onBlur={fieldLeft}
        />
      )}
    </FieldFrame>
  );
}

export function PublicationFields({ readOnly }: { readOnly: boolean }) {
  const publication = useEditorStore((s) => s.draft?.publication ?? NO_PUBLICATION);
  const confidential = useEditorStore((s) => s.draft?.classification === 'confidential');
  // Replaced from outside (opened, restored, the other version taken): the supersedes box starts again from the record.
  const contentVersion = useEditorStore((s) => s.contentVersion);
  const fieldEdited = useEditorStore((s) => s.fieldEdited);
  // An emptied field is left out, so a record whose publication says nothing is saved without one.
  const edit = <K extends keyof Publication>(key: K, value: Publication[K] | '') =>
    fieldEdited('publication', {
      ...publication,
      [key]: value === '' || (Array.isArray(value) && value.length === 0) ? undefined : value,
    });
  return (
    <section className="form-section" aria-labelledby="publication-heading">
      <h3 id="publication-heading" className="section-label">
        Publication
      </h3>
      <p id="publication-help" className="hint">
        The decision is published on the register when it is decided, unless a later day is given.
      </p>
      <div className="form-row">
        <DateField
          id={fieldId('publication.decisionDate')}
          label="Date of decision"
          hint="Leave empty: the day the Commissioner signs."
          value={publication.decisionDate ?? ''}
          readOnly={readOnly}
          onChange={(value) => edit('decisionDate', value)}
        />
        <DateField
          id={fieldId('publication.deferUntil')}
          label="Publish on"
          hint="Optional: a later day to publish it, e.g. once a contract is signed."
          value={publication.deferUntil ?? ''}
          readOnly={readOnly}
          onChange={(value) => edit('deferUntil', value)}
        />
      </div>
      <SupersedesField
        key={contentVersion}
        value={publication.supersedes ?? []}
        readOnly={readOnly}
        onChange={(value) => edit('supersedes', value)}
      />
      {confidential && (
        <>
          <TextField
            id={fieldId('publication.publicSummary')}
            label="Public summary"
            hint={
              publication.publicSummary?.trim()
                ? 'What the public register says of this confidential decision, instead of its title and text.'
                : 'What the public register says of this confidential decision, instead of its title and text. Without one, the register shows only its reference, date and decision maker.'
            }
            value={publication.publicSummary ?? ''}
            maxLength={LIMITS.reason}
            multiline
            readOnly={readOnly}
            onChange={(value) => edit('publicSummary', value)}
          />
          <DateField
            id={fieldId('publication.reviewOn')}
            label="Review on"
            hint="Optional: the day to review whether the decision can be published in full."
            value={publication.reviewOn ?? ''}
            readOnly={readOnly}
            onChange={(value) => edit('reviewOn', value)}
          />
        </>
      )}
    </section>
  );
}
