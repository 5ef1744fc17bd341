// The vault's account operations: add, update, remove, reorder, duplicates, batches, copies, concurrency.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Vault } from '../../electron/vault/vault';
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

describe('accounts', () => {
  it('adds a normalised account with a uuid and timestamps from the clock, one revision per write', async () => {
    const at = new Date('2025-01-02T03:04:05.000Z');
    const vault = await create({ now: () => at });
    const account = await vault.add(
      sampleInput(1, { secret: 'jbsw y3dp-ehpk 3pxp====', issuer: '  AWS ', tags: [' Work '] }),
    );
    expect(account).toMatchObject({
      issuer: 'AWS',
      secret: 'JBSWY3DPEHPK3PXP',
      tags: ['Work'],
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
    });
    expect(account.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(vault.revision).toBe(2);
    expect(vault.contents().groups).toEqual(['Work']);
    const fresh = await reopen();
    expect(fresh.list()).toEqual([account]);
    expect(fresh.revision).toBe(2);
  });

  it('updates only patchable fields, clears optional text with "", and keeps id and createdAt', async () => {
    let now = new Date('2025-01-01T00:00:00Z');
    const vault = await create({ now: () => now });
    const added = await vault.add(
      sampleInput(1, { type: 'hotp', note: 'n', awsSerial: 'arn:aws:iam::123456789012:mfa/root' }),
    );
    now = new Date('2025-02-01T00:00:00Z');
    const updated = await vault.update(added.id, {
      label: 'renamed',
      counter: 5,
      note: '',
      pinned: true,
    });
    expect(updated).toMatchObject({ id: added.id, label: 'renamed', counter: 5, pinned: true });
    expect(updated.note).toBeUndefined();
    expect(updated.createdAt).toBe(added.createdAt);
    expect(updated.updatedAt).toBe(now.toISOString());
    expect((await reopen()).get(added.id)).toEqual(updated);
    await expect(vault.update(added.id, { secret: 'AAAA' } as never)).rejects.toMatchObject({
      code: 'ACCOUNT_INVALID',
    });
    await expect(vault.update(added.id, { counter: -1 })).rejects.toMatchObject({
      code: 'ACCOUNT_INVALID',
    });
    await expect(vault.update('missing', { label: 'x' })).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_FOUND',
    });
    expect(vault.revision).toBe(3);
  });

  it('removes an account, and reports ACCOUNT_NOT_FOUND for one that is not there', async () => {
    const vault = await create();
    const a = await vault.add(sampleInput(1));
    const b = await vault.add(sampleInput(2));
    await vault.remove(a.id);
    expect(vault.list().map((x) => x.id)).toEqual([b.id]);
    await expect(vault.remove(a.id)).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    expect(() => vault.get(a.id)).toThrow(expect.objectContaining({ code: 'ACCOUNT_NOT_FOUND' }));
    expect((await reopen()).list().map((x) => x.id)).toEqual([b.id]);
  });

  it('reorders by a permutation of the ids and refuses anything else as INVALID_ARGUMENT', async () => {
    const vault = await create();
    const ids = [];
    for (const tag of [1, 2, 3]) ids.push((await vault.add(sampleInput(tag))).id);
    const [a, b, c] = ids as [string, string, string];
    await vault.reorder([c, a, b]);
    expect((await reopen()).list().map((x) => x.id)).toEqual([c, a, b]);
    for (const bad of [
      [a, b],
      [a, b, c, c],
      [a, b, 'x'],
      [a, a, b],
    ]) {
      await expect(vault.reorder(bad)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect(vault.list().map((x) => x.id)).toEqual([c, a, b]);
  });

  it('hands out copies: changing a returned account changes nothing inside', async () => {
    const vault = await create();
    const added = await vault.add(sampleInput(1));
    added.label = 'hacked';
    vault.list()[0]!.label = 'hacked';
    vault.get(added.id).secret = 'AAAA';
    expect(vault.get(added.id).label).toBe('user1@example.com');
    expect(vault.get(added.id).secret).toBe(sampleInput(1).secret);
  });

  it('finds duplicates by credential (secret in any spelling, same code settings) whatever the name, and refuses them', async () => {
    const vault = await create();
    const original = await vault.add(sampleInput(1));
    const sameSecret = sampleInput(2, {
      secret: original.secret.toLowerCase().replace(/(.{4})/g, '$1 '),
    });
    const sameName = sampleInput(3, { issuer: ' issuer1 ', label: 'USER1@EXAMPLE.COM' });
    const otherDigits = sampleInput(1, { digits: 8 });
    expect(vault.findDuplicates(sameSecret).map((a) => a.id)).toEqual([original.id]);
    expect(vault.findDuplicates(sameName)).toEqual([]);
    expect(vault.findDuplicates(otherDigits)).toEqual([]);
    expect(vault.findDuplicates(sampleInput(4))).toEqual([]);
    await expect(vault.add(sameSecret)).rejects.toMatchObject({
      code: 'ACCOUNT_DUPLICATE',
      message: expect.stringContaining('as Issuer1 (user1@example.com)'),
    });
    await vault.add(sameName);
    await vault.add(sameSecret, { allowDuplicate: true });
    expect(vault.list()).toHaveLength(3);
  });

  it('adds an HOTP account that shares its secret with a TOTP one, and a TOTP one with another period', async () => {
    const vault = await create();
    await vault.add(sampleInput(1));
    const { added, skipped } = await vault.addMany([
      sampleInput(1, { type: 'hotp', counter: 0 }),
      sampleInput(1, { period: 60 }),
    ]);
    expect(added.map((a) => [a.type, a.period])).toEqual([
      ['hotp', 30],
      ['totp', 60],
    ]);
    expect(skipped).toEqual([]);
  });

  it('adds many in one write, skipping duplicates of the vault and of the batch itself', async () => {
    const vault = await create();
    await vault.add(sampleInput(1));
    const { added, skipped } = await vault.addMany([
      sampleInput(1),
      sampleInput(2),
      sampleInput(2),
      sampleInput(3),
    ]);
    expect(added.map((a) => a.issuer)).toEqual(['Issuer2', 'Issuer3']);
    expect(skipped.map((s) => [s.input.issuer, s.verdict.kind])).toEqual([
      ['Issuer1', 'in-vault'],
      ['Issuer2', 'repeat'],
    ]);
    expect(skipped[1]!.verdict).toEqual({ kind: 'repeat', of: 1 });
    expect(vault.revision).toBe(3);
    const again = await vault.addMany([sampleInput(1)]);
    expect(again.added).toEqual([]);
    expect(again.skipped).toMatchObject([
      { input: sampleInput(1), verdict: { kind: 'in-vault', account: { issuer: 'Issuer1' } } },
    ]);
    expect(vault.revision).toBe(3); // nothing to add, nothing written
    const forced = await vault.addMany([sampleInput(1)], { skipDuplicates: false });
    expect(forced.added).toHaveLength(1);
    expect(vault.list()).toHaveLength(4);
  });

  it('adds nothing from a batch with one invalid account, naming which', async () => {
    const vault = await create();
    await expect(
      vault.addMany([sampleInput(1), sampleInput(2, { digits: 12 })]),
    ).rejects.toMatchObject({
      code: 'ACCOUNT_INVALID',
      message: expect.stringMatching(/^Account 2 of 2/),
    });
    expect(vault.list()).toEqual([]);
    expect(vault.revision).toBe(1);
  });

  it.each([
    ['an empty secret', { secret: '  ' }],
    ['a secret that is not base32', { secret: 'JBSWY3DP1!' }],
    ['a secret with a character missing', { secret: 'JBSWY3DPE' }],
    ['no issuer and no name', { issuer: '', label: ' ' }],
    ['a label with a raw newline', { label: 'a\nb' }],
    ['an unknown type', { type: 'motp' }],
    ['an unknown algorithm', { algorithm: 'MD5' }],
    ['9 digits', { digits: 9 }],
    ['a steam account with 6 digits', { type: 'steam', digits: 6 }],
    ['a period of 0', { period: 0 }],
    ['a negative counter', { counter: -1 }],
    ['an AWS serial that is not one', { awsSerial: 'my phone' }],
    ['pinned as a string', { pinned: 'yes' }],
  ])('refuses %s as ACCOUNT_INVALID', async (_what, change) => {
    const vault = await create();
    await expect(vault.add(sampleInput(1, change as never))).rejects.toMatchObject({
      code: 'ACCOUNT_INVALID',
    });
    expect(vault.revision).toBe(1);
  });

  it('accepts a 10-byte (16-character) secret, a steam account and an AWS MFA ARN', async () => {
    const vault = await create();
    await vault.add(sampleInput(1, { secret: '2WCMLZQZ25YYQ6Q5' }));
    await vault.add(sampleInput(2, { type: 'steam', digits: 5 }));
    await vault.add(
      sampleInput(3, { awsSerial: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device' }),
    );
    expect(vault.list()).toHaveLength(3);
  });

  it('runs concurrent calls on one vault one after another, losing none', async () => {
    const vault = await create();
    await Promise.all([1, 2, 3, 4, 5].map((tag) => vault.add(sampleInput(tag))));
    expect(vault.revision).toBe(6);
    expect((await reopen()).list()).toHaveLength(5);
  });

  it('applies each change to the newest file, so two vault objects on one file lose no update', async () => {
    const first = await create();
    const second = await reopen();
    await first.add(sampleInput(1));
    await second.add(sampleInput(2)); // second never saw account 1 in memory
    expect(second.list().map((a) => a.issuer)).toEqual(['Issuer1', 'Issuer2']);
    expect(second.revision).toBe(3);
    expect(await first.refresh()).toBe(true);
    expect(first.list()).toEqual(second.list());
    expect(await first.refresh()).toBe(false);
  });

  it('never saves with a zeroed key when lock() is called at any moment of a save', async () => {
    const vault = await create();
    const expected = [];
    for (const [tag, delayMs] of [0, 1, 2, 4, 8, 16].entries()) {
      await vault.unlock(PASSWORD);
      const pending = vault.add(sampleInput(tag)).then(
        (account) => account.issuer,
        (error: { code: string }) => error.code,
      );
      setTimeout(() => vault.lock(), delayMs);
      const outcome = await pending;
      // Either the save finished before the key was dropped, or it stopped before writing.
      expect([`Issuer${tag}`, 'VAULT_LOCKED']).toContain(outcome);
      if (outcome !== 'VAULT_LOCKED') expected.push(outcome);
      await new Promise((resolve) => setTimeout(resolve, delayMs + 1));
      expect((await reopen()).list().map((a) => a.issuer)).toEqual(expected);
    }
  });
});
