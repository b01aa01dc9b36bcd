// The core host's entry: run by Electron's utilityProcess.fork (electron/main/core-process.ts). The desk (the
// database, exports, sync) lives here, so the main process only routes messages and owns windows. Nothing from
// electron is imported: only process.parentPort, the utility process's line to main.

import { serveDesk } from '../core/host/serve.ts';

const parent = process.parentPort;
if (!parent) throw new Error('core-entry.js runs in a utility process (utilityProcess.fork).');

serveDesk(
  {
    postMessage: (message) => parent.postMessage(message),
    on: (_event, listener) => parent.on('message', (event) => listener(event.data)),
  },
  // The desk is closed (every write committed): nothing is left to do here.
  { onClosed: () => process.exit(0) },
);
