// The handlers for unlocking with the OS keychain. Turning it on asks for the vault password again;
// the keychain's key never leaves main.
import type { KeychainUnlock } from '../use-cases/keychain-unlock';
import type { Handlers } from './handler-table';

export type KeychainMethod =
  'getKeychainStatus' | 'enableKeychainUnlock' | 'disableKeychainUnlock' | 'unlockWithKeychain';

export function createKeychainHandlers(deps: {
  keychain: KeychainUnlock;
}): Pick<Handlers, KeychainMethod> {
  const { keychain } = deps;
  return {
    getKeychainStatus: async () => keychain.status(),
    enableKeychainUnlock: async ({ password }) => keychain.enable(password),
    disableKeychainUnlock: async () => keychain.disable(),
    unlockWithKeychain: async () => keychain.unlock(),
  };
}
