// An in-memory window.desk for the signing tests: the sign-off methods on the domain's own rules (canSign,
// missingForSubmission, computeSeal, intentStatement), answering with the same envelopes as the preload. Every input
// is checked against the contract first, as the real dispatch does; keys are PINs kept in memory, with no
// cryptography (the core's trust store is tested with the core). A second device is played too: a seal pinned but
// held elsewhere, requests for keys from this device or from others, and Verify shared folder.

import { contract, type DeskApi, type Envelope, type Method, type ParsedInput } from '../../../electron/contract.ts';
import type { ShareVerification } from '../../../electron/core/sync/types.ts';
import {
  type AuditEntry,
  type EnrolmentRequestView,
  canSign,
  computeContentHash,
  computeSeal,
  type DecisionRecord,
  type DeskErrorData,
  describeIssues,
  type DeviceKeyView,
  emptyContent,
  intentStatement,
  missingForSubmission,
  OfficeTemplateSchema,
  PARSE_OPTIONS,
  RECORD_FORMAT,
  type RecordContent,
  type Settings,
  type Signature,
  signatoryName,
  type TrustStatus,
} from '../../../electron/core/domain/index.ts';
import kent from '../../../resources/templates/kent.json' with { type: 'json' };

export const TEMPLATE = OfficeTemplateSchema.parse(kent);
export const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export const COMPLETE: Partial<RecordContent> = {
  originator: 'Chief Executive',
  title: 'Grants to community safety partnerships',
  executiveSummary: 'Funding for the partnerships.',
  recommendation: 'That the grants are made.',
  decision: 'The grants are approved.',
  impact: {
    planObjectives: 'Safer streets.',
    equalityImpactAssessment: false,
    diversityImpact: false,
    diversityExplanation: '',
  },
};

export interface SigningDesk {
  desk: DeskApi;
  records: Map<string, DecisionRecord>;
  calls: { method: Method; input: unknown }[];
  /** Adds a record in the given state, with the given content over a complete record's. */
  add(
    status: DecisionRecord['status'],
    content?: Partial<RecordContent>,
    names?: Record<string, string>,
  ): DecisionRecord;
  /** Another device signs the record under the window. */
  signElsewhere(id: string, role: string): void;
  /** Creates the office seal as trust.createSeal does, under SEAL_PASSPHRASE. */
  createSeal(): void;
  /** Enrols a key on this device as trust.enrol does (a seal is created first if there is none); returns its id. */
  enrol(kind: 'signatory' | 'recorder', role: string | null, name: string, pin?: string): string;
  /** The keys, with their PINs and wrong tries. */
  keys: FakeKey[];
  /** Another device asks this one (which holds the seal) for a key, as a sync pass would bring it; returns its id. */
  requestFrom(kind: EnrolmentRequestView['kind'], role: string | null, name: string, device: string): string;
  requests: EnrolmentRequestView[];
  /** This device is a second one: the office's seal is elsewhere; `arrived`, its certificate came with a sync pass. */
  sealElsewhere(arrived: boolean): void;
  /** The administrator's device approved this device's waiting keys, and a pass brought their certificates. */
  certifyWaiting(): void;
  /** A sync pass finished (sync.status's lastSyncedAt moves on). */
  synced(): void;
  /** What sync.verifyShare answers; while `hold` is pending it does not answer (to see the window meanwhile). */
  shareCheck: { result: ShareVerification; hold: Promise<void> | null };
}

export const SEAL_PASSPHRASE = 'correct horse battery';
export const PIN = '246810';
/** The password IT gives with the seal's .p12 file, as the test desk takes it. */
export const P12_PASSWORD = 'from-it-2026';

export interface FakeKey extends DeviceKeyView {
  pin: string;
  failures: number;
}

type Handler = (input: never) => Envelope<unknown> | Promise<Envelope<unknown>>;

export function createSigningDesk(): SigningDesk {
  const records = new Map<string, DecisionRecord>();
  const audits = new Map<string, AuditEntry[]>();
  const calls: SigningDesk['calls'] = [];
  let clock = Date.parse('2026-03-02T09:00:00Z');
  let ids = 0;
  const tick = () => new Date((clock += 60_000)).toISOString();
  const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });
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

  // ---- trust: the seal and this device's keys, as trust.status shows them ----------------------------------------
  const keys: FakeKey[] = [];
  const requests: EnrolmentRequestView[] = [];
  /** The seal's certificate on this device; its passphrase is null when its key is on another device. */
  let seal: { fingerprint: string; passphrase: string | null } | null = null;
  let serials = 0;
  const shareCheck: SigningDesk['shareCheck'] = { result: { checked: 0, problems: [] }, hold: null };
  let syncedAt: string | null = null;
  const hex = (n: number) => n.toString(16).padStart(64, '0');

  function status(): TrustStatus {
    const view = (key: FakeKey): DeviceKeyView => {
      const { pin: _pin, failures: _failures, ...shown } = key;
      return structuredClone(shown);
    };
    return {
      requests: structuredClone(requests),
      pinned: settings.template.sealFingerprint,
      seal: seal && {
        fingerprint: seal.fingerprint,
        kind: 'seal',
        name: settings.template.officeName,
        role: null,
        serial: '01',
        notBefore: '2026-01-01T00:00:00.000Z',
        notAfter: '2036-01-01T00:00:00.000Z',
        revokedAt: null,
        onThisDevice: seal.passphrase !== null,
      },
      keys: keys.map(view),
      certificates: keys.flatMap((k) => (k.certificate ? [k.certificate] : [])),
      revocationsAsOf: keys.some((k) => k.certificate?.revokedAt) ? tick() : null,
      canPublish: seal?.passphrase != null || keys.some((k) => k.kind === 'publisher' && k.usable),
    };
  }

  function pinSeal(fingerprint: string, passphrase: string | null) {
    seal = { fingerprint, passphrase };
    settings.template = { ...settings.template, sealFingerprint: fingerprint };
  }

  function certificateFor(kind: FakeKey['kind'], name: string, role: string | null) {
    const serial = String(++serials);
    return {
      serial,
      certificate: {
        fingerprint: hex(1000 + serials),
        kind,
        name,
        role,
        serial,
        notBefore: '2026-01-01T00:00:00.000Z',
        notAfter: '2029-01-01T00:00:00.000Z',
        revokedAt: null,
      },
    };
  }

  function openSeal(passphrase: string): Envelope<never> | null {
    if (seal && seal.passphrase === null)
      return fail({
        code: 'not-allowed',
        message: 'The seal’s key is not on this device: enrol and approve on the device that holds it.',
      });
    if (!seal)
      return fail({
        code: 'not-allowed',
        message: 'The office has no seal on this device yet: create or import it in Settings → Office seal.',
      });
    if (passphrase !== seal.passphrase)
      return fail({ code: 'not-allowed', message: 'The seal’s passphrase is not right.' });
    return null;
  }

  function addKey(kind: FakeKey['kind'], role: string | null, name: string, pin: string, waiting = false): string {
    const { serial, certificate } = certificateFor(kind, name, role);
    const id = `${kind}-00000000-0000-4000-8000-${serial.padStart(12, '0')}`;
    keys.push({
      id,
      kind,
      name,
      role,
      pin,
      failures: 0,
      lockedUntil: null,
      disabled: false,
      usable: !waiting,
      waiting,
      certificate: waiting ? null : certificate,
    });
    return id;
  }

  /** The key opened with its PIN, or the refusal in the core's words. */
  function unlock(key: FakeKey, pin: string): Envelope<never> | null {
    if (!key.usable)
      return fail({
        code: 'not-allowed',
        message: `${key.name}’s key on this device has been revoked: the administrator must enrol a new one.`,
      });
    if (key.pin === pin) {
      key.failures = 0;
      return null;
    }
    key.failures++;
    return fail({ code: 'not-allowed', message: `The PIN is not right (${10 - key.failures} tries left).` });
  }

  function sign(
    id: string,
    role: string,
    name: string,
    comments: string,
    method: Signature['method'],
    image: string | null,
    extra: { strokes?: Signature['strokes']; recordedBy?: string } = {},
  ) {
    const current = need(id);
    if ('ok' in current) return current;
    const allowed = canSign(current, TEMPLATE, role);
    if (!allowed.ok) return fail({ code: 'not-allowed', message: allowed.reason });
    const intent = intentStatement(current, TEMPLATE, role, extra.recordedBy ?? name, method);
    const body = {
      signedBy: name,
      signedAt: tick(),
      device: settings.deviceName,
      method,
      image,
      strokes: extra.strokes ?? [],
      contentHash: current.contentHash,
      intent,
      ...(extra.recordedBy ? { recordedBy: extra.recordedBy } : {}),
    };
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
    if (current.status !== 'awaiting-signatures')
      return fail({ code: 'not-allowed', message: 'Not awaiting signatures.' });
    const signOffs = current.signOffs.map((s) => ({ ...s, signature: null }));
    return ok(put({ ...current, status: 'draft', signOffs }, action, detail));
  }

  const handlers: Partial<Record<Method, Handler>> = {
    'records.get': ({ id }: { id: string }) => {
      const record = need(id);
      return 'ok' in record ? record : ok(record);
    },
    'settings.get': () => ok(settings),
    // Every record here is made with the device's current template.
    'templates.get': () => ok(settings.template),
    'export.preview': ({ id }: { id: string }) =>
      ok({
        html: `<!DOCTYPE html><html><head><style>p { color: #000; }</style></head><body><p>${records.get(id)?.title ?? ''}</p></body></html>`,
      }),
    'records.audit': ({ id }: { id: string }) => ok(audits.get(id) ?? []),
    'records.list': () => {
      const items = [...records.values()];
      return ok({ items, total: items.length });
    },
    'records.submit': ({ id, baseRevision }: { id: string; baseRevision: number }) => {
      const current = need(id);
      if ('ok' in current) return current;
      if (current.revision !== baseRevision)
        return fail({ code: 'not-allowed', message: 'The record was changed elsewhere.' });
      const missing = missingForSubmission(current);
      if (missing.length > 0) {
        return fail({
          code: 'invalid-input',
          message: `The record is not complete: ${missing.map((m) => m.message).join(' ')}`,
          details: { missing },
        });
      }
      return ok(put({ ...current, reference: 'OPCC.D.001.26', status: 'awaiting-signatures' }, 'submitted', {}));
    },
    'records.sign': ({ id, role, name, comments, method, image, strokes, pin, keyId }: ParsedInput<'records.sign'>) => {
      if (method === 'drawn' && image === null)
        return fail({
          code: 'invalid-input',
          message: 'A drawn signature needs its image: draw it on the pad, or sign by typing your name.',
        });
      if (method === 'typed' && (image !== null || strokes.length > 0))
        return fail({
          code: 'invalid-input',
          message: 'A typed signature has no drawing: leave the image and strokes out.',
        });
      const current = need(id);
      if ('ok' in current) return current;
      const allowed = canSign(current, TEMPLATE, role);
      if (!allowed.ok) return fail({ code: 'not-allowed', message: allowed.reason });
      const label = signatoryName(TEMPLATE, role);
      const mine = keys.filter(
        (k) => k.kind === 'signatory' && k.role === role && k.usable && (keyId === undefined || k.id === keyId),
      );
      if (mine.length === 0)
        return fail({
          code: 'not-allowed',
          message: `There is no signing key for the ${label} on this device: the administrator enrols them in Settings → Signatories.`,
        });
      const key = mine.find((k) => k.name === name.trim());
      if (!key)
        return fail({
          code: 'not-allowed',
          message: `The ${label}’s key on this device belongs to ${mine.map((k) => k.name).join(' or ')}, not to ${name.trim()}: the person who signs must be the person enrolled.`,
        });
      return (
        unlock(key, pin) ??
        sign(
          id,
          role,
          name.trim(),
          comments ?? current.signOffs.find((s) => s.role === role)?.comments ?? '',
          method,
          image,
          { strokes },
        )
      );
    },
    'records.paperSignature': ({
      id,
      role,
      name,
      comments,
      scan,
      recorderKeyId,
      pin,
    }: ParsedInput<'records.paperSignature'>) => {
      const recorder = keys.find((k) => k.id === recorderKeyId && (k.kind === 'recorder' || k.kind === 'signatory'));
      if (!recorder)
        return fail({
          code: 'not-allowed',
          message:
            'A paper signature is recorded with the key of the person recording it: enrol yourself as a recorder in Settings → Signatories.',
        });
      return (
        unlock(recorder, pin) ?? sign(id, role, name, comments ?? '', 'paper', scan, { recordedBy: recorder.name })
      );
    },
    'trust.status': () => ok(status()),
    'settings.update': ({ patch }: ParsedInput<'settings.update'>) => {
      Object.assign(settings, structuredClone(patch));
      return ok(settings);
    },
    'trust.createSeal': ({ passphrase }: ParsedInput<'trust.createSeal'>) => {
      if (settings.template.sealFingerprint)
        return fail({ code: 'invalid-input', message: 'The office already has a seal.' });
      pinSeal(hex(0xfeed), passphrase);
      return ok(status());
    },
    'trust.importSeal': ({ p12Passphrase, passphrase }: ParsedInput<'trust.importSeal'>) => {
      if (settings.template.sealFingerprint)
        return fail({ code: 'invalid-input', message: 'The office already has a seal.' });
      if (p12Passphrase !== P12_PASSWORD)
        return fail({ code: 'invalid-input', message: 'The passphrase does not open this .p12 file.' });
      pinSeal(hex(0xbeef), passphrase);
      return ok(status());
    },
    'trust.requestEnrolment': ({ kind, role, name, pin }: ParsedInput<'trust.requestEnrolment'>) => {
      if (kind === 'signatory' && role === null)
        return fail({ code: 'invalid-input', message: 'Say which signatory role the key is for.' });
      if (kind !== 'publisher' && pin === null)
        return fail({ code: 'invalid-input', message: 'Choose a PIN for the key.' });
      if (!settings.template.sealFingerprint) {
        return fail({
          code: 'not-allowed',
          message:
            'Pin the office seal first (Settings \u2192 Office seal): a request goes to the device that holds it.',
        });
      }
      addKey(kind, kind === 'signatory' ? role : null, name.trim(), pin ?? '', true);
      return ok(status());
    },
    'trust.approve': ({ requestId, sealPassphrase }: ParsedInput<'trust.approve'>) => {
      const request = requests.find((r) => r.id === requestId);
      if (!request) return fail({ code: 'invalid-input', message: 'There is no such request.' });
      if (request.approvedAs) return fail({ code: 'invalid-input', message: 'This request was approved already.' });
      const refused = openSeal(sealPassphrase);
      if (refused) return refused;
      request.approvedAs = certificateFor(request.kind, request.name, request.role).certificate.fingerprint;
      return ok(status());
    },
    'sync.status': () =>
      ok({
        folder: '/share',
        state: 'synced',
        waiting: 0,
        referencesPending: 0,
        conflicts: 0,
        offlineSince: null,
        lastSyncedAt: syncedAt,
        lastError: null,
        running: false,
      }),
    'sync.conflicts': () => ok([]),
    'sync.verifyShare': async () => {
      await shareCheck.hold;
      return ok(shareCheck.result);
    },
    'trust.enrol': ({ kind, role, name, pin, sealPassphrase }: ParsedInput<'trust.enrol'>) => {
      if (kind === 'signatory' && role === null)
        return fail({ code: 'invalid-input', message: 'Say which signatory role the key is for.' });
      const refused = openSeal(sealPassphrase);
      if (refused) return refused;
      addKey(kind, kind === 'signatory' ? role : null, name.trim(), pin);
      return ok(status());
    },
    'trust.revoke': ({ fingerprint, sealPassphrase }: ParsedInput<'trust.revoke'>) => {
      const key = keys.find((k) => k.certificate?.fingerprint === fingerprint);
      if (!key)
        return fail({ code: 'invalid-input', message: 'No certificate this device knows has that fingerprint.' });
      const refused = openSeal(sealPassphrase);
      if (refused) return refused;
      key.certificate = { ...key.certificate!, revokedAt: tick() };
      key.usable = false;
      return ok(status());
    },
    'records.decline': ({ id, role, name, reason, pin, keyId }: ParsedInput<'records.decline'>) => {
      // As the core does: the decliner's own key for the role, opened with their PIN.
      const mine = keys.filter(
        (k) => k.kind === 'signatory' && k.role === role && k.usable && (keyId === undefined || k.id === keyId),
      );
      const key = mine.find((k) => k.name === name.trim());
      if (!key)
        return fail({
          code: 'not-allowed',
          message: `There is no signing key for ${name.trim()} as ${signatoryName(TEMPLATE, role)} on this device.`,
        });
      return unlock(key, pin) ?? toDraft(id, 'declined', { role, name, reason });
    },
    'records.returnToDraft': ({ id, reason }: { id: string; reason: string }) =>
      toDraft(id, 'returned-to-draft', { reason }),
  };

  const desk = new Proxy({} as DeskApi, {
    get(_target, name: string) {
      const method = name as Method;
      return async (input: unknown) => {
        calls.push({ method, input });
        await Promise.resolve();
        const handler = handlers[method];
        if (!handler) return fail({ code: 'not-found', message: `The fake desk has no ${method}.` });
        // As dispatch does: the contract's schema first, the handler sees its output (defaults filled in).
        const parsed = contract[method].input.safeParse(input ?? {}, PARSE_OPTIONS);
        if (!parsed.success)
          return fail({
            code: 'invalid-input',
            message: `Invalid input for ${method}: ${describeIssues(parsed.error)}`,
          });
        return structuredClone(await handler(parsed.data as never));
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
        signOffs: TEMPLATE.signatories.map((s) => ({
          role: s.role,
          name: names[s.role] ?? '',
          comments: '',
          signature: null,
        })),
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
    createSeal() {
      if (!seal) pinSeal(hex(0xfeed), SEAL_PASSPHRASE);
    },
    enrol(kind, role, name, pin = PIN) {
      this.createSeal();
      return addKey(kind, role, name, pin);
    },
    keys,
    requests,
    requestFrom(kind, role, name, device) {
      const id = `${kind}-00000000-0000-4000-9000-${String(requests.length + 1).padStart(12, '0')}`;
      const at = tick();
      requests.push({ id, kind, name, role, device, requestedAt: at, foundAt: at, approvedAs: null });
      return id;
    },
    sealElsewhere(arrived) {
      settings.template = { ...settings.template, sealFingerprint: hex(0xfeed) };
      seal = arrived ? { fingerprint: hex(0xfeed), passphrase: null } : null;
    },
    certifyWaiting() {
      for (const key of keys) {
        if (!key.waiting) continue;
        key.certificate = certificateFor(key.kind, key.name, key.role).certificate;
        key.waiting = false;
        key.usable = true;
      }
    },
    synced() {
      syncedAt = tick();
    },
    shareCheck,
  };
}
