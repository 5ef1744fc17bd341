// The tray and start-with-the-system settings: the platform's default for closing to the tray, and
// what the window may set (not the one-time notice, which only main marks as shown).
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, closeToTrayOn } from '../../shared/settings';
import { userSettingsSchema } from '../../shared/settings-schema';
import { SettingsService } from '../../electron/use-cases/settings';
import { MemorySettings } from '../harness/browser/ports';

describe('tray settings', () => {
  it('closes to the tray by default on Windows and Linux, not on macOS; a choice overrides it', () => {
    expect(DEFAULT_SETTINGS.closeToTray).toBeNull();
    expect(closeToTrayOn(null, 'win32')).toBe(true);
    expect(closeToTrayOn(null, 'linux')).toBe(true);
    expect(closeToTrayOn(null, 'darwin')).toBe(false);
    expect(closeToTrayOn(true, 'darwin')).toBe(true);
    expect(closeToTrayOn(false, 'linux')).toBe(false);
  });

  it('starts with the system and hidden only when asked', () => {
    expect(DEFAULT_SETTINGS.startWithSystem).toBe(false);
    expect(DEFAULT_SETTINGS.startHidden).toBe(false);
  });

  it('lets the window set the switches but not the notice marker', async () => {
    const service = new SettingsService(new MemorySettings());
    await service.change({ closeToTray: false, startWithSystem: true, startHidden: true });
    expect(service.get()).toMatchObject({
      closeToTray: false,
      startWithSystem: true,
      startHidden: true,
    });
    expect(userSettingsSchema.partial().safeParse({ closeToTrayNoticeShown: true }).success).toBe(
      false,
    );
    await expect(service.change({ closeToTrayNoticeShown: true })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(service.set({ closeToTrayNoticeShown: true }).closeToTrayNoticeShown).toBe(true);
  });

  it('keeps the other settings when a file holds a bad value for one of these', () => {
    const service = new SettingsService(
      new MemorySettings({ closeToTray: 'yes', startWithSystem: true, startHidden: 3 }),
    );
    expect(service.get()).toMatchObject({
      closeToTray: null,
      startWithSystem: true,
      startHidden: false,
    });
  });
});
