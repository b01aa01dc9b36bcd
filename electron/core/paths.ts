// Where the database lives: the platform's user-data folder, or the folder named by --data-dir / DECISION_DESK_DATA.

import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'Decision Desk';
export const DATABASE_FILE = 'decision-desk.sqlite';
export const BACKUP_FOLDER = 'backups';
/** This device's private keys, each encrypted under its holder's PIN or passphrase: never in the database. */
export const KEYS_FOLDER = 'keys';

/** The same folder Electron's app.getPath('userData') gives for the product name "Decision Desk". */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_FOLDER);
}

/** --data-dir wins over DECISION_DESK_DATA, which wins over the platform's folder. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag || env.DECISION_DESK_DATA;
  return chosen ? path.resolve(chosen) : defaultDataDir(process.platform, env);
}
