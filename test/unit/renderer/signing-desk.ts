// An in-memory window.desk for the signing tests: the sign-off methods on the domain's own rules (canSign,
// missingForSubmission, computeSeal), answering with the same envelopes as the preload.

import type { DeskApi, Envelope, Method } from '../../../electron/contract.ts';
import {
  type AuditEntry,
  canSign,
  computeContentHash,
  computeSeal,
  type DecisionRecord,
  type DeskErrorData,
  emptyContent,
  missingForSubmission,
  OfficeTemplateSchema,
  RECORD_FORMAT,
  type RecordContent,
  type Settings,
} from '../../../electron/core/domain/index.ts';
import kent from '../../../resources/templates/kent.json' with { type: 'json' };

export const TEMPLATE = OfficeTemplateSchema.parse(kent);
export const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export const COMPLETE: Partial<RecordContent> = {
  originator: 'Chief Executive',
  title: 'Grants to community safety partnerships',
  executiveSummary: 'Funding for the partnerships.',
  recommendation: 'That the grants are made.',
  decision: 'The grants are approved.',
  impact: { planObjectives: 'Safer streets.', equalityImpactAssessment: false, diversityImpact: false, diversityExplanation: '' },
};

export interface SigningDesk {
  desk: DeskApi;
  records: Map<string, DecisionRecord>;
  calls: { method: Method; input: unknown }[];
  /** Adds a record in the given state, with the given content over a complete record's. */
  add(status: DecisionRecord['status'], content?: Partial<RecordContent>, names?: Record<string, string>): DecisionRecord;
  /** Another device signs the record under the window. */
  signElsewhere(id: string, role: string): void;
}

type Handler = (input: never) => Envelope<unknown>;

export function createSigningDesk(): SigningDesk {
  const records = new Map<string, DecisionRecord>();
  const audits = new Map<string, AuditEntry[]>();
  const calls: SigningDesk['calls'] = [];
  let clock = Date.parse('2026-03-02T09:00:00Z');
  let ids = 0;
  const tick = () => new Date((clock += 60_000)).toISOString();
  const ok = <T,>(value: T): Envelope<T> => ({ ok: true, value });
  const fail = (error: DeskErrorData): Envelope<never> => ({ ok: false, error });
  const settings: Settings = {
    userName: 'Alex Assistant',
    defaultOriginator: '',
    deviceName: 'Tablet',
    sharedFolder: null,
    template: TEMPLATE,
    recordOfSigningPage: true,
  };

  /** Writes the next revision of a record, with its audit entry. */
  function put(record: DecisionRecord, action: string, detail: Record<string, unknown> = {}): DecisionRecord {
    const at = tick();
    const next = { ...record, contentHash: computeContentHash(record), revision: record.revision + 1, updatedAt: at };
    records.set(next.id, next);
    const entry: AuditEntry = {
      recordId: next.id,
      at,
      actor: settings.userName,
      device: settings.deviceName,
      action,
      revision: next.revision,
      contentHash: next.contentHash,
      detail,
    };
    audits.set(next.id, [...(audits.get(next.id) ?? []), entry]);
    return next;
  }

  function need(id: string): DecisionRecord | Envelope<never> {
    return records.get(id) ?? fail({ code: 'not-found', message: `No record has the id "${id}".` });
  }

  function sign(id: string, role: string, name: string, comments: string, method: 'drawn' | 'paper', image: string | null) {
    const current = need(id);
    if ('ok' in current) return current;
    const allowed = canSign(current, TEMPLATE, role);
    if (!allowed.ok) return fail({ code: 'not-allowed', message: allowed.reason });
    const body = { signedBy: name, signedAt: tick(), device: settings.deviceName, method, image, strokes: [], contentHash: current.contentHash };
    const signature = { ...body, seal: computeSeal({ role, name, comments }, body) };
    const decided = TEMPLATE.signatories.find((s) => s.decides)?.role === role;
    const next = {
      ...current,
      status: decided ? ('decided' as const) : current.status,
      signOffs: current.signOffs.map((s) => (s.role === role ? { ...s, name, comments, signature } : s)),
    };
    return ok(put(next, decided ? 'decided' : 'signed', { role }));
  }

  function toDraft(id: string, action: string, detail: Record<string, unknown>) {
    const current = need(id);
    if ('ok' in current) return current;
    if (current.status !== 'awaiting-signatures') return fail({ code: 'not-allowed', message: 'Not awaiting signatures.' });
    const signOffs = current.signOffs.map((s) => ({ ...s, signature: null }));
    return ok(put({ ...current, status: 'draft', signOffs }, action, detail));
  }

  const handlers: Partial<Record<Method, Handler>> = {
    'records.get': ({ id }: { id: string }) => {
      const record = need(id);
      return 'ok' in record ? record : ok(record);
    },
    'settings.get': () => ok(settings),
    'export.preview': ({ id }: { id: string }) =>
      ok({ html: `<!DOCTYPE html><html><head><style>p { color: #000; }</style></head><body><p>${records.get(id)?.title ?? ''}</p></body></html>` }),
    'records.audit': ({ id }: { id: string }) => ok(audits.get(id) ?? []),
    'records.list': () => {
      const items = [...records.values()];
      return ok({ items, total: items.length });
    },
    'records.submit': ({ id, baseRevision }: { id: string; baseRevision: number }) => {
      const current = need(id);
      if ('ok' in current) return current;
      if (current.revision !== baseRevision) return fail({ code: 'not-allowed', message: 'The record was changed elsewhere.' });
      const missing = missingForSubmission(current);
      if (missing.length > 0) {
        return fail({ code: 'invalid-input', message: `The record is not complete: ${missing.map((m) => m.message).join(' ')}`, details: { missing } });
      }
      return ok(put({ ...current, reference: 'OPCC.D.001.26', status: 'awaiting-signatures' }, 'submitted', {}));
    },
    'records.sign': ({ id, role, name, comments, image }: { id: string; role: string; name: string; comments: string; image: string }) =>
      sign(id, role, name, comments, 'drawn', image),
    'records.paperSignature': ({ id, role, name, comments, scan }: { id: string; role: string; name: string; comments?: string; scan?: string | null }) =>
      sign(id, role, name, comments ?? '', 'paper', scan ?? null),
    'records.decline': ({ id, role, name, reason }: { id: string; role: string; name: string; reason: string }) =>
      toDraft(id, 'declined', { role, name, reason }),
    'records.returnToDraft': ({ id, reason }: { id: string; reason: string }) => toDraft(id, 'returned-to-draft', { reason }),
  };

  const desk = new Proxy({} as DeskApi, {
    get(_target, name: string) {
      const method = name as Method;
      return async (input: unknown) => {
        calls.push({ method, input });
        await Promise.resolve();
        const handler = handlers[method];
        return structuredClone(handler ? handler(input as never) : fail({ code: 'not-found', message: `The fake desk has no ${method}.` }));
      };
    },
  });

  return {
    desk,
    records,
    calls,
    add(status, content = COMPLETE, names = {}) {
      const at = tick();
      const id = `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
      const base: DecisionRecord = {
        format: RECORD_FORMAT,
        id,
        reference: status === 'draft' ? null : `OPCC.D.${String(ids).padStart(3, '0')}.26`,
        ...emptyContent('kent'),
        ...content,
        signOffs: TEMPLATE.signatories.map((s) => ({ role: s.role, name: names[s.role] ?? '', comments: '', signature: null })),
        status,
        revision: 0,
        contentHash: '',
        createdAt: at,
        updatedAt: at,
      };
      return put(base, 'created');
    },
    signElsewhere(id, role) {
      const envelope = sign(id, role, 'Someone Else', '', 'drawn', PNG);
      if (!envelope.ok) throw new Error(envelope.error.message);
    },
  };
}
