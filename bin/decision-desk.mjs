#!/usr/bin/env node
// The decision-desk command: runs the command line built to JavaScript in out/cli (`npm run build:cli`, or
// `npm run build`). From the sources, in development, `npm run cli -- …` runs the same program through tsx.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../out/cli/main.js', import.meta.url);
if (!fs.existsSync(fileURLToPath(built))) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(
    `decision-desk: the command line is not built yet. Run \`npm run build:cli\` in ${root}, ` +
      'or `npm run cli -- <command>` there to run it from the sources.\n',
  );
  process.exit(1);
}
// main.js reads process.argv (unchanged: node, this file, the arguments) and sets process.exitCode.
await import(built.href);
