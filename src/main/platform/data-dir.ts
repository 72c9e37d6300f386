import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Electron keeps user data for an app named Tickstep, so the CLI and browser mode open the
 * same store as the desktop app unless told otherwise.
 */
export function defaultUserDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Tickstep');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Tickstep');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Tickstep');
}

/** `--data-dir DIR` wins over `TICKSTEP_DATA_DIR`, which wins over the default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.TICKSTEP_DATA_DIR ?? defaultUserDataDir(env);
}
