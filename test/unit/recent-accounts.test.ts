// The recently used accounts: every copy through the handlers main registers counts, newest first, up
// to a bound that ranks a whole vault, ids only in the settings (so a restart keeps them), and a
// removed account is forgotten.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountInput } from '../../shared/account';
import type { Method, MethodArgs, MethodResults } from '../../shared/ipc';
import { RECENT_ACCOUNTS_MAX } from '../../shared/settings';
import { dispatch } from '../../electron/ipc/dispatch';
import { composeServices, type Services } from '../../electron/composition';
import { RecentAccounts } from '../../electron/use-cases/recent-accounts';
import { SettingsService } from '../../electron/use-cases/settings';
import { MemoryClipboard, MemorySettings } from '../harness/browser/ports';
import { ManualTime } from '../harness/manual-timers';
import { testPorts } from '../harness/test-ports';
import { removeTempDir, tempVaultFile } from '../harness/vault-fixtures';

const TOTP: AccountInput = {
  issuer: 'Example',
  label: 'a',
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
};

describe('RecentAccounts', () => {
  it('puts the last used first, once, and keeps at most its bound', () => {
    const recent = new RecentAccounts(new SettingsService(new MemorySettings()), 10);
    for (const id of ['a', 'b', 'c', 'a']) recent.used(id);
    expect(recent.list()).toEqual(['a', 'c', 'b']);
    for (let i = 0; i < 15; i++) recent.used(`id${i}`);
    expect(recent.list()).toHaveLength(10);
    expect(recent.list()[0]).toBe('id14');
    expect(recent.list().at(-1)).toBe('id5');
  });

  it('ranks a whole large vault: the settings take RECENT_ACCOUNTS_MAX ids (10,000)', () => {
    expect(RECENT_ACCOUNTS_MAX).toBe(10_000);
    const storage = new MemorySettings({
      recentAccountIds: Array.from({ length: RECENT_ACCOUNTS_MAX }, (_, i) => `id${i}`),
    });
    const recent = new RecentAccounts(new SettingsService(storage));
    recent.used('new');
    expect(recent.list()).toHaveLength(RECENT_ACCOUNTS_MAX);
    expect(recent.list()[0]).toBe('new');
    expect(recent.list().at(-1)).toBe(`id${RECENT_ACCOUNTS_MAX - 2}`);
  });

  it('keeps the ids in the settings, so a new start reads them back', () => {
    const storage = new MemorySettings();
    new RecentAccounts(new SettingsService(storage)).used('x');
    new RecentAccounts(new SettingsService(storage)).used('y');
    expect(new RecentAccounts(new SettingsService(storage)).list()).toEqual(['y', 'x']);
    expect((storage.value as { recentAccountIds: string[] }).recentAccountIds).toEqual(['y', 'x']);
  });

  it('forgets ids that are no longer in the vault, and writes nothing when none went', () => {
    const storage = new MemorySettings();
    let writes = 0;
    const settings = new SettingsService(storage, () => writes++);
    const recent = new RecentAccounts(settings);
    recent.used('a');
    recent.used('b');
    writes = 0;
    recent.keepOnly(['a', 'b', 'c']);
    expect(writes).toBe(0);
    recent.keepOnly(['a']);
    expect(recent.list()).toEqual(['a']);
    expect(writes).toBe(1);
  });

  it('a settings file that cannot be written loses the order, not the copy', () => {
    const settings = new SettingsService({
      read: () => undefined,
      write: () => {
        throw new Error('ENOSPC');
      },
    });
    expect(() => new RecentAccounts(settings).used('a')).not.toThrow();
  });

  it('the renderer cannot set the list through setSettings', async () => {
    const settings = new SettingsService(new MemorySettings());
    await expect(settings.change({ recentAccountIds: ['a'] })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

describe('copying through the handlers', () => {
  let dir: string;
  let services: Services;
  async function ok<M extends Method>(method: M, args?: MethodArgs[M]): Promise<MethodResults[M]> {
    const result = await dispatch(services.handlers, method, args);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as MethodResults[M];
  }
  beforeEach(async () => {
    let file: string;
    ({ dir, file } = await tempVaultFile());
    const time = new ManualTime(Date.UTC(2026, 0, 1));
    services = composeServices(
      testPorts({ vaultPath: file, clock: time, timers: time, clipboard: new MemoryClipboard() }),
    );
    await ok('createVault', { password: 'pw' });
  });
  afterEach(async () => {
    services.vault.lock('user');
    await removeTempDir(dir);
  });

  it('each copy counts, newest first; removing the account forgets it', async () => {
    const a = (await ok('addAccount', { account: TOTP })).id;
    const b = (
      await ok('addAccount', {
        account: { ...TOTP, label: 'b', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
      })
    ).id;
    await ok('copyCode', { id: a, which: 'current' });
    await ok('copyCode', { id: b, which: 'next' });
    expect(services.recent.list()).toEqual([b, a]);
    expect(services.settings.get().recentAccountIds).toEqual([b, a]);
    await ok('removeAccount', { id: b });
    expect(services.recent.list()).toEqual([a]);
  });

  it('a copy that fails (unknown account) does not count', async () => {
    const result = await dispatch(services.handlers, 'copyCode', { id: 'nope', which: 'current' });
    expect(result.ok).toBe(false);
    expect(services.recent.list()).toEqual([]);
  });
});
