// Checking signatures against the office's trust: a certified, unrevoked key for the role, valid when it signed,
// over this record's canonical sign-off, in the template's signing order. Synchronous and fast (node:crypto).

import {
  computeContentHash,
  deciderOf,
  type DecisionRecord,
  missingForStatus,
  type OfficeTemplate,
  type SignatureVerdict,
  type Signature,
  type SignOff,
  signatureProblem,
  type VerifyReport,
  signOffPayload,
} from '../domain/index.ts';
import { type CertificateInfo, issuedByProblem, readCertificate, type Revocation, verifyBytes } from './pki.ts';

/** What a device believes: the seal it pins (null when the office has none yet) and the seal's revocations. */
export interface TrustAnchors {
  seal: CertificateInfo | null;
  revocations: ReadonlyMap<string, Revocation>;
  /** When the revocation list this device holds was issued, or null for none. */
  revocationsAsOf: string | null;
}

/** Why a present signature does not hold, or null when it does: the checks in the order a reader would ask them. */
export function signatureTrustProblem(
  record: Pick<DecisionRecord, 'id' | 'reference' | 'contentHash'>,
  signOff: SignOff,
  anchors: TrustAnchors,
): { problem: string | null; certificate: CertificateInfo | null } {
  const signature = signOff.signature;
  if (!signature) return { problem: 'not signed', certificate: null };
  const local = signatureProblem(record, signOff);
  if (local) return { problem: local, certificate: null };
  if (!signature.proof) return { problem: 'made without a signing key: nothing proves who made it', certificate: null };
  let certificate: CertificateInfo;
  try {
    certificate = readCertificate(Buffer.from(signature.proof.certificate, 'base64'));
  } catch {
    return { problem: 'its certificate cannot be read', certificate: null };
  }
  const fail = (problem: string) => ({ problem, certificate });
  if (!anchors.seal) return fail('this device has no office seal to check it against (Settings \u2192 Office seal)');
  const issued = issuedByProblem(certificate.der, anchors.seal.der);
  if (issued) return fail(issued);
  const paper = signature.method === 'paper';
  if (paper) {
    if (certificate.kind !== 'recorder' && certificate.kind !== 'signatory')
      return fail('it was recorded with a key that may not record signatures');
    if (!signature.recordedBy || certificate.name !== signature.recordedBy) {
      return fail(
        `it names ${signature.recordedBy ?? 'nobody'} as recording it, but was signed with ${certificate.name}\u2019s key`,
      );
    }
  } else {
    if (certificate.kind !== 'signatory') return fail('it was made with a key that is not a signatory\u2019s');
    if (certificate.role !== signOff.role)
      return fail(`it was made with the key of ${certificate.role ?? 'no role'}, not of ${signOff.role}`);
    if (certificate.name !== signature.signedBy)
      return fail(`it names ${signature.signedBy}, but was made with ${certificate.name}\u2019s key`);
  }
  if (!signature.intent) return fail('it has no statement of what the signer meant to sign');
  // As moments, not text: a time may carry an offset ("…+01:00").
  const at = signature.signedAt;
  const when = Date.parse(at);
  // A paper signature is dated by its day only (noon stands for it), and is recorded here on that day or later: a
  // recorder's certificate made that afternoon still covers it.
  const [earliest, latest] = paper
    ? [Date.parse(`${at.slice(0, 10)}T00:00:00.000Z`), Date.parse(`${at.slice(0, 10)}T23:59:59.999Z`)]
    : [when, when];
  if (latest < Date.parse(certificate.notBefore))
    return fail(`it is dated ${at}, before its certificate was valid (${certificate.notBefore})`);
  if (earliest > Date.parse(certificate.notAfter))
    return fail(`it is dated ${at}, after its certificate expired (${certificate.notAfter})`);
  const revoked = anchors.revocations.get(certificate.serial);
  if (revoked && Date.parse(revoked.revokedAt) <= when)
    return fail(`its key was revoked on ${revoked.revokedAt}, before it was made`);
  const payload = signOffPayload(record, signOff, signature);
  if (!verifyBytes(certificate.der, payload, signature.proof.algorithm, signature.proof.value)) {
    return fail('the digital signature does not match what it claims to sign: it was forged or changed');
  }
  return { problem: null, certificate };
}

/** Every present signature, checked; and the signing order: the deciding signatory after every other. */
export function checkSignatures(
  record: DecisionRecord,
  template: Pick<OfficeTemplate, 'signatories'>,
  anchors: TrustAnchors,
): SignatureVerdict[] {
  const decider = deciderOf(record, template)?.role;
  const decided = record.signOffs.find((s) => s.role === decider)?.signature ?? null;
  // After the decision: later than it, or for a decision signed on paper (dated by the day), on a later day.
  const afterDecision = (signature: Signature) =>
    decided !== null &&
    signature.method !== 'paper' &&
    (decided.method === 'paper'
      ? signature.signedAt.slice(0, 10) > decided.signedAt.slice(0, 10)
      : Date.parse(signature.signedAt) > Date.parse(decided.signedAt));
  return record.signOffs
    .filter((s) => s.signature)
    .map((signOff): SignatureVerdict => {
      const signature = signOff.signature!;
      const checked = signatureTrustProblem(record, signOff, anchors);
      const certificate = checked.certificate;
      let problem = checked.problem;
      if (!problem && signOff.role !== decider && afterDecision(signature)) {
        problem = 'it is dated after the decision: every other signatory signs before the decider';
      }
      // The template's order rules: a signature dated before one it must come after (paper is dated by the day only).
      const early = (template.signatories.find((s) => s.role === signOff.role)?.after ?? []).find((role) => {
        const earlier = record.signOffs.find((s) => s.role === role)?.signature;
        if (!earlier || earlier.method === 'paper' || signature.method === 'paper') return false;
        return Date.parse(earlier.signedAt) > Date.parse(signature.signedAt);
      });
      if (!problem && early)
        problem = `it is dated before the signature of ${template.signatories.find((s) => s.role === early)?.label ?? early}, which the office's order rules put first`;
      return {
        role: signOff.role,
        signedBy: signature.signedBy,
        signedAt: signature.signedAt,
        method: signature.method,
        recordedBy: signature.recordedBy ?? null,
        valid: problem === null,
        reason:
          problem ??
          `signed with ${certificate!.name}\u2019s certified key (${certificate!.fingerprint.slice(0, 16)}) over content ${record.contentHash.slice(0, 12)}\u2026, which is unchanged`,
        certificate: certificate && {
          fingerprint: certificate.fingerprint,
          name: certificate.name,
          role: certificate.role,
          kind: certificate.kind,
          serial: certificate.serial,
          notAfter: certificate.notAfter,
        },
      };
    });
}

/**
 * The gate's question of a record from outside: is it what it says it is? Its content matches its hash, every
 * signature it carries verifies, and everything its status requires is there. Sentences, empty when it holds.
 */
export function recordTrustProblems(
  record: DecisionRecord,
  template: Pick<OfficeTemplate, 'signatories'>,
  anchors: TrustAnchors,
): string[] {
  if (computeContentHash(record) !== record.contentHash)
    return ['its content does not match its content hash: it was changed outside Decision Desk'];
  const problems = missingForStatus(record);
  for (const verdict of checkSignatures(record, template, anchors)) {
    if (!verdict.valid)
      problems.push(
        `The signature for ${verdict.role} (${verdict.signedBy ?? 'unnamed'}) does not hold: ${verdict.reason}.`,
      );
  }
  return problems;
}

/** What `verify` says of a record: content, each signature against the pinned seal, what its status lacks. */
export function verifyReport(record: DecisionRecord, template: OfficeTemplate, anchors: TrustAnchors): VerifyReport {
  const contentHash = computeContentHash(record);
  const contentHashMatches = contentHash === record.contentHash;
  const signatures = contentHashMatches
    ? checkSignatures(record, template, anchors)
    : checkSignatures(record, template, anchors).map((v) => ({
        ...v,
        valid: false,
        reason: 'the record\u2019s content does not match its content hash: it was changed outside Decision Desk',
      }));
  const missing = missingForStatus(record);
  return {
    id: record.id,
    reference: record.reference,
    status: record.status,
    contentHash,
    contentHashMatches,
    signatures,
    missing,
    seal: anchors.seal && { fingerprint: anchors.seal.fingerprint, name: anchors.seal.name },
    revocationsAsOf: anchors.revocationsAsOf,
    audit: null,
    pdf: null,
    valid: contentHashMatches && signatures.every((s) => s.valid) && missing.length === 0,
  };
}
