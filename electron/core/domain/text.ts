// The text-cleaning rule: characters XML 1.0 forbids never enter the store, so no export can make a file Word refuses.

import { InvalidInputError } from './errors.ts';

// C0 controls except tab, LF and CR; U+FFFE and U+FFFF; lone surrogates (a high not followed by a low, a low not
// preceded by a high). Everything else, including emoji, Welsh and right-to-left text, is kept as typed.
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters XML 1.0 forbids and normalises to NFC, so equal-looking text hashes equally. */
export function cleanText(text: string): string {
  return text.replace(FORBIDDEN, '').normalize('NFC');
}

/**
 * How deep objects and arrays may nest in anything that comes in (an API call, a record.json). A record nests 9
 * levels at most (a point of a stroke of a signature); this leaves room for any envelope without letting a hostile
 * file or request run a recursive walk out of stack.
 */
export const MAX_JSON_DEPTH = 32;

/** Whether objects and arrays nest deeper than `limit` in a JSON-like value; walked without recursion, cycles stop it. */
export function nestedDeeperThan(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const inner of Array.isArray(current) ? current : Object.values(current)) {
      if (inner !== null && typeof inner === 'object') stack.push([inner, depth + 1]);
    }
  }
  return false;
}

const tooDeep = (what: string) =>
  new InvalidInputError(`${what} is nested more than ${MAX_JSON_DEPTH} levels deep; nothing Decision Desk reads is.`);

/** Refuses a value nested deeper than MAX_JSON_DEPTH with invalid-input; `what` starts the message. */
export function assertNotTooDeep(value: unknown, what = 'The input'): void {
  if (nestedDeeperThan(value)) throw tooDeep(what);
}

/** Cleans every string inside a JSON-like value (objects, arrays), leaving other values alone. */
export function cleanDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  // Callers check the depth where input enters (assertNotTooDeep); this keeps the walk itself from ever overflowing.
  if (depth >= MAX_JSON_DEPTH) throw tooDeep('The input');
  if (Array.isArray(value)) return value.map((item) => cleanDeep(item, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = cleanDeep(inner, depth + 1);
  return out as T;
}

/** Counts words as a reader would: runs of letters or digits, in any script. */
export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return words ? words.length : 0;
}
