// The rules of sign-off: what a record needs before submission, who may sign when, and how a signature is checked.

import { canonicalJson, sha256Hex } from './hash.ts';
import type { DecisionRecord, Signature, SignOff } from './record.ts';
import type { Category, OfficeTemplate, Signatory } from './template.ts';
import type { AuditEntry } from './views.ts';

export interface MissingField {
  /** The field's path in the record, e.g. "title" or "impact.equalityImpactAssessment": views link to it. */
  field: string;
  message: string;
}

const blank = (text: string) => text.trim().length === 0;

/** The decision makers the template allows (signatories who decide), in its order; the first is the Commissioner. */
export function decisionMakers(template: Pick<OfficeTemplate, 'signatories'>): Signatory[] {
  return template.signatories.filter((s) => s.decides);
}

/** The decision maker chosen for a record: the one it names, else the template's first. */
export function deciderOf(
  record: Pick<DecisionRecord, 'decisionMaker'>,
  template: Pick<OfficeTemplate, 'signatories'>,
): Signatory | undefined {
  const makers = decisionMakers(template);
  return makers.find((s) => s.role === record.decisionMaker) ?? makers[0];
}

/** The sign-offs a record has with a decision maker: every officer, and the chosen decision maker, in template order. */
export function signOffsFor(
  template: Pick<OfficeTemplate, 'signatories'>,
  decisionMaker: string | undefined,
): SignOff[] {
  const decider = deciderOf({ decisionMaker }, template)?.role;
  return template.signatories
    .filter((s) => !s.decides || s.role === decider)
    .map((s) => ({ role: s.role, name: s.defaultName, comments: '', signature: null }));
}

/** A record's category, when it has one the template knows. */
export function categoryOf(
  record: Pick<DecisionRecord, 'category'>,
  template: Pick<OfficeTemplate, 'categories'>,
): Category | undefined {
  return record.category === undefined ? undefined : template.categories.find((c) => c.id === record.category);
}

/** Why the chosen decision maker may not take this record's decision (a reserved category), or null. */
export function reservedProblem(
  record: Pick<DecisionRecord, 'category' | 'decisionMaker'>,
  template: Pick<OfficeTemplate, 'signatories' | 'categories' | 'commissionerTitle'>,
): string | null {
  const category = categoryOf(record, template);
  const decider = deciderOf(record, template);
  if (!category?.reserved || !decider || decider.reserved) return null;
  return `A ${category.label} decision is reserved to the ${template.commissionerTitle} personally: ${decider.label} cannot take it. Choose the ${template.commissionerTitle} as the decision maker.`;
}

/**
 * The roles whose signatures a record still needs before `role` may sign (or, with no role, before it is decided):
 * required officers unsigned, each "one of" group with no signature yet, and the decision maker. Optional officers
 * are never needed. A signature counts while it holds over the record's content.
 */
export function stillNeeded(record: DecisionRecord, template: Pick<OfficeTemplate, 'signatories'>): Set<string> {
  const signed = new Set(record.signOffs.filter((s) => signatureProblem(record, s) === null).map((s) => s.role));
  const present = new Set(record.signOffs.map((s) => s.role));
  const decider = deciderOf(record, template)?.role;
  const needed = new Set<string>();
  const groups = new Map<string, string[]>();
  for (const s of template.signatories) {
    if (!present.has(s.role) || signed.has(s.role)) {
      if (s.need === 'one-of' && s.group && signed.has(s.role))
        groups.set(s.group, [...(groups.get(s.group) ?? []), s.role]);
      continue;
    }
    if (s.decides) {
      if (s.role === decider) needed.add(s.role);
    } else if (s.need === 'required') needed.add(s.role);
  }
  for (const s of template.signatories) {
    if (s.decides || s.need !== 'one-of' || !s.group || !present.has(s.role) || signed.has(s.role)) continue;
    const groupSigned = template.signatories.some(
      (o) => o.group === s.group && o.need === 'one-of' && signed.has(o.role),
    );
    if (!groupSigned) needed.add(s.role);
  }
  return needed;
}

/** What a record still needs before it can be submitted for signatures; empty when it is complete. */
export function missingForSubmission(record: DecisionRecord, template?: OfficeTemplate): MissingField[] {
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
  need(
    blank(record.impact.planObjectives),
    'impact.planObjectives',
    'Say which Police and Crime Plan objectives it supports.',
  );
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
  if (!template) return missing;
  for (const section of template.sections) {
    const value = record.sections?.find((v) => v.id === section.id && v.kind === section.kind);
    const field = `sections.${section.id}`;
    const name = section.label.length > 80 ? `${section.label.slice(0, 79)}…` : section.label;
    if (section.kind === 'yes-no') {
      const answer = value?.kind === 'yes-no' ? value.answer : null;
      need(section.required && answer === null, field, `Answer “${name}”.`);
      const explain =
        section.explainWhen === 'yes' ? answer === true : section.explainWhen === 'no' ? answer === false : false;
      need(
        explain && (value?.kind !== 'yes-no' || blank(value.explanation)),
        field,
        `Explain your answer to “${name}”.`,
      );
      continue;
    }
    if (!section.required) continue;
    const empty =
      value === undefined ||
      (value.kind === 'rich-text' && blank(value.text)) ||
      (value.kind === 'people' && value.people.every(blank)) ||
      (value.kind === 'date' && value.date === null);
    need(empty, field, `Fill in “${name}”.`);
  }
  if (template.categories.length > 0) need(record.category === undefined, 'category', 'Choose the decision category.');
  need(
    record.category !== undefined && !categoryOf(record, template),
    'category',
    `This office has no decision category "${record.category}".`,
  );
  need(
    record.decisionMaker !== undefined && !decisionMakers(template).some((s) => s.role === record.decisionMaker),
    'decisionMaker',
    `This office has no decision maker "${record.decisionMaker}".`,
  );
  const reserved = reservedProblem(record, template);
  need(reserved !== null, 'decisionMaker', reserved ?? '');
  need(
    record.series !== undefined && !template.numbering.series.some((s) => s.id === record.series),
    'series',
    `This office has no numbering series "${record.series}".`,
  );
  return missing;
}

/** The seal binds a signature to its sign-off: role, name, comments, the image and the content hash signed. */
export function computeSeal(
  signOff: Pick<SignOff, 'role' | 'name' | 'comments'>,
  signature: Omit<Signature, 'seal'>,
): string {
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
  if (signature.method === 'paper')
    return signature.recordedBy ? `Signed on paper, recorded by ${signature.recordedBy}` : 'Signed on paper';
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
export function missingForStatus(
  record: Pick<DecisionRecord, 'status' | 'reference' | 'contentHash' | 'signOffs'>,
): string[] {
  if (record.status !== 'decided' && record.status !== 'published') return [];
  const missing: string[] = [];
  if (record.reference === null) missing.push(`A ${record.status} record must have a reference; this one has none.`);
  if (record.signOffs.length === 0)
    missing.push(`A ${record.status} record must have its signatories; this one lists none.`);
  for (const signOff of record.signOffs) {
    if (!signOff.signature)
      missing.push(`A ${record.status} record must be signed by every signatory: ${signOff.role} has not signed.`);
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
export function onlyAddsSignatures(
  before: Pick<DecisionRecord, 'signOffs'>,
  next: Pick<DecisionRecord, 'signOffs'>,
): boolean {
  return before.signOffs.every((mine) => {
    if (!mine.signature) return true;
    const theirs = next.signOffs.find((s) => s.role === mine.role);
    return theirs !== undefined && canonicalJson(theirs) === canonicalJson(mine);
  });
}

export type SignCheck = { ok: true } | { ok: false; reason: string };

/** Whether `role` may sign now: the record awaits signatures, the role is unsigned, and the decider signs last. */
export function canSign(
  record: DecisionRecord,
  template: Pick<OfficeTemplate, 'signatories' | 'categories' | 'commissionerTitle'>,
  role: string,
): SignCheck {
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
  const signatory = template.signatories.find((s) => s.role === role);
  const decider = deciderOf(record, template)?.role;
  if (signatory?.decides && role !== decider) {
    return { ok: false, reason: `${signatoryName(template, role)} is not the decision maker on this record.` };
  }
  if (role === decider) {
    const reserved = reservedProblem(record, template);
    if (reserved) return { ok: false, reason: reserved };
  }
  // The template's order rules: a signatory waits for those it signs after, while the record still needs them.
  const needed = stillNeeded(record, template);
  const waiting = (signatory?.after ?? []).filter((r) => needed.has(r) && r !== role);
  if (role === decider) {
    // Whatever the rules say, a decision is the last signature the record needs.
    for (const r of needed) if (r !== role && !waiting.includes(r)) waiting.push(r);
  }
  if (waiting.length > 0) {
    // One signature of a "one of" group is enough: its signatories are waited for as "A or B".
    const names: string[] = [];
    const groupAt = new Map<string, number>();
    for (const r of waiting) {
      const s = template.signatories.find((o) => o.role === r);
      const group = s?.need === 'one-of' && s.group ? s.group : null;
      const at = group === null ? undefined : groupAt.get(group);
      if (at === undefined) {
        if (group !== null) groupAt.set(group, names.length);
        names.push(signatoryName(template, r));
      } else names[at] = `${names[at]} or ${signatoryName(template, r)}`;
    }
    const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
    return {
      ok: false,
      reason:
        role === decider
          ? `${signatoryName(template, role)} signs last: waiting for ${list}.`
          : `${signatoryName(template, role)} signs after ${list}: waiting for them.`,
    };
  }
  return { ok: true };
}

/**
 * The sign-offs a record keeps once decided: those signed, in order. An optional officer who did not sign, and the
 * others of a "one of" group one of whom signed, are not part of the decision.
 */
export function decidedSignOffs(record: Pick<DecisionRecord, 'signOffs'>): SignOff[] {
  return record.signOffs.filter((s) => s.signature !== null);
}

/** A signatory's name for sentences: the form prints the decider in capitals, so sentences use the title instead. */
export function signatoryName(
  template: Pick<OfficeTemplate, 'signatories' | 'commissionerTitle'>,
  role: string,
): string {
  const signatory = template.signatories.find((s) => s.role === role);
  if (!signatory) return role;
  // The form prints the Commissioner in capitals; a deputy's label is already a title.
  return signatory.decides && decisionMakers(template)[0]?.role === role ? template.commissionerTitle : signatory.label;
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
  certificate: {
    fingerprint: string;
    name: string;
    role: string | null;
    kind: string | null;
    serial: string;
    notAfter: string;
  } | null;
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
    const broken = (why: string): AuditChainCheck => ({
      whole: false,
      entry: n,
      message: `audit chain broken at entry ${n} (${entry.action}, ${entry.at}): ${why}`,
    });
    if ((entry.prevHash ?? null) !== prev) {
      return broken(
        checked === 0 && entry.prevHash !== null
          ? 'the entry before it is missing'
          : 'the entry before it is missing or was changed',
      );
    }
    if (auditEntryHash(entry, prev) !== entry.hash) return broken('it was changed after it was written');
    prev = entry.hash;
    checked++;
  }
  return { whole: true, message: `audit chain whole (${checked} ${checked === 1 ? 'entry' : 'entries'})` };
}
