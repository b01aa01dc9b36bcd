// canonicalJson and sha256Hex: the bytes every device must agree on before it hashes a record.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../../../electron/core/domain/index.ts';

describe('canonicalJson', () => {
  it('sorts object keys at every depth and leaves array order alone', () => {
    const value = { b: 1, a: { d: [{ z: 1, y: 2 }, 3], c: null } };
    expect(canonicalJson(value)).toBe('{"a":{"c":null,"d":[{"y":2,"z":1},3]},"b":1}');
  });

  it('gives the same bytes whatever order the keys were written in', () => {
    expect(canonicalJson({ title: 'A', impact: { diversityImpact: false, planObjectives: 'x' } })).toBe(
      canonicalJson({ impact: { planObjectives: 'x', diversityImpact: false }, title: 'A' }),
    );
  });

  it('sorts keys by code point, so an astral key comes after a high BMP one', () => {
    // UTF-16 order would put U+1F600 (surrogates D83D…) before U+FF01; code point order puts it after.
    expect(canonicalJson({ '\u{1F600}': 1, '\uFF01': 2 })).toBe('{"\uFF01":2,"\u{1F600}":1}');
  });

  it('writes strings in NFC, so composed and decomposed text are equal', () => {
    expect(canonicalJson('cafe\u0301')).toBe(canonicalJson('caf\u00e9'));
    expect(canonicalJson({ 'w\u0302yr': 'Gw\u0302yr' })).toBe(canonicalJson({ '\u0175yr': 'G\u0175yr' }));
    expect(canonicalJson('cafe\u0301')).toBe('"caf\u00e9"');
  });

  it('sorts keys by their NFC form', () => {
    expect(canonicalJson({ 'e\u0301x': 1, '\u00e9a': 2 })).toBe('{"\u00e9a":2,"\u00e9x":1}');
  });

  it('leaves out undefined members and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([1, undefined, 2])).toBe('[1,null,2]');
    expect(canonicalJson({ a: { b: undefined } })).toBe('{"a":{}}');
  });

  it('writes no whitespace and escapes as JSON does', () => {
    expect(canonicalJson({ text: 'line\n"quoted"\t\\' })).toBe('{"text":"line\\n\\"quoted\\"\\t\\\\"}');
    expect(canonicalJson([true, false, null, 0, -1.5])).toBe('[true,false,null,0,-1.5]');
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ n: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    expect(() => canonicalJson(10n)).toThrow(TypeError);
  });
});

describe('sha256Hex', () => {
  it('matches the published SHA-256 test vectors', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes the UTF-8 bytes of the text', () => {
    for (const text of ['\u00e9', 'Gŵyr', 'مرحبا', '😀 emoji']) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
    }
  });
});
