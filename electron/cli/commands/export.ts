// `export`: writes one record to a file in a format from the table in exporters.ts.

import path from 'node:path';
import { call, type Command, EXIT, printJson, stringOption, UsageError } from '../command.ts';
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, exportFormatForFile, findExportFormat } from '../exporters.ts';
import { writeFileAtomic } from '../../core/files.ts';

export const exportCommand: Command = {
  name: 'export',
  summary: `Write a record to a file (${EXPORT_FORMAT_NAMES})`,
  usage: '<id|reference> [--format FORMAT] --out FILE',
  description: 'Writes the record to FILE, replacing it whole (a reader never sees half a file).',
  options: { format: { type: 'string' }, out: { type: 'string' } },
  optionHelp: [
    [
      '--format FORMAT',
      `${EXPORT_FORMATS.map((f) => `${f.name}: ${f.description}`).join('; ')} (default: from the file name)`,
    ],
    ['--out FILE', 'the file to write'],
  ],
  positionals: { min: 1, max: 1, names: '<id|reference>' },
  writes: false,
  async run(context) {
    const out = stringOption(context.values, 'out');
    if (!out) throw new UsageError('--out FILE is required.');
    const formatName = stringOption(context.values, 'format');
    const format = formatName === undefined ? exportFormatForFile(out) : findExportFormat(formatName);
    if (!format) {
      throw new UsageError(
        formatName === undefined
          ? `Name a format with --format (available: ${EXPORT_FORMAT_NAMES}).`
          : `Unknown export format "${formatName.slice(0, 40)}" (available: ${EXPORT_FORMAT_NAMES}).`,
      );
    }
    const desk = await context.openDesk();
    const record = await call(desk, 'records.get', { id: context.positionals[0]! });
    const file = path.resolve(out);
    writeFileAtomic(file, await format.render(desk, record));
    if (context.json) printJson(context, { id: record.id, reference: record.reference, format: format.name, file });
    else context.print(`Wrote ${file}`);
    return EXIT.ok;
  },
};
