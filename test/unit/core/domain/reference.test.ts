// Reference numbers: formatted from the office's pattern and read back, junk refused.

import { describe, expect, it } from 'vitest';
import { formatReference, parseReference } from '../../../../electron/core/domain/index.ts';

const KENT = 'OPCC.D.{nnn}.{yy}';

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
        expect(parseReference(pattern, formatReference(pattern, parts)), `${pattern} ${JSON.stringify(parts)}`).toEqual(parts);
      }
    }
  });

  it('takes the dots in a pattern literally', () => {
    expect(parseReference(KENT, 'OPCCXDX021X18')).toBeNull();
  });

  it('refuses junk: other text, too few digits, a zero number, a missing year', () => {
    for (const junk of ['', 'junk', 'OPCC.D.21.18', 'OPCC.D.000.18', 'OPCC.D.021', 'OPCC.D.021.2018', 'opcc.d.021.18', 'OPCC.D.021.18.x', 'OPCC.D.0a1.18']) {
      expect(parseReference(KENT, junk), junk).toBeNull();
    }
  });

  it('refuses references from a pattern without a year or a number', () => {
    expect(parseReference('D.{nnn}', 'D.001')).toBeNull();
    expect(parseReference('D.{yy}', 'D.18')).toBeNull();
  });
});
