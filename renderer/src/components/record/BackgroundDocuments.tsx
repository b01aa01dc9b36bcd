// BACKGROUND DOCUMENTS as an editable list: add, rename, reorder and remove the titles of the papers behind a decision.

import { useEffect, useRef } from 'react';
import { type BackgroundDocument, LIMITS } from '../../../../electron/core/domain/record.ts';
import { useEditorStore } from '../../stores/editor/store.ts';
import { fieldId } from './fields.tsx';

const NONE: BackgroundDocument[] = [];

export function BackgroundDocuments({ label, readOnly }: { label: string; readOnly: boolean }) {
  const documents = useEditorStore((s) => s.draft?.backgroundDocuments ?? NONE);
  const fieldEdited = useEditorStore((s) => s.fieldEdited);
  const fieldLeft = useEditorStore((s) => s.fieldLeft);
  const list = useRef<HTMLOListElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  /** Where the focus goes after the list changes: an item's title box, or the Add button. */
  const focusNext = useRef<number | 'add' | null>(null);

  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'add') addButton.current?.focus();
    else if (target !== null) list.current?.querySelectorAll('input')[target]?.focus();
  }, [documents]);

  const change = (next: BackgroundDocument[], focus: number | 'add' | null = null) => {
    focusNext.current = focus;
    fieldEdited('backgroundDocuments', next);
  };
  const move = (from: number, to: number) => {
    const next = [...documents];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    change(next, to);
  };

  return (
    <div className="documents">
      {documents.length === 0 && <p className="muted">None listed.</p>}
      <ol ref={list} className="documents-list" aria-label={label}>
        {documents.map((document, index) => {
          const name = `Background document ${index + 1}`;
          return (
            <li key={index} className="document">
              <input
                id={index === 0 ? fieldId('backgroundDocuments') : undefined}
                type="text"
                aria-label={name}
                value={document.title}
                maxLength={LIMITS.shortText}
                readOnly={readOnly}
                spellCheck
                lang="en-GB"
                placeholder="Title of the document"
                onChange={(event) =>
                  change(documents.map((d, i) => (i === index ? { ...d, title: event.target.value } : d)))
                }
                onBlur={fieldLeft}
              />
              {document.attachment && <span className="muted attachment">File: {document.attachment.fileName}</span>}
              {!readOnly && (
                <span className="document-actions">
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Move ${name} up`}
                    disabled={index === 0}
                    onClick={() => move(index, index - 1)}
                  >
                    Up
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Move ${name} down`}
                    disabled={index === documents.length - 1}
                    onClick={() => move(index, index + 1)}
                  >
                    Down
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Remove ${name}`}
                    onClick={() =>
                      change(
                        documents.filter((_, i) => i !== index),
                        documents.length > 1 ? Math.max(0, index - 1) : 'add',
                      )
                    }
                  >
                    Remove
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {!readOnly && (
        <button
          ref={addButton}
          type="button"
          className="button"
          disabled={documents.length >= LIMITS.backgroundDocuments}
          onClick={() => change([...documents, { title: '' }], documents.length)}
        >
          Add a document
        </button>
      )}
    </div>
  );
}
