// Start with the system, decided in plain code: the command a login starts (the AppImage itself when
// packaged as one), the login-item settings Windows and macOS take, and whether this start shows the
// window. system/login-items.ts applies them; xdg-autostart.ts writes Linux's file.
import type { Settings } from '../../shared/settings';

/** The argument that starts Authdesk in the tray without showing its window. */
export const HIDDEN_ARG = '--hidden';

export interface LaunchFacts {
  /** process.execPath: the app's binary, or Electron's when run unpackaged. */
  execPath: string;
  isPackaged: boolean;
  /** app.getAppPath(): what an unpackaged Electron is given to run. */
  appPath: string;
  /** $APPIMAGE: set by the AppImage runtime to the .AppImage file (execPath is in its temporary mount). */
  appImage?: string | undefined;
}

/** The program and arguments a login runs. */
export function launchCommand(
  facts: LaunchFacts,
  settings: Pick<Settings, 'startHidden'>,
): string[] {
  const program = !facts.isPackaged
    ? [facts.execPath, facts.appPath]
    : facts.appImage && facts.appImage.startsWith('/')
      ? [facts.appImage]
      : [facts.execPath];
  return settings.startHidden ? [...program, HIDDEN_ARG] : program;
}

/** What app.setLoginItemSettings takes on Windows and macOS (Electron ignores the rest elsewhere). */
export interface LoginItem {
  openAtLogin: boolean;
  /** Windows: the program and its arguments, kept the same when turning it off so the entry matches. */
  path?: string;
  args?: string[];
}

export function loginItem(
  platform: string,
  facts: LaunchFacts,
  settings: Pick<Settings, 'startWithSystem' | 'startHidden'>,
): LoginItem {
  if (platform !== 'win32') return { openAtLogin: settings.startWithSystem };
  const [path, ...args] = launchCommand(facts, settings);
  // Windows joins the arguments into one command line: a path with a space (the unpackaged app's)
  // needs its quotes, as Electron's documentation warns.
  const quoted = args.map((arg) => (/\s/.test(arg) ? `"${arg}"` : arg));
  return { openAtLogin: settings.startWithSystem, path: path!, args: quoted };
}

/**
 * Whether this start keeps the window hidden: `--hidden` (Windows' login item and Linux's autostart
 * pass it), or on macOS, whose login items take no arguments, a start by the login with
 * "start hidden" on.
 */
export function startsHidden(start: {
  argv: readonly string[];
  platform: string;
  openedAtLogin: boolean;
  settings: Pick<Settings, 'startHidden'>;
}): boolean {
  if (start.argv.includes(HIDDEN_ARG)) return true;
  return start.platform === 'darwin' && start.openedAtLogin && start.settings.startHidden;
}

type StartSettings = Pick<Settings, 'startWithSystem' | 'startHidden'>;

/**
 * Wraps `apply` so it runs for the first settings it sees (the start) and again only when
 * startWithSystem or startHidden change, not on every other settings change.
 */
export function whenStartSettingsChange(
  apply: (settings: StartSettings) => void,
): (settings: StartSettings) => void {
  let last: string | undefined;
  return (settings) => {
    const key = `${settings.startWithSystem}/${settings.startHidden}`;
    if (key === last) return;
    last = key;
    apply(settings);
  };
}
