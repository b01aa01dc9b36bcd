// The decision-desk program: reads the arguments, runs one command on the data folder, turns the outcome into an exit status.

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { type Desk, type DeskOptions, openDesk } from '../core/desk.ts';
import { NotFoundError, toErrorData } from '../core/domain/index.ts';
import { stderrLog } from '../core/log.ts';
import { DATABASE_FILE, defaultDataDir, resolveDataDir } from '../core/paths.ts';
import {
  type Command,
  type CommandContext,
  EXIT,
  type ExitCode,
  type OptionSpec,
  type OptionValues,
  UsageError,
} from './command.ts';
import { contentsCommand } from './commands/contents.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { listCommand } from './commands/list.ts';
import { newCommand } from './commands/new.ts';
import { publishPackCommand } from './commands/publish-pack.ts';
import { registerCommand } from './commands/register.ts';
import { showCommand } from './commands/show.ts';
import { syncCommand } from './commands/sync.ts';
import { enrolCommand, officeCommand, revokeCommand } from './commands/office.ts';
import { templateCommand } from './commands/template.ts';
import { verifyCommand } from './commands/verify.ts';
import { lateCommand, withdrawCommand } from './commands/publication.ts';
import {
  auditCommand,
  deleteCommand,
  paperCommand,
  restoreCommand,
  returnCommand,
  signCommand,
  submitCommand,
} from './commands/workflow.ts';

const PROGRAM = 'decision-desk';
const COMMANDS: readonly Command[] = [
  newCommand,
  listCommand,
  showCommand,
  exportCommand,
  importCommand,
  registerCommand,
  publishPackCommand,
  submitCommand,
  signCommand,
  paperCommand,
  returnCommand,
  deleteCommand,
  restoreCommand,
  auditCommand,
  withdrawCommand,
  lateCommand,
  verifyCommand,
  contentsCommand,
  syncCommand,
  officeCommand,
  enrolCommand,
  revokeCommand,
  templateCommand,
];

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  // Not options: known only to refuse them with the right advice (an argument shows in the process list).
  pin: { type: 'string' },
  passphrase: { type: 'string' },
} satisfies OptionSpec;

const GLOBAL_HELP: [string, string][] = [
  ['--data-dir DIR', `the data folder (else $DECISION_DESK_DATA, else ${defaultDataDir()})`],
  ['--json', 'machine-readable output: JSON on standard output'],
  ['-h, --help', 'show help'],
];

export interface CliStreams {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Up to `count` lines of standard input (PINs and passphrases are piped in); none when left out. */
  readLines?(count: number): Promise<string[]>;
}

/** What the program runs with besides its streams: the environment, and for tests the key files' scrypt costs. */
export interface CliOptions {
  env?: Readonly<Record<string, string | undefined>>;
  keys?: DeskOptions['keys'];
}

/** Lines of this process's standard input, read only as far as needed (a terminal is not read to its end). */
async function readStdinLines(count: number): Promise<string[]> {
  const lines: string[] = [];
  const reader = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of reader) {
      lines.push(line);
      if (lines.length >= count) break;
    }
  } finally {
    reader.close();
  }
  return lines;
}

const processStreams: CliStreams = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  readLines: readStdinLines,
};

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');

function columns(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

function usageLine(command: Command | undefined): string {
  return command
    ? `${PROGRAM} ${command.name} ${command.usage}`.trimEnd()
    : `${PROGRAM} [--data-dir DIR] [--json] <command> [options]`;
}

function programHelp(): string {
  return [
    `Usage: ${usageLine(undefined)}`,
    '',
    'Decision Desk on the command line: create, list, show, export, import, sign and verify Records of Decision.',
    '',
    'Commands:',
    ...columns(COMMANDS.map((command) => [command.name, command.summary])),
    '',
    'Options for every command:',
    ...columns(GLOBAL_HELP),
    '',
    `"${PROGRAM} <command> --help" explains a command.`,
    'Exit status: 0 done, 1 failed (the reason is on standard error), 2 incorrect usage.',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return [
    `Usage: ${usageLine(command)}`,
    '',
    command.description ?? command.summary,
    '',
    'Options:',
    ...columns([...command.optionHelp, ...GLOBAL_HELP]),
  ].join('\n');
}

interface Invocation {
  command: Command | undefined;
  /** `help <command>` or a bare `help`. */
  help: boolean;
  /** The arguments left once the command's name (and `help`) are taken out. */
  args: string[];
}

/** Finds the command: the first argument that is not a global option or its value. */
function findCommand(argv: readonly string[]): Invocation {
  const { tokens } = parseArgs({
    args: [...argv],
    options: GLOBAL_OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const [first, second] = tokens.filter((token) => token.kind === 'positional');
  if (!first) return { command: undefined, help: false, args: [...argv] };
  const help = first.value === 'help';
  const named = help ? second : first;
  const command = named && COMMANDS.find((candidate) => candidate.name === named.value);
  if (named && !command) throw new UsageError(`Unknown command "${named.value.slice(0, 40)}".`);
  const taken = new Set([first.index, ...(help && named ? [named.index] : [])]);
  return { command, help, args: argv.filter((_, index) => !taken.has(index)) };
}

/** parseArgs explains itself at length; the first sentence is the one a person needs. */
function shortParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${message.split(/\.\s|\n/)[0]!.replace(/\.$/, '')}.`;
}

function parseCommandLine(invocation: Invocation): { values: OptionValues; positionals: string[] } {
  const { command } = invocation;
  try {
    return parseArgs({
      args: invocation.args,
      options: { ...GLOBAL_OPTIONS, ...command?.options },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(shortParseError(error));
  }
}

function checkPositionals(command: Command, positionals: string[]): void {
  const { min, max, names } = command.positionals;
  if (positionals.length < min) throw new UsageError(`Missing ${names}.`);
  if (positionals.length > max) throw new UsageError(`Unexpected argument "${positionals[max]!.slice(0, 40)}".`);
}

/** Read-only commands never create a database: a mistyped folder should say so, not show an empty register. */
async function openDataFolder(
  dataDir: string,
  command: Command,
  positionals: readonly string[],
  streams: CliStreams,
  options: CliOptions,
): Promise<Desk> {
  const writes = typeof command.writes === 'function' ? command.writes(positionals) : command.writes;
  if (!writes && !fs.existsSync(path.join(dataDir, DATABASE_FILE))) {
    throw new NotFoundError(
      `There is no Decision Desk database in ${dataDir} (no ${DATABASE_FILE}). Check --data-dir or DECISION_DESK_DATA.`,
    );
  }
  // One-shot reads should not wait for a backup; a command that writes makes today's backup first, as the app does.
  const sync = command.sync === 'always' ? {} : command.sync;
  // A read-only command opens the file read-only: it never changes it, not even to migrate it.
  return openDesk(dataDir, {
    dailyBackup: writes,
    readOnly: !writes,
    sync,
    log: stderrLog(streams.stderr),
    ...(options.keys ? { keys: options.keys } : {}),
  });
}

function report(error: unknown, command: Command | undefined, streams: CliStreams): ExitCode {
  if (error instanceof UsageError) {
    streams.stderr(`${PROGRAM}: ${error.message}`);
    streams.stderr(`Usage: ${usageLine(command)}`);
    streams.stderr(`Run "${PROGRAM}${command ? ` ${command.name}` : ''} --help" for more.`);
    return EXIT.usage;
  }
  streams.stderr(`${PROGRAM}: ${oneLine(toErrorData(error).message)}`);
  return EXIT.failed;
}

async function runCommand(
  argv: readonly string[],
  streams: CliStreams,
  options: CliOptions,
  opened: { desk?: Desk; command?: Command },
) {
  const invocation = findCommand(argv);
  const { command } = invocation;
  opened.command = command;
  const { values, positionals } = parseCommandLine(invocation);
  if (invocation.help || values.help === true) {
    streams.stdout(command ? commandHelp(command) : programHelp());
    return EXIT.ok;
  }
  if (values.pin !== undefined || values.passphrase !== undefined) {
    throw new UsageError(
      'PINs and passphrases are never given as arguments (others can see them in the process list and shell history): ' +
        'use the --pin-stdin or --passphrase-stdin option, or the DECISION_DESK_PIN or DECISION_DESK_SEAL_PASSPHRASE variable.',
    );
  }
  if (!command) throw new UsageError('No command given.');
  checkPositionals(command, positionals);
  const dataDirFlag = values['data-dir'];
  if (dataDirFlag === '') throw new UsageError('--data-dir needs a folder.');
  const dataDir = resolveDataDir(typeof dataDirFlag === 'string' ? dataDirFlag : undefined);
  let linesRead = false;
  const context: CommandContext = {
    values,
    positionals,
    json: values.json === true,
    print: (text) => streams.stdout(text),
    warn: (text) => streams.stderr(oneLine(text)),
    openDesk: async () => (opened.desk ??= await openDataFolder(dataDir, command, positionals, streams, options)),
    hasDataFolder: () => fs.existsSync(path.join(dataDir, DATABASE_FILE)),
    env: options.env ?? process.env,
    readLines: async (count) => {
      if (linesRead) throw new UsageError('Standard input is read once.');
      linesRead = true;
      return streams.readLines ? (await streams.readLines(count)).map((line) => line.replace(/\r$/, '')) : [];
    },
  };
  return command.run(context);
}

/** Runs the program on `argv` (the arguments after the program's name) and returns the exit status. */
export async function runCli(
  argv: readonly string[],
  streams: CliStreams = processStreams,
  options: CliOptions = {},
): Promise<ExitCode> {
  const opened: { desk?: Desk; command?: Command } = {};
  let code: ExitCode;
  try {
    code = await runCommand(argv, streams, options, opened);
  } catch (error) {
    code = report(error, opened.command, streams);
  }
  try {
    await opened.desk?.close();
  } catch (error) {
    code = report(error, opened.command, streams);
  }
  return code;
}
