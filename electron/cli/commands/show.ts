// `show`: one record, laid out like the printed form, or its record.json with --json.

import { call, type Command, EXIT } from '../command.ts';
import { recordJsonText, recordText } from '../format.ts';

export const showCommand: Command = {
  name: 'show',
  summary: 'Show one record in full',
  usage: '<id|reference>',
  description: 'Shows every section of the record with the office template’s labels; with --json, its record.json.',
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
      const { template } = await call(desk, 'settings.get', {});
      context.print(recordText(record, template));
    }
    return EXIT.ok;
  },
};
