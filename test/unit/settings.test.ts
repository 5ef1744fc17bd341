// Settings: defaults, validation, and a damaged store that keeps what is valid.
import { describe, expect, it } from 'vitest';
import { AUTO_LOCK_MINUTES, DEFAULT_SETTINGS, LANGUAGES, THEMES } from '../../shared/settings';
import { settingsSchema, userSettingsSchema } from '../../shared/settings-schema';
import { SettingsService } from '../../electron/use-cases/settings';
import { MemorySettings } from '../harness/browser/ports';

describe('settings', () => {
  it('starts from the defaults: system language and theme, 5 minutes, clearing and protection on, no automatic backups, time.google.com without correction', () => {
    expect(new SettingsService(new MemorySettings()).get()).toEqual({
      language: 'system',
      theme: 'system',
      autoLockMinutes: 5,
      clearClipboard: true,
      contentProtection: true,
      autoBackupFolder: null,
      autoBackupKeep: 10,
      timeServer: 'time.google.com',
      correctClock: false,
    });
  });

  it('offers only choices the schema takes, and its defaults pass it', () => {
    expect(settingsSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    for (const autoLockMinutes of [0, ...AUTO_LOCK_MINUTES]) {
      expect(userSettingsSchema.partial().safeParse({ autoLockMinutes }).success).toBe(true);
    }
    for (const language of LANGUAGES) {
      expect(userSettingsSchema.partial().safeParse({ language }).success).toBe(true);
    }
    for (const theme of THEMES) {
      expect(userSettingsSchema.partial().safeParse({ theme }).success).toBe(true);
    }
    expect(userSettingsSchema.partial().safeParse({ autoBackupFolder: '/tmp' }).success).toBe(
      false,
    );
  });

  it('saves a valid change and announces it', () => {
    const storage = new MemorySettings();
    const seen: unknown[] = [];
    const service = new SettingsService(storage, (s) => seen.push(s));
    service.set({ language: 'ja', autoLockMinutes: 10 });
    expect(storage.value).toMatchObject({ language: 'ja', autoLockMinutes: 10 });
    expect(seen).toHaveLength(1);
  });

  it('refuses an invalid change with INVALID_ARGUMENT and keeps the old settings', () => {
    const storage = new MemorySettings();
    const service = new SettingsService(storage);
    expect(() => service.set({ autoLockMinutes: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    expect(storage.value).toBeUndefined();
  });

  it('keeps valid fields of a damaged store and falls back for the rest', () => {
    const service = new SettingsService(
      new MemorySettings({
        language: 'ja',
        theme: 'purple',
        autoLockMinutes: 'x',
        timeServer: 'ntp://bad server',
        correctClock: true,
      }),
    );
    expect(service.get()).toEqual({ ...DEFAULT_SETTINGS, language: 'ja', correctClock: true });
  });

  it('reports IO_ERROR when the store cannot write, and keeps the old settings', () => {
    const service = new SettingsService({
      read: () => undefined,
      write: () => {
        throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
      },
    });
    expect(() => service.set({ theme: 'dark' })).toThrow(
      expect.objectContaining({ code: 'IO_ERROR' }),
    );
    expect(service.get().theme).toBe('system');
  });
});
