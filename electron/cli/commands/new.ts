// `new`: creates a record, empty or from a JSON file (a whole record.json or just its content fields).

import { assertRecordFormat, InvalidInputError, type RecordPatch, readContentFile } from '../../core/domain/index.ts';
import { call, type Command, EXIT, printJson, stringOption } from '../command.ts';
import { inFile, readJsonFile } from '../../core/files.ts';

/**
 * record.json fields a new record always gets afresh (or, for sign-offs and template, from this office's settings:
 * a new record is made with the office's template as it is now, whatever version the file names or carries).
 */
const FRESH_FIELDS = new Set([
  'format',
  'id',
  'revision',
  'contentHash',
  'createdAt',
  'updatedAt',
  'status',
  'signOffs',
  'template',
  'templateHash',
  'officeTemplate',
]);

interface NewRecordInput {
  content: RecordPatch;
  reference?: string | null;
}

/** The content of a record.json or of an object with some content fields, read as import reads a content-only file. */
function readNewRecordFile(file: string): NewRecordInput {
  return inFile(file, () => {
    const raw = readJsonFile(file);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new InvalidInputError('expected a JSON object: a record.json or some of its content fields');
    }
    if ('format' in raw && raw.format !== null) assertRecordFormat(raw.format);
    const fields = Object.fromEntries(Object.entries(raw).filter(([key]) => !FRESH_FIELDS.has(key)));
    const { content, reference } = readContentFile(fields);
    return { content, reference };
  });
}

export const newCommand: Command = {
  name: 'new',
  summary: 'Create a record and print its id',
  usage: '[--from FILE]',
  description:
    'Creates a draft record. With --from, its content comes from a JSON file: a record.json (its id, revision, ' +
    'status, sign-offs, template version and times are ignored; a new id and hash are made) or an object with some of the ' +
    'content fields, where null stands for an empty field. A reference in the file is kept unless another record ' +
    'already has it.',
  options: { from: { type: 'string' } },
  optionHelp: [['--from FILE', 'take the content from a record.json or a JSON object of content fields']],
  positionals: { min: 0, max: 0, names: '' },
  writes: true,
  async run(context) {
    const from = stringOption(context.values, 'from');
    const input: NewRecordInput = from === undefined ? { content: {} } : readNewRecordFile(from);
    const desk = await context.openDesk();
    const record = await call(desk, 'records.create', input);
    if (context.json) printJson(context, record);
    else context.print(record.id);
    return EXIT.ok;
  },
};
