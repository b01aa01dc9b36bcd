// The rules of sign-off: what a record needs before submission, who may sign when, and how a signature is checked.

import { canonicalJson, sha256Hex } from './hash.ts';
import type { DecisionRecord, Signature, SignOff } from './record.ts';
import type { OfficeTemplate } from './template.ts';
import type { AuditEntry } from './views.ts';

export interface MissingField {
  /** The field's path in the record, e.g. "title" or "impact.equalityImpactAssessment": views link to it. */
  field: string;
  message: string;
}

const blank = (text: string) => text.trim().length === 0;

/** What a record still needs before it can be submitted for signatures; empty when it is complete. */
export function missingForSubmission(record: DecisionRecord): MissingField[] {
  const missing: MissingField[] = [];
  const need = (condition: boolean, field: string, message: string) => {
    if (condition) missing.push({ field, message });
  };
  need(blank(record.title), 'title', 'Add a title.');
  need(blank(record.originator), 'originator', 'Say who the originator is.');
  need(
    record.classification === 'confidential' && blank(record.confidentialReason),
    'confidentialReason',
    'Give the reason the record is confidential.',
  );
  need(blank(record.executiveSummary), 'executiveSummary', 'Write the executive summary.');
  need(blank(record.recommendation), 'recommendation', 'Write the recommendation.');
  need(blank(record.decision), 'decision', 'Write the decision.');
  need(blank(record.impact.planObjectives), 'impact.planObjectives', 'Say which Police and Crime Plan objectives it supports.');
  need(
    record.impact.equalityImpactAssessment === null,
    'impact.equalityImpactAssessment',
    'Answer whether an Equality Impact Assessment has been completed.',
  );
  need(record.impact.diversityImpact === null, 'impact.diversityImpact', 'Answer the question on diversity impact.');
  need(
    record.impact.diversityImpact === true && blank(record.impact.diversityExplanation),
    'impact.diversityExplanation',
    'Explain the impact on diversity.',
  );
  return missing;
}

/** The seal binds a signature to its sign-off: role, name, comments, the image and the content hash signed. */
export function computeSeal(signOff: Pick<SignOff, 'role' | 'name' | 'comments'>, signature: Omit<Signature, 'seal'>): string {
  return sha256Hex(
    canonicalJson({
      role: signOff.role,
      name: signOff.name,
      comments: signOff.comments,
      signedBy: signature.signedBy,
      signedAt: signature.signedAt,
      device: signature.device,
      method: signature.method,
      image: signature.image,
      strokes: signature.strokes,
      contentHash: signature.contentHash,
      // Left out (undefined) on signatures from before keys, so their seals still hold.
      intent: signature.intent,
      recordedBy: signature.recordedBy,
    }),
  );
}

/**
 * What a signer sees and signs at the pad, in their own words: who they are, in which role, which record, and the
 * hash of the content they read. The same sentence is in the signed payload, so it cannot be changed after.
 */
export function intentStatement(
  record: Pick<DecisionRecord, 'reference' | 'title' | 'contentHash'>,
  template: OfficeTemplate,
  role: string,
  name: string,
  method: Signature['method'],
): string {
  const title = signatoryName(template, role);
  const which = `record ${record.reference ?? '(reference pending)'}, “${record.title.trim() || 'Untitled'}” (content ${record.contentHash.slice(0, 16)})`;
  return method === 'paper'
    ? `I, ${name}, record that ${which} was signed on paper by its ${title}, and that the signed page is before me.`
    : `I, ${name}, ${title}, have read ${which} and sign it.`;
}

/** How a signature without a drawing prints in the signature box: "Signed on paper, recorded by …", "Signed by typing…". */
export function signatureWords(signature: Pick<Signature, 'method' | 'recordedBy' | 'signedBy'>): string {
  if (signature.method === 'paper') return signature.recordedBy ? `Signed on paper, recorded by ${signature.recordedBy}` : 'Signed on paper';
  if (signature.method === 'typed') return `Signed by ${signature.signedBy}, typing their name (no drawing)`;
  return `Signed by ${signature.signedBy}`;
}

/** SHA-256 hex of a signature's drawn image and strokes: what the signed payload carries instead of the ink itself. */
export function inkHashes(signature: Pick<Signature, 'image' | 'strokes'>): { imageHash: string; strokesHash: string } {
  return { imageHash: sha256Hex(signature.image ?? ''), strokesHash: sha256Hex(canonicalJson(signature.strokes)) };
}

/**
 * The canonical sign-off a signer's key signs: the record (id, reference, content hash), the sign-off (role, name,
 * comments), the moment and device, how it was made, the hashes of the ink, the intent statement, and for paper who
 * recorded it. Every field is bound; `proof` itself and the legacy `seal` are not part of it.
 */
export function signOffPayload(
  record: Pick<DecisionRecord, 'id' | 'reference'>,
  signOff: Pick<SignOff, 'role' | 'name' | 'comments'>,
  signature: Omit<Signature, 'seal' | 'proof'>,
): string {
  return canonicalJson({
    purpose: 'decision-desk/sign-off/1',
    recordId: record.id,
    reference: record.reference,
    contentHash: signature.contentHash,
    role: signOff.role,
    name: signOff.name,
    comments: signOff.comments,
    signedBy: signature.signedBy,
    signedAt: signature.signedAt,
    device: signature.device,
    method: signature.method,
    ...inkHashes(signature),
    intent: signature.intent ?? null,
    recordedBy: signature.recordedBy ?? null,
  });
}

/** A signature holds while the record's content is what was signed and its sign-off is unchanged since. */
export function signatureProblem(record: Pick<DecisionRecord, 'contentHash'>, signOff: SignOff): string | null {
  const signature = signOff.signature;
  if (!signature) return 'not signed';
  if (signature.contentHash !== record.contentHash) return 'the record was changed after this signature was made';
  if (!signature.seal) return 'the signature has no seal';
  const { seal, ...rest } = signature;
  if (computeSeal(signOff, rest) !== seal) return 'the comments, name or signature image were changed after signing';
  return null;
}

/**
 * What a record in its status must have, as sentences; empty when it has it. A decided or published record has a
 * reference and every sign-off signed over its content (the decider signs last, so a decision has them all); a record
 * awaiting signatures or a draft has no further requirement here. Verify, import and the sync readers all ask this.
 */
export function missingForStatus(record: Pick<DecisionRecord, 'status' | 'reference' | 'contentHash' | 'signOffs'>): string[] {
  if (record.status !== 'decided' && record.status !== 'published') return [];
  const missing: string[] = [];
  if (record.reference === null) missing.push(`A ${record.status} record must have a reference; this one has none.`);
  if (record.signOffs.length === 0) missing.push(`A ${record.status} record must have its signatories; this one lists none.`);
  for (const signOff of record.signOffs) {
    if (!signOff.signature) missing.push(`A ${record.status} record must be signed by every signatory: ${signOff.role} has not signed.`);
    else if (signOff.signature.contentHash !== record.contentHash) {
      missing.push(`A ${record.status} record must be signed over its content: ${signOff.role} signed other content.`);
    }
  }
  return missing;
}

/**
 * Whether `next` only adds to `before`'s signatures: every signature `before` has is in `next` unchanged. Content,
 * status and revision aside: the caller compares those.
 */
export function onlyAddsSignatures(before: Pick<DecisionRecord, 'signOffs'>, next: Pick<DecisionRecord, 'signOffs'>): boolean {
  return before.signOffs.every((mine) => {
    if (!mine.signature) return true;
    const theirs = next.signOffs.find((s) => s.role === mine.role);
    return theirs !== undefined && canonicalJson(theirs) === canonicalJson(mine);
  });
}

export type SignCheck = { ok: true } | { ok: false; reason: string };

/** Whether `role` may sign now: the record awaits signatures, the role is unsigned, and the decider signs last. */
export function canSign(record: DecisionRecord, template: OfficeTemplate, role: string): SignCheck {
  if (record.status !== 'awaiting-signatures') {
    return {
      ok: false,
      reason:
        record.status === 'draft'
          ? 'The record is a draft: it must be submitted for signatures first.'
          : `The record is already ${record.status}.`,
    };
  }
  if (record.reference === null) {
    // The reference is part of what is signed: a signature before it arrives would not hold once it does.
    return { ok: false, reason: 'The reference is still pending: sync with the shared folder, then sign.' };
  }
  const signOff = record.signOffs.find((s) => s.role === role);
  if (!signOff) return { ok: false, reason: `This record has no signatory with the role "${role}".` };
  if (signOff.signature && signatureProblem(record, signOff) === null) {
    return { ok: false, reason: `${signatoryName(template, role)} has already signed.` };
  }
  const decider = template.signatories.find((s) => s.decides)?.role;
  if (role === decider) {
    const waiting = record.signOffs.filter((s) => s.role !== decider && signatureProblem(record, s) !== null);
    if (waiting.length > 0) {
      return {
        ok: false,
        reason: `${signatoryName(template, role)} signs last: waiting for ${waiting.map((s) => signatoryName(template, s.role)).join(' and ')}.`,
      };
    }
  }
  return { ok: true };
}

/** A signatory's name for sentences: the form prints the decider in capitals, so sentences use the title instead. */
export function signatoryName(template: OfficeTemplate, role: string): string {
  const signatory = template.signatories.find((s) => s.role === role);
  if (!signatory) return role;
  return signatory.decides ? template.commissionerTitle : signatory.label;
}

export interface SignatureVerdict {
  role: string;
  signedBy: string | null;
  signedAt: string | null;
  method: Signature['method'] | null;
  /** A paper signature: who recorded it (their key signed the record of it). */
  recordedBy: string | null;
  valid: boolean;
  reason: string;
  /** The certificate it was made with, as it reads (shown even when it is not trusted, so a reader sees whose). */
  certificate: { fingerprint: string; name: string; role: string | null; kind: string | null; serial: string; notAfter: string } | null;
}

export interface VerifyReport {
  id: string;
  reference: string | null;
  status: DecisionRecord['status'];
  /** The hash recomputed from the content, and whether it is the one the record carries. */
  contentHash: string;
  contentHashMatches: boolean;
  signatures: SignatureVerdict[];
  /** What the record's status requires that it lacks (missingForStatus): a decided record with no signatures. */
  missing: string[];
  /** The office seal the signatures were checked against: the one this device pins, or none. */
  seal: { fingerprint: string; name: string } | null;
  /** How old the revocation list is that was used (null: none held). */
  revocationsAsOf: string | null;
  /** The record's audit trail as exported with it: whether its hash chain is whole; null when the file has none. */
  audit: { whole: boolean; entries: number; message: string } | null;
  /** For a PDF: whether the office seal over the printed file holds; null for a record.json. */
  pdf: { sealed: boolean; intact: boolean; signer: string | null; trusted: boolean; message: string } | null;
  /** True when the content is intact, every signature present holds, nothing required is missing, the audit chain is whole and a PDF's seal holds. */
  valid: boolean;
}

/** SHA-256 over the canonical JSON of an audit entry and the hash of the record's entry before it (null for the first). */
export function auditEntryHash(entry: Omit<AuditEntry, 'hash'>, prevHash: string | null): string {
  const { recordId, at, actor, device, action, revision, contentHash, detail } = entry;
  return sha256Hex(canonicalJson({ prevHash, recordId, at, actor, device, action, revision, contentHash, detail }));
}

export type AuditChainCheck = { whole: true; message: string } | { whole: false; entry: number; message: string };

/**
 * Checks a record's audit trail, oldest first: each entry must carry the hash of the one before and its own hash
 * over what it says. `entry` counts from 1. Entries from before the chain (no hash) are not checked.
 */
export function checkAuditChain(entries: readonly AuditEntry[]): AuditChainCheck {
  let prev: string | null = null;
  let checked = 0;
  for (const [i, entry] of entries.entries()) {
    if (entry.hash === undefined || entry.hash === null) continue;
    const n = i + 1;
    const broken = (why: string): AuditChainCheck => ({ whole: false, entry: n, message: `audit chain broken at entry ${n} (${entry.action}, ${entry.at}): ${why}` });
    if ((entry.prevHash ?? null) !== prev) {
      return broken(checked === 0 && entry.prevHash !== null ? 'the entry before it is missing' : 'the entry before it is missing or was changed');
    }
    if (auditEntryHash(entry, prev) !== entry.hash) return broken('it was changed after it was written');
    prev = entry.hash;
    checked++;
  }
  return { whole: true, message: `audit chain whole (${checked} ${checked === 1 ? 'entry' : 'entries'})` };
}
