// An in-memory window.desk for the renderer's tests: the same envelopes the preload gives, from a map of records.

import {
  contract,
  type DeskApi,
  type Envelope,
  type ExportedFile,
  type Method,
  type MethodInput,
  type MethodResult,
} from '../../../electron/contract.ts';
import {
  computeContentHash,
  type DecisionRecord,
  type DeskErrorData,
  describeIssues,
  emptyContent,
  type FileContents,
  lateRecords,
  PARSE_OPTIONS,
  supersessions,
  OfficeTemplateSchema,
  RECORD_FORMAT,
  type RecordPatch,
  registerLabels,
  SEARCH_COUNT_CAP,
  type RecordSummary,
  type RevisionSummary,
  type Settings,
} from '../../../electron/core/domain/index.ts';
import kent from '../../../resources/templates/kent.json' with { type: 'json' };

export interface FakeDesk {
  desk: DeskApi;
  records: Map<string, DecisionRecord>;
  /** The drafts in the bin, by id: when each was deleted there. */
  bin: Map<string, string>;
  calls: { method: Method; input: unknown }[];
  settings: Settings;
  /** Makes the next call of a method answer with this error instead. */
  failNext(method: Method, error: DeskErrorData): void;
  /** Holds every call of a method until the returned function is called (a slow disk, a busy application). */
  hold(method: Method): () => void;
  /** Another device saves the record: its revision moves on under the window. */
  changeElsewhere(id: string, patch: RecordPatch): DecisionRecord;
  /** Adds records straight to the store, as years of use would have. */
  seed(count: number, make?: (index: number) => Partial<DecisionRecord>): DecisionRecord[];
  callsOf<M extends Method>(method: M): MethodInput<M>[];
  /** Sync as this fake runs it: off (answers "unavailable", as a session without sync does) until set. */
  sync: FakeSync;
  /** What export.contents answers for a record (by id); a record not listed gets the error export.contents has before it is built. */
  contents: Map<string, FileContents[]>;
  /** The day records.late counts to, YYYY-MM-DD. */
  today: string;
}

/** A decided record's sign-offs as the fake stores them: each signed on `day` (the Commissioner deciding). */
export function signedOffs(day: string, names: Record<string, string> = {}): DecisionRecord['signOffs'] {
  return ['chief-finance-officer', 'chief-executive', 'commissioner'].map((role) => ({
    role,
    name: names[role] ?? `Signer ${role}`,
    comments: '',
    signature: {
      signedBy: names[role] ?? `Signer ${role}`,
      signedAt: `${day}T10:00:00.000Z`,
      device: 'tablet-01',
      method: 'drawn',
      image: null,
      strokes: [],
      contentHash: '0'.repeat(64),
    },
  }));
}

/** What the fake's sync answers; tests change these between calls. */
export interface FakeSync {
  /** null: sync is not running in this session. */
  status: MethodResult<'sync.status'> | null;
  conflicts: MethodResult<'sync.conflicts'>;
  /** What Sync now answers (its times filled in); a pass that went well brings the status up to date, as sync does. */
  nextPass: Partial<MethodResult<'sync.now'>>;
}

/** A status as sync gives it, synced at 09:00 on 2 March 2026 unless told otherwise. */
export function syncStatus(change: Partial<MethodResult<'sync.status'>> = {}): MethodResult<'sync.status'> {
  return {
    folder: '/srv/share/Decision Desk',
    state: 'synced',
    waiting: 0,
    referencesPending: 0,
    conflicts: 0,
    offlineSince: null,
    lastSyncedAt: '2026-03-02T09:00:00.000Z',
    lastError: null,
    running: false,
    ...change,
  };
}

/** A conflict as sync lists it: a conflict copy of the share's marker unless told otherwise. */
export function syncConflict(
  change: Partial<MethodResult<'sync.conflicts'>[number]> = {},
): MethodResult<'sync.conflicts'>[number] {
  return {
    id: 1,
    kind: 'conflict-copy',
    recordId: null,
    reference: null,
    path: 'decision-desk (1).json',
    message:
      'The shared folder holds a conflict copy, decision-desk (1).json. Decision Desk does not read it; check it and delete it by hand.',
    detail: {},
    foundAt: '2026-03-02T09:30:00.000Z',
    resolvedAt: null,
    resolution: null,
    actions: ['dismiss'],
    ...change,
  };
}

export function createFakeDesk(): FakeDesk {
  // A fresh desk is a fresh machine: edits an earlier test's window kept for its records (same ids) are not this one's.
  window.localStorage.clear();
  const records = new Map<string, DecisionRecord>();
  const bin = new Map<string, string>();
  const revisions = new Map<string, { summary: RevisionSummary; record: DecisionRecord }[]>();
  const calls: FakeDesk['calls'] = [];
  const failures = new Map<Method, DeskErrorData>();
  const holds = new Map<Method, Promise<void>>();
  const template = OfficeTemplateSchema.parse(kent);
  let settings: Settings = {
    userName: 'Alex Morgan',
    defaultOriginator: 'Chief Executive',
    deviceName: 'desk-01',
    sharedFolder: null,
    template,
    recordOfSigningPage: true,
  };
  let clock = Date.parse('2026-03-02T09:00:00Z');
  let ids = 0;
  const tick = () => new Date((clock += 60_000)).toISOString();
  const sync: FakeSync = { status: null, conflicts: [], nextPass: {} };
  const contents = new Map<string, FileContents[]>();
  let today = '2026-03-02';
  const file = (fileName: string, mediaType: string, text: string): ExportedFile => ({
    fileName,
    mediaType,
    base64: btoa(text),
  });
  const decided = (record: DecisionRecord) => record.status === 'decided' || record.status === 'published';
  const find = (key: string) => records.get(key) ?? [...records.values()].find((r) => r.reference === key);
  const syncOff = () =>
    fail({ code: 'unavailable', message: 'Sync with the shared folder is not running in this session.' });

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
    year: new Date(record.createdAt).getUTCFullYear(),
    revision: record.revision,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(bin.has(record.id) ? { binnedAt: bin.get(record.id)! } : {}),
    // As the service names them, here by the office's template (the fake keeps no versions).
    ...registerLabels(record, settings.template),
  });
  const notFound = (id: string) => fail({ code: 'not-found', message: `No record has the id "${id}".` });

  // As the service says it: a draft in the bin is kept as it was.
  const inTheBin = (record: DecisionRecord) =>
    fail({
      code: 'not-allowed',
      message: `The draft "${record.title || 'Untitled record'}" is in the bin: restore it to change it.`,
    });

  function remember(record: DecisionRecord, kind: RevisionSummary['kind']) {
    const list = revisions.get(record.id) ?? [];
    list.push({
      record,
      summary: {
        revision: record.revision,
        kind,
        savedAt: record.updatedAt,
        firstSavedAt: record.updatedAt,
        title: record.title,
        status: record.status,
        contentHash: record.contentHash,
      },
    });
    revisions.set(record.id, list);
  }

  function create(content: Partial<DecisionRecord> = {}): DecisionRecord {
    const at = tick();
    const id = `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
    const record = stamp({
      format: RECORD_FORMAT,
      id,
      reference: null,
      ...emptyContent('kent'),
      originator: settings.defaultOriginator,
      signOffs: template.signatories.map((s) => ({ role: s.role, name: s.defaultName, comments: '', signature: null })),
      status: 'draft',
      revision: 1,
      contentHash: '',
      createdAt: at,
      updatedAt: at,
      ...content,
    });
    records.set(id, record);
    remember(record, 'created');
    return record;
  }

  function save(
    id: string,
    baseRevision: number,
    patch: RecordPatch,
    kind: RevisionSummary['kind'] = 'saved',
  ): Envelope<DecisionRecord> {
    const current = records.get(id);
    if (!current) return notFound(id);
    if (bin.has(id)) return inTheBin(current);
    if (current.status !== 'draft') return fail({ code: 'locked', message: 'The record is locked.' });
    if (current.revision !== baseRevision) {
      return fail({
        code: 'conflict',
        message: 'The record was changed elsewhere. Nothing was overwritten.',
        details: { current },
      });
    }
    const { signOffs, ...content } = patch;
    const next = stamp({
      ...current,
      ...content,
      signOffs: signOffs
        ? current.signOffs.map((s) => ({ ...s, ...signOffs.find((p) => p.role === s.role) }))
        : current.signOffs,
      revision: current.revision + 1,
      updatedAt: tick(),
    });
    records.set(id, next);
    remember(next, kind);
    return ok(next);
  }

  type Query = MethodInput<'records.search'>;
  function page(query: Omit<Query, 'text' | 'sort'> & { text?: string; sort?: string; bin?: boolean }) {
    const words = (query.text ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    let items = [...records.values()].filter(
      (r) =>
        // The register and search never show the bin; the bin shows nothing else.
        bin.has(r.id) === (query.bin === true) &&
        (!query.status || query.status.includes(r.status)) &&
        (!query.classification || r.classification === query.classification) &&
        (!query.year || new Date(r.createdAt).getUTCFullYear() === query.year) &&
        words.every((word) =>
          `${r.reference ?? ''} ${r.title} ${r.originator} ${r.executiveSummary}`.toLowerCase().includes(word),
        ),
    );
    const sign = query.direction === 'asc' ? 1 : -1;
    items = items.sort((a, b) =>
      query.bin
        ? bin.get(b.id)!.localeCompare(bin.get(a.id)!)
        : query.sort === 'reference'
          ? sign * (a.reference ?? '').localeCompare(b.reference ?? '')
          : sign * a.updatedAt.localeCompare(b.updatedAt),
    );
    const offset = query.offset ?? 0;
    const slice = items.slice(offset, offset + (query.limit ?? 100)).map(summary);
    return {
      items: query.text === undefined ? slice : slice.map((s) => ({ ...s, terms: words })),
      total: items.length,
    };
  }

  const handlers: Partial<Record<Method, (input: never) => Envelope<unknown>>> = {
    'records.create': () => ok(create()),
    'records.list': (input: MethodInput<'records.list'>) => ok(page(input)),
    // As the service does: counted and shown as far as SEARCH_COUNT_CAP, "more" past it.
    'records.search': (input: Query) => {
      const found = page({
        ...input,
        limit: Math.max(0, Math.min(input.limit ?? 100, SEARCH_COUNT_CAP - (input.offset ?? 0))),
      });
      return ok({ ...found, total: Math.min(found.total, SEARCH_COUNT_CAP), capped: found.total > SEARCH_COUNT_CAP });
    },
    'records.delete': ({ id }: MethodInput<'records.delete'>) => {
      const record = records.get(id);
      if (!record) return notFound(id);
      if (record.reference) {
        return fail({
          code: 'not-allowed',
          message: `The record ${record.reference} has a reference: it stays in the register and cannot be deleted.`,
        });
      }
      if (record.status !== 'draft') return fail({ code: 'not-allowed', message: 'Only a draft can be deleted.' });
      if (bin.has(id)) return inTheBin(record);
      const binnedAt = tick();
      bin.set(id, binnedAt);
      return ok({ id, binnedAt });
    },
    'records.restoreFromBin': ({ id }: MethodInput<'records.restoreFromBin'>) => {
      const record = records.get(id);
      if (!record) return notFound(id);
      if (!bin.delete(id)) return fail({ code: 'not-allowed', message: 'This record is not in the bin.' });
      return ok(record);
    },
    // As the service does: by id or, where it has one, by reference.
    'records.get': ({ id }: { id: string }) => {
      const record = find(id);
      return record ? ok(record) : notFound(id);
    },
    'records.save': ({ id, baseRevision, patch, mode }: MethodInput<'records.save'>) =>
      save(id, baseRevision, patch, mode === 'auto' ? 'autosaved' : 'saved'),
    'records.history': ({ id }: { id: string }) => ok([...(revisions.get(id) ?? [])].reverse().map((r) => r.summary)),
    'records.revision': ({ id, revision }: { id: string; revision: number }) => {
      const found = revisions.get(id)?.find((r) => r.summary.revision === revision);
      return found ? ok(found.record) : fail({ code: 'not-found', message: `No revision ${revision}.` });
    },
    'records.restore': ({ id, revision, baseRevision }: MethodInput<'records.restore'>) => {
      const old = revisions.get(id)?.find((r) => r.summary.revision === revision)?.record;
      if (!old) return fail({ code: 'not-found', message: `No revision ${revision}.` });
      const { template: _t, ...content } = emptyContent('kent');
      const patch = Object.fromEntries(
        Object.keys(content).map((k) => [k, old[k as keyof typeof content]]),
      ) as RecordPatch;
      return save(id, baseRevision, patch, 'restored');
    },
    'export.preview': ({ id, revision }: MethodInput<'export.preview'>) => {
      const record = revision
        ? revisions.get(id)?.find((r) => r.summary.revision === revision)?.record
        : records.get(id);
      return record
        ? ok({ html: `<!DOCTYPE html><p>${record.title} (revision ${record.revision})</p>` })
        : notFound(id);
    },
    // Not a PDF a reader could draw: the window's tests check what is asked for; the pages are tested in Chromium.
    'export.previewPdf': ({ id }: MethodInput<'export.previewPdf'>) =>
      records.has(id) ? ok({ base64: btoa(`%PDF-1.7 ${records.get(id)!.revision}`) }) : notFound(id),
    'export.warmUp': () => ok({ warming: true }),
    'sync.status': () => (sync.status ? ok(sync.status) : syncOff()),
    'sync.now': () => {
      if (!sync.status) return syncOff();
      const at = tick();
      const summary: MethodResult<'sync.now'> = {
        ok: true,
        folder: sync.status.folder,
        startedAt: at,
        finishedAt: at,
        error: null,
        claimed: [],
        handedOver: [],
        received: [],
        published: [],
        newConflicts: 0,
        failures: [],
        skipped: [],
        waiting: 0,
        ...sync.nextPass,
      };
      if (summary.ok) {
        const { conflicts } = sync.status;
        const state = conflicts > 0 ? 'conflicts' : summary.waiting > 0 ? 'waiting' : 'synced';
        sync.status = {
          ...sync.status,
          state,
          lastSyncedAt: at,
          waiting: summary.waiting,
          offlineSince: null,
          lastError: null,
        };
      }
      return ok(summary);
    },
    'sync.conflicts': () => (sync.status ? ok(sync.conflicts.filter((c) => c.resolvedAt === null)) : syncOff()),
    'sync.resolve': ({ id, action }: MethodInput<'sync.resolve'>) => {
      const conflict = sync.conflicts.find((c) => c.id === id);
      if (!conflict) return fail({ code: 'not-found', message: `There is no sync conflict ${id}.` });
      if (!conflict.actions.includes(action))
        return fail({ code: 'invalid-input', message: `"${action}" does not resolve a ${conflict.kind} conflict.` });
      Object.assign(conflict, { resolvedAt: tick(), resolution: action });
      return ok(conflict);
    },
    'records.withdraw': ({ id, reason }: MethodInput<'records.withdraw'>) => {
      const current = find(id);
      if (!current) return notFound(id);
      if (!decided(current))
        return fail({
          code: 'not-allowed',
          message: 'Only a decided record can be withdrawn; a record not yet decided is returned to draft instead.',
        });
      if (current.withdrawal)
        return fail({ code: 'not-allowed', message: `${current.reference ?? 'This record'} was already withdrawn.` });
      const next = {
        ...current,
        withdrawal: { at: tick(), by: settings.userName, reason },
        revision: current.revision + 1,
        updatedAt: tick(),
      };
      records.set(current.id, next);
      return ok(next);
    },
    'records.late': ({ limit }) => {
      const late = lateRecords([...records.values()], settings.template, today);
      return ok({
        overdueDays: settings.template.publication.overdueDays,
        total: late.length,
        records: late.slice(0, limit ?? late.length),
      });
    },
    'records.supersededBy': ({ id }: MethodInput<'records.supersededBy'>) => {
      const record = find(id);
      if (!record) return notFound(id);
      return ok(record.reference ? (supersessions([...records.values()]).get(record.reference) ?? []) : []);
    },
    'export.docx': ({ id }: MethodInput<'export.docx'>) =>
      find(id)
        ? ok(file('record.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'PK'))
        : notFound(id),
    'export.pdf': ({ id, rendition }: MethodInput<'export.pdf'>) =>
      find(id) ? ok(file(`record-${rendition ?? 'archive'}.pdf`, 'application/pdf', '%PDF-1.7')) : notFound(id),
    'export.contents': ({ id }: MethodInput<'export.contents'>) => {
      const record = find(id);
      if (!record) return notFound(id);
      const found = contents.get(record.id);
      return found ? ok(found) : fail({ code: 'unavailable', message: 'Not built yet.' });
    },
    'export.publicationPack': () => ok(file('publication-pack-2026-03-02.zip', 'application/zip', 'PK')),
    'settings.get': () => ok(settings),
    // Every record here is made with the device's current template.
    'templates.get': () => ok(settings.template),
    'settings.update': ({ patch }: MethodInput<'settings.update'>) => {
      settings = { ...settings, ...patch } as Settings;
      return ok(settings);
    },
    'templates.shipped': () =>
      ok([
        {
          id: 'kent',
          area: 'Kent',
          officeName: 'Office of the Kent Police and Crime Commissioner',
          description: 'One series restarting each year.',
        },
        {
          id: 'london',
          area: 'London',
          officeName: "Mayor's Office for Policing and Crime",
          description: 'One continuous series that never restarts.',
        },
      ]),
    'templates.versions': () =>
      ok([
        {
          id: settings.template.id,
          version: settings.template.version,
          hash: 'a'.repeat(64),
          storedAt: '2026-03-02T10:00:00.000Z',
          current: true,
          legacy: false,
        },
      ]),
    'templates.export': () =>
      ok(
        file(
          `${settings.template.id}-template-v${settings.template.version}.json`,
          'application/json',
          JSON.stringify({ template: settings.template }),
        ),
      ),
    'templates.import': (input: MethodInput<'templates.import'>) => {
      if ('shipped' in input) {
        if (input.shipped !== 'london')
          return fail({
            code: 'not-found',
            message: `No template shipped with Decision Desk has the id "${input.shipped}".`,
          });
        settings = {
          ...settings,
          template: {
            ...settings.template,
            id: 'london',
            version: 1,
            area: 'London',
            officeName: "Mayor's Office for Policing and Crime",
          },
        };
        return ok(settings);
      }
      let raw: unknown;
      try {
        raw = JSON.parse(input.text);
      } catch {
        return fail({ code: 'invalid-input', message: 'This is not a template file: it is not JSON.' });
      }
      const parsed = OfficeTemplateSchema.safeParse((raw as { template?: unknown }).template ?? raw, PARSE_OPTIONS);
      if (!parsed.success)
        return fail({
          code: 'invalid-input',
          message: `The template is not valid: ${describeIssues(parsed.error, 'template')}`,
        });
      settings = { ...settings, template: { ...parsed.data, sealFingerprint: settings.template.sealFingerprint } };
      return ok(settings);
    },
  };

  const desk = new Proxy({} as DeskApi, {
    get(_target, name: string) {
      const method = name as Method;
      if (!(method in handlers) && !method.includes('.')) return undefined;
      return async (input: unknown) => {
        calls.push({ method, input });
        // Envelopes cross the IPC boundary as copies: the window never shares objects with the application.
        await Promise.resolve();
        await holds.get(method);
        const failure = failures.get(method);
        if (failure) {
          failures.delete(method);
          return fail(failure);
        }
        const handler = handlers[method];
        if (!handler) return fail({ code: 'not-found', message: `The fake desk has no ${method}.` });
        // As dispatch does: the contract's schema first; the handler sees its output (defaults filled in).
        const parsed = contract[method].input.safeParse(input ?? {}, PARSE_OPTIONS);
        if (!parsed.success)
          return fail({
            code: 'invalid-input',
            message: `Invalid input for ${method}: ${describeIssues(parsed.error)}`,
          });
        const envelope = handler(structuredClone(parsed.data) as never);
        return structuredClone(envelope);
      };
    },
  });

  return {
    desk,
    records,
    bin,
    calls,
    get settings() {
      return settings;
    },
    set settings(value) {
      settings = value;
    },
    failNext: (method, error) => failures.set(method, error),
    hold(method) {
      let release!: () => void;
      holds.set(method, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        holds.delete(method);
        release();
      };
    },
    changeElsewhere(id, patch) {
      const current = records.get(id)!;
      const envelope = save(id, current.revision, patch);
      if (!envelope.ok) throw new Error(envelope.error.message);
      return envelope.value;
    },
    seed(count, make) {
      return Array.from({ length: count }, (_, index) => create(make?.(index)));
    },
    sync,
    contents,
    get today() {
      return today;
    },
    set today(day: string) {
      today = day;
    },
    callsOf<M extends Method>(method: M) {
      return calls.filter((call) => call.method === method).map((call) => call.input as MethodInput<M>);
    },
  };
}
