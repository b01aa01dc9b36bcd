// Reference numbers from the office's numbering: a series' pattern, "OPCC.D.{nnn}.{yy}" with 21 in 2018 gives
// "OPCC.D.021.18", and back; each series restarts its numbers each calendar year, each financial year, or never.

import type { Numbering, Series } from './template.ts';

type TokenKind = 'literal' | 'number' | 'year2' | 'year4' | 'next2' | 'next4';
interface Token {
  kind: TokenKind;
  text: string;
}

const TOKEN = /\{(n+|yyyy\+1|yy\+1|yyyy|yy)\}/g;
const TOKEN_KINDS: Record<string, TokenKind> = { yyyy: 'year4', yy: 'year2', 'yyyy+1': 'next4', 'yy+1': 'next2' };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of pattern.matchAll(TOKEN)) {
    if (m.index > last) tokens.push({ kind: 'literal', text: pattern.slice(last, m.index) });
    const body = m[1]!;
    tokens.push({ kind: body.startsWith('n') ? 'number' : TOKEN_KINDS[body]!, text: body });
    last = m.index + m[0].length;
  }
  if (last < pattern.length) tokens.push({ kind: 'literal', text: pattern.slice(last) });
  return tokens;
}

/** The most digits a number may have, whatever the pattern's width: PCD 1861 and PCCML-000485 both fit. */
export const MAX_NUMBER_DIGITS = 6;
const MAX_NUMBER = 10 ** MAX_NUMBER_DIGITS - 1;

/**
 * What is wrong with a series' pattern, in words, or null: exactly one number, a year wherever the numbers restart
 * with the year, only the characters a reference may hold, and no braces that are not a token.
 */
export function patternProblem(pattern: string, reset: Series['reset']): string | null {
  const tokens = tokenize(pattern);
  const numbers = tokens.filter((t) => t.kind === 'number');
  if (numbers.length === 0) return 'the pattern needs a number, e.g. {nnn} for 001, 002…';
  if (numbers.length > 1) return 'the pattern may hold only one number ({nnn})';
  if (numbers[0]!.text.length > MAX_NUMBER_DIGITS) return `the number may be at most ${MAX_NUMBER_DIGITS} digits wide`;
  const literal = tokens
    .filter((t) => t.kind === 'literal')
    .map((t) => t.text)
    .join('');
  if (/[{}]/.test(literal))
    return 'the pattern has braces that are not a token: use {nnn}, {yy}, {yyyy}, {yy+1} or {yyyy+1}';
  if (/[^A-Za-z0-9./_ -]/.test(literal))
    return 'a reference may hold only letters, digits, spaces, dots, slashes, hyphens and underscores';
  if (/^[ ./_-]/.test(pattern) || /[ ]$/.test(pattern) || / {2}/.test(pattern)) {
    return 'a reference starts with a letter or digit and has no double or trailing spaces';
  }
  const years = tokens.some((t) => t.kind !== 'literal' && t.kind !== 'number');
  if (!years && reset !== 'never') {
    return `numbers that restart each ${reset === 'year' ? 'year' : 'financial year'} need the year in the pattern ({yy} or {yyyy}), or two records would share a reference`;
  }
  if (reset === 'year' && tokens.some((t) => t.kind === 'next2' || t.kind === 'next4')) {
    return '{yy+1} and {yyyy+1} name the end of a financial year: use them with numbers that restart each financial year';
  }
  return null;
}

/** A calendar day's year and month (1–12). */
export interface Day {
  year: number;
  month: number;
}

const LONDON_YEAR_MONTH = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: 'numeric',
});

/**
 * The year and month of a moment in the UK, where every office is: the one rule for the date in a reference, whether
 * this device numbers it (submit with no shared folder) or claims it on the share, and whatever time zone the device
 * is set to. 00:30 on 1 April is in the new financial year though it is still 31 March in UTC.
 */
export function dayOf(at: Date): Day {
  const parts = LONDON_YEAR_MONTH.formatToParts(at);
  const part = (type: 'year' | 'month') => Number(parts.find((p) => p.type === type)!.value);
  return { year: part('year'), month: part('month') };
}

/**
 * The stretch of numbers a day falls in: for a series restarting each year, the year ("2026"); each financial year,
 * the year it starts on 1 April ("fy2026" for April 2026 to March 2027); never, one stretch ("all").
 */
export interface Period {
  key: string;
  /** The period's year: the calendar year, or the year the financial year starts; null for a series that never restarts. */
  year: number | null;
}

export function periodOf(reset: Series['reset'], day: Day): Period {
  if (reset === 'never') return { key: 'all', year: null };
  const year = reset === 'financial-year' && day.month < 4 ? day.year - 1 : day.year;
  return { key: reset === 'year' ? String(year) : `fy${year}`, year };
}

/** The period key of a year the numbering stores (ref_year): "2026", "fy2026" or "all". */
export function periodKey(reset: Series['reset'], year: number | null): string {
  if (reset === 'never' || year === null) return 'all';
  return reset === 'year' ? String(year) : `fy${year}`;
}

export interface ReferenceParts {
  /** The number within its period, from 1. */
  number: number;
  /** The year the reference shows: its period's year, or for a series that never restarts the year it shows, if any. */
  year: number;
}

function checkParts(parts: { number: number; year: number | null }) {
  if (!Number.isInteger(parts.number) || parts.number < 1 || parts.number > MAX_NUMBER) {
    throw new RangeError(`a reference number is from 1 to ${MAX_NUMBER.toLocaleString('en-GB')}`);
  }
  if (parts.year !== null && (!Number.isInteger(parts.year) || parts.year < 2000 || parts.year > 2099)) {
    throw new RangeError('a reference year is between 2000 and 2099');
  }
}

/** How a year token shows `year`. */
function yearText(kind: Exclude<TokenKind, 'literal' | 'number'>, year: number): string {
  switch (kind) {
    case 'year2':
      return String(year % 100).padStart(2, '0');
    case 'year4':
      return String(year);
    case 'next2':
      return String((year + 1) % 100).padStart(2, '0');
    case 'next4':
      return String(year + 1);
  }
}

function render(pattern: string, number: number, year: number | null): string {
  return tokenize(pattern)
    .map((t) =>
      t.kind === 'literal'
        ? t.text
        : t.kind === 'number'
          ? String(number).padStart(t.text.length, '0')
          : yearText(t.kind, year ?? 2000),
    )
    .join('');
}

/** A reference from a pattern, a number and the year it shows ("OPCC.D.{nnn}.{yy}", 21, 2018 → "OPCC.D.021.18"). */
export function formatReference(pattern: string, parts: ReferenceParts): string {
  checkParts(parts);
  return render(pattern, parts.number, parts.year);
}

/** A series' reference for a number claimed on `day`: the year it shows is the period's (a financial year's start). */
export function formatSeriesReference(series: Pick<Series, 'pattern' | 'reset'>, number: number, day: Day): string {
  const period = periodOf(series.reset, day);
  const year = period.year ?? day.year;
  checkParts({ number, year });
  return render(series.pattern, number, year);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Reads a reference back into its number and the year it shows (null if it shows none), or null when it does not follow the pattern. */
export function parsePattern(pattern: string, reference: string): { number: number; year: number | null } | null {
  let source = '^';
  const kinds: Exclude<TokenKind, 'literal'>[] = [];
  for (const t of tokenize(pattern)) {
    if (t.kind === 'literal') source += escapeRegExp(t.text);
    else {
      kinds.push(t.kind);
      source +=
        t.kind === 'number'
          ? `(\\d{${Math.min(t.text.length, MAX_NUMBER_DIGITS)},${MAX_NUMBER_DIGITS}})`
          : t.kind === 'year2' || t.kind === 'next2'
            ? '(\\d{2})'
            : '(\\d{4})';
    }
  }
  const match = new RegExp(source + '$').exec(reference.trim());
  if (!match) return null;
  let number = 0;
  // The year the reference shows, read from its first year token: {yy+1} and {yyyy+1} name the year after it.
  let year: number | null = null;
  kinds.forEach((kind, i) => {
    const value = Number(match[i + 1]);
    if (kind === 'number') number = value;
    else if (year === null) {
      year =
        kind === 'year4'
          ? value
          : kind === 'year2'
            ? 2000 + value
            : kind === 'next4'
              ? value - 1
              : 2000 + ((value + 99) % 100);
    }
  });
  if (number < 1 || (year !== null && (year < 2000 || year > 2099))) return null;
  // Every year token must show that same year ("2019/20", not "2019/21"); "2099/00" is the year to 2100.
  const shown = year ?? 2000;
  const consistent = kinds.every((kind, i) => kind === 'number' || match[i + 1] === yearText(kind, shown));
  return consistent ? { number, year } : null;
}

/** Reads a reference back into its parts under a pattern that shows a year, or null (legacy callers, one pattern). */
export function parseReference(pattern: string, reference: string): ReferenceParts | null {
  const parts = parsePattern(pattern, reference);
  return parts && parts.year !== null ? { number: parts.number, year: parts.year } : null;
}

/** A reference as the numbering reads it: which series, which number in which period. */
export interface ParsedReference {
  series: string;
  number: number;
  /** "2026", "fy2026" or "all": the stretch its number is unique within. */
  period: string;
  /** The year it shows, if any (for a financial year, the year it starts). */
  year: number | null;
}

/** Reads a reference under the office's numbering (the first series whose pattern it follows), or null. */
export function parseNumbered(numbering: Pick<Numbering, 'series'>, reference: string): ParsedReference | null {
  for (const series of numbering.series) {
    const parts = parsePattern(series.pattern, reference);
    if (!parts) continue;
    if (series.reset !== 'never' && parts.year === null) continue;
    return { series: series.id, number: parts.number, period: periodKey(series.reset, parts.year), year: parts.year };
  }
  return null;
}

/** A reference's number and the year it shows, under any of the office's series (null: none, or it shows no year). */
export function numberedParts(numbering: Pick<Numbering, 'series'>, reference: string | null): ReferenceParts | null {
  const parsed = reference ? parseNumbered(numbering, reference) : null;
  return parsed && parsed.year !== null ? { number: parsed.number, year: parsed.year } : null;
}

/** The series a record is numbered in: the one it names, else the office's first. */
export function seriesOf(numbering: Pick<Numbering, 'series'>, id: string | undefined): Series {
  return numbering.series.find((s) => s.id === id) ?? numbering.series[0]!;
}

/** An example of a series' reference, as Settings shows it: number 21 today. */
export function exampleReference(series: Pick<Series, 'pattern' | 'reset'>, at: Date): string | null {
  if (patternProblem(series.pattern, series.reset)) return null;
  return formatSeriesReference(series, 21, dayOf(at));
}
