// Verify: pick or drop a record.json or an exported PDF, and see whether each signature on it still holds, and why.

import { type DragEvent, useState } from 'react';
import { signatoryName, type SignatureVerdict, type VerifyReport } from '../../../electron/core/domain/signing.ts';
import { STATUS_LABELS } from '../../../electron/core/domain/workflow.ts';
import type { OfficeTemplate } from '../../../electron/core/domain/template.ts';
import { formatWhen, groupedFingerprint } from '../format.ts';
import { useVerifyStore } from '../stores/signing/verify.ts';
import '../styles/signing.css';

/** A message from the core as the start of a sentence, without its full stop. */
const sentence = (text: string) => (text ? `${text[0]!.toUpperCase()}${text.slice(1)}`.replace(/\.$/, '') : text);

function verdictText(report: VerifyReport): { title: string; detail: string } {
  const invalid = report.signatures.filter((s) => !s.valid).length;
  if (!report.contentHashMatches) {
    return {
      title: 'Not valid: the record was changed',
      detail: 'Its content is not what was signed: it was changed outside Decision Desk after it was saved.',
    };
  }
  if (report.missing.length > 0) {
    return {
      title: `Not valid: a ${STATUS_LABELS[report.status].toLowerCase()} record without what that needs`,
      detail: report.missing.join(' '),
    };
  }
  if (invalid > 0) {
    return {
      title: `Not valid: ${invalid} of ${report.signatures.length} ${report.signatures.length === 1 ? 'signature does' : 'signatures do'} not hold`,
      detail: 'See below for why.',
    };
  }
  if (report.audit && !report.audit.whole) {
    return { title: 'Not valid: the audit trail was changed', detail: `${sentence(report.audit.message)}.` };
  }
  if (report.pdf && !(report.pdf.intact && (!report.pdf.sealed || report.pdf.trusted))) {
    return { title: 'Not valid: the PDF\u2019s seal does not hold', detail: `${sentence(report.pdf.message)}.` };
  }
  if (report.signatures.length === 0) {
    return {
      title: 'Content intact, but not signed',
      detail: 'The record is unchanged, and no one has signed it yet.',
    };
  }
  if (!report.valid) return { title: 'Not valid', detail: 'See below for why.' };
  return {
    title: `Valid: ${report.signatures.length === 1 ? 'the signature holds' : `all ${report.signatures.length} signatures hold`}`,
    detail: 'The record is exactly as it was when it was signed.',
  };
}

function howSigned(verdict: SignatureVerdict): string {
  switch (verdict.method) {
    case 'paper':
      return verdict.recordedBy ? `On paper, recorded by ${verdict.recordedBy}` : 'On paper';
    case 'drawn':
      return 'Drawn with the pen';
    case 'typed':
      return 'Typed name';
    default:
      return '';
  }
}

/** Whose key made it, as its certificate reads, with the start of its fingerprint to compare. */
function keyOf(verdict: SignatureVerdict): string {
  const cert = verdict.certificate;
  if (!cert) return 'No certified key (an older signature, or none)';
  const whose = verdict.method === 'paper' ? 'recorded with the certified key of' : 'with the certified key of';
  return `${sentence(whose)} ${cert.name} (fingerprint ${groupedFingerprint(cert.fingerprint.slice(0, 16))} …)`;
}

function SignatureRow({ verdict, template }: { verdict: SignatureVerdict; template: OfficeTemplate | null }) {
  return (
    <tr className={verdict.valid ? 'is-valid' : 'is-invalid'}>
      <th scope="row">{template ? signatoryName(template, verdict.role) : verdict.role}</th>
      <td>{verdict.signedBy ?? ''}</td>
      <td>{verdict.signedAt ? <time dateTime={verdict.signedAt}>{formatWhen(verdict.signedAt)}</time> : ''}</td>
      <td>{howSigned(verdict)}</td>
      <td>{keyOf(verdict)}</td>
      <td>
        <span className={`verify-result ${verdict.valid ? 'verify-result-valid' : 'verify-result-invalid'}`}>
          <span aria-hidden="true">{verdict.valid ? '✓ ' : '✗ '}</span>
          {verdict.valid ? 'Valid' : 'Invalid'}
        </span>
      </td>
      <td>{verdict.reason}</td>
    </tr>
  );
}

function Report({
  report,
  fileName,
  template,
}: {
  report: VerifyReport;
  fileName: string;
  template: OfficeTemplate | null;
}) {
  const verdict = verdictText(report);
  return (
    <div className="verify-report">
      <div className={`verify-verdict ${report.valid && report.signatures.length > 0 ? 'is-valid' : 'is-invalid'}`}>
        <span className="verify-verdict-mark" aria-hidden="true">
          {report.valid ? '✓' : '✗'}
        </span>
        <div>
          <h3>{verdict.title}</h3>
          <p>{verdict.detail}</p>
        </div>
      </div>
      <dl className="verify-facts">
        <div>
          <dt>File</dt>
          <dd>{fileName}</dd>
        </div>
        <div>
          <dt>Reference</dt>
          <dd>{report.reference ?? 'None yet'}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{STATUS_LABELS[report.status]}</dd>
        </div>
        <div>
          <dt>Content</dt>
          <dd>{report.contentHashMatches ? 'Unchanged since it was saved' : 'Changed outside Decision Desk'}</dd>
        </div>
        <div>
          <dt>Checked against</dt>
          <dd>
            {report.seal ? (
              <>
                the office seal of {report.seal.name},{' '}
                <span className="trust-fingerprint">{groupedFingerprint(report.seal.fingerprint)}</span>
              </>
            ) : (
              'no office seal: this device has none, so no key can be trusted'
            )}
          </dd>
        </div>
        <div>
          <dt>Revocations</dt>
          <dd>
            {report.revocationsAsOf ? `as of ${formatWhen(report.revocationsAsOf)}` : 'none known on this device'}
          </dd>
        </div>
        {report.audit && (
          <div>
            <dt>Audit trail</dt>
            <dd>
              {report.audit.whole ? 'Whole' : 'Broken'}: {report.audit.message}
            </dd>
          </div>
        )}
        {report.pdf && (
          <div>
            <dt>PDF seal</dt>
            <dd>
              {!report.pdf.sealed
                ? 'Not sealed'
                : report.pdf.intact && report.pdf.trusted
                  ? `Holds${report.pdf.signer ? `, sealed by ${report.pdf.signer}` : ''}`
                  : 'Does not hold'}
              : {report.pdf.message}
            </dd>
          </div>
        )}
      </dl>
      {report.signatures.length > 0 && (
        <div className="table-scroll">
          <table className="verify-table">
            <caption>Signatures</caption>
            <thead>
              <tr>
                <th scope="col">Signatory</th>
                <th scope="col">Signed by</th>
                <th scope="col">When</th>
                <th scope="col">How</th>
                <th scope="col">Key</th>
                <th scope="col">Result</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {report.signatures.map((signature) => (
                <SignatureRow key={signature.role} verdict={signature} template={template} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function VerifyView() {
  const { fileName, phase, report, error, template } = useVerifyStore();
  const fileChosen = useVerifyStore((s) => s.fileChosen);
  const [dragging, setDragging] = useState(false);

  function dropped(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void fileChosen(file);
  }

  return (
    <section className="view verify-view" aria-labelledby="verify-heading">
      <h2 id="verify-heading">Verify a signed record</h2>
      <p className="hint">
        Checks that a Record of Decision is exactly what was signed: pick its record.json, or a PDF exported by Decision
        Desk (the record travels inside it).
      </p>
      <div
        className={`verify-drop${dragging ? ' is-dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={dropped}
      >
        <p>Drop a record.json or PDF here, or</p>
        <input
          id="verify-file"
          className="visually-hidden verify-file-input"
          type="file"
          accept=".json,.pdf,application/json,application/pdf"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void fileChosen(file);
            event.target.value = '';
          }}
        />
        <label htmlFor="verify-file" className="button button-primary">
          Choose a file…
        </label>
      </div>
      <div role="status" className="verify-outcome">
        {phase === 'checking' && <p>Checking {fileName}…</p>}
        {phase === 'failed' && (
          <div className="verify-verdict is-invalid">
            <span className="verify-verdict-mark" aria-hidden="true">
              ✗
            </span>
            <div>
              <h3>{fileName} could not be checked</h3>
              <p>{error}</p>
            </div>
          </div>
        )}
        {phase === 'done' && report && fileName && <Report report={report} fileName={fileName} template={template} />}
      </div>
    </section>
  );
}
