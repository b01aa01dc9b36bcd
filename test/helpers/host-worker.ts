// A core host on a worker thread, for tests: serveDesk over the worker's parentPort, as the app's utility process
// runs it over Electron's parentPort (electron/main/core-entry.ts).

import { parentPort, workerData } from 'node:worker_threads';
import { serveDesk } from '../../electron/core/host/serve.ts';

if (!parentPort) throw new Error('host-worker.ts runs on a worker thread.');
const port = parentPort;
const shared = (workerData as { clock?: SharedArrayBuffer } | undefined)?.clock;
const clock = shared ? new BigInt64Array(shared) : null;
serveDesk(
  { postMessage: (message) => port.postMessage(message), on: (_event, listener) => port.on('message', listener) },
  {
    onClosed: () => port.close(),
    // A test's clock, shared with it: milliseconds since the epoch in a SharedArrayBuffer (see test/helpers/host.ts).
    ...(clock ? { now: () => new Date(Number(Atomics.load(clock, 0))) } : {}),
  },
);
