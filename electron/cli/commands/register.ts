// `register`: the office's decision register as CSV, confidential titles hidden unless --full.

import path from 'node:path';
import { call, type Command, EXIT, printJson, stringOption, UsageError } from '../command.ts';
import { writeFileAtomic } from '../../core/files.ts';

export const registerCommand: Command = {
  name: 'register',
  summary: 'Write the decision register as CSV',
  usage: '[--full] --out FILE',
  description:
    'Writes every record that has a reference to FILE as CSV (reference, title, originator, classification, status, ' +
    'decision date, signatories). Confidential records show "Confidential" in place of the title unless --full.',
  options: { full: { type: 'boolean' }, out: { type: 'string' } },
  optionHelp: [
    ['--full', 'include the titles of confidential records (not for publication)'],
    ['--out FILE', 'the CSV file to write'],
  ],
  positionals: { min: 0, max: 0, names: '' },
  writes: false,
  async run(context) {
    const out = stringOption(context.values, 'out');
    if (!out) throw new UsageError('--out FILE is required.');
    const desk = await context.openDesk();
    const file = path.resolve(out);
    const csv = await call(desk, 'export.register', { full: context.values.full === true });
    writeFileAtomic(file, Buffer.from(csv.base64, 'base64'));
    if (context.json) printJson(context, { file, full: context.values.full === true });
    else context.print(`Wrote ${file}`);
    return EXIT.ok;
  },
};
