#!/usr/bin/env node
// The decision-desk command: loads the TypeScript CLI through tsx's ESM API, so no build step is needed to run it.

import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's own tsconfig, wherever the command is run from (tsx would otherwise look in the working folder).
register({ tsconfig: fileURLToPath(new URL('../tsconfig.node.json', import.meta.url)) });
// main.ts reads process.argv (unchanged: node, this file, the arguments) and sets process.exitCode.
await import('../electron/cli/main.ts');
