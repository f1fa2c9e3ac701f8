import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'Nexus Desktop';

/**
 * Where the app keeps its data when nothing else is said: the same folder Electron's
 * `app.getPath('userData')` gives for our product name, so the CLI and the app share companies.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.NEXUS_DATA_DIR) return env.NEXUS_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}
