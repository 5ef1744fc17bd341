// The vault as callers use it: create, open, unlock, lock, changing the password, what lands on disk.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Vault, masterKeyForTests } from '../../electron/vault/vault';
import {
  FAST_KDF,
  PASSWORD,
  openUnlocked,
  removeTempDir,
  sampleInput,
  tempVaultFile,
} from '../harness/vault-fixtures';

let dir: string;
let file: string;
beforeEach(async () => ({ dir, file } = await tempVaultFile()));
afterEach(() => removeTempDir(dir));

const create = (options: Parameters<typeof Vault.create>[2] = {}) =>
  Vault.create(file, PASSWORD, { kdf: FAST_KDF, ...options });

const reopen = (password = PASSWORD) => openUnlocked(file, password);

const payloadOf = async () => JSON.parse(await readFile(file, 'utf8')).payload;

describe('create, open, unlock, lock', () => {
  it('creates an unlocked empty vault at revision 1, a 0600 file, and refuses to create over it', async () => {
    const vault = await create();
    expect(vault.isUnlocked).toBe(true);
    expect(vault.list()).toEqual([]);
    expect(vault.revision).toBe(1);
    expect(vault.path).toBe(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await Vault.exists(file)).toBe(true);
    await expect(create()).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
  });

  it('refuses an empty password as PASSWORD_INVALID and writes nothing', async () => {
    await expect(Vault.create(file, '')).rejects.toMatchObject({ code: 'PASSWORD_INVALID' });
    expect(await Vault.exists(file)).toBe(false);
  });

  it('creates the missing parent folders', async () => {
    file = path.join(dir, 'a', 'b', 'vault.json');
    await create();
    expect(await Vault.exists(file)).toBe(true);
  });

  it('reports a missing file as VAULT_NOT_FOUND', async () => {
    await expect(Vault.open(file)).rejects.toMatchObject({ code: 'VAULT_NOT_FOUND' });
    expect(await Vault.exists(file)).toBe(false);
  });

  it('opens locked; a wrong password is WRONG_PASSWORD and leaves it locked; the right one unlocks', async () => {
    await (await create()).add(sampleInput(1));
    const vault = await Vault.open(file);
    expect(vault.isUnlocked).toBe(false);
    await expect(vault.unlock('not it')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await expect(vault.unlock('')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(vault.isUnlocked).toBe(false);
    await vault.unlock(PASSWORD);
    expect(vault.list().map((a) => a.issuer)).toEqual(['Issuer1']);
  });

  it('refuses every account operation while locked with VAULT_LOCKED', async () => {
    const vault = await create();
    vault.lock();
    for (const call of [() => vault.list(), () => vault.get('x'), () => vault.revision]) {
      expect(call).toThrow(expect.objectContaining({ code: 'VAULT_LOCKED' }));
    }
    await expect(vault.add(sampleInput(1))).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    await expect(vault.remove('x')).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    await expect(vault.changePassword(PASSWORD, 'new')).rejects.toMatchObject({
      code: 'VAULT_LOCKED',
    });
  });

  it('lock() zeroes the master key buffer and forgets the accounts', async () => {
    const vault = await create();
    await vault.add(sampleInput(1));
    const key = vault[masterKeyForTests]()!;
    expect(key).toHaveLength(32);
    expect(key.some((byte) => byte !== 0)).toBe(true);
    vault.lock();
    expect(key.every((byte) => byte === 0)).toBe(true);
    expect(vault[masterKeyForTests]()).toBeNull();
    expect(vault.isUnlocked).toBe(false);
    await vault.unlock(PASSWORD);
    expect(vault.list()).toHaveLength(1);
  });

  it('uses the real default cost: N=2^17, r=8, p=1 recorded in the file, and unlocks with it', async () => {
    let started = Date.now();
    await Vault.create(file, PASSWORD);
    const createMs = Date.now() - started;
    const { kdf } = JSON.parse(await readFile(file, 'utf8')).slots[0];
    expect(kdf).toMatchObject({ name: 'scrypt', N: 131072, r: 8, p: 1 });
    const vault = await Vault.open(file);
    started = Date.now();
    await vault.unlock(PASSWORD);
    console.log(`default cost: create ${createMs} ms, unlock ${Date.now() - started} ms`);
    expect(vault.isUnlocked).toBe(true);
  });
});

describe('changing the password', () => {
  it('seals the accounts again under a new key: old password fails, new works, cost kept, new salt', async () => {
    const vault = await create();
    await vault.add(sampleInput(1));
    const before = JSON.parse(await readFile(file, 'utf8'));
    await vault.changePassword(PASSWORD, 'a new password');
    const after = JSON.parse(await readFile(file, 'utf8'));
    expect(after.payload.data).not.toEqual(before.payload.data);
    expect(after.slots[0].key).not.toEqual(before.slots[0].key);
    expect(after.slots[0].kdf.salt).not.toBe(before.slots[0].kdf.salt);
    expect(after.slots[0].kdf).toMatchObject({ N: FAST_KDF.N, r: 8, p: 1 });
    await expect(reopen(PASSWORD)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect((await reopen('a new password')).list().map((a) => a.issuer)).toEqual(['Issuer1']);
    expect(vault.isUnlocked).toBe(true);
    await vault.add(sampleInput(2)); // the vault stays usable and keeps the new slot
    expect((await reopen('a new password')).list()).toHaveLength(2);
  });

  it('refuses a wrong old password (WRONG_PASSWORD) or an empty new one (PASSWORD_INVALID), changing nothing', async () => {
    const vault = await create();
    const before = await readFile(file, 'utf8');
    await expect(vault.changePassword('wrong', 'new')).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
    await expect(vault.changePassword(PASSWORD, '')).rejects.toMatchObject({
      code: 'PASSWORD_INVALID',
    });
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('can raise the scrypt cost while changing the password', async () => {
    const vault = await create();
    await vault.changePassword(PASSWORD, 'next', { kdf: { N: 2 ** 15 } });
    expect(JSON.parse(await readFile(file, 'utf8')).slots[0].kdf.N).toBe(2 ** 15);
    expect((await reopen('next')).isUnlocked).toBe(true);
  });
});

describe('the file holds nothing readable', () => {
  it('contains no secret, issuer, label or note in clear, nor in base64 at any alignment', async () => {
    const vault = await create();
    const input = sampleInput('Visible', {
      note: 'backup codes are in the drawer',
      tags: ['Production'],
    });
    await vault.add(input);
    await vault.add(sampleInput('Second'));
    const base64Forms = (text: string) =>
      [0, 1, 2].map((shift) =>
        Buffer.from('\0'.repeat(shift) + text)
          .toString('base64')
          .slice(4, -4),
      );
    for (const name of ['vault.json', 'vault.json.bak']) {
      const raw = await readFile(path.join(dir, name), 'latin1');
      for (const text of [
        input.secret,
        input.issuer,
        input.label,
        input.note!,
        input.tags![0]!,
        'otpauth',
      ]) {
        expect(raw.toLowerCase()).not.toContain(text.toLowerCase());
        for (const form of base64Forms(text)) expect(raw).not.toContain(form);
      }
    }
  });
});

describe('payload written by this vault', () => {
  it('keeps the previous generation in vault.json.bak', async () => {
    const vault = await create();
    await vault.add(sampleInput(1));
    const previous = await readFile(file, 'utf8');
    await vault.add(sampleInput(2));
    expect(await readFile(`${file}.bak`, 'utf8')).toBe(previous);
    const backup = await Vault.open(`${file}.bak`);
    await backup.unlock(PASSWORD);
    expect(backup.revision).toBe(vault.revision - 1);
  });

  it('uses a fresh payload nonce on every write', async () => {
    const vault = await create();
    const nonces = new Set([(await payloadOf()).nonce]);
    for (const tag of [1, 2, 3]) {
      await vault.add(sampleInput(tag));
      nonces.add((await payloadOf()).nonce);
    }
    expect(nonces.size).toBe(4);
  });
});
