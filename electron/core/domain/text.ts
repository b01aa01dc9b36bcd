// The text-cleaning rule: characters XML 1.0 forbids never enter the store, so no export can make a file Word refuses.

// C0 controls except tab, LF and CR; U+FFFE and U+FFFF; lone surrogates (a high not followed by a low, a low not
// preceded by a high). Everything else, including emoji, Welsh and right-to-left text, is kept as typed.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters XML 1.0 forbids and normalises to NFC, so equal-looking text hashes equally. */
export function cleanText(text: string): string {
  return text.replace(FORBIDDEN, '').normalize('NFC');
}

/** Cleans every string inside a JSON-like value (objects, arrays), leaving other values alone. */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((item) => cleanDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = cleanDeep(inner);
    return out as T;
  }
  return value;
}

/** Counts words as a reader would: runs of letters or digits, in any script. */
export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return words ? words.length : 0;
}
