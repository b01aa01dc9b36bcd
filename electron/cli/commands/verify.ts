// `verify`: checks a record.json, or an exported PDF's attached record, against its content hash and signatures, and
// each signature against the office seal the data folder pins.

import path from 'node:path';
import { openMemoryDatabase } from '../../core/db/connection.ts';
import { DeskError, type SignatureVerdict, type VerifyReport } from '../../core/domain/index.ts';
import { createService, type DeskService, dispatch } from '../../core/service.ts';
import { type Command, type CommandContext, EXIT, printJson } from '../command.ts';
import { readBinaryFile } from '../../core/files.ts';
import { formatTimestamp } from '../format.ts';

/** The data folder's service when there is one (its pinned seal and revocations); else a private in-memory one, which trusts no seal. */
async function verifier(context: CommandContext): Promise<DeskService> {
  if (context.hasDataFolder()) return (await context.openDesk()).service;
  return createService({ db: openMemoryDatabase() });
}

function signatureLines(s: SignatureVerdict): string[] {
  const who =
    s.method === 'paper'
      ? `${s.signedBy ?? '(unnamed)'} on paper, recorded by ${s.recordedBy ?? 'nobody'}`
      : `${s.signedBy ?? '(unnamed)'} (${s.method})`;
  const certificate = s.certificate
    ? `certificate ${s.certificate.fingerprint.slice(0, 16)} (${s.certificate.name}${s.certificate.role ? `, ${s.certificate.role}` : ''})`
    : 'no certificate';
  return [
    `  ${s.valid ? 'valid  ' : 'INVALID'}  ${s.role}: ${who}, ${s.signedAt ? formatTimestamp(s.signedAt) : 'undated'} (${s.signedAt ?? ''})`,
    `           ${certificate}: ${s.valid ? 'trusted' : 'NOT TRUSTED'}: ${s.reason}`,
  ];
}

export const verifyCommand: Command = {
  name: 'verify',
  summary:
    'Check that a record.json or exported PDF is unchanged since it was signed, by the keys the office seal certified',
  usage: 'FILE',
  description:
    'Recomputes the content hash of the record in FILE (a record.json, or a PDF exported by Decision Desk) and checks ' +
    'every signature against it and against the office seal the data folder pins (its certificates and revocation ' +
    'list); without a data folder no seal is trusted, so no signature is. Exit status 0 when everything holds, 1 ' +
    'when anything does not.',
  options: {},
  optionHelp: [],
  positionals: { min: 1, max: 1, names: 'FILE' },
  writes: false,
  async run(context) {
    const file = path.resolve(context.positionals[0]!);
    const bytes = readBinaryFile(file);
    const service = await verifier(context);
    const envelope = await dispatch(service, 'records.verifyFile', {
      fileName: path.basename(file),
      base64: bytes.toString('base64'),
    });
    if (!envelope.ok) throw new DeskError(envelope.error.code, `${context.positionals[0]}: ${envelope.error.message}`);
    const report = envelope.value as VerifyReport;
    if (context.json) {
      printJson(context, report);
    } else {
      context.print(`${report.reference ?? report.id}: ${report.valid ? 'VALID' : 'NOT VALID'}`);
      context.print(
        report.contentHashMatches
          ? `  Content: unchanged (SHA-256 ${report.contentHash})`
          : '  Content: CHANGED — it no longer matches the content hash recorded with it',
      );
      context.print(
        report.seal
          ? `  Checked against the office seal ${report.seal.name} (${report.seal.fingerprint})` +
              (report.revocationsAsOf
                ? `, revocations as of ${formatTimestamp(report.revocationsAsOf)}`
                : ', no revocation list held')
          : '  Checked against no office seal: this data folder pins none, so no signature can be trusted',
      );
      if (report.signatures.length === 0) context.print('  Signatures: none');
      for (const s of report.signatures) for (const line of signatureLines(s)) context.print(line);
      for (const missing of report.missing) context.print(`  Missing: ${missing}`);
      if (report.audit) context.print(`  Audit trail: ${report.audit.message}`);
      if (report.pdf) context.print(`  PDF seal: ${report.pdf.message}`);
    }
    return report.valid ? EXIT.ok : EXIT.failed;
  },
};
