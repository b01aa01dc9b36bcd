// Serves a data folder in the browser: opens the desk, starts the bridge, and closes both cleanly on Ctrl+C.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDesk, type Desk } from '../core/desk.ts';
import { DeskError } from '../core/domain/index.ts';
import { startWebBridge, type WebBridge } from './server.ts';

/** Where `npm run build:renderer` (and `npm start`) put the window. */
export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../out/renderer');

export interface ServeOptions {
  dataDir: string;
  port?: number;
  staticDir?: string;
  /** Open the address in the system browser (best effort). */
  open?: boolean;
  log?: (line: string) => void;
  /**
   * Sync with the shared folder: true, in the background as the app does (`npm start`, `npm run web`);
   * 'on-demand', only when asked (Sync now), so a test that drives two devices decides when each pass runs.
   */
  sync?: boolean | 'on-demand';
}

export interface ServedDesk {
  desk: Desk;
  bridge: WebBridge;
  stop(): Promise<void>;
}

export async function serveDesk(options: ServeOptions): Promise<ServedDesk> {
  const staticDir = options.staticDir ?? RENDERER_DIR;
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new DeskError(
      'unavailable',
      `The window has not been built (${staticDir} has no index.html). Run \`npm run build:renderer\`, or \`npm start\`.`,
    );
  }
  // Failed backups, upkeep and sync passes are written to standard error (the desk's default log).
  const desk = await openDesk(options.dataDir, { dailyBackup: true, sync: options.sync ? { start: options.sync === true } : undefined });
  let bridge: WebBridge;
  try {
    bridge = await startWebBridge({ service: desk.service, staticDir, port: options.port, log: options.log });
  } catch (error) {
    await desk.close();
    throw error;
  }
  if (options.open) openInBrowser(bridge.url);
  let stopping: Promise<void> | undefined;
  return {
    desk,
    bridge,
    stop: () => (stopping ??= bridge.close().finally(() => desk.close())),
  };
}

/** Stops serving on Ctrl+C or a service manager's SIGTERM, after the database is closed, then exits. */
export function stopOnSignals(served: ServedDesk): void {
  const stop = () => {
    served.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Decision Desk did not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Best effort: a machine without a desktop (or a browser) just keeps the printed address. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'win32'
      ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener: the address is printed anyway.
  }
}
