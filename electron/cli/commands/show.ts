// `show`: one record, laid out like the printed form, or its record.json with --json.

import { call, type Command, EXIT } from '../command.ts';
import { recordJsonText, recordText } from '../format.ts';

export const showCommand: Command = {
  name: 'show',
  summary: 'Show one record in full',
  usage: '<id|reference>',
  description:
    'Shows every section of the record with the labels of the template version it was made with; with --json, the ' +
    'record as stored (export --format json writes its record.json with its template beside it).',
  options: {},
  optionHelp: [],
  positionals: { min: 1, max: 1, names: '<id|reference>' },
  writes: false,
  async run(context) {
    const desk = await context.openDesk();
    const record = await call(desk, 'records.get', { id: context.positionals[0]! });
    if (context.json) {
      context.print(recordJsonText(record).trimEnd());
    } else {
      context.print(recordText(record, await call(desk, 'templates.get', { record: record.id })));
    }
    return EXIT.ok;
  },
};
