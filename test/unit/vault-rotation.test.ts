// Issue 11 items 4 and 5: a password change rotates the master key (old copies and the old password
// open nothing of the new file), and a vault file older than the one held is refused, not loaded.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LockReason } from '../../shared/ipc';
import { openPayload, unwrapMasterKey, type EnvelopeContext } from '../../electron/vault/envelope';
import { passwordSlot } from '../../electron/vault/password-slot';
import { systemSlot } from '../../electron/vault/system-slot';
import { Vault, masterKeyForTests } from '../../electron/vault/vault';
import { readEnvelope } from '../../electron/vault/vault-file';
import { changeVaultPassword } from '../../electron/use-cases/change-password';
import { TestKeychain } from '../harness/browser/ports';
import { ManualTime } from '../harness/manual-timers';
import {
  FAST_KDF,
  PASSWORD,
  failingWrites,
  openUnlocked,
  removeTempDir,
  sampleInput,
  tempVaultFile,
} from '../harness/vault-fixtures';

const CONTEXT: EnvelopeContext = { format: 'authdesk-vault', version: 1 };
const NEW_PASSWORD = 'a brand new password';

let dir: string;
let file: string;
beforeEach(async () => ({ dir, file } = await tempVaultFile()));
afterEach(() => removeTempDir(dir));

/** The master key `password` yields from the file at `path` (a copy kept from before). */
async function keyFrom(path: string, password: string): Promise<Buffer> {
  const envelope = await readEnvelope(path, 'authdesk-vault');
  return (await unwrapMasterKey(envelope.slots, passwordSlot(), password, CONTEXT)).key;
}

/** Whether `key` opens the payload of the file at `path`. */
async function opens(path: string, key: Buffer): Promise<boolean> {
  const envelope = await readEnvelope(path, 'authdesk-vault');
  try {
    openPayload(envelope.payload, key, CONTEXT);
    return true;
  } catch {
    return false;
  }
}

describe('a password change rotates the master key', () => {
  it('leaves no copy on disk that the old password opens, and the old key opens nothing of the new file', async () => {
    const vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
    await vault.add(sampleInput(1));
    await vault.add(sampleInput(2)); // vault.json.bak now holds the generation with one account
    const oldCopy = `${file}.old-copy`; // a synced or hand-made copy from before the change
    await copyFile(file, oldCopy);
    const before = Buffer.from(vault[masterKeyForTests]()!);
    const revision = vault.revision;

    await vault.changePassword(PASSWORD, NEW_PASSWORD);

    expect(vault[masterKeyForTests]()!.equals(before)).toBe(false);
    expect(vault.revision).toBe(revision + 1);
    // The old copy still opens with the old password, to its own contents only.
    const oldKey = await keyFrom(oldCopy, PASSWORD);
    expect(oldKey.equals(before)).toBe(true);
    expect(await opens(file, oldKey)).toBe(false);
    expect(await opens(`${file}.bak`, oldKey)).toBe(false);
    // Neither the file nor its previous generation opens with the old password.
    await expect(openUnlocked(file, PASSWORD)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await expect(keyFrom(`${file}.bak`, PASSWORD)).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
    // Both open with the new one: the file as it is, .bak as the generation before the change.
    expect((await openUnlocked(file, NEW_PASSWORD)).list()).toHaveLength(2);
    const bakKey = await keyFrom(`${file}.bak`, NEW_PASSWORD);
    expect(await opens(`${file}.bak`, bakKey)).toBe(true);
    // The vault keeps working under the new key.
    await vault.add(sampleInput(3));
    expect((await openUnlocked(file, NEW_PASSWORD)).list()).toHaveLength(3);
  });

  it('a copy kept before a restore opens only itself with the old password', async () => {
    const vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
    await vault.add(sampleInput(1));
    const { keptCopy } = await vault.replaceAll([sampleInput(2)], []);
    await vault.changePassword(PASSWORD, NEW_PASSWORD);
    const copyKey = await keyFrom(keptCopy, PASSWORD);
    expect(await opens(keptCopy, copyKey)).toBe(true);
    expect(await opens(file, copyKey)).toBe(false);
  });

  it('keeps the slot cost, and drops slots that held the old key: extra password slots and unknown types', async () => {
    const vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
    await vault.add(sampleInput(1));
    const json = JSON.parse(await readFile(file, 'utf8'));
    json.slots.push({ type: 'from-the-future', key: 'b3BhcXVl' });
    await writeFile(file, JSON.stringify(json));
    const reopened = await openUnlocked(file);

    expect(await reopened.changePassword(PASSWORD, NEW_PASSWORD)).toEqual({
      dropped: ['from-the-future'],
    });
    const envelope = await readEnvelope(file, 'authdesk-vault');
    expect(envelope.slots.map((slot) => slot.type)).toEqual(['password']);
    expect(envelope.slots[0]).toMatchObject({ kdf: { N: FAST_KDF.N } });
  });

  it('changes nothing when the save fails: the old password and key still open the file', async () => {
    const vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
    await vault.add(sampleInput(1));
    const text = await readFile(file, 'utf8');
    const bak = await readFile(`${file}.bak`, 'utf8');
    const failing = failingWrites('ENOSPC', () => true);
    const failingVault = await openUnlocked(file, PASSWORD, { fs: failing });
    const held = Buffer.from(failingVault[masterKeyForTests]()!);
    await expect(failingVault.changePassword(PASSWORD, NEW_PASSWORD)).rejects.toMatchObject({
      code: 'IO_ERROR',
    });
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(await readFile(`${file}.bak`, 'utf8')).toBe(bak);
    expect(failingVault[masterKeyForTests]()!.equals(held)).toBe(true);
    expect(failingVault.list()).toHaveLength(1);
    expect((await openUnlocked(file, PASSWORD)).list()).toHaveLength(1);
  });

  it('wraps the keychain slot again in the window; the command line (no keychain) turns it off', async () => {
    const keychain = new TestKeychain();
    const vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
    await vault.add(sampleInput(1));
    await vault.setSlot(systemSlot(), keychain);
    const slotBefore = (await readEnvelope(file, 'authdesk-vault')).slots[1];

    expect(await changeVaultPassword(vault, PASSWORD, NEW_PASSWORD, keychain)).toEqual({
      keychainTurnedOff: false,
    });
    const slots = (await readEnvelope(file, 'authdesk-vault')).slots;
    expect(slots.map((slot) => slot.type)).toEqual(['password', 'system']);
    expect(slots[1]).not.toEqual(slotBefore);
    const viaKeychain = await Vault.open(file);
    await viaKeychain.unlockWith(systemSlot(), keychain);
    expect(viaKeychain[masterKeyForTests]()!.equals(vault[masterKeyForTests]()!)).toBe(true);

    expect(await changeVaultPassword(vault, NEW_PASSWORD, PASSWORD, null)).toEqual({
      keychainTurnedOff: true,
    });
    expect((await readEnvelope(file, 'authdesk-vault')).slots.map((slot) => slot.type)).toEqual([
      'password',
    ]);
  });

  it('turns the keychain slot off when the keychain refuses, and still changes the password', async () => {
    const keychain = new TestKeychain();
    const vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
    await vault.setSlot(systemSlot(), keychain);
    keychain.state = 'unavailable';
    expect(await changeVaultPassword(vault, PASSWORD, NEW_PASSWORD, keychain)).toEqual({
      keychainTurnedOff: true,
    });
    expect((await readEnvelope(file, 'authdesk-vault')).slots.map((slot) => slot.type)).toEqual([
      'password',
    ]);
    expect((await openUnlocked(file, NEW_PASSWORD)).list()).toHaveLength(0);
  });
});

describe('a file changed under an unlocked vault', () => {
  function watched() {
    const time = new ManualTime(0);
    const locks: LockReason[] = [];
    const options = {
      kdf: FAST_KDF,
      watch: time,
      events: { locked: (reason: LockReason) => locks.push(reason), changed: () => undefined },
    };
    return { time, locks, options };
  }

  it('locks, saying why, when another process changed the password (the key rotated)', async () => {
    await (await Vault.create(file, PASSWORD, { kdf: FAST_KDF })).add(sampleInput(1));
    const { locks, options } = watched();
    const window = await Vault.open(file, options);
    await window.unlock(PASSWORD);
    const cli = await openUnlocked(file);
    await cli.changePassword(PASSWORD, NEW_PASSWORD);

    await expect(window.add(sampleInput(2))).rejects.toMatchObject({ code: 'VAULT_REPLACED' });
    expect(window.isUnlocked).toBe(false);
    expect(locks).toEqual(['replaced']);
    await window.unlock(NEW_PASSWORD);
    expect(window.list()).toHaveLength(1);
  });

  it('refuses an older copy put back: no deleted account returns, no old HOTP counter is loaded', async () => {
    const vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
    const hotp = await vault.add({ ...sampleInput(1), type: 'hotp', counter: 0 });
    const old = `${file}.older`;
    await copyFile(file, old);
    await vault.nextHotp(hotp.id);
    const { id } = await vault.add(sampleInput(2));
    await vault.remove(id);
    const { time, locks, options } = watched();
    const window = await Vault.open(file, options);
    await window.unlock(PASSWORD);
    const revision = window.revision;

    await copyFile(old, file); // revision 2 put back under a vault that holds revision 5
    await expect(window.refresh()).rejects.toMatchObject({
      code: 'VAULT_REPLACED',
      message: expect.stringContaining(`revision 2, open ${revision}`),
    });
    expect(locks).toEqual(['replaced']);
    expect(window.isUnlocked).toBe(false);
    // Nothing was saved over the older file either.
    expect(await readFile(file, 'utf8')).toBe(await readFile(old, 'utf8'));
    time.advance(10_000); // the watch stopped with the lock
    expect(locks).toEqual(['replaced']);
  });

  it('the poll notices a rollback too, and nothing is ever written over the older file', async () => {
    const vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
    await vault.add(sampleInput(1));
    const old = `${file}.older`;
    await copyFile(file, old);
    await vault.add(sampleInput(2));
    const { time, locks, options } = watched();
    const window = await Vault.open(file, options);
    await window.unlock(PASSWORD);
    await copyFile(old, file);
    time.advance(2_000); // the watch looks at the file
    await vi.waitFor(() => expect(locks).toEqual(['replaced']));
    expect(window.isUnlocked).toBe(false);
    await expect(window.update(vault.list()[0]!.id, { note: 'x' })).rejects.toMatchObject({
      code: 'VAULT_LOCKED',
    });
    await expect(vault.update(vault.list()[0]!.id, { note: 'x' })).rejects.toMatchObject({
      code: 'VAULT_REPLACED',
    });
    expect(await readFile(file, 'utf8')).toBe(await readFile(old, 'utf8'));
  });
});
