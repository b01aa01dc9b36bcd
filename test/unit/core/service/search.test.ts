// Search through dispatch: rare and common words, prefixes while typing, Welsh and diacritics, hostile input, filters.

import { beforeEach, describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../../../../electron/core/domain/index.ts';
import { createTestService, makeRecord, type TestDesk } from '../../../helpers/db.ts';

let desk: TestDesk;
const records: Record<string, DecisionRecord> = {};

beforeEach(async () => {
  desk = await createTestService();
  const rows: [string, Partial<DecisionRecord>][] = [
    [
      'grant',
      {
        reference: 'OPCC.D.021.18',
        title: 'Police grant for rural crime',
        executiveSummary: 'A zygomorphic partnership.',
        status: 'published',
        updatedAt: '2024-01-05T00:00:00.000Z',
      },
    ],
    [
      'fleet',
      {
        reference: 'OPCC.D.003.19',
        title: 'Police fleet procurement',
        recommendation: 'Approve the procurement of vehicles.',
        status: 'decided',
        updatedAt: '2024-01-04T00:00:00.000Z',
      },
    ],
    [
      'welsh',
      {
        title: 'Cynllun ŵyr a ŷd',
        decision: 'Police café opening.',
        classification: 'confidential',
        confidentialReason: 'Draft',
        updatedAt: '2024-01-03T00:00:00.000Z',
      },
    ],
    [
      'plain',
      {
        title: 'Police estate',
        originator: 'Head of Estates',
        decision: 'Sell the old station.',
        updatedAt: '2024-01-02T00:00:00.000Z',
      },
    ],
  ];
  for (const [key, fields] of rows) {
    records[key] = makeRecord({ executiveSummary: '', recommendation: '', decision: '', ...fields });
    await desk.call('records.import', { record: records[key] });
  }
});

async function search(text: string, extra: Record<string, unknown> = {}) {
  const page = await desk.call('records.search', { text, ...extra });
  return { keys: page.items.map((hit) => Object.keys(records).find((k) => records[k]!.id === hit.id)), page };
}

describe('records.search', () => {
  it('finds a rare word in the executive summary, with the terms to highlight', async () => {
    const { keys, page } = await search('zygomorphic ');
    expect(keys).toEqual(['grant']);
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      reference: 'OPCC.D.021.18',
      title: 'Police grant for rural crime',
      terms: ['zygomorphic'],
    });
  });

  it('finds a common word in every record, newest first, with the total', async () => {
    const { keys, page } = await search('police');
    expect(keys).toEqual(['grant', 'fleet', 'welsh', 'plain']);
    expect(page.total).toBe(4);
    const paged = await search('police', { limit: 1, offset: 1 });
    expect(paged.keys).toEqual(['fleet']);
    expect(paged.page.total).toBe(4);
  });

  it('finds a word in a table cell, a pipe-escaped cell and a nested list item of the stored Markdown', async () => {
    const table = makeRecord({
      title: 'Costs',
      executiveSummary:
        '| Option | **Cost** |\n| --- | --- |\n| Quinquennial\\|lease | *£12,000* |\n\n- a\n  - b\n    - xylophonic',
      recommendation: '',
      decision: '',
    });
    records.table = table;
    await desk.call('records.import', { record: table });
    for (const word of ['quinquennial', 'lease', 'cost', 'xylophonic'])
      expect((await search(`${word} `)).keys, word).toEqual(['table']);
  });

  it('matches a word while it is being typed', async () => {
    expect((await search('procur')).keys).toEqual(['fleet']);
    expect((await search('po')).keys).toHaveLength(4);
    expect((await search('procur ')).keys).toEqual([]);
  });

  it('needs every word to match, in any field', async () => {
    expect((await search('police rural')).keys).toEqual(['grant']);
    expect((await search('estates station')).keys).toEqual(['plain']);
    expect((await search('rural vehicles')).keys).toEqual([]);
  });

  it('finds references by their parts', async () => {
    expect((await search('OPCC.D.021.18')).keys).toEqual(['grant']);
    expect((await search('021')).keys).toEqual(['grant']);
  });

  it('finds Welsh words with or without their accents, as typed or decomposed', async () => {
    for (const text of ['ŵyr', 'wyr', 'Ŵyr', 'w\u0302yr', 'ŷd ', 'yd ', 'cafe', 'café']) {
      expect((await search(text)).keys, text).toEqual(['welsh']);
    }
  });

  it('finds words in scripts written with combining marks: Devanagari, Gurmukhi, pointed Arabic and Hebrew', async () => {
    const record = await desk.call('records.create', {
      content: { title: 'हिन्दी अनुवाद', executiveSummary: 'ਪੰਜਾਬੀ ਸੇਵਾ; مُحَمَّد; שָׁלוֹם' },
    });
    for (const text of ['हिन्दी', 'अनुवाद', 'हिन्', 'ਪੰਜਾਬੀ', 'مُحَمَّد', 'שָׁלוֹם']) {
      expect(
        (await search(text)).page.items.map((hit) => hit.id),
        text,
      ).toEqual([record.id]);
    }
  });

  it('matches a word with combining marks as that word, not as its letters scattered through a record', async () => {
    // SQLite's tokenizer splits "हिन्दी" at its vowel signs into ह, न, द: the query must keep them together.
    const word = await desk.call('records.create', { content: { title: 'हिन्दी' } });
    await desk.call('records.create', { content: { title: 'द न ह' } });
    expect((await search('हिन्दी ')).page.items.map((hit) => hit.id)).toEqual([word.id]);
  });

  it('never fails on text that would be FTS5 syntax', async () => {
    const hostile = [
      '"',
      "'",
      'AND',
      'OR',
      'NOT',
      'NEAR(',
      'NEAR(police rural)',
      'NEAR/2',
      '*',
      '-',
      '+',
      ')',
      '(',
      '^',
      ':',
      '{',
      '}',
      '[',
      ']',
      '\\',
      'title:police',
      'police AND',
      'AND police',
      'OR OR',
      '"police',
      'police"',
      'police*',
      '-police',
      'police -rural',
      '(police',
      'col:*',
      '.',
      '...',
      '',
      '   ',
      '\u0000',
      '😀',
      'police 😀',
      '\u0302',
      'police \u064E',
      'ि',
      "Robert'); DROP TABLE records;--",
      'x'.repeat(500),
    ];
    for (const text of hostile) {
      const envelope = await desk.service['records.search']({
        text,
        sort: 'updated',
        direction: 'desc',
        limit: 10,
        offset: 0,
      });
      expect(envelope.total, text).toBeGreaterThanOrEqual(0);
      expect((await search(text)).page.items.length, text).toBeLessThanOrEqual(4);
    }
    expect((await search('police AND')).keys).toEqual([]);
    expect((await search('"police')).keys).toHaveLength(4);
    expect((await desk.call('records.list', {})).total).toBe(4);
  });

  it('combines search with the status, year and classification filters', async () => {
    expect((await search('police', { status: ['draft'] })).keys).toEqual(['welsh', 'plain']);
    expect((await search('police', { year: 2018 })).keys).toEqual(['grant']);
    expect((await search('police', { classification: 'confidential' })).keys).toEqual(['welsh']);
    const { page } = await search('police', { status: ['decided', 'published'], year: 2019 });
    expect(page.items.map((h) => h.reference)).toEqual(['OPCC.D.003.19']);
    expect(page.total).toBe(1);
  });

  it('sorts matches by relevance or by the register orders', async () => {
    expect((await search('police', { sort: 'reference', direction: 'asc' })).keys.slice(0, 2)).toEqual([
      'grant',
      'fleet',
    ]);
    expect((await search('police', { sort: 'title', direction: 'asc' })).keys).toEqual([
      'welsh',
      'plain',
      'fleet',
      'grant',
    ]);
    const relevance = await search('procurement', { sort: 'relevance' });
    expect(relevance.keys).toEqual(['fleet']);
  });

  it('follows edits: a saved word is found and a replaced one is not', async () => {
    const record = await desk.call('records.create', { content: { executiveSummary: 'A quokka appears.' } });
    expect((await search('quokka')).page.items.map((h) => h.id)).toEqual([record.id]);
    await desk.call('records.save', {
      id: record.id,
      baseRevision: 1,
      patch: { executiveSummary: 'A wombat appears.' },
    });
    expect((await search('quokka')).keys).toEqual([]);
    expect((await search('wombat')).page.items.map((h) => h.id)).toEqual([record.id]);
  });

  it("finds words in the template's extra sections: rich text, a yes/no question's explanation, people's names", async () => {
    const sectioned = makeRecord({
      executiveSummary: '',
      recommendation: '',
      decision: '',
      title: 'Custody suite',
      updatedAt: '2024-01-06T00:00:00.000Z',
      sections: [
        { id: 'legal-comments', kind: 'rich-text', text: 'The monitoring officer saw no obstacle.' },
        { id: 'consultation', kind: 'yes-no', answer: true, explanation: 'Residents of Quarrington were asked.' },
        { id: 'considered-by', kind: 'people', people: ['Priya Okonkwo'] },
        // An internal section is searchable here too: search is the office's own tool on this device.
        { id: 'part-two', kind: 'rich-text', text: 'Exempt: the contractor Brimblecombe Ltd.' },
      ],
    });
    records.sectioned = sectioned;
    await desk.call('records.import', { record: sectioned });
    for (const text of ['obstacle', 'quarrington', 'okonkwo', 'brimblecombe', 'priya custody']) {
      const { keys, page } = await search(text);
      expect(keys, text).toEqual(['sectioned']);
      expect(page.items[0]!.terms).toEqual(text.split(' '));
    }
    expect((await search('obstacle rural')).keys).toEqual([]);
  });

  it('refuses search text over 500 characters', async () => {
    const error = await desk.fail('records.search', { text: 'x'.repeat(501) });
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('text:');
  });
});
