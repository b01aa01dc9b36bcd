// What every CLI command is made of: its options and help, the context it runs in, and the typed call to the service.

import type { ParseArgsConfig } from 'node:util';
import { type MethodInput, type MethodResult, type Method } from '../contract.ts';
import type { Desk } from '../core/desk.ts';
import { DeskError } from '../core/domain/index.ts';
import { dispatch } from '../core/service.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Bad usage (unknown command or option, missing argument, a value out of range): exit 2 with a usage hint. */
export class UsageError extends DeskError {
  override name = 'UsageError';
  constructor(message: string) {
    super('invalid-input', message);
  }
}

export interface CommandContext {
  values: OptionValues;
  positionals: string[];
  json: boolean;
  /** Writes one line (or a block ending without a newline) to standard output. */
  print(text: string): void;
  /** Writes one line to standard error (a message with line breaks is joined into one). */
  warn(text: string): void;
  /** Opens the data folder; the program closes it (and waits for any backup) when the command ends. */
  openDesk(): Promise<Desk>;
  /** Whether a data folder (its database) exists, for commands that can work without one (verify). */
  hasDataFolder(): boolean;
  /** The environment (PINs and passphrases may come from it: see secrets.ts). */
  env: Readonly<Record<string, string | undefined>>;
  /** The next `count` lines of standard input, fewer at its end; once per command. */
  readLines(count: number): Promise<string[]>;
}

export interface Command {
  name: string;
  summary: string;
  /** The arguments after the command name, e.g. "<id|reference>". */
  usage: string;
  description?: string;
  options: OptionSpec;
  /** One line per option for --help: [flags, explanation]. */
  optionHelp: [string, string][];
  positionals: { min: number; max: number; names: string };
  /** Commands that change the database make the daily backup; read-only ones do not wait for it. By subcommand for `office`. */
  writes: boolean | ((positionals: readonly string[]) => boolean);
  /**
   * Whether the command works with the shared folder: 'always' (sync), or 'when-configured' (submitting and signing
   * claim references and hand records over only once Settings name a shared folder).
   */
  sync?: 'always' | 'when-configured';
  run(context: CommandContext): Promise<ExitCode>;
}

/** Calls the service through the same contract check every transport uses; a failure becomes a thrown DeskError. */
export async function call<M extends Method>(desk: Desk, method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const envelope = await dispatch(desk.service, method, input);
  if (!envelope.ok) throw new DeskError(envelope.error.code, envelope.error.message);
  return envelope.value as MethodResult<M>;
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function stringsOption(values: OptionValues, name: string): string[] | undefined {
  const value = values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** A value that must be one of a fixed list: anything else is bad usage naming the choices. */
export function choiceOption<T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of: ${choices.join(', ')} (not "${value.slice(0, 40)}").`);
  }
  return value as T;
}

export function wholeNumberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value.trim()))
    throw new UsageError(`--${name} must be a whole number (not "${value.slice(0, 40)}").`);
  return Number(value.trim());
}

export function printJson(context: CommandContext, value: unknown): void {
  context.print(JSON.stringify(value, null, 2));
}
