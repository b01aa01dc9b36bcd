// Bad input through dispatch: every transport's entry point answers with an envelope, never an exception.

import { describe, expect, it } from 'vitest';
import { METHODS } from '../../../../electron/contract.ts';
import { dispatch } from '../../../../electron/core/service.ts';
import { InvalidInputError } from '../../../../electron/core/domain/index.ts';
import { createTestService, makeRecord, readTable } from '../../../helpers/db.ts';

const MEGABYTE = 'x'.repeat(1024 * 1024);

describe('dispatch', () => {
  it('answers an unknown method with not-found naming it, including names on Object.prototype', async () => {
    const desk = await createTestService();
    for (const method of ['records.destroy', '', 'toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      const envelope = await dispatch(desk.service, method, {});
      expect(envelope.ok, method).toBe(false);
      expect(!envelope.ok && envelope.error.code).toBe('not-found');
      expect(!envelope.ok && envelope.error.message).toContain(`"${method}"`);
    }
  });

  it('has a handler for every method of the contract', async () => {
    const desk = await createTestService();
    for (const method of METHODS) expect(typeof desk.service[method], method).toBe('function');
  });

  it('refuses input of the wrong shape for every method, with invalid-input', async () => {
    const desk = await createTestService();
    for (const method of METHODS) {
      for (const input of ['text', 42, [], true, { unknownField: 1 }]) {
        const error = await desk.fail(method, input);
        expect(error.code, `${method} ${JSON.stringify(input)}`).toBe('invalid-input');
        expect(error.message).toContain(`Invalid input for ${method}`);
      }
    }
  });

  it('refuses wrong types with a message naming the field', async () => {
    const desk = await createTestService();
    const record = await desk.call('records.create', {});
    for (const [method, input, field] of [
      ['records.create', { content: { title: 42 } }, 'content.title'],
      ['records.create', { content: { classification: 'secret' } }, 'content.classification'],
      ['records.create', { content: { impact: { planObjectives: '' } } }, 'content.impact.diversityImpact'],
      ['records.create', { reference: 'has  two  spaces' }, 'reference'],
      ['records.get', { id: 7 }, 'id'],
      ['records.get', { id: '' }, 'id'],
      ['records.save', { id: 'not-a-uuid', baseRevision: 1, patch: {} }, 'id'],
      ['records.save', { id: record.id, baseRevision: '1', patch: {} }, 'baseRevision'],
      ['records.save', { id: record.id, baseRevision: 0, patch: {} }, 'baseRevision'],
      ['records.save', { id: record.id, baseRevision: 1.5, patch: {} }, 'baseRevision'],
      ['records.save', { id: record.id, baseRevision: 1, patch: {}, mode: 'sometimes' }, 'mode'],
      [
        'records.save',
        { id: record.id, baseRevision: 1, patch: { backgroundDocuments: 'none' } },
        'patch.backgroundDocuments',
      ],
      ['records.save', { id: record.id, baseRevision: 1 }, 'patch'],
    ] as const) {
      const error = await desk.fail(method, input);
      expect(error.code, `${method} ${field}`).toBe('invalid-input');
      expect(error.message, `${method} ${field}`).toContain(`${field}:`);
    }
  });

  it('refuses unknown fields, naming them, including a __proto__ key from JSON', async () => {
    const desk = await createTestService();
    const record = await desk.call('records.create', {});
    const error = await desk.fail('records.save', { id: record.id, baseRevision: 1, patch: { colour: 'red' } });
    expect(error.message).toContain('unknown field "colour"');
    const hostile = JSON.parse(
      `{"id":"${record.id}","baseRevision":1,"patch":{"__proto__":{"status":"decided"}}}`,
    ) as unknown;
    expect((await desk.fail('records.save', hostile)).code).toBe('invalid-input');
    expect((await desk.call('records.get', { id: record.id })).status).toBe('draft');
  });

  it.each(['title', 'executiveSummary', 'recommendation', 'decision', 'originator', 'confidentialReason'] as const)(
    'refuses 1 MB in %s with a message naming the field, and saves nothing',
    async (field) => {
      const desk = await createTestService();
      const record = await desk.call('records.create', {});
      const before = readTable(desk.db, 'records');
      const error = await desk.fail('records.save', { id: record.id, baseRevision: 1, patch: { [field]: MEGABYTE } });
      expect(error.code).toBe('invalid-input');
      expect(error.message).toMatch(new RegExp(`patch\\.${field}: must be at most [\\d,]+ characters`));
      expect(error.message.length).toBeLessThan(1000);
      expect(readTable(desk.db, 'records')).toEqual(before);
      expect((await desk.fail('records.create', { content: { [field]: MEGABYTE } })).message).toContain(
        `content.${field}:`,
      );
    },
  );

  it('accepts the largest text allowed in a rich-text field', async () => {
    const desk = await createTestService();
    const record = await desk.call('records.create', { content: { executiveSummary: 'x'.repeat(500_000) } });
    expect(record.executiveSummary).toHaveLength(500_000);
  });

  it('allows an empty title in a draft', async () => {
    const desk = await createTestService();
    const record = await desk.call('records.create', { content: { title: 'Something' } });
    const saved = await desk.call('records.save', { id: record.id, baseRevision: 1, patch: { title: '' } });
    expect(saved.title).toBe('');
    expect((await desk.call('records.list', {})).items[0]!.title).toBe('');
  });

  it('strips control characters but keeps tab, line feed and carriage return', async () => {
    const desk = await createTestService();
    const record = await desk.call('records.create', {
      content: { title: 'A\u0000B\u0007C\u001BD', executiveSummary: 'one\ttwo\r\nthree\u000Bfour\uFFFE\uD800' },
    });
    expect(record.title).toBe('ABCD');
    expect(record.executiveSummary).toBe('one\ttwo\r\nthreefour');
    expect(await desk.call('records.get', { id: record.id })).toEqual(record);
  });

  it('keeps emoji, Welsh and right-to-left text exactly, through save, list and search', async () => {
    const desk = await createTestService();
    const title = 'Cynllun ŵyr a ŷd 🏴󠁧󠁢󠁷󠁬󠁳󠁿 👩🏽‍💻 قرار המפכ״ל';
    const summary = 'مرحبا بالعالم\nשלום עולם\n\u200Fmixed عربي English';
    const record = await desk.call('records.create', {});
    const saved = await desk.call('records.save', {
      id: record.id,
      baseRevision: 1,
      patch: { title, executiveSummary: summary },
    });
    expect(saved.title).toBe(title);
    expect(saved.executiveSummary).toBe(summary);
    expect(await desk.call('records.get', { id: record.id })).toEqual(saved);
    expect((await desk.call('records.list', {})).items[0]!.title).toBe(title);
    expect((await desk.call('records.search', { text: 'قرار' })).items.map((hit) => hit.title)).toEqual([title]);
  });

  it('answers an unexpected failure with internal and no record text, without throwing', async () => {
    const desk = await createTestService();
    const broken = {
      ...desk.service,
      'records.list': () => {
        throw new TypeError('something broke');
      },
    };
    const envelope = await dispatch(broken, 'records.list', {});
    expect(envelope).toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error: something broke' } });
  });

  describe('deeply nested input', () => {
    /** An object nested `depth` levels deep, built without recursion, ending in a string. */
    function nested(depth: number, wrap: (inner: unknown) => unknown = (inner) => ({ a: inner })): unknown {
      let value: unknown = 'leaf';
      for (let i = 0; i < depth; i++) value = wrap(value);
      return value;
    }

    it.each([
      ['records.import', (deep: unknown) => ({ record: { format: 'decision-desk/record@1', title: deep } })],
      ['records.import', (deep: unknown) => ({ record: deep })],
      ['records.verify', (deep: unknown) => ({ record: { format: 'decision-desk/record@1', title: deep } })],
      [
        'records.save',
        (deep: unknown) => ({ id: '6f1f0a3e-2c1b-4d5e-9f7a-0b1c2d3e4f50', baseRevision: 1, patch: { title: deep } }),
      ],
      ['settings.update', (deep: unknown) => ({ patch: { template: deep } })],
    ] as const)('%s refuses 100,000 levels with a short invalid-input, and changes nothing', async (method, make) => {
      const desk = await createTestService();
      await desk.call('records.create', {});
      const before = readTable(desk.db, 'records');
      for (const deep of [nested(100_000), nested(100_000, (inner) => [inner])]) {
        const error = await desk.fail(method, make(deep));
        expect(error.code, method).toBe('invalid-input');
        expect(error.message).toMatch(/nested more than \d+ levels deep/);
        expect(error.message.length).toBeLessThan(400);
      }
      expect(readTable(desk.db, 'records')).toEqual(before);
    });

    it('refuses a cycle (as IPC\u2019s structured clone can carry) instead of looping', async () => {
      const desk = await createTestService();
      const cyclic: Record<string, unknown> = { format: 'decision-desk/record@1' };
      cyclic.title = cyclic;
      const error = await desk.fail('records.import', { record: cyclic });
      expect(error).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/nested more than/) });
    });

    it('still accepts a real record with its signatures, strokes and points', async () => {
      const desk = await createTestService();
      const record = makeRecord({ reference: 'OPCC.D.001.24' });
      expect((await desk.call('records.import', { record })).action).toBe('created');
    });
  });

  describe('error messages stay short', () => {
    it('names the first few unknown keys of a 5 MB request and counts the rest', async () => {
      const desk = await createTestService();
      const record = await desk.call('records.create', {});
      const patch: Record<string, string> = {};
      for (let i = 0; i < 100_000; i++) patch[`unknown-key-number-${i}-${'k'.repeat(20)}`] = 'v';
      expect(JSON.stringify(patch).length).toBeGreaterThan(5_000_000);
      const envelope = await dispatch(desk.service, 'records.save', { id: record.id, baseRevision: 1, patch });
      expect(envelope.ok).toBe(false);
      const { error } = envelope as { ok: false; error: { code: string; message: string } };
      expect(error.code).toBe('invalid-input');
      expect(error.message).toContain('"unknown-key-number-0-');
      expect(error.message).toMatch(/and 99,99\d more/);
      expect(JSON.stringify(envelope).length).toBeLessThan(600);
    });

    it('shortens one enormous key and a long path', async () => {
      const desk = await createTestService();
      const record = await desk.call('records.create', {});
      const error = await desk.fail('records.save', {
        id: record.id,
        baseRevision: 1,
        patch: { ['k'.repeat(1_000_000)]: 1 },
      });
      expect(error.message).toContain('unknown field "kkkk');
      expect(error.message.length).toBeLessThan(400);
    });

    it('bounds the message of any error a handler throws', async () => {
      const desk = await createTestService();
      const broken = {
        ...desk.service,
        'records.list': () => {
          throw new InvalidInputError(`bad: ${'x'.repeat(1_000_000)}`);
        },
      };
      const envelope = await dispatch(broken, 'records.list', {});
      expect(envelope.ok).toBe(false);
      const { error } = envelope as { ok: false; error: { code: string; message: string } };
      expect(error.code).toBe('invalid-input');
      expect(error.message.startsWith('bad: xxx')).toBe(true);
      expect(error.message.length).toBeLessThanOrEqual(500);
    });
  });

  it('treats a missing input as an empty object', async () => {
    const desk = await createTestService();
    expect((await dispatch(desk.service, 'records.list', undefined)).ok).toBe(true);
    expect((await dispatch(desk.service, 'settings.get', null)).ok).toBe(true);
  });
});
