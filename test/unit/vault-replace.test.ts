// What restore and export need from the vault: replace with a kept copy, re-check the password, the backup key.
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, AccountInput } from '../../shared/account';
import { decodeBackup, encodeBackup, newBackupKey } from '../../electron/transfer/backup-file';
import { Vault } from '../../electron/vault/vault';
import {
  PASSWORD,
  TINY_KDF,
  failingWrites,
  openUnlocked,
  removeTempDir,
  sampleInput,
  tempVaultFile,
} from '../harness/vault-fixtures';

const AWS = 'arn:aws:iam::123456789012:mfa/alice';
const AT = new Date('2026-11-29T21:30:05.678Z');
const COPY = 'vault.json.before-restore-2026-11-29T21-30-05Z';

let dir: string;
let file: string;
let vault: Vault;
beforeEach(async () => {
  ({ dir, file } = await tempVaultFile());
  vault = await Vault.create(file, PASSWORD, { kdf: TINY_KDF, now: () => AT });
  await vault.add(sampleInput(1, { tags: ['Old group'] }));
  await vault.add(sampleInput(2));
});
afterEach(async () => {
  await fs.chmod(dir, 0o700).catch(() => undefined);
  await removeTempDir(dir);
});

/** Inputs with every optional field, as a restore hands them over. */
const RESTORED: AccountInput[] = [
  sampleInput(10, {
    tags: ['Work'],
    note: 'backup codes in the safe\nsecond line',
    pinned: true,
    awsSerial: AWS,
  }),
  sampleInput(11, { type: 'hotp', counter: 7, algorithm: 'SHA512', digits: 8, tags: ['Home'] }),
  sampleInput(12, { type: 'steam', digits: 5 }),
];

/** What an account holds besides its id and dates: compare with the input it came from. */
function fieldsOf(account: Account): AccountInput {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { id, createdAt, updatedAt, ...input } = account;
  return input;
}

const snapshot = async (of: Vault) => ({
  file: await fs.readFile(file, 'utf8'),
  accounts: of.list(),
  groups: of.contents().groups,
  revision: of.revision,
});

describe('replaceAll', () => {
  it('keeps a dated 0600 copy that opens with the same password and holds the old accounts, then holds exactly the inputs', async () => {
    const before = vault.list();
    const revision = vault.revision;
    const { added, keptCopy } = await vault.replaceAll(RESTORED, ['Home', 'Empty']);

    expect(keptCopy).toBe(path.join(dir, COPY));
    if (process.platform !== 'win32') expect((await fs.stat(keptCopy)).mode & 0o777).toBe(0o600);
    const copy = await openUnlocked(keptCopy);
    expect(copy.list()).toEqual(before);
    expect(copy.revision).toBe(revision);

    expect(added.map(fieldsOf)).toEqual(RESTORED);
    expect(vault.list()).toEqual(added);
    expect(new Set(added.map((a) => a.id)).size).toBe(3);
    expect(added.some((a) => before.some((b) => b.id === a.id))).toBe(false);
    expect(vault.contents().groups).toEqual(['Home', 'Empty', 'Work']);
    expect(vault.revision).toBe(revision + 1);

    const reopened = await openUnlocked(file);
    expect(reopened.list()).toEqual(added);
    expect(reopened.contents().groups).toEqual(['Home', 'Empty', 'Work']);
  });

  it('keeps duplicates among the inputs (the accounts become exactly the inputs)', async () => {
    const twice = [sampleInput(5), sampleInput(5)];
    const { added } = await vault.replaceAll(twice, []);
    expect(added.map(fieldsOf)).toEqual(twice);
    expect(vault.contents().groups).toEqual([]);
  });

  it('never overwrites an earlier copy: a second restore in the same second gets its own name', async () => {
    const first = await vault.replaceAll([sampleInput(20)], []);
    const firstCopy = await fs.readFile(first.keptCopy, 'utf8');
    const second = await vault.replaceAll([sampleInput(21)], []);
    expect(second.keptCopy).toBe(path.join(dir, `${COPY}-2`));
    expect(await fs.readFile(first.keptCopy, 'utf8')).toBe(firstCopy);
    expect((await openUnlocked(second.keptCopy)).list().map(fieldsOf)).toEqual([sampleInput(20)]);
  });

  it('copies the newest file on disk, not what this window last saw', async () => {
    const other = await openUnlocked(file);
    await other.add(sampleInput(3));
    const { keptCopy } = await vault.replaceAll([sampleInput(30)], []);
    expect((await openUnlocked(keptCopy)).list().map((a) => a.issuer)).toEqual([
      'Issuer1',
      'Issuer2',
      'Issuer3',
    ]);
  });

  it('with an invalid input changes nothing and keeps no copy', async () => {
    const before = await snapshot(vault);
    await expect(
      vault.replaceAll([sampleInput(40), { ...sampleInput(41), digits: 12 }], []),
    ).rejects.toMatchObject({ code: 'ACCOUNT_INVALID', message: /^Account 2 of 2: / });
    const longTag = 't'.repeat(101);
    await expect(
      vault.replaceAll([sampleInput(40, { tags: [longTag] })], []),
    ).rejects.toMatchObject({ code: 'ACCOUNT_INVALID' });
    expect(await snapshot(vault)).toEqual(before);
    expect((await fs.readdir(dir)).filter((name) => name.includes('before-restore'))).toEqual([]);
  });

  it('when saving the vault fails (full disk): IO_ERROR, vault file and memory as they were, the copy stays', async () => {
    const app = await openUnlocked(file, PASSWORD, {
      now: () => AT,
      fs: failingWrites('ENOSPC', (name) => name.endsWith('.tmp')),
    });
    const before = await snapshot(app);
    await expect(app.replaceAll(RESTORED, [])).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(/^Not enough disk space to save the vault/),
    });
    expect(await snapshot(app)).toEqual(before);
    expect(await fs.readdir(dir)).not.toContain('vault.json.tmp');
    expect((await openUnlocked(path.join(dir, COPY))).list()).toEqual(before.accounts);
  });

  it('when the copy cannot be written (full disk): IO_ERROR, nothing replaced, no partial copy left', async () => {
    const app = await openUnlocked(file, PASSWORD, {
      now: () => AT,
      fs: failingWrites('ENOSPC', (name) => name.includes('before-restore')),
    });
    const before = await snapshot(app);
    await expect(app.replaceAll(RESTORED, [])).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: `Not enough disk space to save the copy of the vault in ${dir}.`,
    });
    expect(await snapshot(app)).toEqual(before);
    expect((await fs.readdir(dir)).filter((name) => name.includes('before-restore'))).toEqual([]);
  });

  it('keeps the automatic-backup key', async () => {
    const key = await newBackupKey('backup password', TINY_KDF);
    await vault.setBackupKey(key);
    await vault.replaceAll([sampleInput(50)], []);
    expect(vault.backupKey()?.masterKey.equals(key.masterKey)).toBe(true);
  });

  it('is VAULT_LOCKED when locked', async () => {
    vault.lock();
    await expect(vault.replaceAll([sampleInput(60)], [])).rejects.toMatchObject({
      code: 'VAULT_LOCKED',
    });
  });
});

describe('addMany', () => {
  it('keeps group, note, pinned and awsSerial, skipping duplicates or not', async () => {
    const { added, skipped } = await vault.addMany([...RESTORED, sampleInput(1)], {
      skipDuplicates: true,
    });
    expect(added.map(fieldsOf)).toEqual(RESTORED);
    expect(skipped.map((s) => s.input)).toEqual([sampleInput(1)]);
    const again = await vault.addMany([RESTORED[0]!], { skipDuplicates: false });
    expect(again.added.map(fieldsOf)).toEqual([RESTORED[0]]);
  });
});

describe('contents', () => {
  it('is a copy of the accounts, groups, revision and icon pictures; VAULT_LOCKED when locked', async () => {
    const contents = vault.contents();
    expect(contents).toEqual({
      accounts: vault.list(),
      groups: ['Old group'],
      revision: vault.revision,
      icons: {},
    });
    contents.accounts[0]!.issuer = 'changed';
    contents.groups.push('changed');
    expect(vault.list()[0]!.issuer).toBe('Issuer1');
    expect(vault.contents().groups).toEqual(['Old group']);
    vault.lock();
    expect(() => vault.contents()).toThrow(expect.objectContaining({ code: 'VAULT_LOCKED' }));
  });
});

describe('checkPassword', () => {
  it('accepts the password and refuses others as WRONG_PASSWORD, unlocked and locked, changing nothing', async () => {
    const before = await snapshot(vault);
    await expect(vault.checkPassword(PASSWORD)).resolves.toBeUndefined();
    for (const wrong of ['wrong', '', `${PASSWORD} `]) {
      await expect(vault.checkPassword(wrong)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    }
    expect(await snapshot(vault)).toEqual(before);
    expect(vault.isUnlocked).toBe(true);

    const locked = await Vault.open(file);
    await expect(locked.checkPassword(PASSWORD)).resolves.toBeUndefined();
    await expect(locked.checkPassword('wrong')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(locked.isUnlocked).toBe(false);
    vault.lock();
    await expect(vault.checkPassword(PASSWORD)).resolves.toBeUndefined();
  });

  it('follows a password change made here', async () => {
    await vault.changePassword(PASSWORD, 'new password');
    await expect(vault.checkPassword('new password')).resolves.toBeUndefined();
    await expect(vault.checkPassword(PASSWORD)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
  });
});

describe('the automatic-backup key', () => {
  it('is null at first; set, it survives lock and unlock, a rewrite by another Vault, and a reopen', async () => {
    expect(vault.backupKey()).toBeNull();
    const key = await newBackupKey('backup password', TINY_KDF);
    const revision = vault.revision;
    await vault.setBackupKey(key);
    expect(vault.revision).toBe(revision + 1);
    const same = (got: ReturnType<Vault['backupKey']>) => {
      expect(got?.masterKey.equals(key.masterKey)).toBe(true);
      expect(got?.slot).toEqual(key.slot);
    };
    same(vault.backupKey());

    vault.lock();
    expect(() => vault.backupKey()).toThrow(expect.objectContaining({ code: 'VAULT_LOCKED' }));
    await vault.unlock(PASSWORD);
    same(vault.backupKey());

    const other = await openUnlocked(file);
    await other.add(sampleInput(3));
    await other.update(other.list()[0]!.id, { note: 'edited elsewhere' });
    await vault.refresh();
    same(vault.backupKey());
    same((await openUnlocked(file)).backupKey());
  });

  it('is a fresh copy each time, kept only inside the encryption, and makes backups that open with its password', async () => {
    const key = await newBackupKey('backup password', TINY_KDF);
    await vault.setBackupKey(key);
    const got = vault.backupKey()!;
    got.masterKey.fill(0);
    expect(vault.backupKey()!.masterKey.equals(key.masterKey)).toBe(true);
    expect(await fs.readFile(file, 'utf8')).not.toContain(key.masterKey.toString('base64'));

    const file2 = encodeBackup(vault.contents(), vault.backupKey()!, {
      appVersion: '1.0.0',
      now: AT,
    });
    const contents = await decodeBackup(Buffer.from(file2), 'backup password');
    expect(contents.accounts).toEqual(vault.list());
  });

  it('is removed with null; removing none writes nothing', async () => {
    await vault.setBackupKey(await newBackupKey('backup password', TINY_KDF));
    await vault.setBackupKey(null);
    expect(vault.backupKey()).toBeNull();
    expect((await openUnlocked(file)).backupKey()).toBeNull();
    const revision = vault.revision;
    await vault.setBackupKey(null);
    expect(vault.revision).toBe(revision);
  });

  it('refuses a key without a usable password slot', async () => {
    const key = await newBackupKey('backup password', TINY_KDF);
    await expect(vault.setBackupKey({ ...key, slot: { type: 'system' } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(vault.backupKey()).toBeNull();
  });
});
