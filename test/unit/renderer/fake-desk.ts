// An in-memory window.desk for the renderer's tests: the same envelopes the preload gives, from a map of records.

import type { DeskApi, Envelope, Method } from '../../../electron/contract.ts';
import {
  computeContentHash,
  type DecisionRecord,
  type DeskErrorData,
  emptyContent,
  RECORD_FORMAT,
  type RecordSummary,
} from '../../../electron/core/domain/index.ts';

export interface FakeDesk {
  desk: DeskApi;
  records: Map<string, DecisionRecord>;
  calls: { method: Method; input: unknown }[];
  /** Makes the next call of a method answer with this error instead. */
  failNext(method: Method, error: DeskErrorData): void;
  /** Another device saves the record: its revision moves on under the window. */
  changeElsewhere(id: string, title: string): DecisionRecord;
}

export function createFakeDesk(): FakeDesk {
  const records = new Map<string, DecisionRecord>();
  const calls: FakeDesk['calls'] = [];
  const failures = new Map<Method, DeskErrorData>();
  let clock = Date.parse('2026-03-02T09:00:00Z');
  let ids = 0;
  const tick = () => new Date((clock += 60_000)).toISOString();

  const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });
  const fail = (error: DeskErrorData): Envelope<never> => ({ ok: false, error });
  const stamp = (record: DecisionRecord): DecisionRecord => ({ ...record, contentHash: computeContentHash(record) });
  const summary = (record: DecisionRecord): RecordSummary => ({
    id: record.id,
    reference: record.reference,
    title: record.title,
    originator: record.originator,
    status: record.status,
    classification: record.classification,
    year: 2026,
    revision: record.revision,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  });

  function save(id: string, baseRevision: number, title: string): Envelope<DecisionRecord> {
    const current = records.get(id);
    if (!current) return fail({ code: 'not-found', message: `No record has the id "${id}".` });
    if (current.revision !== baseRevision) {
      return fail({ code: 'conflict', message: 'The record was changed elsewhere.', details: { current } });
    }
    const next = stamp({ ...current, title, revision: current.revision + 1, updatedAt: tick() });
    records.set(id, next);
    return ok(next);
  }

  const handlers: Partial<Record<Method, (input: never) => Envelope<unknown>>> = {
    'records.create': () => {
      const at = tick();
      const id = `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
      const record = stamp({
        format: RECORD_FORMAT,
        id,
        reference: null,
        ...emptyContent('kent'),
        signOffs: [],
        status: 'draft',
        revision: 1,
        contentHash: '',
        createdAt: at,
        updatedAt: at,
      });
      records.set(id, record);
      return ok(record);
    },
    'records.list': () => {
      const items = [...records.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).map(summary);
      return ok({ items, total: items.length });
    },
    'records.get': ({ id }: { id: string }) => {
      const record = records.get(id);
      return record ? ok(record) : fail({ code: 'not-found', message: `No record has the id "${id}".` });
    },
    'records.save': ({ id, baseRevision, patch }: { id: string; baseRevision: number; patch: { title?: string } }) =>
      save(id, baseRevision, patch.title ?? records.get(id)?.title ?? ''),
  };

  const desk = new Proxy({} as DeskApi, {
    get(_target, name: string) {
      const method = name as Method;
      return async (input: unknown) => {
        calls.push({ method, input });
        // Envelopes cross the IPC boundary as copies: the window never shares objects with the application.
        await Promise.resolve();
        const failure = failures.get(method);
        if (failure) {
          failures.delete(method);
          return fail(failure);
        }
        const handler = handlers[method];
        const envelope = handler
          ? handler(input as never)
          : fail({ code: 'not-found', message: `The fake desk has no ${method}.` });
        return structuredClone(envelope);
      };
    },
  });

  return {
    desk,
    records,
    calls,
    failNext: (method, error) => failures.set(method, error),
    changeElsewhere(id, title) {
      const current = records.get(id)!;
      const envelope = save(id, current.revision, title);
      if (!envelope.ok) throw new Error(envelope.error.message);
      return envelope.value;
    },
  };
}
