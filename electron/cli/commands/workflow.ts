// Sign-off from the command line: submit, sign (with a PNG of the signature), return to draft, the audit trail, and
// deleting a draft to the bin and restoring it.

import path from 'node:path';
import { checkAuditChain } from '../../core/domain/index.ts';
import { call, type Command, EXIT, printJson, stringOption, UsageError } from '../command.ts';
import { inFile, readBinaryFile, readJsonFile } from '../files.ts';
import { formatTimestamp, renderTable } from '../format.ts';

const recordArgument = { min: 1, max: 1, names: '<id|reference>' };

export const submitCommand: Command = {
  name: 'submit',
  summary: 'Submit a complete draft for signatures (assigns its reference)',
  usage: '<id|reference>',
  options: {},
  optionHelp: [],
  positionals: recordArgument,
  writes: true,
  sync: 'when-configured',
  async run(context) {
    const desk = await context.openDesk();
    const record = await call(desk, 'records.get', { id: context.positionals[0]! });
    const submitted = await call(desk, 'records.submit', { id: record.id, baseRevision: record.revision });
    if (context.json) printJson(context, submitted);
    else if (submitted.reference) context.print(`Submitted ${submitted.reference}: awaiting signatures.`);
    // With the shared folder out of reach no number is claimed yet: the next sync pass claims it.
    else context.print('Submitted: awaiting signatures. Its reference is pending until the shared folder can be reached.');
    return EXIT.ok;
  },
};

export const signCommand: Command = {
  name: 'sign',
  summary: 'Sign a record for one signatory with a PNG of the signature',
  usage: '<id|reference> --role ROLE --name NAME --image FILE.png [--comments TEXT] [--strokes FILE.json]',
  description:
    'Adds the signature of ROLE (e.g. chief-finance-officer, chief-executive, commissioner). The officers sign in ' +
    'either order and the Commissioner last; when the Commissioner signs, the record is decided.',
  options: {
    role: { type: 'string' },
    name: { type: 'string' },
    image: { type: 'string' },
    comments: { type: 'string' },
    strokes: { type: 'string' },
  },
  optionHelp: [
    ['--role ROLE', 'the signatory role, as in the office template'],
    ['--name NAME', 'the name of the person signing'],
    ['--image FILE.png', 'the signature as a PNG (at most 2 MB and 4000 pixels a side)'],
    ['--comments TEXT', 'the signatory’s comments, printed with the signature (without it, those already on the record stay)'],
    ['--strokes FILE.json', 'the pen strokes the image was drawn from, if there are any'],
  ],
  positionals: recordArgument,
  writes: true,
  sync: 'when-configured',
  async run(context) {
    const role = stringOption(context.values, 'role');
    const name = stringOption(context.values, 'name');
    const image = stringOption(context.values, 'image');
    if (!role || !name || !image) throw new UsageError('--role, --name and --image are all required.');
    const strokesFile = stringOption(context.values, 'strokes');
    const png = readBinaryFile(path.resolve(image));
    const strokes = strokesFile ? inFile(strokesFile, () => readJsonFile(path.resolve(strokesFile))) : [];
    const desk = await context.openDesk();
    const record = await call(desk, 'records.get', { id: context.positionals[0]! });
    const signed = await call(desk, 'records.sign', {
      id: record.id,
      role,
      name,
      // Without --comments the comments already on the record stay.
      comments: stringOption(context.values, 'comments'),
      image: `data:image/png;base64,${png.toString('base64')}`,
      strokes: strokes as never,
    });
    if (context.json) printJson(context, signed);
    else context.print(`Signed ${signed.reference ?? signed.id} as ${role}${signed.status === 'decided' ? ': the record is decided.' : '.'}`);
    return EXIT.ok;
  },
};

export const returnCommand: Command = {
  name: 'return',
  summary: 'Return a record awaiting signatures to draft (voids its signatures)',
  usage: '<id|reference> --reason TEXT',
  options: { reason: { type: 'string' } },
  optionHelp: [['--reason TEXT', 'why it goes back (required; kept in the audit trail)']],
  positionals: recordArgument,
  writes: true,
  sync: 'when-configured',
  async run(context) {
    const reason = stringOption(context.values, 'reason');
    if (!reason?.trim()) throw new UsageError('--reason TEXT is required.');
    const desk = await context.openDesk();
    const record = await call(desk, 'records.get', { id: context.positionals[0]! });
    const returned = await call(desk, 'records.returnToDraft', { id: record.id, reason });
    if (context.json) printJson(context, returned);
    else context.print(`Returned ${returned.reference ?? returned.id} to draft.`);
    return EXIT.ok;
  },
};

export const deleteCommand: Command = {
  name: 'delete',
  summary: 'Delete a draft that never had a reference to the bin (restorable)',
  usage: '<id>',
  description: 'Moves the draft out of the register and search into the bin; `restore` puts it back. A record that has had a reference is never deleted.',
  options: {},
  optionHelp: [],
  positionals: recordArgument,
  writes: true,
  async run(context) {
    const desk = await context.openDesk();
    const record = await call(desk, 'records.get', { id: context.positionals[0]! });
    const binned = await call(desk, 'records.delete', { id: record.id });
    if (context.json) printJson(context, binned);
    else context.print(`Deleted ${binned.id} to the bin (restore it with: decision-desk restore ${binned.id}).`);
    return EXIT.ok;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Restore a deleted draft from the bin to the register',
  usage: '<id>',
  options: {},
  optionHelp: [],
  positionals: recordArgument,
  writes: true,
  async run(context) {
    const desk = await context.openDesk();
    const record = await call(desk, 'records.get', { id: context.positionals[0]! });
    const restored = await call(desk, 'records.restoreFromBin', { id: record.id });
    if (context.json) printJson(context, restored);
    else context.print(`Restored ${restored.id} from the bin.`);
    return EXIT.ok;
  },
};

export const auditCommand: Command = {
  name: 'audit',
  summary: 'Show a record’s audit trail',
  usage: '<id|reference>',
  options: {},
  optionHelp: [],
  positionals: recordArgument,
  writes: false,
  async run(context) {
    const desk = await context.openDesk();
    const entries = await call(desk, 'records.audit', { id: context.positionals[0]! });
    if (context.json) {
      printJson(context, entries);
      return EXIT.ok;
    }
    const detail = (d: Record<string, unknown>) =>
      Object.entries(d)
        .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join('; ');
    context.print(
      renderTable(
        ['When', 'What', 'Who', 'Device', 'Revision', 'Content hash', 'Detail'],
        entries.map((e) => [
          formatTimestamp(e.at),
          e.action,
          e.actor,
          e.device,
          String(e.revision ?? ''),
          (e.contentHash ?? '').slice(0, 12),
          detail(e.detail),
        ]),
      ),
    );
    // Each entry carries the hash of the one before: an entry edited or removed in the database shows here.
    const chain = checkAuditChain(entries);
    context.print(chain.message);
    return chain.whole ? EXIT.ok : EXIT.failed;
  },
};
