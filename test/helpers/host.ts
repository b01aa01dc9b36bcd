// Starting core hosts on worker threads, driven by CoreHost as the main process drives the utility process.

import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CoreHost, type CoreHostOptions, type HostChild } from '../../electron/core/host/client.ts';

// A .mjs bootstrap: Node 20 workers do not take tsx's loader from --import.
const WORKER = path.join(import.meta.dirname, 'host-worker.mjs');

export interface WorkerHost {
  host: CoreHost;
  /** Every worker started so far, newest last. */
  workers: Worker[];
}

/** `clock`: a SharedArrayBuffer of one BigInt64 (ms since the epoch) the host's desk reads as its now(). */
export function workerHost(options: Omit<CoreHostOptions, 'spawn'>, clock?: SharedArrayBuffer): WorkerHost {
  const workers: Worker[] = [];
  const spawn = (): HostChild => {
    const worker = new Worker(WORKER, { workerData: { clock } });
    workers.push(worker);
    return {
      port: {
        postMessage: (message) => worker.postMessage(message),
        on: (_event, listener) => worker.on('message', listener),
      },
      onExit: (listener) => {
        worker.once('exit', (code) => listener(`exit code ${code}`));
        worker.once('error', (error) => listener(`error ${error.message}`));
      },
      kill: () => void worker.terminate(),
    };
  };
  return { host: new CoreHost({ ...options, spawn }), workers };
}
