// The one verification gate. Every record that comes from outside (the shared folder's hand-over files and bundles,
// an import, a file opened from Explorer) is asked here before any other code believes it: its content matches its
// hash, every signature it carries verifies against a certified, unrevoked key of this office's pinned seal in the
// signing order, and its status has what it requires. Whatever fails is refused with the reasons; callers keep it
// aside and report it, never merge, store or publish it.

import type { DecisionRecord, OfficeTemplate } from '../domain/index.ts';
import type { IncomingGate } from '../sync/gate.ts';
import { manifestSignatureProblem } from './manifest.ts';
import { pdfSealVerdict } from './pdf.ts';
import type { TrustAnchors } from './verify.ts';
import { recordTrustProblems } from './verify.ts';

export type Admission = { ok: true; record: DecisionRecord } | { ok: false; reason: string; problems: string[] };

/** Where the gate gets what it checks against, asked afresh for each record (a revocation may have just arrived). */
export type TrustSource = () => { template: Pick<OfficeTemplate, 'signatories'>; anchors: TrustAnchors };

export function admitRecord(record: DecisionRecord, source: TrustSource): Admission {
  const { template, anchors } = source();
  const problems = recordTrustProblems(record, template, anchors);
  return problems.length === 0 ? { ok: true, record } : { ok: false, reason: problems.join(' '), problems };
}

/** The gate as sync asks it: records, and the signatures of bundle manifests. */
export function trustGate(source: TrustSource): Required<IncomingGate> {
  return {
    admit: (record) => admitRecord(record, source),
    manifest: (manifest, signature, publishedAt) => manifestSignatureProblem(manifest, signature, source().anchors, publishedAt),
    async pdf(bytes) {
      // Parsed in a bounded worker, loaded only when a share is verified.
      const { checkPdfSeal } = await import('../export/pdf-seal.ts');
      const verdict = pdfSealVerdict(await checkPdfSeal(bytes), source().anchors);
      return verdict.trusted ? null : `its PDF ${verdict.message.replace(/^the PDF /, '')}`;
    },
  };
}
