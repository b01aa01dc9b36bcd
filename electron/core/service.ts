// The application service: one function per contract entry, composed from the domain and the store.

import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { tidyPublication } from './domain/publication.ts';
import kentTemplate from '../../resources/templates/kent.json' with { type: 'json' };
import { contract, type Envelope, type Handlers, isMethod, type Method } from '../contract.ts';
import {
  assertRecordFormat,
  cleanDeep,
  computeContentHash,
  ConflictError,
  type DecisionRecord,
  DecisionRecordSchema,
  DeskError,
  describeIssues,
  DuplicateReferenceError,
  emptyContent,
  InvalidInputError,
  isContentOnly,
  isEditable,
  LockedError,
  NotAllowedError,
  MAX_JSON_DEPTH,
  onlyAddsSignatures,
  STATUS_LABELS,
  nestedDeeperThan,
  NotFoundError,
  OfficeTemplateSchema,
  type OfficeTemplate,
  decisionMakers,
  signOffsFor,
  templateHash,
  upgradeTemplate,
  PARSE_OPTIONS,
  numberedParts,
  RECORD_FORMAT,
  readContentFile,
  recordContent,
  type Page,
  type RecordPatch,
  type RecordSummary,
  registerLabels,
  type Settings,
  SettingsSchema,
  toErrorData,
  type ImportOutcome,
  type RevisionKind,
} from './domain/index.ts';
import { appendAudit } from './db/audit.ts';
import type { WritableDB } from './db/connection.ts';
import {
  binnedAt,
  getRecord,
  getRecordByReference,
  insertRecord,
  lineFacts,
  type LineFacts,
  listRecords,
  referenceOwner,
  setBinned,
  updateRecord,
} from './db/records.ts';
import { addRevision, getRevision, listRevisions } from './db/revisions.ts';
import { searchRecords } from './db/search.ts';
import { readSettings, settingsStamp, writeSettings } from './db/settings.ts';
import { exportHandlers } from './export/handlers.ts';
import type { PdfEngine } from './export/pdf-engine.ts';
import { chooseSharedFolder, type SyncEngine } from './sync/index.ts';
import { KEYS_FOLDER } from './paths.ts';
import { admitRecord, type TrustSource } from './trust/gate.ts';
import { trustHandlers } from './trust/handlers.ts';
import { createTrustStore, type TrustStore } from './trust/store.ts';
import {
  carriedVersion,
  nextVersion,
  recordTemplate,
  splitRecordFile,
  templateHandlers,
  versionOf,
} from './templates.ts';
import { heldVersion, holdVersion } from './db/templates.ts';
import { type ServiceInternals, workflowHandlers } from './workflow.ts';

export const BUILTIN_TEMPLATE = OfficeTemplateSchema.parse(upgradeTemplate(kentTemplate));

export interface ServiceContext {
  db: WritableDB;
  /** The clock; tests pass their own. */
  now?: () => Date;
  newId?: () => string;
  /** The PDF engine: Electron's printToPDF in the app, Chromium elsewhere. Only needed for PDF exports. */
  pdfEngine?: () => PdfEngine;
  /** The shared-folder sync of this session, if it has one (the app and browser mode do; one-shot tools may not). */
  sync?: () => SyncEngine | null;
  /** The office's trust on this device; by default over this database, with keys in the keys folder beside it. */
  trust?: TrustStore;
}

/** The keys folder beside a database file (none for an in-memory copy: a read-only command holds no keys). */
export function keysDirFor(db: WritableDB): string {
  return db.memory ? path.join(os.tmpdir(), 'decision-desk-no-keys') : path.join(path.dirname(db.name), KEYS_FOLDER);
}

export type DeskService = Handlers;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validate<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value, PARSE_OPTIONS);
  if (!result.success) throw new InvalidInputError(`${what} is not valid: ${describeIssues(result.error)}`);
  return result.data;
}

export function defaultSettings(): Settings {
  let userName = '';
  try {
    userName = os.userInfo().username;
  } catch {
    // Some locked-down accounts have no passwd entry; the user sets a name in Settings.
  }
  return {
    userName,
    defaultOriginator: '',
    deviceName: os.hostname().slice(0, 100) || 'this device',
    sharedFolder: null,
    template: BUILTIN_TEMPLATE,
    recordOfSigningPage: true,
  };
}

/** Settings as last loaded on each connection, with the stamp they were read under (db/settings.ts). */
const loaded = new WeakMap<WritableDB, { stamp: string; settings: Settings }>();

/** Freezes a value and all it holds: the settings loaded are shared by every caller until they change. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * The settings in force: stored values over the defaults, key by key. Read and validated once, and again only when
 * they may have changed (written here, or anything committed by another connection); frozen, since they are shared.
 */
export function loadSettings(db: WritableDB): Settings {
  const stamp = settingsStamp(db);
  const held = loaded.get(db);
  if (stamp !== null && held?.stamp === stamp) return held.settings;
  const settings = deepFreeze(readValidSettings(db));
  if (stamp !== null) loaded.set(db, { stamp, settings });
  return settings;
}

function readValidSettings(db: WritableDB): Settings {
  const defaults = defaultSettings();
  const stored = readSettings(db);
  const merged: Record<string, unknown> = { ...defaults };
  // A stored value that no longer validates (hand-edited, older version) falls back to its default, key by key.
  // A template an older version stored (one reference pattern, the order rule in code) is read as this version's.
  if ('template' in stored) stored.template = upgradeTemplate(stored.template);
  for (const key of Object.keys(SettingsSchema.shape) as (keyof Settings)[]) {
    if (key in stored && SettingsSchema.shape[key].safeParse(stored[key]).success) merged[key] = stored[key];
  }
  return SettingsSchema.parse(merged);
}

export function createService(ctx: ServiceContext): DeskService {
  const { db } = ctx;
  const now = ctx.now ?? (() => new Date());
  const newId = ctx.newId ?? randomUUID;

  const settings = () => loadSettings(db);

  function audit(record: DecisionRecord, action: string, detail: Record<string, unknown> = {}) {
    const s = settings();
    appendAudit(db, {
      recordId: record.id,
      at: now().toISOString(),
      actor: s.userName || 'unknown',
      device: s.deviceName,
      action,
      revision: record.revision,
      contentHash: record.contentHash,
      detail,
    });
  }

  /**
   * The template a record was made with (templates.ts versionOf): the version it names, or for a record from before
   * versions its template's legacy version, under this office's seal and publication policy.
   */
  function templateOf(record: Pick<DecisionRecord, 'template' | 'templateHash'>): OfficeTemplate {
    return recordTemplate(db, record, settings().template);
  }

  /**
   * A page of register lines with each line's decision maker and category, by the labels of the record's own template
   * version (each version looked up once). A line whose version this device does not hold shows neither: opening the
   * record says why.
   */
  function withLineLabels<T extends RecordSummary, P extends Page<T>>(page: P): P {
    const facts = lineFacts(
      db,
      page.items.map((item) => item.id),
    );
    if (facts.size === 0) return page;
    // The settings are read only when a line needs the office's template (a version not stored, or none named).
    let office: OfficeTemplate | undefined;
    const officeTemplate = () => (office ??= settings().template);
    const versions = new Map<string, OfficeTemplate | null>();
    const templateFor = (fact: LineFacts) => {
      const key = `${fact.template}\n${fact.templateHash ?? ''}`;
      let template = versions.get(key);
      if (template === undefined) {
        // A version stored here first; else the one the office's template stands for. Neither: the line goes without.
        const held = (office?: OfficeTemplate) => {
          try {
            return versionOf(db, fact, office)?.template ?? null;
          } catch {
            return null;
          }
        };
        template = held() ?? held(officeTemplate());
        versions.set(key, template);
      }
      return template;
    };
    return {
      ...page,
      items: page.items.map((item) => {
        const fact = facts.get(item.id);
        const template = fact && templateFor(fact);
        return template && fact ? { ...item, ...registerLabels(fact, template) } : item;
      }),
    };
  }

  /** A reference's number and the year it shows, under any of the office's series (null: none, or it shows no year). */
  function referenceParts(reference: string | null) {
    return numberedParts(settings().template.numbering, reference);
  }

  function requireRecord(key: string): DecisionRecord {
    // Ids are looked up as given first: a record.json from another tool may carry its UUID in capitals.
    const record = UUID.test(key)
      ? (getRecord(db, key) ?? getRecord(db, key.toLowerCase()))
      : getRecordByReference(db, key.trim());
    if (!record) throw new NotFoundError(`No record has the id or reference "${key.slice(0, 100)}".`);
    return record;
  }

  function assertReferenceFree(reference: string | null, id: string) {
    if (!reference) return;
    const owner = referenceOwner(db, reference);
    if (owner && owner !== id) {
      throw new DuplicateReferenceError(`The reference ${reference} is already used by another record (${owner}).`);
    }
  }

  /** Applies a patch to a record's content and sign-off names; returns the record with a fresh hash. */
  function applyPatch(record: DecisionRecord, patch: RecordPatch): DecisionRecord {
    const { signOffs: signOffPatch, ...content } = cleanDeep(patch);
    const next: DecisionRecord = { ...record, ...content };
    const publication = tidyPublication(next.publication);
    if (publication) next.publication = publication;
    else delete next.publication;
    if (content.decisionMaker !== undefined && content.decisionMaker !== record.decisionMaker) {
      // Another decision maker: the officers' sign-offs stay, the deciding one is the new decision maker's.
      const template = templateOf(record);
      if (!decisionMakers(template).some((s) => s.role === content.decisionMaker)) {
        throw new InvalidInputError(`This office has no decision maker with the role "${content.decisionMaker}".`);
      }
      const officers = new Map(record.signOffs.map((s) => [s.role, s]));
      next.signOffs = signOffsFor(template, content.decisionMaker).map((s) => officers.get(s.role) ?? s);
    }
    if (signOffPatch) {
      next.signOffs = next.signOffs.map((signOff) => {
        const change = signOffPatch.find((p) => p.role === signOff.role);
        return change ? { ...signOff, name: change.name, comments: change.comments } : signOff;
      });
      const unknown = signOffPatch.filter((p) => !next.signOffs.some((s) => s.role === p.role));
      if (unknown.length > 0) {
        throw new InvalidInputError(`This record has no signatory with the role "${unknown[0]!.role}".`);
      }
    }
    next.contentHash = computeContentHash(next);
    return next;
  }

  /** The one way a changed record is written: revision check, lock check, validation, row, revision, audit. */
  function commit(
    id: string,
    baseRevision: number,
    change: (current: DecisionRecord) => DecisionRecord,
    kind: RevisionKind,
    auditDetail?: Record<string, unknown>,
  ): DecisionRecord {
    return db
      .transaction(() => {
        const current = getRecord(db, id);
        if (!current) throw new NotFoundError(`No record has the id "${id}".`);
        assertNotBinned(current);
        if (!isEditable(current.status)) {
          throw new LockedError(
            `The record ${current.reference ?? current.id} is ${current.status.replace('-', ' ')}: its content is locked. ` +
              (current.status === 'awaiting-signatures'
                ? 'Return it to draft to change it.'
                : 'It is final: a later decision that varies it is a new record.'),
          );
        }
        if (current.revision !== baseRevision) {
          throw new ConflictError(
            `The record was changed elsewhere (it is at revision ${current.revision}, these edits were made on ` +
              `revision ${baseRevision}). Nothing was overwritten.`,
            { current },
          );
        }
        const changed = change(current);
        const unchanged =
          changed.contentHash === current.contentHash &&
          JSON.stringify(changed.signOffs) === JSON.stringify(current.signOffs);
        if (unchanged) return current;
        const next = validate(
          DecisionRecordSchema,
          { ...changed, revision: current.revision + 1, updatedAt: now().toISOString() },
          'The record',
        );
        updateRecord(db, next, referenceParts(next.reference));
        addRevision(db, next, kind, now());
        if (auditDetail) audit(next, kind, auditDetail);
        return next;
      })
      .immediate();
  }

  /** A draft in the bin is kept as it was: restore it to change it. */
  function assertNotBinned(record: DecisionRecord) {
    if (binnedAt(db, record.id)) {
      throw new NotAllowedError(
        `The draft "${record.title || 'Untitled record'}" is in the bin: restore it to change it.`,
      );
    }
  }

  const sync = ctx.sync ?? (() => null);
  const trust = ctx.trust ?? createTrustStore({ db, keysDir: keysDirFor(db), now });
  const trustSource: TrustSource = {
    templateOf: (record, carried) => versionOf(db, record, settings().template, carried).template,
    anchors: () => trust.anchors(settings().template),
  };
  const internals: ServiceInternals = {
    db,
    now,
    settings,
    audit,
    requireRecord,
    referenceParts,
    templateOf,
    sync,
    assertNotBinned,
    trust,
  };
  const requireSync = (): SyncEngine => {
    const engine = sync();
    if (!engine) throw new DeskError('unavailable', 'Sync with the shared folder is not running in this session.');
    return engine;
  };

  const handlers: DeskService = {
    ...workflowHandlers(internals),
    ...templateHandlers({
      db,
      now,
      settings,
      requireRecord,
      setTemplate: async (template) => handlers['settings.update']({ patch: { template } }),
    }),
    ...trustHandlers({
      trust,
      settings,
      pinSeal: (fingerprint) => {
        const template = { ...settings().template, sealFingerprint: fingerprint };
        db.transaction(() => writeSettings(db, { template }))();
      },
      changed: () => sync()?.requestPass(),
    }),
    ...exportHandlers({
      db,
      settings,
      requireRecord,
      sealer: () => trust.publisher(settings().template),
      now,
      pdfEngine:
        ctx.pdfEngine ??
        (() => {
          throw new DeskError('unavailable', 'PDF export is not available here: no PDF engine was configured.');
        }),
    }),
    'records.create': ({ content, reference }) => {
      const record = validate(
        DecisionRecordSchema,
        applyPatch(newDraft(reference ?? null), content ?? {}),
        'The new record',
      );
      return insertDraft(record, 'created', {});
    },

    'records.get': ({ id }) => requireRecord(id),

    'records.save': ({ id, baseRevision, patch, mode }) =>
      commit(
        id,
        baseRevision,
        (current) => applyPatch(current, patch),
        mode === 'auto' ? 'autosaved' : 'saved',
        mode === 'auto' ? undefined : {},
      ),

    'records.list': (query) => withLineLabels(listRecords(db, query)),

    'records.delete': ({ id }) =>
      db
        .transaction(() => {
          const record = requireRecord(id);
          // A number, once given, stays in the register for good (a gap in the references must be explained).
          if (record.reference) {
            throw new NotAllowedError(
              `The record ${record.reference} has a reference: it stays in the register and cannot be deleted.`,
            );
          }
          if (record.status !== 'draft') throw new NotAllowedError('Only a draft can be deleted.');
          assertNotBinned(record);
          const at = now().toISOString();
          setBinned(db, record.id, at);
          audit(record, 'binned', {});
          return { id: record.id, binnedAt: at };
        })
        .immediate(),

    'records.restoreFromBin': ({ id }) =>
      db
        .transaction(() => {
          const record = requireRecord(id);
          if (!binnedAt(db, record.id)) throw new NotAllowedError('This record is not in the bin.');
          setBinned(db, record.id, null);
          audit(record, 'restored-from-bin', {});
          return record;
        })
        .immediate(),

    'records.search': (query) => withLineLabels(searchRecords(db, query)),

    'records.history': ({ id }) => listRevisions(db, requireRecord(id).id),

    'records.revision': ({ id, revision }) => {
      const found = getRevision(db, id, revision);
      if (!found) throw new NotFoundError(`Record ${id} has no saved revision ${revision}.`);
      return found;
    },

    'records.restore': ({ id, revision, baseRevision }) => {
      const old = getRevision(db, id, revision);
      if (!old) throw new NotFoundError(`Record ${id} has no saved revision ${revision}.`);
      const { template: _template, ...content } = recordContent(old);
      const patch: RecordPatch = {
        ...content,
        signOffs: old.signOffs.map(({ role, name, comments }) => ({ role, name, comments })),
      };
      // The revision's sign-offs are the ones it had: across a change of decision maker (the Deputy chosen since, or
      // chosen then and not now) the current record has another deciding role, which a name patch alone cannot reach.
      const withRolesOf = (current: DecisionRecord): DecisionRecord => ({
        ...current,
        signOffs: old.signOffs.map(
          (signOff) => current.signOffs.find((s) => s.role === signOff.role) ?? { ...signOff, signature: null },
        ),
      });
      return commit(id, baseRevision, (current) => applyPatch(withRolesOf(current), patch), 'restored', {
        fromRevision: revision,
      });
    },

    'records.import': ({ record: raw }) => importRecord(raw),

    'sync.status': () => requireSync().status(),
    'sync.now': () => requireSync().pass(),
    'sync.conflicts': () => requireSync().conflicts(),
    'sync.verifyShare': () => requireSync().verifyShare(),
    'sync.resolve': ({ id, action }) => requireSync().resolveConflict(id, action),

    'settings.get': () => settings(),

    'settings.update': async ({ patch }) => {
      const cleaned = cleanDeep(patch);
      const before = settings();
      const next = validate(SettingsSchema, { ...before, ...cleaned }, 'The settings');
      // The pinned seal is the root every signature is checked against: pinned once, never quietly replaced or
      // dropped by a template edit (a window holding an older copy of the template, say).
      const pinned = before.template.sealFingerprint;
      if (pinned !== null && next.template.sealFingerprint !== pinned) {
        if (next.template.sealFingerprint === null) {
          next.template.sealFingerprint = pinned;
          if (cleaned.template) cleaned.template = next.template;
        } else {
          throw new NotAllowedError(
            'This office already pins a seal: a different one would make every certificate it issued void. Rotating the seal is not supported yet.',
          );
        }
      }
      // A changed form is a new version of the template: numbered above the versions held, and kept from now on.
      if (cleaned.template) cleaned.template = next.template = nextVersion(db, before.template, next.template);
      // A newly chosen shared folder is checked (and an empty one set up as a share) before anything is saved.
      const chosen = next.sharedFolder !== null && next.sharedFolder !== before.sharedFolder;
      if (chosen) {
        next.sharedFolder = await chooseSharedFolder(db, next.sharedFolder!, {
          deviceName: next.deviceName,
          now: now(),
        });
        cleaned.sharedFolder = next.sharedFolder;
      }
      db.transaction(() => {
        writeSettings(db, cleaned);
        if (cleaned.template) holdVersion(db, next.template, now());
      })();
      // What waited for a shared folder goes now.
      if (chosen) sync()?.requestPass();
      return next;
    },
  };

  /** A fresh draft in this office's template: a new id, its sign-offs, the default originator, revision 1. */
  function newDraft(reference: string | null, template?: string): DecisionRecord {
    const s = settings();
    const at = now().toISOString();
    return {
      format: RECORD_FORMAT,
      id: newId(),
      reference: reference ? reference.trim() : null,
      ...emptyContent(template ?? s.template.id),
      // The version of the form it is made with, kept with it (and signed with it) whatever the office changes later.
      ...((template ?? s.template.id) === s.template.id ? { templateHash: templateHash(s.template) } : {}),
      originator: s.defaultOriginator,
      signOffs: signOffsFor(s.template, undefined),
      status: 'draft',
      revision: 1,
      contentHash: '',
      createdAt: at,
      updatedAt: at,
    };
  }

  function insertDraft(
    record: DecisionRecord,
    kind: 'created' | 'imported',
    detail: Record<string, unknown>,
  ): DecisionRecord {
    return db
      .transaction(() => {
        assertReferenceFree(record.reference, record.id);
        // The version it is made with is kept from its first record on (a built-in template is stored by no one else).
        if (record.templateHash && !heldVersion(db, record.templateHash)) holdVersion(db, settings().template, now());
        insertRecord(db, record, referenceParts(record.reference));
        addRevision(db, record, kind, now());
        audit(record, kind, detail);
        return record;
      })
      .immediate();
  }

  /** A content-only record.json (another tool wrote it): always a new draft, reporting what it filled in. */
  function importContent(raw: Record<string, unknown>): ImportOutcome {
    if (raw.format !== undefined && raw.format !== null) assertRecordFormat(raw.format);
    const file = readContentFile(cleanDeep(raw), 'This record.json is not valid: ');
    const draft = newDraft(file.reference, file.content.template);
    // A new draft is made with this office's template as it is now, whatever version the file names.
    const { template: _template, templateHash: _version, ...content } = file.content;
    const signOffs = draft.signOffs.map((signOff) => {
      const given = file.signOffs.find((s) => s.role === signOff.role);
      return { role: signOff.role, name: given?.name ?? signOff.name, comments: given?.comments ?? signOff.comments };
    });
    const unknownRole = file.signOffs.find((s) => !draft.signOffs.some((d) => d.role === s.role));
    if (unknownRole)
      throw new InvalidInputError(
        `This record.json is not valid: this office has no signatory with the role "${unknownRole.role}".`,
      );
    if (content.originator === undefined && !file.filled.includes('originator')) file.filled.push('originator');
    const record = validate(DecisionRecordSchema, applyPatch(draft, { ...content, signOffs }), 'This record.json');
    insertDraft(record, 'imported', { replacedRevision: null, contentOnly: true, filled: file.filled });
    return {
      action: 'created',
      id: record.id,
      reference: record.reference,
      revision: record.revision,
      filled: file.filled,
    };
  }

  /**
   * A record out for signature, decided or published is locked: a later revision may add signatures to it (and so
   * decide it), never change what was signed or take a signature away. Anything else is a conflict; nothing changes.
   */
  function assertMayReplace(existing: DecisionRecord, record: DecisionRecord) {
    if (existing.status === 'draft') return;
    const name = existing.reference ?? existing.id;
    const why =
      existing.contentHash !== record.contentHash
        ? 'different content'
        : !onlyAddsSignatures(existing, record)
          ? 'signatures that differ from the ones here other than by being added'
          : null;
    if (why === null) return;
    throw new ConflictError(
      `${name} is ${STATUS_LABELS[existing.status].toLowerCase()} here (revision ${existing.revision}); this record.json ` +
        `(revision ${record.revision}) has ${why}, so it was not imported and nothing was changed.`,
      { id: existing.id, reference: existing.reference, status: existing.status },
    );
  }

  function importRecord(raw: unknown): ImportOutcome {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new InvalidInputError('This is not a record.json: expected a JSON object.');
    }
    // What the file carries beside the record (its template version) is not the record: read apart from it.
    const { record: body, carried: carriedFile } = splitRecordFile(raw as Record<string, unknown>);
    if (isContentOnly(body)) return importContent(body);
    assertRecordFormat(body.format);
    const record = validate(DecisionRecordSchema, cleanDeep(body), 'This record.json');
    if (computeContentHash(record) !== record.contentHash) {
      throw new InvalidInputError(
        'This record.json was changed outside Decision Desk: its content no longer matches its contentHash.',
      );
    }
    // The version it was made with: held here, or carried by the file and checked against the hash the record names.
    const carried = carriedVersion(record, carriedFile);
    versionOf(db, record, settings().template, carried);
    // The gate: every signature it carries must verify against this office's seal, and its status must hold.
    const admission = admitRecord(record, trustSource, carried);
    if (!admission.ok) {
      throw new InvalidInputError(`This record.json was not imported, and nothing was changed: ${admission.reason}`, {
        problems: admission.problems,
      });
    }
    return db
      .transaction((): ImportOutcome => {
        // Kept even when the record itself is not taken (this database has it already): it repairs a damaged copy.
        if (carried) holdVersion(db, carried, now());
        const existing = getRecord(db, record.id);
        const summary = { id: record.id, reference: record.reference, revision: record.revision };
        if (existing && existing.revision >= record.revision) {
          return { action: 'skipped', ...summary, reason: `the database already has revision ${existing.revision}` };
        }
        if (existing) assertMayReplace(existing, record);
        assertReferenceFree(record.reference, record.id);
        if (existing) updateRecord(db, record, referenceParts(record.reference));
        else insertRecord(db, record, referenceParts(record.reference));
        addRevision(db, record, 'imported', now());
        audit(record, 'imported', { replacedRevision: existing?.revision ?? null });
        return { action: existing ? 'updated' : 'created', ...summary };
      })
      .immediate();
  }

  return handlers;
}

/**
 * The one entry point every transport uses: checks the method and its input against the contract, calls the
 * service, and turns whatever happens into an envelope. Nothing thrown escapes as an exception.
 */
export async function dispatch(service: DeskService, method: string, input: unknown): Promise<Envelope<unknown>> {
  if (!isMethod(method)) {
    return { ok: false, error: { code: 'not-found', message: `There is no API method "${method.slice(0, 60)}".` } };
  }
  const name: Method = method;
  if (nestedDeeperThan(input)) {
    return {
      ok: false,
      error: new InvalidInputError(
        `Invalid input for ${name}: it is nested more than ${MAX_JSON_DEPTH} levels deep.`,
      ).toData(),
    };
  }
  const parsed = contract[name].input.safeParse(input ?? {}, PARSE_OPTIONS);
  if (!parsed.success) {
    return {
      ok: false,
      error: new InvalidInputError(`Invalid input for ${name}: ${describeIssues(parsed.error)}`).toData(),
    };
  }
  try {
    // The schema above is the one the handler's input type comes from, so the data fits it.
    const handler = service[name] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}
