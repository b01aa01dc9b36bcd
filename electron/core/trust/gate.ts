// The one verification gate. Every record that comes from outside (the shared folder's hand-over files and bundles,
// an import, a file opened from Explorer) is asked here before any other code believes it: its content matches its
// hash, every signature it carries verifies against a certified, unrevoked key of this office's pinned seal in the
// signing order, and its status has what it requires. Whatever fails is refused with the reasons; callers keep it
// aside and report it, never merge, store or publish it.

import { type DecisionRecord, DeskError, type OfficeTemplate } from '../domain/index.ts';
import type { IncomingGate } from '../sync/gate.ts';
import type { TemplateVersionData } from '../templates.ts';
import { manifestSignatureProblem } from './manifest.ts';
import { pdfSealVerdict } from './pdf.ts';
import type { TrustAnchors } from './verify.ts';
import { recordTrustProblems } from './verify.ts';

export type Admission = { ok: true; record: DecisionRecord } | { ok: false; reason: string; problems: string[] };

/** Where the gate gets what it checks against, asked afresh for each record (a revocation may have just arrived). */
export interface TrustSource {
  /**
   * The template whose signatories and order rules a record's signatures are checked by: the version it was made
   * with (`carried`: the one the file it came in carries, already checked against its hash). Throws a DeskError when
   * there is none to be had: the record is then refused with that message.
   */
  templateOf: (record: DecisionRecord, carried?: TemplateVersionData | null) => Pick<OfficeTemplate, 'signatories'>;
  /** The pinned seal, the certificates and revocations this device believes. */
  anchors: () => TrustAnchors;
}

export function admitRecord(
  record: DecisionRecord,
  source: TrustSource,
  carried?: TemplateVersionData | null,
): Admission {
  let template: Pick<OfficeTemplate, 'signatories'>;
  try {
    template = source.templateOf(record, carried);
  } catch (error) {
    if (!(error instanceof DeskError)) throw error;
    return { ok: false, reason: error.message.replace(/\.$/, ''), problems: [error.message] };
  }
  const problems = recordTrustProblems(record, template, source.anchors());
  return problems.length === 0 ? { ok: true, record } : { ok: false, reason: problems.join(' '), problems };
}

/** The gate as sync asks it: records, and the signatures of bundle manifests. */
export function trustGate(source: TrustSource): Required<IncomingGate> {
  return {
    admit: (record, _from, carried) => admitRecord(record, source, carried),
    manifest: (manifest, signature, publishedAt) =>
      manifestSignatureProblem(manifest, signature, source.anchors(), publishedAt),
    async pdf(bytes) {
      // Parsed in a bounded worker, loaded only when a share is verified.
      const { checkPdfSeal } = await import('../export/pdf-seal.ts');
      const verdict = pdfSealVerdict(await checkPdfSeal(bytes), source.anchors());
      return verdict.trusted ? null : `its PDF ${verdict.message.replace(/^the PDF /, '')}`;
    },
  };
}
