// Settings: defaults, validation, and a damaged store that keeps what is valid.
import { describe, expect, it } from 'vitest';
import { AUTO_LOCK_MINUTES, DEFAULT_SETTINGS, LANGUAGES, THEMES } from '../../shared/settings';
import { settingsSchema, userSettingsSchema } from '../../shared/settings-schema';
import { SettingsService } from '../../electron/use-cases/settings';
import { MemorySettings, TestDialogs } from '../harness/browser/ports';

describe('settings', () => {
  it('starts from the defaults: system language and theme, 5 minutes, clearing and protection on, no automatic backups, time.google.com without correction', () => {
    expect(new SettingsService(new MemorySettings()).get()).toEqual({
      language: 'system',
      theme: 'system',
      autoLockMinutes: 5,
      clearClipboard: true,
      contentProtection: true,
      closeToTray: null,
      closeToTrayNoticeShown: false,
      startWithSystem: false,
      startHidden: false,
      autoBackupFolder: null,
      autoBackupKeep: 10,
      timeServer: 'time.google.com',
      correctClock: false,
      clockOffsetAcceptedMs: null,
      quickAccessShortcut: 'CommandOrControl+Alt+A',
      recentAccountIds: [],
      commandLineAccess: true,
      listDensity: 'comfortable',
      showNextCode: true,
      sortOrder: 'manual',
      groupByTag: false,
      tagFilter: { kind: 'all' },
      collapsedTags: [],
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

describe('a time server the user typed in', () => {
  const make = (systemLanguage = 'en-US', stored?: unknown) => {
    const dialogs = new TestDialogs();
    const storage = new MemorySettings(stored);
    const service = new SettingsService(storage, () => {}, {
      dialogs,
      systemLanguage: () => systemLanguage,
    });
    return { dialogs, storage, service };
  };

  it('is asked about in main’s dialog naming the host; no leaves the server as it was', async () => {
    const { dialogs, storage, service } = make();
    expect(
      await service.change({ timeServer: 'ntp.attacker.example:4123', theme: 'dark' }),
    ).toMatchObject({
      timeServer: 'time.google.com',
      theme: 'dark', // the rest of the change is saved
    });
    expect(dialogs.questions).toHaveLength(1);
    expect(dialogs.questions[0]).toMatchObject({
      message: 'Use ntp.attacker.example:4123 as the time server?',
      confirm: 'Use this server',
      cancel: 'Cancel',
    });
    expect(dialogs.questions[0]!.detail).toContain('IP address');
    expect(storage.value).toMatchObject({ timeServer: 'time.google.com' });
  });

  it('is kept after a yes; the same server again is not asked about twice', async () => {
    const { dialogs, service } = make();
    dialogs.answer = true;
    expect(await service.change({ timeServer: 'ntp.nict.jp' })).toMatchObject({
      timeServer: 'ntp.nict.jp',
    });
    await service.change({ timeServer: 'ntp.nict.jp' });
    expect(dialogs.questions).toHaveLength(1);
  });

  it('asks in Japanese when the language setting, or the system’s under "system", is Japanese', async () => {
    const bySystem = make('ja-JP');
    await bySystem.service.change({ timeServer: '192.0.2.1' });
    expect(bySystem.dialogs.questions[0]).toMatchObject({
      message: '192.0.2.1 をタイムサーバーとして使いますか？',
      confirm: 'このサーバーを使う',
      cancel: 'キャンセル',
    });
    const bySetting = make('en-US', { language: 'ja' });
    await bySetting.service.change({ timeServer: '192.0.2.1' });
    expect(bySetting.dialogs.questions[0]!.title).toBe('タイムサーバーの確認');
  });

  it('needs no question for the two offered servers, however they are spelled', async () => {
    const { dialogs, service } = make();
    for (const timeServer of ['pool.ntp.org', 'TIME.GOOGLE.COM.', 'pool.ntp.org:123']) {
      expect(await service.change({ timeServer })).toMatchObject({ timeServer });
    }
    expect(dialogs.questions).toEqual([]);
    // Another port of an offered host is another server.
    await service.change({ timeServer: 'pool.ntp.org:9123' });
    expect(dialogs.questions).toHaveLength(1);
  });

  it('asks one question at a time: changes asked for while it is open are refused unasked', async () => {
    const { dialogs, service } = make();
    let answer!: (yes: boolean) => void;
    dialogs.confirm = async (question) => {
      dialogs.questions.push(question);
      return new Promise<boolean>((resolve) => (answer = resolve));
    };
    const first = service.change({ timeServer: 'ntp.one.example' });
    const others = await Promise.all(
      Array.from({ length: 20 }, (_, i) => service.change({ timeServer: `ntp${i}.example` })),
    );
    expect(others.every((s) => s.timeServer === 'time.google.com')).toBe(true);
    expect(dialogs.questions).toHaveLength(1);
    answer(true);
    expect((await first).timeServer).toBe('ntp.one.example');
  });

  it('is refused without a dialog to ask in (the CLI reading the app’s file)', async () => {
    const service = new SettingsService(new MemorySettings());
    expect((await service.change({ timeServer: 'ntp.example.com' })).timeServer).toBe(
      'time.google.com',
    );
  });

  it('the accepted clock offset and the backup folder cannot be set through change()', async () => {
    const { service } = make();
    for (const patch of [{ clockOffsetAcceptedMs: 1_000 }, { autoBackupFolder: '/tmp' }]) {
      await expect(service.change(patch)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
  });
});
