// Sign-off: submit for signatures, sign (drawn or on paper), decline, return to draft, the audit trail, verify.

import type { Handlers } from '../contract.ts';
import {
  assertRecordFormat,
  canSign,
  deciderOf,
  decidedSignOffs,
  type OfficeTemplate,
  cleanDeep,
  computeContentHash,
  type AuditEntry,
  canonicalJson,
  checkAuditChain,
  type DecisionRecord,
  DecisionRecordSchema,
  describeIssues,
  dayOf,
  formatSeriesReference,
  periodOf,
  seriesOf,
  InvalidInputError,
  missingForSubmission,
  NotAllowedError,
  NotFoundError,
  PARSE_OPTIONS,
  type ReferenceParts,
  type Settings,
  intentStatement,
  type Signature,
  signatoryName,
  type VerifyReport,
  lateRecords,
  londonDay,
  supersessions,
} from './domain/index.ts';
import { listAudit } from './db/audit.ts';
import type { WritableDB } from './db/connection.ts';
import { durably } from './db/durable.ts';
import { getRecord, highestNumber, lateCandidates, recordsSuperseding, updateRecord } from './db/records.ts';
import { addRevision } from './db/revisions.ts';
import { inspectPngDataUrl } from './png.ts';
import type { SyncEngine } from './sync/index.ts';
import { signBytes } from './trust/pki.ts';
import { makeSignature } from './trust/sign.ts';
import type { TrustStore } from './trust/store.ts';
import { pdfSealVerdict } from './trust/pdf.ts';
import { verifyReport } from './trust/verify.ts';
import { carriedVersion, recordTemplate, splitRecordFile } from './templates.ts';

/** A moment as a day on this device's calendar, YYYY-MM-DD. */
function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** YYYY-MM-DD as a person reads it: "4 March 2026". */
function longDate(day: string): string {
  return new Date(`${day}T12:00:00.000Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** What the workflow needs from the service it is part of. */
export interface ServiceInternals {
  db: WritableDB;
  now: () => Date;
  settings: () => Settings;
  audit: (record: DecisionRecord, action: string, detail?: Record<string, unknown>) => void;
  requireRecord: (key: string) => DecisionRecord;
  referenceParts: (reference: string | null) => ReferenceParts | null;
  /** The template a record was made with (the version it names), which its sections and sign-off rules follow. */
  templateOf: (record: Pick<DecisionRecord, 'template' | 'templateHash'>) => OfficeTemplate;
  /** The shared-folder sync, when this session has one: references are claimed on the share, changes handed over. */
  sync: () => SyncEngine | null;
  /** Refuses a draft in the bin: it is neither changed, submitted, handed over nor published. */
  assertNotBinned: (record: DecisionRecord) => void;
  /** The office's trust on this device: the keys signatures are made with, the seal they are checked against. */
  trust: TrustStore;
}

type UnlockedKey = Awaited<ReturnType<TrustStore['unlock']>>;

type WorkflowMethods =
  | 'records.submit'
  | 'records.sign'
  | 'records.decline'
  | 'records.paperSignature'
  | 'records.returnToDraft'
  | 'records.audit'
  | 'records.withdraw'
  | 'records.late'
  | 'records.supersededBy'
  | 'records.verify'
  | 'records.verifyFile';

export function workflowHandlers(ctx: ServiceInternals): Pick<Handlers, WorkflowMethods> {
  const { db, now } = ctx;

  /** Tells sync about a record whose signatures changed: hand it over, and publish it once decided. */
  function handOver(record: DecisionRecord): DecisionRecord {
    const sync = ctx.sync();
    if (sync && record.reference) {
      sync.queueHandover(record.id);
      if (record.status === 'decided') sync.queuePublish(record.id);
    }
    return record;
  }

  /**
   * Every workflow step: one transaction that re-reads the record, applies the step, and writes row, revision and
   * audit; committed durably (db/durable.ts), as a signature someone was told is saved must survive a power cut.
   */
  function step(
    id: string,
    apply: (current: DecisionRecord) => { next: DecisionRecord; action: string; detail: Record<string, unknown> },
  ): DecisionRecord {
    return durably(db, () => {
      const current = getRecord(db, id);
      if (!current) throw new NotFoundError(`No record has the id "${id}".`);
      ctx.assertNotBinned(current);
      const { next, action, detail } = apply(current);
      const checked = DecisionRecordSchema.safeParse({
        ...next,
        contentHash: computeContentHash(next),
        revision: current.revision + 1,
        updatedAt: now().toISOString(),
      });
      if (!checked.success) throw new InvalidInputError(`The record is not valid: ${describeIssues(checked.error)}`);
      updateRecord(db, checked.data, ctx.referenceParts(checked.data.reference));
      addRevision(db, checked.data, 'workflow', now());
      ctx.audit(checked.data, action, detail);
      return checked.data;
    });
  }

  /**
   * The next free number in the record's series and period (its year, its financial year, or all time for a series
   * that never restarts): one more than the highest this database has issued or imported in it.
   */
  function nextReference(record: DecisionRecord): string {
    const numbering = ctx.settings().template.numbering;
    const series = seriesOf(numbering, record.series);
    const day = dayOf(now());
    return formatSeriesReference(
      series,
      highestNumber(db, numbering, series.id, periodOf(series.reset, day).key) + 1,
      day,
    );
  }

  /**
   * A printed form is signed after the record was submitted (its latest submission here; for a record that came from
   * another device, its creation) and not after today, both as days on this device's calendar.
   */
  function checkPaperDate(record: DecisionRecord, signedOn: string) {
    const submittedAt =
      listAudit(db, record.id).findLast((entry) => entry.action === 'submitted')?.at ?? record.createdAt;
    const submittedOn = localDay(new Date(submittedAt));
    if (signedOn < submittedOn) {
      throw new InvalidInputError(
        `The paper signature is dated ${longDate(signedOn)}, before the record was submitted for signatures on ` +
          `${longDate(submittedOn)}: enter the day the printed form was signed.`,
      );
    }
    if (signedOn > localDay(now())) {
      throw new InvalidInputError(
        `The paper signature is dated ${longDate(signedOn)}, which is in the future: enter the day the printed form was signed.`,
      );
    }
  }

  /** Clears every signature; the voided ones stay in the revision before this step and are listed in the audit. */
  function voidSignatures(record: DecisionRecord) {
    const voided = record.signOffs
      .filter((s) => s.signature)
      .map((s) => ({
        role: s.role,
        signedBy: s.signature!.signedBy,
        signedAt: s.signature!.signedAt,
        method: s.signature!.method,
      }));
    return {
      signOffs: record.signOffs.map((s) => ({ ...s, signature: null })),
      voided: { signatures: voided, keptInRevision: record.revision },
    };
  }

  /**
   * This device's key for `role` (or the one named), ready to sign: a signatory's key certified by the pinned seal,
   * in date, not revoked, for the person named. Refused in a sentence that says what to do.
   */
  function signerKey(role: string, name: string, keyId: string | undefined): string {
    const template = ctx.settings().template;
    const status = ctx.trust.status(template);
    const label = signatoryName(template, role);
    const keys = status.keys.filter(
      (k) => k.kind === 'signatory' && k.role === role && (keyId === undefined || k.id === keyId),
    );
    const usable = keys.filter((k) => k.usable);
    if (usable.length === 0) {
      throw new NotAllowedError(
        keys.length === 0
          ? `There is no signing key for the ${label} on this device: the administrator enrols them in Settings \u2192 Signatories.`
          : `The ${label}\u2019s key on this device cannot sign: it is revoked, expired or disabled. The administrator must enrol a new one.`,
      );
    }
    const mine = usable.find((k) => k.name === name.trim());
    if (!mine) {
      throw new NotAllowedError(
        `The ${label}\u2019s key on this device belongs to ${usable.map((k) => k.name).join(' or ')}, not to ${name.trim()}: the person who signs must be the person enrolled.`,
      );
    }
    return mine.id;
  }

  function addSignature(
    current: DecisionRecord,
    role: string,
    name: string,
    /** Left out, the comments the officer already wrote on the record stay (and are signed with the signature). */
    given: string | undefined,
    body: Omit<Signature, 'seal' | 'contentHash' | 'proof' | 'intent'>,
    key: UnlockedKey,
  ) {
    const template = ctx.templateOf(current);
    const allowed = canSign(current, template, role);
    if (!allowed.ok) throw new NotAllowedError(allowed.reason);
    const comments = given ?? current.signOffs.find((s) => s.role === role)?.comments ?? '';
    const signOff = { role, name, comments };
    const intent = intentStatement(
      current,
      template,
      role,
      body.method === 'paper' ? (body.recordedBy ?? name) : name,
      body.method,
    );
    const signed = makeSignature(current, signOff, { ...body, intent }, key);
    const signOffs = current.signOffs.map((s) => (s.role === role ? { ...s, name, comments, signature: signed } : s));
    const decided = role === deciderOf(current, template)?.role;
    return {
      // Decided: the sign-offs left unsigned (an optional officer, the others of a "one of" group) are not part of it.
      next: {
        ...current,
        signOffs: decided ? decidedSignOffs({ signOffs }) : signOffs,
        status: decided ? ('decided' as const) : current.status,
      },
      action: decided ? 'decided' : 'signed',
      detail: {
        role,
        signedBy: body.signedBy,
        method: body.method,
        certificate: key.certificate.fingerprint,
        ...(body.recordedBy ? { recordedBy: body.recordedBy } : {}),
      },
    };
  }

  /** Refuses before the PIN is tried when the record cannot be signed anyway, so a PIN is never spent on nothing. */
  function assertCanSign(id: string, role: string) {
    const record = ctx.requireRecord(id);
    const allowed = canSign(record, ctx.templateOf(record), role);
    if (!allowed.ok) throw new NotAllowedError(allowed.reason);
  }

  const handlers: Pick<Handlers, WorkflowMethods> = {
    'records.submit': async ({ id, baseRevision }) => {
      const checkSubmittable = (current: DecisionRecord) => {
        if (current.status !== 'draft')
          throw new NotAllowedError(`The record is already ${current.status.replace('-', ' ')}.`);
        if (current.revision !== baseRevision) {
          throw new NotAllowedError(
            `The record was changed elsewhere since you last saw it (revision ${current.revision}); check it again before submitting.`,
          );
        }
        const missing = missingForSubmission(current, ctx.templateOf(current));
        if (missing.length > 0) {
          throw new InvalidInputError(`The record is not complete: ${missing.map((m) => m.message).join(' ')}`, {
            missing,
          });
        }
      };
      // Checked before a reference is claimed on the share, so a refused submission never uses up a number.
      const before = ctx.requireRecord(id);
      ctx.assertNotBinned(before);
      checkSubmittable(before);
      const sync = ctx.sync();
      let claimed: string | null = before.reference;
      if (!claimed && sync) {
        const claim = await sync.claimReference(before.id, dayOf(now()));
        claimed = 'reference' in claim ? claim.reference : null;
      }
      const submitted = step(before.id, (current) => {
        checkSubmittable(current);
        // With no shared folder, the next number this database knows; with one that is out of reach, none yet
        // ("reference pending"): a later sync pass claims it.
        const reference = current.reference ?? claimed ?? (sync ? null : nextReference(current));
        return {
          next: { ...current, reference, status: 'awaiting-signatures' },
          action: 'submitted',
          detail: { reference },
        };
      });
      if (submitted.reference) sync?.queueHandover(submitted.id);
      return submitted;
    },

    'records.sign': async ({ id, role, name, comments, method, image, strokes, pin, keyId }) => {
      if (method === 'drawn') {
        if (image === null)
          throw new InvalidInputError(
            'A drawn signature needs its image: draw it on the pad, or sign by typing your name.',
          );
        inspectPngDataUrl(image);
      } else if (image !== null || strokes.length > 0) {
        throw new InvalidInputError('A typed signature has no drawing: leave the image and strokes out.');
      }
      assertCanSign(id, role);
      const key = await ctx.trust.unlock(signerKey(role, name, keyId), pin);
      const device = ctx.settings().deviceName;
      return handOver(
        step(id, (current) =>
          addSignature(
            current,
            role,
            name.trim(),
            comments,
            { signedBy: name.trim(), signedAt: now().toISOString(), device, method, image, strokes },
            key,
          ),
        ),
      );
    },

    'records.paperSignature': async ({ id, role, name, comments, signedOn, scan, recorderKeyId, pin }) => {
      if (scan !== null) inspectPngDataUrl(scan, 'The scan of the signed page');
      assertCanSign(id, role);
      const status = ctx.trust.status(ctx.settings().template);
      const recorder = status.keys.find(
        (k) => k.id === recorderKeyId && (k.kind === 'recorder' || k.kind === 'signatory'),
      );
      if (!recorder)
        throw new NotAllowedError(
          'A paper signature is recorded with the key of the person recording it: enrol yourself as a recorder in Settings \u2192 Signatories.',
        );
      if (!recorder.usable)
        throw new NotAllowedError(
          `${recorder.name}\u2019s key on this device cannot sign: it is revoked, expired or disabled.`,
        );
      const key = await ctx.trust.unlock(recorder.id, pin);
      const device = ctx.settings().deviceName;
      return handOver(
        step(id, (current) => {
          checkPaperDate(current, signedOn);
          const result = addSignature(
            current,
            role,
            name.trim(),
            comments,
            {
              signedBy: name.trim(),
              signedAt: `${signedOn}T12:00:00.000Z`,
              device,
              method: 'paper',
              image: scan,
              strokes: [],
              recordedBy: key.certificate.name,
            },
            key,
          );
          return { ...result, action: result.action === 'decided' ? 'decided' : 'paper-signature' };
        }),
      );
    },

    'records.decline': async ({ id, role, name, reason, pin, keyId }) => {
      const before = ctx.requireRecord(id);
      if (before.status !== 'awaiting-signatures') {
        throw new NotAllowedError(
          `Only a record awaiting signatures can be declined; this one is ${before.status.replace('-', ' ')}.`,
        );
      }
      if (!before.signOffs.some((s) => s.role === role))
        throw new InvalidInputError(`This record has no signatory with the role "${role}".`);
      const key = await ctx.trust.unlock(signerKey(role, name, keyId), pin);
      return handOver(
        step(id, (current) => {
          if (current.status !== 'awaiting-signatures') {
            throw new NotAllowedError(
              `Only a record awaiting signatures can be declined; this one is ${current.status.replace('-', ' ')}.`,
            );
          }
          if (!current.signOffs.some((s) => s.role === role)) {
            throw new InvalidInputError(`This record has no signatory with the role "${role}".`);
          }
          const { signOffs, voided } = voidSignatures(current);
          // The decline is signed like a signature: by the decliner's key, over what they declined and why.
          const declined = {
            purpose: 'decision-desk/decline/1',
            recordId: current.id,
            reference: current.reference,
            contentHash: current.contentHash,
            role,
            name: name.trim(),
            reason,
            at: now().toISOString(),
          };
          const proof = { ...signBytes(key.pkcs8, canonicalJson(declined)), certificate: key.certificate.fingerprint };
          return {
            next: { ...current, signOffs, status: 'draft' },
            action: 'declined',
            detail: { role, name, reason, declinedAt: declined.at, proof, ...voided },
          };
        }),
      );
    },

    'records.returnToDraft': ({ id, reason }) =>
      handOver(
        step(id, (current) => {
          if (current.status !== 'awaiting-signatures') {
            throw new NotAllowedError(
              current.status === 'draft'
                ? 'The record is already a draft.'
                : `A ${current.status} record is final; a later decision that varies it is a new record.`,
            );
          }
          const { signOffs, voided } = voidSignatures(current);
          return {
            next: { ...current, signOffs, status: 'draft' },
            action: 'returned-to-draft',
            detail: { reason, ...voided },
          };
        }),
      ),

    'records.audit': ({ id }) => listAudit(db, ctx.requireRecord(id).id),

    // The withdrawal is not content (the signatures still hold for what was decided): the register shows it with its reason.
    'records.withdraw': ({ id, reason }) => {
      const withdrawn = step(ctx.requireRecord(id).id, (current) => {
        if (current.status !== 'decided' && current.status !== 'published') {
          throw new NotAllowedError(
            'Only a decided record can be withdrawn; a record not yet decided is returned to draft instead.',
          );
        }
        if (current.withdrawal)
          throw new NotAllowedError(
            `${current.reference ?? 'This record'} was already withdrawn on ${longDate(londonDay(current.withdrawal.at))}.`,
          );
        const by = ctx.settings().userName.trim() || 'unknown';
        return {
          next: { ...current, withdrawal: { at: now().toISOString(), by, reason } },
          action: 'withdrawn',
          detail: { reason, name: by },
        };
      });
      // The publication pack on the share is made again with the record shown as withdrawn.
      ctx.sync()?.requestPass();
      return withdrawn;
    },

    'records.late': ({ limit }) => {
      const template = ctx.settings().template;
      const late = lateRecords(lateCandidates(db), template, londonDay(now()));
      return {
        overdueDays: template.publication.overdueDays,
        total: late.length,
        records: limit === undefined ? late : late.slice(0, limit),
      };
    },

    'records.supersededBy': ({ id }) => {
      const { reference } = ctx.requireRecord(id);
      if (!reference) return [];
      // Asked each time a record is opened: only the decided records that name it are read and parsed, not the register.
      return supersessions(recordsSuperseding(db, reference)).get(reference) ?? [];
    },

    'records.verifyFile': async ({ base64 }) => {
      // pdf-lib is loaded when a file is first verified, not at start-up.
      const { readRecordFileWithAttachments, isPdf } = await import('./export/pdf-attachments.ts');
      const bytes = Buffer.from(base64, 'base64');
      const { record, attachments } = await readRecordFileWithAttachments(bytes);
      const report = verify(record);
      if (!isPdf(bytes)) return report;
      const audit = auditVerdict(attachments.find((a) => a.name === 'audit.json')?.bytes ?? null, report.id);
      // The attached record.json proves the signatures; only the seal covers the printed page.
      const { checkPdfSeal } = await import('./export/pdf-seal.ts');
      const template = ctx.settings().template;
      const pdf = pdfSealVerdict(await checkPdfSeal(bytes), ctx.trust.anchors(template));
      return {
        ...report,
        pdf,
        audit,
        valid: report.valid && pdf.sealed && pdf.intact && pdf.trusted && (audit?.whole ?? true),
      };
    },

    'records.verify': ({ record }) => verify(record),
  };

  /** The audit trail exported with a record (audit.json): whether its hash chain is whole. */
  function auditVerdict(bytes: Uint8Array | null, recordId: string): VerifyReport['audit'] {
    if (!bytes) return null;
    let entries: AuditEntry[];
    try {
      const trail = JSON.parse(new TextDecoder().decode(bytes)) as { recordId?: unknown; entries?: unknown };
      if (trail.recordId !== recordId || !Array.isArray(trail.entries)) throw new Error();
      entries = trail.entries as AuditEntry[];
    } catch {
      return {
        whole: false,
        entries: 0,
        message: 'the attached audit trail cannot be read, or belongs to another record',
      };
    }
    try {
      const chain = checkAuditChain(entries);
      return { whole: chain.whole, entries: entries.length, message: chain.message };
    } catch {
      return { whole: false, entries: entries.length, message: 'the attached audit trail is damaged' };
    }
  }

  function verify(file: unknown) {
    if (typeof file !== 'object' || file === null || Array.isArray(file))
      throw new InvalidInputError('This is not a record.json: expected a JSON object.');
    // The template version the file carries beside the record is checked, then the record by it (nothing is stored).
    const { record, carried } = splitRecordFile(file as Record<string, unknown>);
    assertRecordFormat(record.format);
    const parsed = DecisionRecordSchema.safeParse(record, PARSE_OPTIONS);
    if (!parsed.success)
      throw new InvalidInputError(`This is not a valid record.json: ${describeIssues(parsed.error)}`);
    const office = ctx.settings().template;
    const template = recordTemplate(db, parsed.data, office, carriedVersion(parsed.data, carried));
    return verifyReport(parsed.data, template, ctx.trust.anchors(office));
  }

  // Names, comments and reasons are text from outside: cleaned here like every other field (see domain/text.ts).
  // A record to verify is checked exactly as it came: cleaning it could hide a change made to it.
  return Object.fromEntries(
    Object.entries(handlers).map(([method, handler]) => [
      method,
      method === 'records.verify' || method === 'records.verifyFile'
        ? handler
        : (input: object) => (handler as (i: object) => unknown)(cleanDeep(input)),
    ]),
  ) as unknown as Pick<Handlers, WorkflowMethods>;
}
