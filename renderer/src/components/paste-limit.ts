// A paste (or a drop) that would not fit a field is refused with a message, instead of the browser cutting it at the
// field's maxLength without a word.

import { type ClipboardEvent, type DragEvent, useState } from 'react';

const count = (n: number) => n.toLocaleString('en-GB');

/** The message for text of `length` characters that does not fit in the `room` left of a field holding `max`. */
export function tooLongMessage(length: number, max: number, room: number, what = 'field'): string {
  return (
    `Not pasted: the text is ${count(length)} characters and this ${what} holds at most ${count(max)} ` +
    `(room for ${count(Math.max(0, room))} more). Shorten it, or paste it in parts.`
  );
}

/** The message for pasting `text` into a text box holding at most `max` characters, or null when it fits. */
export function pasteProblem(field: HTMLInputElement | HTMLTextAreaElement, text: string, max: number): string | null {
  // What the box will hold: a one-line box drops line breaks, a multi-line one keeps each as one character.
  const inserted = field instanceof HTMLInputElement ? text.replace(/[\r\n]/g, '') : text.replace(/\r\n?/g, '\n');
  const selected = (field.selectionEnd ?? field.value.length) - (field.selectionStart ?? field.value.length);
  const room = max - (field.value.length - selected);
  return inserted.length > room ? tooLongMessage(inserted.length, max, room) : null;
}

/**
 * For a text box with a maxLength: handlers that refuse a paste or drop that would not fit, and the message to show
 * (cleared by `changed`, when the person types on).
 */
export function usePasteLimit(max: number) {
  const [message, setMessage] = useState<string | null>(null);
  const check = (
    event: { preventDefault(): void; currentTarget: HTMLInputElement | HTMLTextAreaElement },
    text: string,
  ) => {
    const problem = pasteProblem(event.currentTarget, text, max);
    if (problem) event.preventDefault();
    setMessage(problem);
  };
  return {
    message,
    changed: () => setMessage(null),
    onPaste: (event: ClipboardEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      check(event, event.clipboardData.getData('text/plain')),
    onDrop: (event: DragEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      check(event, event.dataTransfer.getData('text/plain')),
  };
}
