// Entry point of `npm run cli` and bin/decision-desk.mjs: runs the program on this process's arguments.

import { runCli } from './program.ts';

// A reader that stops early (`| head`) closes the pipe; the rest of the output has nowhere to go, which is no failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

// `npm run cli` runs in the project folder; the paths a user types are relative to where they typed them.
if (process.env.npm_lifecycle_event === 'cli' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

process.exitCode = await runCli(process.argv.slice(2));
