// Closing the main window: hidden to the tray by default on Windows and Linux, closed on macOS (which
// keeps the app in its dock), closed while quitting; the one-time notice in the user's language.
import { describe, expect, it } from 'vitest';
import { SettingsService } from '../../electron/use-cases/settings';
import { CloseToTray, trayNotice, type TrayNotice } from '../../electron/use-cases/close-to-tray';
import type { Settings } from '../../shared/settings';
import { MemorySettings } from '../harness/browser/ports';

function setup(platform: string, settings: Partial<Settings> = {}, language = 'en-US') {
  const service = new SettingsService(new MemorySettings(settings));
  const notices: TrayNotice[] = [];
  const close = new CloseToTray({
    settings: service,
    platform,
    systemLanguage: () => language,
    notify: (notice) => void notices.push(notice),
  });
  return { service, notices, close };
}

describe('closing the main window', () => {
  it('hides it on Linux and Windows by default, with the notice the first time only', () => {
    for (const platform of ['linux', 'win32']) {
      const { service, notices, close } = setup(platform);
      expect(close.onClose(false)).toBe('hide');
      expect(notices).toEqual([trayNotice('en', platform)]);
      expect(notices[0]!.body).toContain('tray');
      expect(service.get().closeToTrayNoticeShown).toBe(true);
      expect(close.onClose(false)).toBe('hide');
      expect(notices).toHaveLength(1);
      expect(close.afterAllClosed()).toBe('stay');
    }
  });

  it('closes it on macOS by default, where the app stays in the dock; with the setting, hides it', () => {
    const mac = setup('darwin');
    expect(mac.close.onClose(false)).toBe('close');
    expect(mac.notices).toEqual([]);
    expect(mac.close.afterAllClosed()).toBe('stay');

    const tray = setup('darwin', { closeToTray: true }, 'ja-JP');
    expect(tray.close.onClose(false)).toBe('hide');
    expect(tray.notices).toEqual([trayNotice('ja', 'darwin')]);
    expect(tray.notices[0]!.body).toContain('メニューバー');
  });

  it('closes it and quits with the last window when the user turned the setting off', () => {
    const { notices, close } = setup('linux', { closeToTray: false });
    expect(close.onClose(false)).toBe('close');
    expect(close.afterAllClosed()).toBe('quit');
    expect(notices).toEqual([]);
  });

  it('always closes it while the app quits', () => {
    const { notices, close } = setup('win32');
    expect(close.onClose(true)).toBe('close');
    expect(notices).toEqual([]);
  });

  it('follows the language setting over the system’s', () => {
    const { notices, close } = setup('linux', { language: 'ja' }, 'en-US');
    close.onClose(false);
    expect(notices[0]!.title).toBe('Authdesk は動作中です');
  });

  it('still hides, and does not ask again, when the notice cannot be shown', () => {
    const service = new SettingsService(new MemorySettings());
    let tries = 0;
    const close = new CloseToTray({
      settings: service,
      platform: 'linux',
      systemLanguage: () => 'en',
      notify: () => {
        tries++;
        throw new Error('no notification server');
      },
    });
    expect(close.onClose(false)).toBe('hide');
    expect(close.onClose(false)).toBe('hide');
    expect(tries).toBe(1);
  });
});
