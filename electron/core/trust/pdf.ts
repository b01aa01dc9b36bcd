// Whether a PDF's seal is the office's: the PAdES signature holds over every byte (export/pdf-seal.ts), and it was
// made with a publishing key the pinned office seal certified and had not revoked.

import type { VerifyReport } from '../domain/index.ts';
import type { PdfSealReport } from '../export/pdf-seal.ts';
import { issuedByProblem, readCertificate } from './pki.ts';
import type { TrustAnchors } from './verify.ts';

export function pdfSealVerdict(report: PdfSealReport, anchors: TrustAnchors): NonNullable<VerifyReport['pdf']> {
  const base = {
    sealed: report.sealed,
    intact: report.intact && report.coversWholeFile,
    signer: report.signer?.subject ?? null,
  };
  if (!report.sealed)
    return { ...base, trusted: false, message: report.problems[0] ?? 'not sealed: the printed text is not covered' };
  if (!base.intact)
    return { ...base, trusted: false, message: report.problems.join(' ') || 'the PDF was changed after it was sealed' };
  const signer = report.certificates[0];
  if (!anchors.seal)
    return {
      ...base,
      trusted: false,
      message: 'the PDF is sealed, but this device has no office seal to check whose seal it is',
    };
  const issued = signer ? issuedByProblem(signer, anchors.seal.der) : 'the seal carries no certificate';
  if (issued) return { ...base, trusted: false, message: `the PDF is sealed, but not by this office: ${issued}` };
  const info = readCertificate(signer!);
  if (info.kind !== 'publisher')
    return { ...base, trusted: false, message: 'the PDF is sealed with a key that may not publish for the office' };
  const revoked = anchors.revocations.get(info.serial);
  const at = report.signedAt ?? new Date().toISOString();
  if (revoked && Date.parse(revoked.revokedAt) <= Date.parse(at))
    return {
      ...base,
      trusted: false,
      message: `the PDF was sealed with a publishing key revoked on ${revoked.revokedAt}`,
    };
  return {
    ...base,
    trusted: true,
    message: `sealed by ${anchors.seal.name} (${info.fingerprint.slice(0, 16)}) on ${at}: every byte is as it was sealed`,
  };
}
