// PINs and passphrases on the command line: from an environment variable or a line of standard input, never from an
// argument (arguments show in the process list and the shell's history), and never printed.

import { type CommandContext, UsageError } from './command.ts';

export interface SecretSpec {
  /** What it is, for messages: "the PIN", "the seal's passphrase". */
  label: string;
  env: string;
  /** The flag that says it comes on standard input, e.g. "pin-stdin". */
  stdinFlag?: string;
}

export const PIN: SecretSpec = { label: 'the PIN', env: 'DECISION_DESK_PIN', stdinFlag: 'pin-stdin' };
export const SEAL_PASSPHRASE: SecretSpec = {
  label: 'the seal\u2019s passphrase',
  env: 'DECISION_DESK_SEAL_PASSPHRASE',
  stdinFlag: 'passphrase-stdin',
};
export const P12_PASSPHRASE: SecretSpec = {
  label: 'the .p12 file\u2019s passphrase',
  env: 'DECISION_DESK_P12_PASSPHRASE',
};

export const PIN_OPTIONS = { 'pin-stdin': { type: 'boolean' } } as const;
export const PASSPHRASE_OPTIONS = { 'passphrase-stdin': { type: 'boolean' } } as const;
export const PIN_HELP: [string, string] = [
  '--pin-stdin',
  'read the PIN from the first line of standard input (else $DECISION_DESK_PIN)',
];
export const PASSPHRASE_HELP: [string, string] = [
  '--passphrase-stdin',
  'read the seal\u2019s passphrase from the first line of standard input (else $DECISION_DESK_SEAL_PASSPHRASE)',
];

/**
 * The secrets asked for, in order. One named by its --…-stdin flag is the next line of standard input (so with two,
 * the first flag's is line 1 and the next line 2); else its environment variable; a secret with no flag (the .p12's
 * passphrase) takes the next line only when its variable is unset and lines were asked for already.
 */
export async function readSecrets(context: CommandContext, specs: readonly SecretSpec[]): Promise<string[]> {
  const fromStdin = specs.map((spec) => (spec.stdinFlag ? context.values[spec.stdinFlag] === true : false));
  const anyStdin = fromStdin.some(Boolean);
  const plan = specs.map((spec, i) => {
    if (fromStdin[i]) return 'stdin' as const;
    const value = context.env[spec.env];
    if (value !== undefined && value !== '') return 'env' as const;
    if (!spec.stdinFlag && anyStdin) return 'stdin' as const;
    return 'missing' as const;
  });
  const missing = specs.filter((_, i) => plan[i] === 'missing');
  if (missing.length > 0) {
    const how = (spec: SecretSpec) =>
      spec.stdinFlag ? `set ${spec.env} or pass --${spec.stdinFlag}` : `set ${spec.env}`;
    throw new UsageError(
      `${missing.map((spec) => `${capital(spec.label)} is needed: ${how(spec)}`).join('; ')}. It is never given as an argument.`,
    );
  }
  const wanted = plan.filter((p) => p === 'stdin').length;
  const lines = wanted > 0 ? await context.readLines(wanted) : [];
  let next = 0;
  return specs.map((spec, i) => {
    if (plan[i] === 'env') return context.env[spec.env]!;
    const line = lines[next++];
    if (line === undefined || line === '')
      throw new UsageError(
        `${capital(spec.label)} was to come on standard input, line ${next}, but that line is missing or empty.`,
      );
    return line;
  });
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
