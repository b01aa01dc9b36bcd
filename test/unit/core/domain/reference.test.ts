// Reference numbers: formatted from the office's pattern and read back, junk refused.

import { describe, expect, it } from 'vitest';
import {
  type Day,
  dayOf,
  formatReference,
  formatSeriesReference,
  parseNumbered,
  parseReference,
  patternProblem,
  periodKey,
  periodOf,
  type Series,
  seriesOf,
} from '../../../../electron/core/domain/index.ts';

const KENT = 'OPCC.D.{nnn}.{yy}';

describe('dayOf: the one clock for a reference\u2019s date', () => {
  it('is the UK calendar, whatever time zone the device is set to', () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['UTC', 'Pacific/Auckland', 'America/Los_Angeles', 'Europe/London']) {
        process.env.TZ = tz;
        // New Year: the UK is on GMT, so its year turns with UTC's.
        expect(dayOf(new Date('2026-12-31T23:59:59.999Z'))).toEqual({ year: 2026, month: 12 });
        expect(dayOf(new Date('2027-01-01T00:00:00.000Z'))).toEqual({ year: 2027, month: 1 });
        // 00:30 on 1 April in summer time is 23:30 on 31 March in UTC: already the new financial year.
        const april = dayOf(new Date('2027-03-31T23:30:00.000Z'));
        expect(april).toEqual({ year: 2027, month: 4 });
        expect(periodOf('financial-year', april).key).toBe('fy2027');
        expect(periodOf('financial-year', dayOf(new Date('2027-03-31T22:59:00.000Z'))).key).toBe('fy2026');
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('formatReference', () => {
  it('pads the number to the width of the braces and writes a two-digit year', () => {
    expect(formatReference(KENT, { number: 21, year: 2018 })).toBe('OPCC.D.021.18');
    expect(formatReference(KENT, { number: 3, year: 2019 })).toBe('OPCC.D.003.19');
    expect(formatReference(KENT, { number: 1, year: 2000 })).toBe('OPCC.D.001.00');
  });

  it('writes a four-digit year for {yyyy} and any width of number', () => {
    expect(formatReference('DEC/{yyyy}/{nnnn}', { number: 7, year: 2024 })).toBe('DEC/2024/0007');
    expect(formatReference('{yyyy}-{n}', { number: 7, year: 2024 })).toBe('2024-7');
  });

  it('lets the number run past the width rather than cut it', () => {
    expect(formatReference(KENT, { number: 1000, year: 2018 })).toBe('OPCC.D.1000.18');
  });

  it('refuses numbers below 1, fractions and years outside 2000-2099', () => {
    expect(() => formatReference(KENT, { number: 0, year: 2018 })).toThrow(RangeError);
    expect(() => formatReference(KENT, { number: 1.5, year: 2018 })).toThrow(RangeError);
    expect(() => formatReference(KENT, { number: 1, year: 1999 })).toThrow(RangeError);
    expect(() => formatReference(KENT, { number: 1, year: 2100 })).toThrow(RangeError);
  });
});

describe('parseReference', () => {
  it('reads a formatted reference back into its parts', () => {
    expect(parseReference(KENT, 'OPCC.D.021.18')).toEqual({ number: 21, year: 2018 });
    expect(parseReference(KENT, '  OPCC.D.003.19 ')).toEqual({ number: 3, year: 2019 });
    expect(parseReference('DEC/{yyyy}/{nnnn}', 'DEC/2024/0007')).toEqual({ number: 7, year: 2024 });
  });

  it('round-trips every number and year it formats, including numbers past the width', () => {
    for (const pattern of [KENT, 'DEC/{yyyy}/{nnnn}', '{yy}{nn}']) {
      for (const parts of [
        { number: 1, year: 2000 },
        { number: 21, year: 2018 },
        { number: 999, year: 2099 },
        { number: 1000, year: 2030 },
      ]) {
        expect(parseReference(pattern, formatReference(pattern, parts)), `${pattern} ${JSON.stringify(parts)}`).toEqual(
          parts,
        );
      }
    }
  });

  it('takes the dots in a pattern literally', () => {
    expect(parseReference(KENT, 'OPCCXDX021X18')).toBeNull();
  });

  it('refuses junk: other text, too few digits, a zero number, a missing year', () => {
    for (const junk of [
      '',
      'junk',
      'OPCC.D.21.18',
      'OPCC.D.000.18',
      'OPCC.D.021',
      'OPCC.D.021.2018',
      'opcc.d.021.18',
      'OPCC.D.021.18.x',
      'OPCC.D.0a1.18',
    ]) {
      expect(parseReference(KENT, junk), junk).toBeNull();
    }
  });

  it('refuses references from a pattern without a year or a number', () => {
    expect(parseReference('D.{nnn}', 'D.001')).toBeNull();
    expect(parseReference('D.{yy}', 'D.18')).toBeNull();
  });
});

// The numbering of real offices: each scheme formatted for a day and read back into its series, number and period.
describe('numbering series (the pattern engine)', () => {
  const series = (id: string, pattern: string, reset: Series['reset']): Series => ({ id, label: id, pattern, reset });
  const day = (year: number, month: number): Day => ({ year, month });
  const only = (s: Series) => ({ series: [s] });

  /** Formats `number` on `on`, checks the pattern is sound and the reference reads back as what it was made from. */
  function roundTrip(s: Series, number: number, on: Day) {
    expect(patternProblem(s.pattern, s.reset), s.pattern).toBeNull();
    const reference = formatSeriesReference(s, number, on);
    const period = periodOf(s.reset, on);
    expect(parseNumbered(only(s), reference), reference).toEqual({
      series: s.id,
      number,
      period: period.key,
      year: period.year ?? (/\{y/.test(s.pattern) ? on.year : null),
    });
    return reference;
  }

  it('Kent: OPCC.D.021.18, three digits in the calendar year, two-digit year', () => {
    const kent = series('main', 'OPCC.D.{nnn}.{yy}', 'year');
    expect(roundTrip(kent, 21, day(2018, 9))).toBe('OPCC.D.021.18');
    expect(roundTrip(kent, 1, day(2019, 1))).toBe('OPCC.D.001.19');
    expect(parseNumbered(only(kent), 'OPCC.D.021.18')).toEqual({
      series: 'main',
      number: 21,
      period: '2018',
      year: 2018,
    });
    // The year restarts the numbers: number 21 of 2018 and of 2019 are two references in two periods.
    expect(periodOf('year', day(2018, 12))).toEqual({ key: '2018', year: 2018 });
    expect(periodOf('year', day(2019, 1))).toEqual({ key: '2019', year: 2019 });
  });

  it('West Midlands: "Decision 028-2021", a space in the prefix and a four-digit year', () => {
    const wm = series('main', 'Decision {nnn}-{yyyy}', 'year');
    expect(roundTrip(wm, 28, day(2021, 6))).toBe('Decision 028-2021');
    expect(parseNumbered(only(wm), 'Decision 028-2021')).toEqual({
      series: 'main',
      number: 28,
      period: '2021',
      year: 2021,
    });
    for (const junk of [
      'Decision  028-2021',
      'Decision028-2021',
      'decision 028-2021',
      'Decision 028-21',
      'Decision 028-2021x',
    ]) {
      expect(parseNumbered(only(wm), junk), junk).toBeNull();
    }
  });

  it('Hampshire: PCCML-000485-2019, six digits that never restart, the year shown', () => {
    const hants = series('ml', 'PCCML-{nnnnnn}-{yyyy}', 'never');
    expect(roundTrip(hants, 485, day(2019, 11))).toBe('PCCML-000485-2019');
    expect(parseNumbered(only(hants), 'PCCML-000485-2019')).toEqual({
      series: 'ml',
      number: 485,
      period: 'all',
      year: 2019,
    });
    // Across the new year the number runs on in the one period; only the year shown changes.
    expect(roundTrip(hants, 486, day(2020, 1))).toBe('PCCML-000486-2020');
    expect(roundTrip(hants, 999_999, day(2020, 1))).toBe('PCCML-999999-2020');
    expect(() => formatSeriesReference(hants, 1_000_000, day(2020, 1))).toThrow(RangeError);
    expect(parseNumbered(only(hants), 'PCCML-00485-2019')).toBeNull();
  });

  it('London: PCD 1861, a continuous number with no year at all', () => {
    const pcd = series('pcd', 'PCD {nnnn}', 'never');
    expect(roundTrip(pcd, 1861, day(2025, 3))).toBe('PCD 1861');
    expect(parseNumbered(only(pcd), 'PCD 1861')).toEqual({ series: 'pcd', number: 1861, period: 'all', year: null });
    expect(parseNumbered(only(pcd), 'PCD 0007')).toEqual({ series: 'pcd', number: 7, period: 'all', year: null });
    // Past four digits the number grows; it is never cut.
    expect(roundTrip(pcd, 12_345, day(2031, 3))).toBe('PCD 12345');
    for (const junk of ['PCD1861', 'PCD 186', 'PCD 1861/2025', 'PCD  1861'])
      expect(parseNumbered(only(pcd), junk), junk).toBeNull();
  });

  it('Cumbria: 018-2020 and 012/2019, a number first and either separator, each its own pattern', () => {
    const hyphen = series('main', '{nnn}-{yyyy}', 'year');
    const slash = series('main', '{nnn}/{yyyy}', 'year');
    expect(roundTrip(hyphen, 18, day(2020, 7))).toBe('018-2020');
    expect(roundTrip(slash, 12, day(2019, 2))).toBe('012/2019');
    expect(parseNumbered(only(hyphen), '012/2019')).toBeNull();
    expect(parseNumbered(only(slash), '018-2020')).toBeNull();
    // An office that kept both spellings as two series reads each reference as its own.
    const both = { series: [series('hyphen', '{nnn}-{yyyy}', 'year'), series('slash', '{nnn}/{yyyy}', 'year')] };
    expect(parseNumbered(both, '018-2020')).toEqual({ series: 'hyphen', number: 18, period: '2020', year: 2020 });
    expect(parseNumbered(both, '012/2019')).toEqual({ series: 'slash', number: 12, period: '2019', year: 2019 });
  });

  it('a financial-year register, {yyyy}/{yy+1}: the year turns on 1 April, and March belongs to the year before', () => {
    const fy = series('main', 'DN {nnn} {yyyy}/{yy+1}', 'financial-year');
    expect(roundTrip(fy, 14, day(2026, 4))).toBe('DN 014 2026/27');
    expect(roundTrip(fy, 15, day(2027, 3))).toBe('DN 015 2026/27');
    expect(roundTrip(fy, 1, day(2027, 4))).toBe('DN 001 2027/28');
    expect(periodOf('financial-year', day(2027, 3))).toEqual({ key: 'fy2026', year: 2026 });
    expect(periodOf('financial-year', day(2027, 4))).toEqual({ key: 'fy2027', year: 2027 });
    expect(periodOf('financial-year', day(2027, 1))).toEqual({ key: 'fy2026', year: 2026 });
    expect(parseNumbered(only(fy), 'DN 014 2026/27')).toEqual({
      series: 'main',
      number: 14,
      period: 'fy2026',
      year: 2026,
    });
    // The year after must be the year after.
    expect(parseNumbered(only(fy), 'DN 014 2026/28')).toBeNull();
    expect(parseNumbered(only(fy), 'DN 014 2026/26')).toBeNull();
    // The last financial year of the century ends in 2100, shown as "00".
    expect(roundTrip(fy, 3, day(2099, 5))).toBe('DN 003 2099/00');
    // Four digits after, and the end year alone.
    expect(roundTrip(series('a', '{yyyy}-{yyyy+1}/{nn}', 'financial-year'), 4, day(2019, 12))).toBe('2019-2020/04');
    expect(roundTrip(series('b', 'FY{yy+1}-{nnn}', 'financial-year'), 9, day(2020, 2))).toBe('FY20-009');
    // Essex-style, the start year alone: PFCC/021/26 is the 21st of the year from April 2026.
    expect(roundTrip(series('police', 'PFCC/{nnn}/{yy}', 'financial-year'), 21, day(2027, 2))).toBe('PFCC/021/26');
  });

  it('two series in one office (police and fire) read apart, each numbered on its own', () => {
    const police = series('police', 'PFCC/{nnn}/{yy}', 'financial-year');
    const fire = series('fire', 'PFCC/FRS/{nnn}/{yy}', 'financial-year');
    const office = { series: [police, fire] };
    expect(parseNumbered(office, 'PFCC/003/26')).toEqual({ series: 'police', number: 3, period: 'fy2026', year: 2026 });
    expect(parseNumbered(office, 'PFCC/FRS/003/26')).toEqual({
      series: 'fire',
      number: 3,
      period: 'fy2026',
      year: 2026,
    });
    expect(parseNumbered(office, 'PFCC/FRS/003')).toBeNull();
    expect(seriesOf(office, 'fire')).toBe(fire);
    expect(seriesOf(office, undefined)).toBe(police);
    expect(seriesOf(office, 'gone')).toBe(police);
  });

  it('a continuous sequence runs across the year boundary in one period, so its numbers stay unique', () => {
    for (const reset of ['never'] as const) {
      expect(periodOf(reset, day(2026, 12))).toEqual({ key: 'all', year: null });
      expect(periodOf(reset, day(2027, 1))).toEqual(periodOf(reset, day(2026, 12)));
    }
    const pcd = series('pcd', 'PCD {nnnn}', 'never');
    const numbers = [roundTrip(pcd, 1861, day(2026, 12)), roundTrip(pcd, 1862, day(2027, 1))].map((r) =>
      parseNumbered(only(pcd), r),
    );
    expect(numbers.map((n) => `${n?.period}:${n?.number}`)).toEqual(['all:1861', 'all:1862']);
    expect(periodKey('never', 2026)).toBe('all');
    expect(periodKey('year', 2026)).toBe('2026');
    expect(periodKey('financial-year', 2026)).toBe('fy2026');
  });

  it('refuses patterns that could not number a register', () => {
    expect(patternProblem('PCD {nnnn}', 'year')).toMatch(/need the year/);
    expect(patternProblem('PCD {nnnn}', 'financial-year')).toMatch(/need the year/);
    expect(patternProblem('{yyyy}/{yy+1}-{nnn}', 'year')).toMatch(/financial year/);
    expect(patternProblem('D {nnnnnnn}', 'never')).toMatch(/at most 6 digits/);
    expect(patternProblem('D {nnn} {x}', 'never')).toMatch(/braces/);
    expect(patternProblem('D  {nnn}', 'never')).toMatch(/double or trailing/);
    expect(patternProblem(' D {nnn}', 'never')).toMatch(/starts with a letter or digit/);
    expect(patternProblem('D:{nnn}', 'never')).toMatch(/only letters, digits/);
  });
});
