// Electron adapter: the OS keychain (macOS Keychain, Windows DPAPI, libsecret or KWallet on Linux)
// through safeStorage's async API. The master key crosses as base64 text, because safeStorage takes
// and returns strings; those strings cannot be zeroed and are left to the garbage collector.
import { safeStorage } from 'electron';
import type { KeychainPort } from '../ports';

export const electronKeychain: KeychainPort = {
  availability: async () => {
    // Also starts the async encryptor, so the Linux backend below is the one it chose.
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      return { available: false, reason: 'unavailable' };
    }
    // Without a keyring, Linux falls back to a key hard-coded in Chromium: that protects nothing.
    if (process.platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') {
        return { available: false, reason: 'basic_text' };
      }
    }
    return { available: true };
  },
  encrypt: (plaintext) => safeStorage.encryptStringAsync(plaintext.toString('base64')),
  decrypt: async (ciphertext) => {
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(ciphertext);
    return { plaintext: Buffer.from(result, 'base64'), shouldReEncrypt };
  },
};
