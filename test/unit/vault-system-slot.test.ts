// The system slot (unlock with the OS keychain), with a stand-in keychain that really encrypts: on, off,
// password changes, a reset or foreign keychain, Linux's basic_text, tampering, and the key's hygiene.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Method, MethodArgs, Result } from '../../shared/ipc';
import type { KeychainStatus } from '../../shared/keychain';
import { dispatch } from '../../electron/ipc/dispatch';
import { composeServices, type Services } from '../../electron/composition';
import { systemSlot } from '../../electron/vault/system-slot';
import { changeVaultPassword } from '../../electron/use-cases/change-password';
import type { KeychainPort } from '../../electron/ports';
import { Vault, masterKeyForTests } from '../../electron/vault/vault';
import { TestKeychain } from '../harness/browser/ports';
import {
  FAST_KDF,
  PASSWORD,
  openUnlocked,
  removeTempDir,
  sampleInput,
  tempVaultFile,
} from '../harness/vault-fixtures';
import { testPorts } from '../harness/test-ports';

let dir: string;
let file: string;
let keychain: TestKeychain;
beforeEach(async () => {
  ({ dir, file } = await tempVaultFile());
  keychain = new TestKeychain();
});
afterEach(() => removeTempDir(dir));

interface StoredSlot {
  type: string;
  key?: string;
  [field: string]: unknown;
}
const slotsOnDisk = async () => JSON.parse(await readFile(file, 'utf8')).slots as StoredSlot[];
const slotTypes = async () => (await slotsOnDisk()).map((slot) => slot.type);

async function writeSlots(change: (slots: StoredSlot[]) => StoredSlot[]): Promise<void> {
  const json = JSON.parse(await readFile(file, 'utf8'));
  json.slots = change(json.slots);
  await writeFile(file, JSON.stringify(json));
}

/** A vault with one account and a system slot for `keychain`; returned unlocked. */
async function vaultWithKeychain(): Promise<Vault> {
  const vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
  await vault.add(sampleInput(1));
  await vault.setSlot(systemSlot(), keychain);
  return vault;
}

async function unlockWithKeychain(with_: KeychainPort = keychain): Promise<Vault> {
  const vault = await Vault.open(file);
  await vault.unlockWith(systemSlot(), with_);
  return vault;
}

describe('the system slot', () => {
  it('is written beside the password slot and unlocks the vault after a lock, without the password', async () => {
    const vault = await vaultWithKeychain();
    vault.lock();
    expect(await slotTypes()).toEqual(['password', 'system']);
    expect(Object.keys((await slotsOnDisk())[1]!).sort()).toEqual(['key', 'type']);

    const opened = await unlockWithKeychain();
    expect(opened.list().map((a) => a.issuer)).toEqual(['Issuer1']);
    // And it is the same vault: a change made through it opens with the password.
    await opened.add(sampleInput(2));
    expect((await openUnlocked(file)).list()).toHaveLength(2);
  });

  it('never puts the master key in the file in clear: not raw, base64, hex, nor inside the slot', async () => {
    const vault = await vaultWithKeychain();
    const key = Buffer.from(vault[masterKeyForTests]()!);
    const bytes = await readFile(file);
    const text = bytes.toString('utf8');
    expect(bytes.includes(key)).toBe(false);
    expect(text).not.toContain(key.toString('base64'));
    expect(text).not.toContain(key.toString('base64url'));
    expect(text.toLowerCase()).not.toContain(key.toString('hex'));
    const slotBytes = Buffer.from((await slotsOnDisk())[1]!.key!, 'base64');
    expect(slotBytes.includes(key)).toBe(false);
    expect(slotBytes.includes(key.subarray(0, 8))).toBe(false);
  });

  it('keeps working after a password change: the new master key is wrapped again, the new password opens, the old does not', async () => {
    const vault = await vaultWithKeychain();
    const before = Buffer.from(vault[masterKeyForTests]()!);
    const slotBefore = (await slotsOnDisk())[1];
    await changeVaultPassword(vault, PASSWORD, 'a brand new password', keychain);
    expect(await slotTypes()).toEqual(['password', 'system']);
    expect((await slotsOnDisk())[1]).not.toEqual(slotBefore);

    const viaKeychain = await unlockWithKeychain();
    expect(viaKeychain[masterKeyForTests]()!.equals(before)).toBe(false);
    expect(viaKeychain[masterKeyForTests]()!.equals(vault[masterKeyForTests]()!)).toBe(true);
    expect(viaKeychain.list()).toHaveLength(1);
    expect((await openUnlocked(file, 'a brand new password')).list()).toHaveLength(1);
    await expect(openUnlocked(file, PASSWORD)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
  });

  it('is gone from the file when turned off; the password still opens and the keychain no longer does', async () => {
    const vault = await vaultWithKeychain();
    await vault.removeSlots('system');
    expect(await slotTypes()).toEqual(['password']);
    expect((await readFile(file, 'utf8')).includes('"system"')).toBe(false);
    await expect(unlockWithKeychain()).rejects.toMatchObject({ code: 'KEYCHAIN_FAILED' });
    expect((await openUnlocked(file)).list()).toHaveLength(1);
  });

  it('fails with KEYCHAIN_FAILED after the keychain was reset or on another machine; the password still opens', async () => {
    await vaultWithKeychain();
    await expect(unlockWithKeychain(new TestKeychain())).rejects.toMatchObject({
      code: 'KEYCHAIN_FAILED',
    });
    keychain.reset();
    await expect(unlockWithKeychain()).rejects.toMatchObject({ code: 'KEYCHAIN_FAILED' });
    expect((await openUnlocked(file)).list()).toHaveLength(1);
    // The slot stays: turning the option off and on again makes a working one.
    expect(await slotTypes()).toEqual(['password', 'system']);
  });

  it("refuses to write a slot with Linux's basic_text fallback or without a keychain, and never asks it to encrypt", async () => {
    const vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
    for (const state of ['basic_text', 'unavailable'] as const) {
      keychain.state = state;
      const refused = vault.setSlot(systemSlot(), keychain);
      await expect(refused).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
      if (state === 'basic_text') await expect(refused).rejects.toThrow(/libsecret|KWallet/);
    }
    expect(keychain.calls.encrypt).toBe(0);
    expect(await slotTypes()).toEqual(['password']);
  });

  it('does not unlock through a keychain that became basic_text, and does not ask it to decrypt', async () => {
    (await vaultWithKeychain()).lock();
    keychain.state = 'basic_text';
    await expect(unlockWithKeychain()).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(keychain.calls.decrypt).toBe(0);
  });

  it('treats a tampered or malformed system slot as one the keychain cannot open; the password still opens', async () => {
    await vaultWithKeychain();
    const good = (await slotsOnDisk())[1]!;
    const flipped = Buffer.from(good.key!, 'base64');
    flipped[flipped.length >> 1]! ^= 0x01;
    const tampered: StoredSlot[] = [
      { ...good, key: flipped.toString('base64') },
      { ...good, key: flipped.subarray(0, 20).toString('base64') },
      { ...good, key: 'not base64!' },
      { ...good, key: '' },
      { type: 'system' },
      { type: 'system', key: [42] } as unknown as StoredSlot,
    ];
    for (const slot of tampered) {
      await writeSlots((slots) => [slots[0]!, slot]);
      await expect(unlockWithKeychain(), JSON.stringify(slot)).rejects.toMatchObject({
        code: 'KEYCHAIN_FAILED',
      });
      expect((await openUnlocked(file)).list()).toHaveLength(1);
    }
  });

  it('rejects what a keychain without authentication decrypts a damaged slot to, instead of taking it as the key', async () => {
    await vaultWithKeychain();
    // safeStorage on macOS and Linux is AES-CBC without a MAC: damage can decrypt to garbage.
    const unauthenticated: KeychainPort = {
      availability: () => keychain.availability(),
      encrypt: (plaintext) => keychain.encrypt(plaintext),
      decrypt: async (ciphertext) => {
        const decrypted = await keychain.decrypt(ciphertext);
        const plain = decrypted.plaintext;
        plain[plain.length - 40]! ^= 0x80; // a bit of the label, as CBC damage would do
        return decrypted;
      },
    };
    await expect(unlockWithKeychain(unauthenticated)).rejects.toMatchObject({
      code: 'KEYCHAIN_FAILED',
    });
  });

  it('zeroes the buffers it owns: what it gave the keychain to encrypt and what the keychain decrypted', async () => {
    const handed: Buffer[] = [];
    const returned: Buffer[] = [];
    const spying: KeychainPort = {
      availability: () => keychain.availability(),
      encrypt: async (plaintext) => {
        handed.push(plaintext);
        return keychain.encrypt(plaintext);
      },
      decrypt: async (ciphertext) => {
        const decrypted = await keychain.decrypt(ciphertext);
        returned.push(decrypted.plaintext);
        return decrypted;
      },
    };
    const vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
    await vault.setSlot(systemSlot(), spying);
    vault.lock();
    const opened = await unlockWithKeychain(spying);
    const key = opened[masterKeyForTests]()!;
    expect(key.some((byte) => byte !== 0)).toBe(true);
    expect(handed).toHaveLength(1);
    expect(returned).toHaveLength(1);
    for (const buffer of [...handed, ...returned]) expect(buffer.every((b) => b === 0)).toBe(true);
    opened.lock();
    expect(key.every((byte) => byte === 0)).toBe(true);
  });
});

describe('unlock with the keychain, through the IPC handlers', () => {
  let services: Services;

  async function call<M extends Method>(method: M, args?: MethodArgs[M]): Promise<Result<unknown>> {
    return dispatch(services.handlers, method, args);
  }
  async function value<M extends Method>(method: M, args?: MethodArgs[M]): Promise<unknown> {
    const result = await call(method, args);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  }
  async function codeOf<M extends Method>(method: M, args?: MethodArgs[M]): Promise<string> {
    const result = await call(method, args);
    return result.ok ? 'ok' : result.error.code;
  }
  const status = () => value('getKeychainStatus') as Promise<KeychainStatus>;

  beforeEach(() => {
    services = composeServices(testPorts({ vaultPath: file, keychain }));
  });
  afterEach(() => services.vault.lock('user'));

  it('is off by default, turns on with the vault password, opens a locked vault, and turns off', async () => {
    expect(await status()).toEqual({ available: true, reason: null, enabled: false });
    await value('createVault', { password: PASSWORD });
    await value('addAccount', { account: sampleInput(1) });
    expect(await status()).toEqual({ available: true, reason: null, enabled: false });
    expect(await slotTypes()).toEqual(['password']);

    expect(await codeOf('enableKeychainUnlock', { password: 'not it' })).toBe('WRONG_PASSWORD');
    expect(await slotTypes()).toEqual(['password']);
    expect(await value('enableKeychainUnlock', { password: PASSWORD })).toEqual({
      available: true,
      reason: null,
      enabled: true,
    });

    await value('lock');
    expect(await status()).toMatchObject({ enabled: true }); // read from the file while locked
    await value('unlockWithKeychain');
    expect(await value('status')).toMatchObject({ vault: 'unlocked' });
    expect(await value('listAccounts')).toHaveLength(1);

    expect(await value('disableKeychainUnlock')).toMatchObject({ enabled: false });
    expect(await slotTypes()).toEqual(['password']);
    await value('lock');
    expect(await codeOf('unlockWithKeychain')).toBe('KEYCHAIN_FAILED');
    expect(await codeOf('unlock', { password: PASSWORD })).toBe('ok');
  });

  it('needs the vault unlocked to turn it on or off', async () => {
    await value('createVault', { password: PASSWORD });
    await value('lock');
    expect(await codeOf('enableKeychainUnlock', { password: PASSWORD })).toBe('VAULT_LOCKED');
    expect(await codeOf('disableKeychainUnlock')).toBe('VAULT_LOCKED');
  });

  it('keeps unlocking with the keychain after the password changes through the app', async () => {
    await value('createVault', { password: PASSWORD });
    await value('enableKeychainUnlock', { password: PASSWORD });
    await value('changePassword', { oldPassword: PASSWORD, newPassword: 'another password' });
    await value('lock');
    await value('unlockWithKeychain');
    await value('lock');
    expect(await codeOf('unlock', { password: PASSWORD })).toBe('WRONG_PASSWORD');
    expect(await codeOf('unlock', { password: 'another password' })).toBe('ok');
  });

  it('reports basic_text and refuses to turn on before the password is even checked', async () => {
    keychain.state = 'basic_text';
    await value('createVault', { password: PASSWORD });
    expect(await status()).toEqual({ available: false, reason: 'basic_text', enabled: false });
    expect(await codeOf('enableKeychainUnlock', { password: 'wrong' })).toBe(
      'KEYCHAIN_UNAVAILABLE',
    );
    expect(keychain.calls.encrypt).toBe(0);
    expect(await slotTypes()).toEqual(['password']);
    keychain.state = 'unavailable';
    expect(await status()).toEqual({ available: false, reason: 'unavailable', enabled: false });
  });

  it('after a keychain reset: KEYCHAIN_FAILED, the vault stays locked, and the password opens it', async () => {
    await value('createVault', { password: PASSWORD });
    await value('enableKeychainUnlock', { password: PASSWORD });
    await value('lock');
    keychain.reset();
    expect(await codeOf('unlockWithKeychain')).toBe('KEYCHAIN_FAILED');
    expect(await value('status')).toMatchObject({ vault: 'locked' });
    expect(await codeOf('unlock', { password: PASSWORD })).toBe('ok');
  });

  it('says KEYCHAIN_FAILED, not a damaged vault, for a system slot taken from another vault', async () => {
    const other = path.join(dir, 'other.json');
    const stranger = await Vault.create(other, 'other password', { kdf: FAST_KDF });
    await stranger.setSlot(systemSlot(), keychain); // same keychain, another master key
    const foreign = (JSON.parse(await readFile(other, 'utf8')).slots as StoredSlot[])[1]!;
    await value('createVault', { password: PASSWORD });
    await value('lock');
    await writeSlots((slots) => [slots[0]!, foreign]);
    expect(await codeOf('unlockWithKeychain')).toBe('KEYCHAIN_FAILED');
    expect(await codeOf('unlock', { password: PASSWORD })).toBe('ok');
  });

  const systemKeyOnDisk = async () => (await slotsOnDisk()).find((s) => s.type === 'system')?.key;

  it("re-wraps the system slot after an unlock when the keychain says its key changed (safeStorage's shouldReEncrypt)", async () => {
    await value('createVault', { password: PASSWORD });
    await value('addAccount', { account: sampleInput(1) });
    await value('enableKeychainUnlock', { password: PASSWORD });
    await value('lock');
    const before = await systemKeyOnDisk();
    keychain.rotate();
    const encrypts = keychain.calls.encrypt;
    await value('unlockWithKeychain');
    expect(await value('listAccounts')).toHaveLength(1);
    expect(keychain.calls.encrypt).toBe(encrypts + 1);
    expect(await systemKeyOnDisk()).not.toBe(before);
    expect(await slotTypes()).toEqual(['password', 'system']);
    // The new slot is under the new key: it opens once the keychain forgot the old one.
    keychain.forgetRetired();
    await value('lock');
    await value('unlockWithKeychain');
    expect(await value('listAccounts')).toHaveLength(1);
  });

  it('leaves the slot as it is when the keychain does not ask for re-encryption', async () => {
    await value('createVault', { password: PASSWORD });
    await value('enableKeychainUnlock', { password: PASSWORD });
    await value('lock');
    const before = await readFile(file, 'utf8');
    const encrypts = keychain.calls.encrypt;
    await value('unlockWithKeychain');
    expect(keychain.calls.encrypt).toBe(encrypts);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('keeps the unlock and the old slot when the re-wrap fails; the next unlock tries again', async () => {
    await value('createVault', { password: PASSWORD });
    await value('enableKeychainUnlock', { password: PASSWORD });
    await value('lock');
    const before = await systemKeyOnDisk();
    keychain.rotate();
    const encrypt = keychain.encrypt.bind(keychain);
    keychain.encrypt = async () => {
      throw new Error('the keyring is locked');
    };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await value('unlockWithKeychain');
    expect(await value('status')).toMatchObject({ vault: 'unlocked' });
    expect(await systemKeyOnDisk()).toBe(before);
    expect(logged).toHaveBeenCalledTimes(1); // reported, not swallowed
    logged.mockRestore();
    keychain.encrypt = encrypt;
    await value('lock');
    await value('unlockWithKeychain');
    expect(await systemKeyOnDisk()).not.toBe(before);
  });

  it('leaves no slot behind when the keychain encrypts but cannot decrypt what it encrypted', async () => {
    await value('createVault', { password: PASSWORD });
    const decrypt = keychain.decrypt.bind(keychain);
    keychain.decrypt = async () => {
      throw new Error('the keyring is locked');
    };
    expect(await codeOf('enableKeychainUnlock', { password: PASSWORD })).toBe('KEYCHAIN_FAILED');
    expect(await slotTypes()).toEqual(['password']);
    keychain.decrypt = decrypt;
    expect(await status()).toMatchObject({ enabled: false });
  });
});
