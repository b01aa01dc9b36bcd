// toFtsQuery: whatever a person types becomes an FTS5 query that cannot be a syntax error.

import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_TERMS, toFtsQuery } from '../../../../electron/core/db/search.ts';

describe('toFtsQuery', () => {
  it('quotes each word and matches the last one as a prefix while it is typed', () => {
    expect(toFtsQuery('rural procur')).toEqual({ query: '"rural" "procur"*', terms: ['rural', 'procur'] });
  });

  it('stops matching the last word as a prefix once a space follows it', () => {
    expect(toFtsQuery('rural crime ')).toEqual({ query: '"rural" "crime"', terms: ['rural', 'crime'] });
  });

  it('does not expand a one-letter word to a prefix', () => {
    expect(toFtsQuery('plan b')?.query).toBe('"plan" "b"');
  });

  it('turns FTS5 operators and punctuation into plain words or nothing', () => {
    expect(toFtsQuery('AND')?.query).toBe('"AND"*');
    expect(toFtsQuery('NEAR(drones, cameras)')?.query).toBe('"NEAR" "drones" "cameras"*');
    expect(toFtsQuery('title:"rural" -crime*')?.query).toBe('"title" "rural" "crime"*');
    for (const nothing of ['', '   ', '"', '*', '-', ')', '(', '^', ':', '""', '\u0000', '😀'])
      expect(toFtsQuery(nothing)).toBeNull();
  });

  it('normalises to NFC so a decomposed letter is one word', () => {
    expect(toFtsQuery('w\u0302yr')?.terms).toEqual(['\u0175yr']);
  });

  it(`keeps at most ${MAX_SEARCH_TERMS} words`, () => {
    expect(toFtsQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '))?.terms).toHaveLength(MAX_SEARCH_TERMS);
  });
});
