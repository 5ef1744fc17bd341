// Settings › Command line: the app answers the `authdesk` command by default; the window may turn it
// off, and a hand-edited settings file with a wrong type falls back to on, as every other field does.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { userSettingsSchema } from '../../shared/settings-schema';
import { SettingsService } from '../../electron/use-cases/settings';
import { MemorySettings } from '../harness/browser/ports';

describe('the command-line access setting', () => {
  it('is on by default', () => {
    expect(DEFAULT_SETTINGS.commandLineAccess).toBe(true);
    expect(new SettingsService(new MemorySettings()).get().commandLineAccess).toBe(true);
  });

  it('the window may turn it off and on, and only with a boolean', async () => {
    const storage = new MemorySettings();
    const service = new SettingsService(storage);
    await service.change({ commandLineAccess: false });
    expect(storage.value).toMatchObject({ commandLineAccess: false });
    expect(userSettingsSchema.partial().safeParse({ commandLineAccess: 'no' }).success).toBe(false);
    await expect(
      service.change({ commandLineAccess: 0 as unknown as boolean }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((await service.change({ commandLineAccess: true })).commandLineAccess).toBe(true);
  });

  it('a settings file with a wrong type keeps the other fields and falls back to on', () => {
    for (const bad of ['false', 0, null, {}]) {
      const service = new SettingsService(
        new MemorySettings({ commandLineAccess: bad, theme: 'dark' }),
      );
      expect(service.get()).toMatchObject({ commandLineAccess: true, theme: 'dark' });
    }
    const off = new SettingsService(new MemorySettings({ commandLineAccess: false }));
    expect(off.get().commandLineAccess).toBe(false);
  });
});
