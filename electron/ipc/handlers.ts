// The handler for every IPC method: plain Node, bound by Electron in main and by the browser test harness.
import type { Handlers } from './handler-table';
import { AuthdeskError } from '../../shared/errors';
import { toMeta } from '../../shared/account';
import type { OtpEngine } from '../../shared/otp';
import type { ImageSources } from '../import/image-sources';
import { fromText } from '../import/found';
import type { ClipboardGuard } from '../use-cases/clipboard-guard';
import type { ClockCheck } from '../use-cases/clock-check';
import type { CodeTicker } from '../use-cases/code-ticker';
import type { KeychainUnlock } from '../use-cases/keychain-unlock';
import { createKeychainHandlers } from './keychain-handlers';
import { createClockHandlers } from './clock-handlers';
import { createTransferHandlers, type TransferDeps } from './transfer-handlers';

export type { Handlers };

/** vault, settings, imports, clock and the rest of TransferDeps are shared with the transfer handlers. */
export interface HandlerDeps extends TransferDeps {
  ticker: CodeTicker;
  clipboard: ClipboardGuard;
  engine: OtpEngine;
  /** Codes and their expiry are on clockCheck.codeClock: corrected by the measured offset when asked. */
  clockCheck: ClockCheck;
  images: ImageSources;
  keychain: KeychainUnlock;
  platform: string;
  systemLanguage: () => string;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { vault, ticker, settings, imports, images } = deps;
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
      const now = deps.clockCheck.codeClock.now();
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
    // Every source ends in the same pending import; the renderer gets its preview, never a secret.
    importText: async ({ text, into }) => imports.add(into, async () => fromText(text)),
    importImages: async ({ images: list, into }) =>
      imports.add(into, () => images.fromBase64(list)),
    importClipboardImage: async ({ into }) => imports.add(into, () => images.fromClipboard()),
    pickImageFiles: async ({ into }) => imports.add(into, () => images.pickFiles()),
    captureScreen: async ({ into }) => imports.add(into, () => images.fromScreen()),
    commitImport: async ({ id, keys }) => (await imports.commit(id, keys)).map(toMeta),
    cancelImport: async ({ id }) => imports.cancel(id),
    ...createClockHandlers(deps),
    ...createTransferHandlers(deps),
    ...createKeychainHandlers(deps),
  };
}
