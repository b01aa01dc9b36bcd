// cleanText: characters XML 1.0 forbids are removed at the boundary; everything a person can type is kept.

import { describe, expect, it } from 'vitest';
import { cleanDeep, cleanText, countWords } from '../../../../electron/core/domain/index.ts';

describe('cleanText', () => {
  it('removes C0 control characters but keeps tab, line feed and carriage return', () => {
    let controls = '';
    for (let code = 0; code < 0x20; code++) controls += String.fromCharCode(code);
    expect(cleanText(`a${controls}b`)).toBe('a\t\n\rb');
  });

  it('removes U+FFFE and U+FFFF', () => {
    expect(cleanText('a\uFFFEb\uFFFFc')).toBe('abc');
  });

  it('removes lone surrogates but keeps pairs', () => {
    expect(cleanText('a\uD800b')).toBe('ab');
    expect(cleanText('a\uDC00b')).toBe('ab');
    expect(cleanText('end\uD83D')).toBe('end');
    expect(cleanText('\uDE00start')).toBe('start');
    expect(cleanText('\uDC00\uD800')).toBe('');
    expect(cleanText('\uD83D\uDE00')).toBe('\u{1F600}');
  });

  it('keeps emoji, including joined and flagged sequences', () => {
    for (const text of ['😀', '👩🏽‍💻', '🏴󠁧󠁢󠁷󠁬󠁳󠁿', '🇬🇧', '❤️']) expect(cleanText(text)).toBe(text);
  });

  it('keeps Welsh, Arabic and Hebrew text exactly', () => {
    for (const text of [
      'Cynllun ŵyr a ŷd',
      'Heddlu Dyfed-Powys: ŴŶ',
      'قرار المفوض رقم ٢١',
      'החלטה מספר 21',
      'mixed عربي and עברית',
    ]) {
      expect(cleanText(text)).toBe(text);
    }
  });

  it('keeps characters XML allows, such as DEL, C1 controls and bidi marks', () => {
    expect(cleanText('a\u007Fb\u0085c\u200Fd\u202Be')).toBe('a\u007Fb\u0085c\u200Fd\u202Be');
  });

  it('normalises to NFC', () => {
    expect(cleanText('w\u0302')).toBe('\u0175');
  });
});

describe('cleanDeep', () => {
  it('cleans every string in objects and arrays and leaves other values alone', () => {
    expect(cleanDeep({ a: 'x\u0000', b: ['y\u0007', 3, null, true], c: { d: 'z\uFFFF' } })).toEqual({
      a: 'x',
      b: ['y', 3, null, true],
      c: { d: 'z' },
    });
  });
});

describe('countWords', () => {
  it('counts runs of letters and digits in any script', () => {
    expect(countWords('')).toBe(0);
    expect(countWords("The Commissioner's decision, 2024 - approved.")).toBe(5);
    expect(countWords('Cynllun ŵyr')).toBe(2);
    expect(countWords('قرار المفوض')).toBe(2);
  });
});
