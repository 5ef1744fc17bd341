// Where the vault lives: the app's per-user data folder (as Electron's userData), or an override.
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const APP_FOLDER = 'Authdesk';
export const VAULT_FILE = 'vault.json';

type Env = Readonly<Record<string, string | undefined>>;

/** What Electron's app.getPath('userData') gives for an app named "Authdesk", without Electron. */
export function userDataFolder(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  }
  if (platform === 'darwin') {
    return posix.join(home, 'Library', 'Application Support', APP_FOLDER);
  }
  // Like Electron (and the XDG spec), a relative XDG_CONFIG_HOME is ignored.
  const config = env.XDG_CONFIG_HOME;
  const base = config && posix.isAbsolute(config) ? config : posix.join(home, '.config');
  return posix.join(base, APP_FOLDER);
}

export function defaultVaultPath(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const path = platform === 'win32' ? win32 : posix;
  return path.join(userDataFolder(env, platform, home), VAULT_FILE);
}

/**
 * The `--vault` flag, then AUTHDESK_VAULT (unless empty), then the default (the app passes its
 * userData folder's vault); `~` is expanded, the result absolute. The app and the command both
 * resolve the vault here.
 */
export function resolveVaultPath({
  flag,
  env = process.env,
  platform = process.platform,
  home = homedir(),
  cwd = process.cwd(),
  fallback,
}: {
  flag?: string | undefined;
  env?: Env;
  platform?: NodeJS.Platform;
  home?: string;
  cwd?: string;
  fallback?: string;
}): string {
  const path = platform === 'win32' ? win32 : posix;
  const chosen = flag || env.AUTHDESK_VAULT;
  if (!chosen) return fallback ?? defaultVaultPath(env, platform, home);
  // `--vault=~/x` reaches us unexpanded: the shell only expands a word that starts with ~.
  const expanded = /^~(?=$|[\\/])/.test(chosen) ? path.join(home, chosen.slice(1)) : chosen;
  return path.resolve(cwd, expanded);
}

/**
 * The value of `--vault PATH` or `--vault=PATH` in a raw argument list (the app's command line,
 * which Electron and the OS may add their own switches to); the last one wins, as with parseArgs.
 */
export function vaultFlag(argv: readonly string[]): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '--vault') value = argv[++i];
    else if (arg.startsWith('--vault=')) value = arg.slice('--vault='.length);
  }
  return value;
}
