// `npm run web`: serves the desk in the browser. Options: --data-dir DIR, --port N (else the data folder's own), --no-open.

import { parseArgs } from 'node:util';
import { resolveDataDir } from '../core/paths.ts';
import { serveDesk, stopOnSignals } from './run.ts';

const USAGE = 'Usage: npm run web -- [--data-dir DIR] [--port N] [--no-open]';

/** Resolves to an exit code, or to undefined while the desk is being served. */
async function main(argv: string[]): Promise<number | undefined> {
  let values: { 'data-dir'?: string; port?: string; 'no-open'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'no-open': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(
      `--port must be a whole number from 0 to 65535 (0: the data folder's own port, or a free one).\n${USAGE}\n`,
    );
    return 2;
  }
  const served = await serveDesk({
    dataDir: resolveDataDir(values['data-dir']),
    port,
    open: !values['no-open'],
    sync: true,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  stopOnSignals(served);
  process.stdout.write(`Decision Desk is open at ${served.bridge.url} (Ctrl+C stops it).\n`);
  return undefined;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`Decision Desk could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
