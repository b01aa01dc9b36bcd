// Reference numbers from the office's pattern: "OPCC.D.{nnn}.{yy}" with 21 in 2018 gives "OPCC.D.021.18", and back.

interface Token {
  kind: 'literal' | 'number' | 'year2' | 'year4';
  text: string;
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  const re = /\{(n+|yyyy|yy)\}/g;
  let last = 0;
  for (let m = re.exec(pattern); m; m = re.exec(pattern)) {
    if (m.index > last) tokens.push({ kind: 'literal', text: pattern.slice(last, m.index) });
    const body = m[1]!;
    tokens.push({ kind: body.startsWith('n') ? 'number' : body === 'yy' ? 'year2' : 'year4', text: body });
    last = m.index + m[0].length;
  }
  if (last < pattern.length) tokens.push({ kind: 'literal', text: pattern.slice(last) });
  return tokens;
}

export interface ReferenceParts {
  /** The number within the year, from 1. */
  number: number;
  /** The full year, e.g. 2018. */
  year: number;
}

export function formatReference(pattern: string, parts: ReferenceParts): string {
  if (!Number.isInteger(parts.number) || parts.number < 1) throw new RangeError('a reference number starts at 1');
  if (!Number.isInteger(parts.year) || parts.year < 2000 || parts.year > 2099) {
    throw new RangeError('a reference year is between 2000 and 2099');
  }
  return tokenize(pattern)
    .map((t) => {
      switch (t.kind) {
        case 'literal':
          return t.text;
        case 'number':
          return String(parts.number).padStart(t.text.length, '0');
        case 'year2':
          return String(parts.year % 100).padStart(2, '0');
        case 'year4':
          return String(parts.year);
      }
    })
    .join('');
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Reads a reference back into its parts, or returns null when it does not follow the pattern. */
export function parseReference(pattern: string, reference: string): ReferenceParts | null {
  let source = '^';
  const kinds: Token['kind'][] = [];
  for (const t of tokenize(pattern)) {
    if (t.kind === 'literal') source += escapeRegExp(t.text);
    else {
      kinds.push(t.kind);
      source += t.kind === 'number' ? `(\\d{${t.text.length},6})` : t.kind === 'year2' ? '(\\d{2})' : '(\\d{4})';
    }
  }
  const match = new RegExp(source + '$').exec(reference.trim());
  if (!match) return null;
  let number = 0;
  let year = 0;
  kinds.forEach((kind, i) => {
    const value = Number(match[i + 1]);
    if (kind === 'number') number = value;
    else year = kind === 'year2' ? 2000 + value : value;
  });
  if (number < 1 || year < 2000 || year > 2099) return null;
  return { number, year };
}
