// `import`: reads record.json files into the database; a bad file is reported and the others still go in.

import { type ImportOutcome, toErrorData } from '../../core/domain/index.ts';
import { call, type Command, EXIT, printJson } from '../command.ts';
import { readJsonFile } from '../../core/files.ts';

type FileOutcome =
  ({ file: string } & ImportOutcome) | { file: string; action: 'failed'; error: { code: string; message: string } };

function describeOutcome(outcome: ImportOutcome): string {
  const name = outcome.reference ? `${outcome.reference} (${outcome.id})` : outcome.id;
  const line = `${outcome.action} ${name}, revision ${outcome.revision}`;
  if (outcome.action === 'skipped') return `${line}: ${outcome.reason}`;
  // A file with only the content fields becomes a new draft: say so, and what it did not give.
  return outcome.filled ? `${line}, a new draft; filled in: ${outcome.filled.join(', ')}` : line;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import record.json files',
  usage: 'FILE...',
  description:
    'Imports each record.json: a new record is created, a newer revision of a record replaces it, an older or ' +
    'equal one is skipped. A file with only the content fields (no id, status, revision, contentHash or times, as ' +
    'other tools write it) is always a new draft; the fields it left out are listed. Each file that cannot be imported is reported on standard error as "FILE: reason" ' +
    'and the others are still imported; the exit status is then 1.',
  options: {},
  optionHelp: [],
  positionals: { min: 1, max: Number.POSITIVE_INFINITY, names: 'FILE...' },
  writes: true,
  async run(context) {
    const desk = await context.openDesk();
    const outcomes: FileOutcome[] = [];
    for (const file of context.positionals) {
      try {
        const outcome = await call(desk, 'records.import', { record: readJsonFile(file) });
        outcomes.push({ file, ...outcome });
        if (!context.json) context.print(`${file}: ${describeOutcome(outcome)}`);
      } catch (error) {
        const { code, message } = toErrorData(error);
        outcomes.push({ file, action: 'failed', error: { code, message } });
        context.warn(`${file}: ${message}`);
      }
    }
    if (context.json) printJson(context, outcomes);
    return outcomes.some((outcome) => outcome.action === 'failed') ? EXIT.failed : EXIT.ok;
  },
};
