// The stand-in utility process: a worker thread that gives the entry a process.parentPort as Electron's (messages
// arrive as { data }), then loads it. Node 20 workers do not take tsx's loader from --import: it is registered here.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
process.parentPort = {
  postMessage: (message) => parentPort.postMessage(message),
  on: (event, listener) => parentPort.on(event, (data) => listener({ data, ports: [] })),
};
await import(workerData.entry);
