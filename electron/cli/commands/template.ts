// `template`: the office template as one file (export it for IT, import IT's or a shipped one), the templates shipped
// with the app, and the versions this device holds.

import path from 'node:path';
import { type ShippedTemplate, TEMPLATE_FILE_BYTES } from '../../contract.ts';
import { openMemoryDatabase } from '../../core/db/connection.ts';
import { DeskError, InvalidInputError } from '../../core/domain/index.ts';
import { createService, dispatch } from '../../core/service.ts';
import { call, type Command, type CommandContext, EXIT, printJson, stringOption, UsageError } from '../command.ts';
import { inFile, readBinaryFile, writeFileAtomic } from '../../core/files.ts';
import { formatTimestamp, renderTable } from '../format.ts';

const SUBCOMMANDS = ['export', 'import', 'shipped', 'versions'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

function readTemplateText(file: string): string {
  return inFile(file, () => {
    const bytes = readBinaryFile(file);
    if (bytes.byteLength > TEMPLATE_FILE_BYTES) {
      throw new InvalidInputError(
        `the file is too large for a template (${Math.round(bytes.byteLength / 1024)} KB; at most ${TEMPLATE_FILE_BYTES / 1024 / 1024} MB)`,
      );
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new InvalidInputError('the file is not UTF-8 text');
    }
  });
}

async function exportTemplate(context: CommandContext, file: string): Promise<void> {
  const hash = stringOption(context.values, 'hash');
  const exported = await call(
    await context.openDesk(),
    'templates.export',
    hash === undefined ? {} : { hash: hash.trim().toLowerCase() },
  );
  const target = path.resolve(file);
  writeFileAtomic(target, Buffer.from(exported.base64, 'base64'));
  if (context.json) printJson(context, { file: target });
  else context.print(`Wrote ${target}`);
}

async function importTemplate(context: CommandContext, file: string | undefined): Promise<void> {
  const shipped = stringOption(context.values, 'shipped');
  if ((file === undefined) === (shipped === undefined))
    throw new UsageError('Give either FILE or --shipped ID: template import FILE.');
  const desk = await context.openDesk();
  const before = (await call(desk, 'settings.get', {})).template;
  const settings = await call(
    desk,
    'templates.import',
    shipped !== undefined ? { shipped } : { text: readTemplateText(file!) },
  );
  const { template } = settings;
  if (context.json) printJson(context, { id: template.id, version: template.version, officeName: template.officeName });
  else {
    const same = before.id === template.id && before.version === template.version;
    context.print(
      same
        ? `The office template is ${template.id} version ${template.version} (${template.officeName}) already: nothing changed.`
        : `The office template is now ${template.id} version ${template.version} (${template.officeName}). Records made before keep the version they were made with.`,
    );
  }
}

export const templateCommand: Command = {
  name: 'template',
  summary:
    'The office template as one file: export it, import IT’s or a shipped one, list the shipped ones and the versions held',
  usage: 'export FILE [--hash HASH] | import FILE | import --shipped ID | shipped | versions',
  description:
    'export writes the office template to FILE as one JSON file (decision-desk/template@1: the form and its version, ' +
    'never the seal) for IT to roll out; with --hash, that version as this device holds it. import makes the template ' +
    'in FILE (or, with --shipped ID, one shipped with the app) the office template, checked as a whole first: a ' +
    'refusal names the field. The pinned seal stays, and records made before keep the version they were made with; a ' +
    'changed form whose version was not raised gets the next version number. shipped lists the templates shipped with ' +
    'the app; versions lists the versions this device holds.',
  options: { hash: { type: 'string' }, shipped: { type: 'string' } },
  optionHelp: [
    ['--hash HASH', 'export: the version with this hash (templates versions shows them) instead of the current one'],
    ['--shipped ID', 'import: the template shipped with the app with this id (template shipped lists them)'],
  ],
  positionals: { min: 1, max: 2, names: 'export FILE, import FILE, shipped or versions' },
  writes: (positionals) => positionals[0] === 'import',
  async run(context) {
    const sub = context.positionals[0] as Subcommand;
    if (!SUBCOMMANDS.includes(sub))
      throw new UsageError(`template takes export FILE, import FILE, shipped or versions (not "${sub.slice(0, 40)}").`);
    const file = context.positionals[1];
    if (sub === 'export' && !file) throw new UsageError('Missing FILE: template export FILE.');
    if ((sub === 'shipped' || sub === 'versions') && file)
      throw new UsageError(`Unexpected argument "${file.slice(0, 40)}".`);
    if (sub !== 'export' && context.values.hash !== undefined) throw new UsageError('--hash is for template export.');
    if (sub !== 'import' && context.values.shipped !== undefined)
      throw new UsageError('--shipped is for template import.');
    if (sub === 'export') await exportTemplate(context, file!);
    else if (sub === 'import') await importTemplate(context, file);
    else if (sub === 'shipped') {
      // Needs no data folder: what ships with the app is the same everywhere.
      const envelope = await dispatch(
        context.hasDataFolder() ? (await context.openDesk()).service : createService({ db: openMemoryDatabase() }),
        'templates.shipped',
        {},
      );
      if (!envelope.ok) throw new DeskError(envelope.error.code, envelope.error.message);
      const shipped = envelope.value as ShippedTemplate[];
      if (context.json) printJson(context, shipped);
      else
        context.print(
          renderTable(
            ['Id', 'Office', 'What it shows'],
            shipped.map((t) => [t.id, t.officeName, t.description]),
          ),
        );
    } else {
      const versions = await call(await context.openDesk(), 'templates.versions', {});
      if (context.json) printJson(context, versions);
      else {
        context.print(
          renderTable(
            ['Template', 'Version', 'Hash', 'Held since', 'Use'],
            versions.map((v) => [
              v.id,
              String(v.version),
              v.hash.slice(0, 16),
              formatTimestamp(v.storedAt),
              [
                v.current ? 'new records' : '',
                v.legacy ? 'records from before versions' : '',
                v.damaged ? `DAMAGED: ${v.damaged}` : '',
              ]
                .filter(Boolean)
                .join('; '),
            ]),
          ),
        );
      }
    }
    return EXIT.ok;
  },
};
