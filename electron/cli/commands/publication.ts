// Publication from the command line: decided records late to be published, and withdrawing a published one.

import { call, type Command, EXIT, printJson, stringOption, UsageError } from '../command.ts';
import { renderTable } from '../format.ts';

export const lateCommand: Command = {
  name: 'late',
  summary: 'List decided records not yet published after the office’s number of days',
  usage: '',
  description:
    'The law asks each decision to be published as soon as practicable: this lists the decided records still unpublished more than the days set in the office template (publication.overdueDays), longest first. Exit status 0 either way.',
  options: {},
  optionHelp: [],
  positionals: { min: 0, max: 0, names: '' },
  writes: false,
  async run(context) {
    const desk = await context.openDesk();
    const late = await call(desk, 'records.late', {});
    if (context.json) printJson(context, late);
    else if (late.records.length === 0)
      context.print(`No decided record is unpublished after ${late.overdueDays} days.`);
    else {
      context.print(
        `${late.total} decided record${late.total === 1 ? ' is' : 's are'} not yet published after ${late.overdueDays} days:\n` +
          renderTable(
            ['Reference', 'Title', 'Decided', 'Days'],
            late.records.map((r) => [r.reference ?? r.id, r.title, r.decidedOn, String(r.days)]),
          ),
      );
    }
    return EXIT.ok;
  },
};

export const withdrawCommand: Command = {
  name: 'withdraw',
  summary: 'Withdraw a decided record from the public register, with the reason shown there',
  usage: '<id|reference> --reason TEXT',
  description:
    'The record stays on the register marked withdrawn, with the date and the reason; its signatures still hold for what was decided.',
  options: { reason: { type: 'string' } },
  optionHelp: [['--reason TEXT', 'why it is withdrawn (required; published with it and kept in the audit trail)']],
  positionals: { min: 1, max: 1, names: '<id|reference>' },
  writes: true,
  sync: 'when-configured',
  async run(context) {
    const reason = stringOption(context.values, 'reason');
    if (!reason?.trim()) throw new UsageError('--reason TEXT is required.');
    const desk = await context.openDesk();
    const withdrawn = await call(desk, 'records.withdraw', { id: context.positionals[0]!, reason });
    if (context.json) printJson(context, withdrawn);
    else context.print(`Withdrew ${withdrawn.reference ?? withdrawn.id}: ${reason.trim()}`);
    return EXIT.ok;
  },
};
