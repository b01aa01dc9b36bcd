// Starting the core host: a utility process (a Node process Chromium's service manager owns, as Actual Budget runs
// its server) running core-entry.js, talking to main over its parentPort. See docs/electron.md, "Processes".

import { utilityProcess } from 'electron';
import type { HostChild } from '../core/host/client.ts';

export function forkCore(entry: string): HostChild {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Decision Desk core', stdio: 'inherit' });
  let exited = false;
  return {
    port: {
      // Messages posted before the process has spawned are queued by Electron and delivered in order.
      postMessage: (message) => child.postMessage(message),
      on: (_event, listener) => child.on('message', listener),
    },
    onExit: (listener) => {
      child.once('exit', (code) => {
        exited = true;
        listener(`exit code ${code}`);
      });
    },
    kill: () => {
      if (!exited) child.kill();
    },
  };
}
