// `list`: the register of records, filtered and sorted, as a table or JSON; --query searches the text.

import { contract, type MethodInput, RecordSortSchema } from '../../contract.ts';
import type { Desk } from '../../core/desk.ts';
import { Classification, RECORD_STATUSES } from '../../core/domain/index.ts';
import {
  call,
  choiceOption,
  type Command,
  EXIT,
  printJson,
  stringOption,
  stringsOption,
  UsageError,
  wholeNumberOption,
} from '../command.ts';
import { recordTable } from '../format.ts';

const SEARCH_SORTS = contract['records.search'].input.shape.sort.unwrap().options;

/** Checks the query against the contract first, so a value out of range (a year, a limit) is a usage error. */
function checkedQuery<M extends 'records.list' | 'records.search'>(method: M, input: MethodInput<M>) {
  const checked = contract[method].input.safeParse(input);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const option = issue.path[0] === 'text' ? 'query' : String(issue.path[0]);
    throw new UsageError(`--${option}: ${issue.message.toLowerCase()}.`);
  }
  return (desk: Desk) => call(desk, method, input);
}

export const listCommand: Command = {
  name: 'list',
  summary: 'List records: reference, title, status, last updated',
  usage: '[--status S] [--query TEXT] [--year N] [--classification C] [--sort KEY] [--limit N] [--bin]',
  description: 'Lists records, most recently updated first. Filters combine; --status may be given more than once.',
  options: {
    status: { type: 'string', multiple: true },
    query: { type: 'string' },
    year: { type: 'string' },
    classification: { type: 'string' },
    sort: { type: 'string' },
    limit: { type: 'string' },
    bin: { type: 'boolean' },
  },
  optionHelp: [
    ['--status S', `only records in this state: ${RECORD_STATUSES.join(', ')}`],
    ['--query TEXT', 'only records whose text contains these words'],
    ['--year N', 'only records of this year (the year in the reference, else the year created)'],
    ['--classification C', `${Classification.options.join(' or ')}`],
    ['--sort KEY', `${RecordSortSchema.options.join(', ')} (with --query also relevance); default updated`],
    ['--limit N', 'show at most N records (1 to 500; default 100)'],
    ['--bin', 'the drafts deleted to the bin instead, most recently deleted first'],
  ],
  positionals: { min: 0, max: 0, names: '' },
  writes: false,
  async run(context) {
    const { values } = context;
    const text = stringOption(values, 'query');
    const sort = stringOption(values, 'sort');
    const filters = {
      status: stringsOption(values, 'status')?.map((status) => choiceOption('status', status, RECORD_STATUSES)!),
      year: wholeNumberOption('year', stringOption(values, 'year')),
      classification: choiceOption('classification', stringOption(values, 'classification'), Classification.options),
      limit: wholeNumberOption('limit', stringOption(values, 'limit')),
    };
    const bin = values.bin === true;
    if (bin && text !== undefined)
      throw new UsageError('--bin lists the bin; search (--query) covers the register only.');
    const fetchPage =
      text === undefined
        ? checkedQuery('records.list', { ...filters, bin, sort: choiceOption('sort', sort, RecordSortSchema.options) })
        : checkedQuery('records.search', { ...filters, text, sort: choiceOption('sort', sort, SEARCH_SORTS) });
    const page = await fetchPage(await context.openDesk());
    if (context.json) {
      printJson(context, page);
    } else if (page.items.length === 0) {
      context.print('No records.');
    } else {
      context.print(recordTable(page.items));
      const capped = 'capped' in page && page.capped;
      if (page.total > page.items.length || capped) {
        const total = capped ? `more than ${page.total}` : String(page.total);
        context.print(
          `Showing ${page.items.length} of ${total} records; use --limit to show more (up to 500)${capped ? ', or narrow the search' : ''}.`,
        );
      }
    }
    return EXIT.ok;
  },
};
