// `verify`: checks a record.json, or an exported PDF's attached record, against its content hash and signatures.

import path from 'node:path';
import { openMemoryDatabase } from '../../core/db/connection.ts';
import { DeskError, type VerifyReport } from '../../core/domain/index.ts';
import { createService, dispatch } from '../../core/service.ts';
import { type Command, EXIT, printJson } from '../command.ts';
import { readBinaryFile } from '../files.ts';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check that a record.json or exported PDF is unchanged since it was signed',
  usage: 'FILE',
  description:
    'Recomputes the content hash of the record in FILE (a record.json, or a PDF exported by Decision Desk) and checks ' +
    'every signature against it. Exit status 0 when everything holds, 1 when anything does not.',
  options: {},
  optionHelp: [],
  positionals: { min: 1, max: 1, names: 'FILE' },
  writes: false,
  async run(context) {
    const file = path.resolve(context.positionals[0]!);
    const bytes = readBinaryFile(file);
    // Verifying needs no data folder: the file is checked on its own, with a private in-memory store.
    const service = createService({ db: openMemoryDatabase() });
    const envelope = await dispatch(service, 'records.verifyFile', { fileName: path.basename(file), base64: bytes.toString('base64') });
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
      if (report.signatures.length === 0) context.print('  Signatures: none');
      for (const s of report.signatures) {
        context.print(`  ${s.valid ? 'valid  ' : 'INVALID'}  ${s.role}: ${s.signedBy} (${s.method}, ${s.signedAt}): ${s.reason}`);
      }
    }
    return report.valid ? EXIT.ok : EXIT.failed;
  },
};
