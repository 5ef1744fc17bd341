// Start with the system: the command a login runs (the AppImage itself, not its temporary mount),
// Windows' and macOS's login-item settings, and whether a start keeps the window hidden.
import { describe, expect, it } from 'vitest';
import {
  HIDDEN_ARG,
  launchCommand,
  loginItem,
  startsHidden,
  whenStartSettingsChange,
} from '../../electron/use-cases/start-with-system';

const packaged = { execPath: '/opt/Authdesk/authdesk', isPackaged: true, appPath: '/unused' };
const appImage = {
  execPath: '/tmp/.mount_AuthdeXYZ/authdesk',
  isPackaged: true,
  appPath: '/tmp/.mount_AuthdeXYZ/resources/app.asar',
  appImage: '/home/a/Apps/Authdesk-0.1.0.AppImage',
};
const dev = {
  execPath: '/w/node_modules/electron/dist/electron',
  isPackaged: false,
  appPath: '/w/my app',
  appImage: '/home/a/Other.AppImage',
};

describe('the command a login runs', () => {
  it('is the installed binary, the AppImage file when run from one, or Electron with the app', () => {
    expect(launchCommand(packaged, { startHidden: false })).toEqual(['/opt/Authdesk/authdesk']);
    expect(launchCommand(appImage, { startHidden: false })).toEqual([
      '/home/a/Apps/Authdesk-0.1.0.AppImage',
    ]);
    // $APPIMAGE is only believed for a packaged app, and only as an absolute path.
    expect(launchCommand(dev, { startHidden: false })).toEqual([dev.execPath, '/w/my app']);
    expect(
      launchCommand({ ...appImage, appImage: 'rel.AppImage' }, { startHidden: false }),
    ).toEqual([appImage.execPath]);
  });

  it('ends with --hidden when "start hidden" is on', () => {
    expect(launchCommand(appImage, { startHidden: true })).toEqual([
      '/home/a/Apps/Authdesk-0.1.0.AppImage',
      HIDDEN_ARG,
    ]);
  });
});

describe('the login item (Windows, macOS)', () => {
  it('Windows: the program and its arguments, quoted where they hold a space', () => {
    const win = {
      execPath: 'C:\\Program Files\\Authdesk\\Authdesk.exe',
      isPackaged: true,
      appPath: 'x',
    };
    expect(loginItem('win32', win, { startWithSystem: true, startHidden: true })).toEqual({
      openAtLogin: true,
      path: 'C:\\Program Files\\Authdesk\\Authdesk.exe',
      args: ['--hidden'],
    });
    expect(loginItem('win32', win, { startWithSystem: false, startHidden: false })).toEqual({
      openAtLogin: false,
      path: 'C:\\Program Files\\Authdesk\\Authdesk.exe',
      args: [],
    });
    const unpackaged = {
      execPath: 'C:\\e\\electron.exe',
      isPackaged: false,
      appPath: 'C:\\my app',
    };
    expect(
      loginItem('win32', unpackaged, { startWithSystem: true, startHidden: false }).args,
    ).toEqual(['"C:\\my app"']);
  });

  it('macOS: on or off only (its login items take no arguments)', () => {
    expect(loginItem('darwin', packaged, { startWithSystem: true, startHidden: true })).toEqual({
      openAtLogin: true,
    });
  });
});

describe('a start that keeps the window hidden', () => {
  const start = (argv: string[], platform: string, openedAtLogin: boolean, hidden: boolean) =>
    startsHidden({ argv, platform, openedAtLogin, settings: { startHidden: hidden } });

  it('is one given --hidden, on any system', () => {
    expect(start(['/opt/Authdesk/authdesk', '--hidden'], 'linux', false, false)).toBe(true);
    expect(start(['Authdesk.exe', '--hidden'], 'win32', false, false)).toBe(true);
    expect(start(['/opt/Authdesk/authdesk'], 'linux', false, true)).toBe(false);
  });

  it('on macOS, one the login started while "start hidden" is on', () => {
    expect(start(['/Applications/Authdesk.app/x'], 'darwin', true, true)).toBe(true);
    expect(start(['/Applications/Authdesk.app/x'], 'darwin', true, false)).toBe(false);
    expect(start(['/Applications/Authdesk.app/x'], 'darwin', false, true)).toBe(false);
  });
});

describe('applying the settings', () => {
  it('happens at start and when one of the two settings changes, not on other changes', () => {
    const applied: string[] = [];
    const apply = whenStartSettingsChange((s) =>
      applied.push(`${s.startWithSystem}/${s.startHidden}`),
    );
    apply({ startWithSystem: false, startHidden: false });
    apply({ startWithSystem: false, startHidden: false });
    apply({ startWithSystem: true, startHidden: false });
    apply({ startWithSystem: true, startHidden: false });
    apply({ startWithSystem: true, startHidden: true });
    expect(applied).toEqual(['false/false', 'true/false', 'true/true']);
  });
});
