// The handler for every IPC method: plain Node, bound by Electron in main and by the browser test harness.
import type { Method, MethodArgs, MethodResults } from '../../shared/ipc';
import { AuthdeskError } from '../../shared/errors';
import { toMeta } from '../../shared/account';
import type { OtpEngine } from '../../shared/otp';
import type { ClipboardGuard } from '../services/clipboard-guard';
import type { Clock } from '../services/clock';
import type { CodeTicker } from '../services/code-ticker';
import type { SettingsService } from '../services/settings';
import type { VaultService } from '../services/vault-service';

export type Handlers = {
  [M in Method]: (args: MethodArgs[M]) => Promise<MethodResults[M]>;
};

export interface HandlerDeps {
  vault: VaultService;
  ticker: CodeTicker;
  clipboard: ClipboardGuard;
  settings: SettingsService;
  engine: OtpEngine;
  clock: Clock;
  version: string;
  platform: string;
  systemLanguage: () => string;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { vault, ticker, settings } = deps;
  return {
    status: async () => ({
      vault: await vault.state(),
      vaultPath: vault.path,
      version: deps.version,
      platform: deps.platform,
      systemLanguage: deps.systemLanguage(),
    }),
    createVault: async ({ password }) => vault.create(password),
    unlock: async ({ password }) => vault.unlock(password),
    lock: async () => vault.lock('user'),
    changePassword: async ({ oldPassword, newPassword }) =>
      vault.changePassword(oldPassword, newPassword),
    listAccounts: async () => vault.accounts().map(toMeta),
    addAccount: async ({ account, allowDuplicate }) =>
      toMeta(await vault.add(account, allowDuplicate ?? false)),
    updateAccount: async ({ id, patch }) => toMeta(await vault.update(id, patch)),
    removeAccount: async ({ id }) => vault.remove(id),
    reorderAccounts: async ({ ids }) => vault.reorder(ids),
    nextHotpCode: async ({ id }) => toMeta(await vault.nextHotp(id)),
    getCodes: async () => {
      vault.accounts(); // VAULT_LOCKED while locked
      return ticker.snapshot();
    },
    copyCode: async ({ id, which }) => {
      const account = vault.accounts().find((a) => a.id === id);
      if (!account) throw new AuthdeskError('ACCOUNT_NOT_FOUND', 'That account no longer exists.');
      const now = deps.clock.now();
      const codes = deps.engine.codesAt(account, now);
      const code = which === 'next' ? codes.next : codes.current;
      // The code is cleared once it can no longer be used: the end of its step (one more for "next").
      const expiresAt =
        codes.stepEndsAt === null
          ? null
          : codes.stepEndsAt + (which === 'next' ? account.period * 1000 : 0);
      const clearsAt = settings.get().clearClipboard ? expiresAt : null;
      await deps.clipboard.copy(code, clearsAt);
      return { clearsAt };
    },
    getSettings: async () => settings.get(),
    setSettings: async (patch) => settings.set(patch),
  };
}
