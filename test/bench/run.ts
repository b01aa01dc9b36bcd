// `npm run bench [-- --only store,… --records N]`: runs the benches, prints a table, then one JSON line of every number.

import os from 'node:os';
import Database from 'better-sqlite3';
import { type Bench, type BenchResult, formatTable, toJson } from './stats.ts';
/**
 * Each bench is a module of its own, imported only when it runs: the store bench's peak memory must not carry
 * playwright-core or LibreOffice helpers that only later benches load.
 */
const BENCHES: Record<string, Bench> = {
  store: async (args) =>
    (await import('./store.ts')).storeBench({ records: numberOption(args, '--records') ?? 50_000, seed: 20_180_919 }),
  export: async () => (await import('./export.ts')).exportBench(),
  renderer: async (args) =>
    (await import('./renderer.ts')).rendererBench({
      records: numberOption(args, '--records') ?? 50_000,
      seed: 20_180_919,
    }),
  trust: async () => (await import('./trust.ts')).trustBench(),
  pack: async (args) =>
    (await import('./pack.ts')).packBench({ records: numberOption(args, '--records') ?? 2_000, seed: 20_180_919 }),
  sync: async (args) =>
    (await import('./sync.ts')).syncBench({ published: numberOption(args, '--published') ?? 10_000, publish: 200 }),
};

function option(argv: readonly string[], name: string): string | undefined {
  const inline = argv.find((a) => a.startsWith(`${name}=`));
  if (inline) return inline.slice(name.length + 1);
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

function numberOption(argv: readonly string[], name: string): number | undefined {
  const value = option(argv, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0, not "${value}".`);
  return n;
}

function chosen(argv: readonly string[]): string[] {
  const list = option(argv, '--only');
  if (list === undefined) return Object.keys(BENCHES);
  const names = list
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !Object.hasOwn(BENCHES, n));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`Unknown bench "${unknown[0] ?? list}". Choose from: ${Object.keys(BENCHES).join(', ')}.`);
  }
  return names;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const names = chosen(args);
  const results: BenchResult[] = [];
  for (const name of names) {
    process.stderr.write(`bench ${name}…\n`);
    results.push(await BENCHES[name]!(args));
  }
  const sqlite = (new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  console.log(formatTable(results));
  console.log(
    JSON.stringify(
      toJson(results, {
        at: new Date().toISOString(),
        node: process.version,
        sqlite,
        platform: `${process.platform}-${process.arch}`,
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model ?? 'unknown',
      }),
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
