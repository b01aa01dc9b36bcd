// Sign-off from the command line: submit, sign (with the signatory's key and PIN), record a paper signature, return
// to draft, the audit trail, and deleting a draft to the bin and restoring it.

import path from 'node:path';
import { checkAuditChain, DeskError, type TrustStatus } from '../../core/domain/index.ts';
import { call, type Command, EXIT, printJson, stringOption, UsageError } from '../command.ts';
import { PIN, PIN_HELP, PIN_OPTIONS, readSecrets } from '../secrets.ts';
import { inFile, readBinaryFile, readJsonFile } from '../../core/files.ts';
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
    else
      context.print('Submitted: awaiting signatures. Its reference is pending until the shared folder can be reached.');
    return EXIT.ok;
  },
};

export const signCommand: Command = {
  name: 'sign',
  summary: 'Sign a record for one signatory with their key and PIN (drawn as a PNG, or typed)',
  usage:
    '<id|reference> --role ROLE --name NAME (--image FILE.png | --typed) [--comments TEXT] [--strokes FILE.json] [--key KEYID] [--pin-stdin]',
  description:
    'Adds the signature of ROLE (e.g. chief-finance-officer, chief-executive, commissioner), made with the key enrolled ' +
    'for NAME on this device and opened with their PIN ($DECISION_DESK_PIN, or the first line of standard input with ' +
    '--pin-stdin). The officers sign in either order and the Commissioner last; when the Commissioner signs, the record ' +
    'is decided. --typed signs without a drawing, for a signatory who cannot use the pen.',
  options: {
    role: { type: 'string' },
    name: { type: 'string' },
    image: { type: 'string' },
    typed: { type: 'boolean' },
    comments: { type: 'string' },
    strokes: { type: 'string' },
    key: { type: 'string' },
    ...PIN_OPTIONS,
  },
  optionHelp: [
    ['--role ROLE', 'the signatory role, as in the office template'],
    ['--name NAME', 'the name of the person signing: the person enrolled for the role on this device'],
    ['--image FILE.png', 'the signature as a PNG (at most 2 MB and 4000 pixels a side)'],
    ['--typed', 'sign by name and PIN alone, with no image'],
    [
      '--comments TEXT',
      'the signatory’s comments, printed with the signature (without it, those already on the record stay)',
    ],
    ['--strokes FILE.json', 'the pen strokes the image was drawn from, if there are any'],
    ['--key KEYID', 'which of this device’s keys for the role (office status lists them); else the one there is'],
    PIN_HELP,
  ],
  positionals: recordArgument,
  writes: true,
  sync: 'when-configured',
  async run(context) {
    const role = stringOption(context.values, 'role');
    const name = stringOption(context.values, 'name');
    const image = stringOption(context.values, 'image');
    const typed = context.values.typed === true;
    if (!role || !name) throw new UsageError('--role and --name are both required.');
    if (typed === (image !== undefined)) throw new UsageError('Give either --image FILE.png or --typed.');
    const strokesFile = stringOption(context.values, 'strokes');
    if (typed && strokesFile) throw new UsageError('A typed signature has no strokes: leave --strokes out.');
    const png = image === undefined ? null : readBinaryFile(path.resolve(image));
    const strokes = strokesFile ? inFile(strokesFile, () => readJsonFile(path.resolve(strokesFile))) : [];
    const [pin] = await readSecrets(context, [PIN]);
    const desk = await context.openDesk();
    const record = await call(desk, 'records.get', { id: context.positionals[0]! });
    const keyId = stringOption(context.values, 'key');
    const signed = await call(desk, 'records.sign', {
      id: record.id,
      role,
      name,
      // Without --comments the comments already on the record stay.
      comments: stringOption(context.values, 'comments'),
      method: typed ? 'typed' : 'drawn',
      image: png && `data:image/png;base64,${png.toString('base64')}`,
      strokes: strokes as never,
      pin: pin!,
      ...(keyId ? { keyId } : {}),
    });
    if (context.json) printJson(context, signed);
    else
      context.print(
        `Signed ${signed.reference ?? signed.id} as ${role}${signed.status === 'decided' ? ': the record is decided.' : '.'}`,
      );
    return EXIT.ok;
  },
};

/** The recorder's key: the one named, else the one recorder key on this device (several: say which to choose). */
function recorderKey(status: TrustStatus, chosen: string | undefined): string {
  if (chosen) return chosen;
  const recorders = status.keys.filter((k) => k.kind === 'recorder' && k.usable);
  if (recorders.length === 1) return recorders[0]!.id;
  if (recorders.length === 0) {
    throw new DeskError(
      'not-allowed',
      'This device has no recorder’s key to record a paper signature with: enrol one with "decision-desk enrol --recorder --name NAME", or name a signatory’s key with --recorder KEYID.',
    );
  }
  throw new UsageError(
    `This device has ${recorders.length} recorders’ keys (${recorders.map((k) => `${k.name}: ${k.id}`).join(', ')}): choose one with --recorder KEYID.`,
  );
}

export const paperCommand: Command = {
  name: 'paper',
  summary: 'Record a signature made by hand on the printed form, with the recorder’s key and PIN',
  usage:
    '<id|reference> --role ROLE --name NAME --signed-on YYYY-MM-DD [--scan FILE.png] [--comments TEXT] [--recorder KEYID] [--pin-stdin]',
  description:
    'Records that NAME signed the printed form for ROLE on the day given (between the day of submission and today). ' +
    'The person recording it signs the record of it with their own key on this device: the one recorder key, or ' +
    'the key named by --recorder; their PIN comes from $DECISION_DESK_PIN, or standard input with --pin-stdin.',
  options: {
    role: { type: 'string' },
    name: { type: 'string' },
    'signed-on': { type: 'string' },
    scan: { type: 'string' },
    comments: { type: 'string' },
    recorder: { type: 'string' },
    ...PIN_OPTIONS,
  },
  optionHelp: [
    ['--role ROLE', 'the signatory role, as in the office template'],
    ['--name NAME', 'the name of the person who signed on paper'],
    ['--signed-on YYYY-MM-DD', 'the day they signed'],
    ['--scan FILE.png', 'a scan of the signed page, if there is one'],
    ['--comments TEXT', 'the signatory’s comments (without it, those already on the record stay)'],
    ['--recorder KEYID', 'the recording person’s key (office status lists them); else the one recorder key'],
    PIN_HELP,
  ],
  positionals: recordArgument,
  writes: true,
  sync: 'when-configured',
  async run(context) {
    const role = stringOption(context.values, 'role');
    const name = stringOption(context.values, 'name');
    const signedOn = stringOption(context.values, 'signed-on');
    if (!role || !name || !signedOn) throw new UsageError('--role, --name and --signed-on are all required.');
    const scanFile = stringOption(context.values, 'scan');
    const scan = scanFile === undefined ? null : readBinaryFile(path.resolve(scanFile));
    const [pin] = await readSecrets(context, [PIN]);
    const desk = await context.openDesk();
    const record = await call(desk, 'records.get', { id: context.positionals[0]! });
    const recorderKeyId = recorderKey(await call(desk, 'trust.status', {}), stringOption(context.values, 'recorder'));
    const signed = await call(desk, 'records.paperSignature', {
      id: record.id,
      role,
      name,
      comments: stringOption(context.values, 'comments'),
      signedOn,
      scan: scan && `data:image/png;base64,${scan.toString('base64')}`,
      recorderKeyId,
      pin: pin!,
    });
    if (context.json) printJson(context, signed);
    else {
      const recordedBy = signed.signOffs.find((s) => s.role === role)?.signature?.recordedBy ?? 'you';
      context.print(
        `Recorded the paper signature of ${role} on ${signed.reference ?? signed.id} (recorded by ${recordedBy})${signed.status === 'decided' ? ': the record is decided.' : '.'}`,
      );
    }
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
  description:
    'Moves the draft out of the register and search into the bin; `restore` puts it back. A record that has had a reference is never deleted.',
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
