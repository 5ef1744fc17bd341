// Electron adapter: start with the system. Windows and macOS through app.setLoginItemSettings;
// Linux through the XDG autostart entry (use-cases/xdg-autostart.ts). What to set is decided in
// use-cases/start-with-system.ts.
import { app } from 'electron';
import type { Settings } from '../../shared/settings';
import { launchCommand, loginItem, type LaunchFacts } from '../use-cases/start-with-system';
import { applyAutostart, autostartPath } from '../use-cases/xdg-autostart';

const facts = (): LaunchFacts => ({
  execPath: process.execPath,
  isPackaged: app.isPackaged,
  appPath: app.getAppPath(),
  appImage: process.env.APPIMAGE,
});

export async function applyStartWithSystem(
  platform: string,
  settings: Pick<Settings, 'startWithSystem' | 'startHidden'>,
): Promise<void> {
  if (platform === 'linux') {
    const file = autostartPath(process.env, app.getPath('home'));
    await applyAutostart(file, settings.startWithSystem, launchCommand(facts(), settings));
  } else {
    app.setLoginItemSettings(loginItem(platform, facts(), settings));
  }
}

/** macOS: this start was made by the login (its login items take no `--hidden`). */
export const openedAtLogin = (platform: string): boolean =>
  platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
