// The office's trust from the command line: its seal (made here or imported from IT's .p12), its status on this
// device, enrolling signatories and recorders, and revoking a certificate. Secrets never come as arguments.

import path from 'node:path';
import type { CertificateView, DeviceKeyView, TrustStatus } from '../../core/domain/index.ts';
import {
  call,
  choiceOption,
  type Command,
  type CommandContext,
  EXIT,
  printJson,
  stringOption,
  UsageError,
} from '../command.ts';
import { readBinaryFile } from '../../core/files.ts';
import { formatTimestamp, renderTable } from '../format.ts';
import {
  P12_PASSPHRASE,
  PASSPHRASE_HELP,
  PASSPHRASE_OPTIONS,
  PIN,
  PIN_HELP,
  PIN_OPTIONS,
  readSecrets,
  SEAL_PASSPHRASE,
} from '../secrets.ts';

const SUBCOMMANDS = ['init', 'import', 'status'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

/** Certificates are named by the start of their fingerprint, as Verify prints them. */
export const shortFingerprint = (fingerprint: string) => fingerprint.slice(0, 16);

const NO_SEAL =
  'The office has no seal on this device yet: create one with "decision-desk office init", or import the one IT ' +
  'issued with "decision-desk office import FILE.p12".';

function keyState(key: DeviceKeyView, at: string): string {
  if (key.certificate?.revokedAt) return `revoked ${formatTimestamp(key.certificate.revokedAt)}`;
  if (key.disabled) return 'disabled (too many wrong PINs): enrol again';
  if (key.lockedUntil && key.lockedUntil > at)
    return `waiting after wrong PINs until ${formatTimestamp(key.lockedUntil)}`;
  if (key.kind === 'seal') return key.certificate ? 'the seal\u2019s key' : 'no certificate';
  if (key.usable) return key.kind === 'publisher' ? 'can publish' : 'can sign';
  return 'cannot sign: expired, or not certified by the pinned seal';
}

function certificateState(certificate: CertificateView, at: string): string {
  if (certificate.revokedAt) return `revoked ${formatTimestamp(certificate.revokedAt)}`;
  if (certificate.notAfter < at) return 'expired';
  return 'valid';
}

function statusText(status: TrustStatus, at: string): string[] {
  const lines: string[] = [];
  if (!status.pinned) lines.push(NO_SEAL);
  else if (!status.seal)
    lines.push(
      `The template pins the seal ${status.pinned}, but this device does not hold its certificate yet (it comes with the next sync).`,
    );
  else {
    lines.push(`Office seal: ${status.seal.name}`);
    lines.push(`  Fingerprint: ${status.seal.fingerprint}`);
    lines.push(`  Valid: ${formatTimestamp(status.seal.notBefore)} to ${formatTimestamp(status.seal.notAfter)}`);
    lines.push(
      `  Its key: ${status.seal.onThisDevice ? 'on this device (enrol and revoke here)' : 'not on this device'}`,
    );
  }
  lines.push(
    `Revocation list: ${status.revocationsAsOf ? `as of ${formatTimestamp(status.revocationsAsOf)}` : 'none yet'}`,
  );
  lines.push('', 'Keys on this device:');
  lines.push(
    status.keys.length === 0
      ? '  (none)'
      : renderTable(
          ['Key id', 'Kind', 'Name', 'Role', 'Certificate', 'State'],
          status.keys.map((k) => [
            k.id,
            k.kind,
            k.name,
            k.role ?? '',
            k.certificate ? shortFingerprint(k.certificate.fingerprint) : '',
            keyState(k, at),
          ]),
        ),
  );
  lines.push('', 'Certificates this device believes:');
  lines.push(
    status.certificates.length === 0
      ? '  (none)'
      : renderTable(
          ['Fingerprint', 'Kind', 'Name', 'Role', 'Valid until', 'State'],
          status.certificates.map((c) => [
            shortFingerprint(c.fingerprint),
            c.kind ?? 'unknown',
            c.name,
            c.role ?? '',
            formatTimestamp(c.notAfter),
            certificateState(c, at),
          ]),
        ),
  );
  const revoked = status.certificates.filter((c) => c.revokedAt);
  lines.push(
    '',
    `Revocations: ${revoked.length === 0 ? 'none' : revoked.map((c) => `${c.name} (${shortFingerprint(c.fingerprint)}, ${c.kind ?? 'unknown'}) from ${formatTimestamp(c.revokedAt!)}`).join('; ')}`,
  );
  return lines;
}

function printStatus(context: CommandContext, status: TrustStatus) {
  if (context.json) printJson(context, status);
  else context.print(statusText(status, new Date().toISOString()).join('\n'));
}

export const officeCommand: Command = {
  name: 'office',
  summary: 'The office seal: create it (init), import IT’s (import FILE.p12), or show what this device trusts (status)',
  usage: 'init|import FILE.p12|status [--passphrase-stdin]',
  description:
    'init creates the office seal on this device and pins it in the office template: every signature is checked ' +
    'against it. Its key is kept under a passphrase of at least 12 characters, from $DECISION_DESK_SEAL_PASSPHRASE ' +
    'or the first line of standard input with --passphrase-stdin. import installs a seal IT issued as a .p12/.pfx ' +
    'file (a certification authority\u2019s certificate and key): its own passphrase comes from ' +
    '$DECISION_DESK_P12_PASSPHRASE, or with --passphrase-stdin the second line of standard input. status shows the seal, the keys on this ' +
    'device, the certificates it believes and the revocations.',
  options: { ...PASSPHRASE_OPTIONS },
  optionHelp: [PASSPHRASE_HELP],
  positionals: { min: 1, max: 2, names: 'init, import FILE.p12 or status' },
  writes: (positionals) => positionals[0] !== 'status',
  async run(context) {
    const sub = context.positionals[0] as Subcommand;
    if (!SUBCOMMANDS.includes(sub))
      throw new UsageError(`office takes init, import FILE.p12 or status (not "${sub.slice(0, 40)}").`);
    const file = context.positionals[1];
    if (sub === 'import' && !file) throw new UsageError('Missing FILE.p12: office import FILE.p12.');
    if (sub !== 'import' && file) throw new UsageError(`Unexpected argument "${file.slice(0, 40)}".`);
    if (sub === 'status') {
      printStatus(context, await call(await context.openDesk(), 'trust.status', {}));
      return EXIT.ok;
    }
    if (sub === 'init') {
      const [passphrase] = await readSecrets(context, [SEAL_PASSPHRASE]);
      const status = await call(await context.openDesk(), 'trust.createSeal', { passphrase: passphrase! });
      if (context.json) printJson(context, status);
      else {
        context.print(`Created the office seal for ${status.seal!.name}.`);
        context.print(`Fingerprint: ${status.seal!.fingerprint}`);
        context.print(
          'It is pinned in this device\u2019s office template. Enrol the signatories next: decision-desk enrol --role ROLE --name NAME.',
        );
      }
      return EXIT.ok;
    }
    const p12 = readBinaryFile(path.resolve(file!));
    const [passphrase, p12Passphrase] = await readSecrets(context, [SEAL_PASSPHRASE, P12_PASSPHRASE]);
    const status = await call(await context.openDesk(), 'trust.importSeal', {
      base64: p12.toString('base64'),
      p12Passphrase: p12Passphrase!,
      passphrase: passphrase!,
    });
    if (context.json) printJson(context, status);
    else {
      context.print(`Imported the office seal ${status.seal!.name} from ${file}.`);
      context.print(`Fingerprint: ${status.seal!.fingerprint}`);
      context.print(
        'It is pinned in this device\u2019s office template; its key is kept here under the new passphrase.',
      );
    }
    return EXIT.ok;
  },
};

export const enrolCommand: Command = {
  name: 'enrol',
  summary: 'Give a signatory (or a recorder of paper signatures) a key on this device, certified by the seal',
  usage: '(--role ROLE | --recorder) --name NAME [--pin-stdin] [--passphrase-stdin]',
  description:
    'Makes a key on this device for NAME, kept under their PIN (at least 6 characters: $DECISION_DESK_PIN, or ' +
    'standard input with --pin-stdin), and has the office seal certify it for ROLE (or as a recorder of paper ' +
    'signatures), which needs the seal\u2019s passphrase ($DECISION_DESK_SEAL_PASSPHRASE, or standard input with ' +
    '--passphrase-stdin). With both on standard input, the passphrase is the first line and the PIN the second.',
  options: {
    role: { type: 'string' },
    recorder: { type: 'boolean' },
    name: { type: 'string' },
    ...PIN_OPTIONS,
    ...PASSPHRASE_OPTIONS,
  },
  optionHelp: [
    ['--role ROLE', 'the signatory role, as in the office template'],
    ['--recorder', 'a key for recording paper signatures instead of signing'],
    ['--name NAME', 'the person\u2019s name, as they will sign'],
    PIN_HELP,
    PASSPHRASE_HELP,
  ],
  positionals: { min: 0, max: 0, names: '' },
  writes: true,
  async run(context) {
    const role = stringOption(context.values, 'role');
    const recorder = context.values.recorder === true;
    const name = stringOption(context.values, 'name');
    if (recorder === (role !== undefined)) throw new UsageError('Give either --role ROLE or --recorder.');
    if (!name?.trim()) throw new UsageError('--name NAME is required.');
    const [sealPassphrase, pin] = await readSecrets(context, [SEAL_PASSPHRASE, PIN]);
    const desk = await context.openDesk();
    const before = new Set((await call(desk, 'trust.status', {})).keys.map((k) => k.id));
    const status = await call(desk, 'trust.enrol', {
      kind: recorder ? 'recorder' : 'signatory',
      role: role ?? null,
      name,
      pin: pin!,
      sealPassphrase: sealPassphrase!,
    });
    const key = status.keys.find((k) => !before.has(k.id))!;
    if (context.json) printJson(context, key);
    else {
      context.print(
        `Enrolled ${key.name} ${recorder ? 'as a recorder of paper signatures' : `as ${key.role}`} on this device: key ${key.id}, ` +
          `certificate ${shortFingerprint(key.certificate!.fingerprint)}, valid until ${formatTimestamp(key.certificate!.notAfter)}.`,
      );
    }
    return EXIT.ok;
  },
};

const REASONS = ['key-compromise', 'superseded', 'cessation-of-operation', 'unspecified'] as const;

export const revokeCommand: Command = {
  name: 'revoke',
  summary: 'Revoke a certificate from now (a lost tablet, someone leaving)',
  usage: 'FINGERPRINT [--reason REASON] [--passphrase-stdin]',
  description:
    'Revokes the certificate whose SHA-256 fingerprint is FINGERPRINT (or starts with it: at least 8 hexadecimal ' +
    'digits, as office status shows them). The seal signs a new revocation list, which needs its passphrase ' +
    '($DECISION_DESK_SEAL_PASSPHRASE, or standard input with --passphrase-stdin); signatures the key makes from now ' +
    'on are refused wherever the list reaches.',
  options: { reason: { type: 'string' }, ...PASSPHRASE_OPTIONS },
  optionHelp: [['--reason REASON', `why: ${REASONS.join(', ')} (default unspecified)`], PASSPHRASE_HELP],
  positionals: { min: 1, max: 1, names: 'FINGERPRINT' },
  writes: true,
  async run(context) {
    const given = context.positionals[0]!.trim().toLowerCase();
    if (!/^[0-9a-f]{8,64}$/.test(given)) {
      throw new UsageError(
        'FINGERPRINT must be a certificate\u2019s SHA-256 fingerprint, or at least its first 8 hexadecimal digits.',
      );
    }
    const reason = choiceOption('reason', stringOption(context.values, 'reason'), REASONS) ?? 'unspecified';
    const [sealPassphrase] = await readSecrets(context, [SEAL_PASSPHRASE]);
    const desk = await context.openDesk();
    const matches = (await call(desk, 'trust.status', {})).certificates.filter((c) => c.fingerprint.startsWith(given));
    if (matches.length === 0)
      throw new UsageError(
        `No certificate this device knows has a fingerprint starting ${given}: see decision-desk office status.`,
      );
    if (matches.length > 1)
      throw new UsageError(`${matches.length} certificates have fingerprints starting ${given}: give more of it.`);
    const target = matches[0]!;
    const status = await call(desk, 'trust.revoke', {
      fingerprint: target.fingerprint,
      reason,
      sealPassphrase: sealPassphrase!,
    });
    const revoked = status.certificates.find((c) => c.fingerprint === target.fingerprint)!;
    if (context.json) printJson(context, revoked);
    else {
      context.print(
        `Revoked ${revoked.name}\u2019s ${revoked.kind ?? ''} certificate ${shortFingerprint(revoked.fingerprint)} (${reason}) from ` +
          `${formatTimestamp(revoked.revokedAt!)}. The next sync takes the revocation list to the shared folder.`,
      );
    }
    return EXIT.ok;
  },
};
