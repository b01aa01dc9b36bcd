// Serves a data folder in the browser: opens the desk, starts the bridge on the folder's own port and token, and
// closes both cleanly on Ctrl+C or SIGTERM.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openDesk, type Desk, type DeskOptions } from '../core/desk.ts';
import { DeskError } from '../core/domain/index.ts';
import { startWebBridge, type WebBridge } from './server.ts';

/** Where `npm run build:renderer` (and `npm start`) put the window. */
export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../out/renderer');

/**
 * The bridge's port and access token, kept in the data folder (readable by its user only) so that a restart serves
 * the same address: an open tab goes on saving and a bookmark keeps working.
 */
export const BRIDGE_ACCESS_FILE = 'browser-access.json';

interface BridgeAccess {
  port: number;
  token: string;
}

export interface ServeOptions {
  dataDir: string;
  /** A port to insist on; without one (or 0), the data folder's own port, or a free one. */
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
  /**
   * Keys on this device (openDesk's `keys`). For tests only: cheap scrypt costs, so enrolling and signing take
   * milliseconds; the app and `npm run web` leave it out and get the full costs.
   */
  keys?: DeskOptions['keys'];
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
  const desk = await openDesk(options.dataDir, {
    dailyBackup: true,
    sync: options.sync ? { start: options.sync === true } : undefined,
    ...(options.keys ? { keys: options.keys } : {}),
  });
  let bridge: WebBridge;
  try {
    bridge = await startOnRememberedPort(desk, staticDir, options);
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

async function startOnRememberedPort(desk: Desk, staticDir: string, options: ServeOptions): Promise<WebBridge> {
  const file = path.join(options.dataDir, BRIDGE_ACCESS_FILE);
  const remembered = readAccess(file);
  const token = remembered?.token ?? randomBytes(32).toString('hex');
  const start = (port: number) => startWebBridge({ service: desk.service, staticDir, port, token, log: options.log });
  let bridge: WebBridge;
  if (options.port || !remembered) {
    bridge = await start(options.port ?? 0);
  } else {
    try {
      bridge = await start(remembered.port);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      bridge = await start(0);
      options.log?.(
        `Port ${remembered.port}, where this data folder was served before, is in use by another program, so Decision Desk ` +
          `is served on port ${bridge.port} instead: its address from now on.`,
      );
    }
  }
  if (remembered?.port !== bridge.port || remembered.token !== token) writeAccess(file, { port: bridge.port, token });
  return bridge;
}

/** The remembered port and token, or null when there are none or the file is damaged (a new token is made). */
function readAccess(file: string): BridgeAccess | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    // Written by an older run with looser permissions, or copied in: only the user may read it.
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    const { port, token } = JSON.parse(text) as Partial<BridgeAccess>;
    if (
      Number.isInteger(port) &&
      port! > 0 &&
      port! <= 65_535 &&
      typeof token === 'string' &&
      /^[0-9a-f]{64}$/.test(token)
    ) {
      return { port: port!, token };
    }
  } catch {
    // Damaged: a new token and port are written below.
  }
  return null;
}

/** Written whole (a temporary file renamed over the old one), created readable and writable by the user only. */
function writeAccess(file: string, access: BridgeAccess): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.rmSync(temporary, { force: true });
  fs.writeFileSync(temporary, `${JSON.stringify(access)}\n`, { mode: 0o600, flag: 'wx' });
  fs.renameSync(temporary, file);
}

/** How long stopping may take (a sync pass on a hung network share may be under way) before the process just exits. */
export const STOP_GRACE_MS = 10_000;

/**
 * Stops serving on Ctrl+C, a service manager's SIGTERM or a closed terminal's SIGHUP, after the database is closed,
 * then exits. A second signal, or a stop that takes longer than the grace period, exits at once: SQLite rolls back
 * a transaction left unfinished, so nothing already saved is lost, and Playwright kills the PDF engine's Chromium
 * as the process exits.
 */
export function stopOnSignals(served: ServedDesk, graceMs = STOP_GRACE_MS): void {
  let stopping = false;
  const stop = () => {
    if (stopping) {
      process.stderr.write('Decision Desk stopped at once, without waiting for it to finish closing.\n');
      process.exit(1);
    }
    stopping = true;
    const deadline = setTimeout(() => {
      process.stderr.write(
        `Decision Desk did not finish closing within ${graceMs / 1000} seconds, so it stopped without waiting.\n`,
      );
      process.exit(1);
    }, graceMs);
    deadline.unref();
    served.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `Decision Desk did not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
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
