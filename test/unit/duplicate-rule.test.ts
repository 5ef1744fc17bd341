// The one duplicate rule (shared/duplicate-rule.ts) and the merge every door uses
// (use-cases/import-file.ts): issue 14's cases on a real vault in a temp folder.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountInput } from '../../shared/account';
import { judgeEntries, sameCredential } from '../../shared/duplicate-rule';
import { parseAccountText } from '../../shared/import-text';
import { encodeMigrationUris } from '../../shared/migration';
import { judgeMerge, merge } from '../../electron/use-cases/import-file';
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
let vault: Vault;
beforeEach(async () => {
  ({ dir, file } = await tempVaultFile());
  vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
});
afterEach(async () => {
  vault.lock();
  await removeTempDir(dir);
});

/** The accounts of a Google Authenticator export link, as its QR code gives them. */
function fromGoogleExport(accounts: AccountInput[]): AccountInput[] {
  const parsed = parseAccountText(encodeMigrationUris(accounts)[0]!);
  if (parsed.kind !== 'migration') throw new Error('not an export link');
  return parsed.result.accounts;
}

const alice = (tag: string) => sampleInput(tag, { issuer: 'Example', label: 'alice@google.com' });

describe('the duplicate rule inside one file or scan', () => {
  it('imports two Google Authenticator entries with the same name and different secrets', async () => {
    const found = fromGoogleExport([alice('one'), alice('two')]);
    expect(found.map((a) => `${a.issuer}:${a.label}`)).toEqual([
      'Example:alice@google.com',
      'Example:alice@google.com',
    ]);
    const entries = judgeMerge(vault.list(), found);
    expect(entries.map((e) => e.adds)).toEqual([true, true]);
    const { added, skipped } = await merge(vault, entries);
    expect(added.map((a) => a.secret)).toEqual([alice('one').secret, alice('two').secret]);
    expect(skipped).toEqual([]);
  });

  it('imports an HOTP entry that shares its secret with a TOTP entry', async () => {
    const totp = sampleInput('shared');
    const hotp = sampleInput('shared', { type: 'hotp', counter: 3 });
    expect(sameCredential(totp, hotp)).toBe(false);
    const { added } = await merge(vault, judgeMerge(vault.list(), [totp, hotp]));
    expect(added.map((a) => a.type)).toEqual(['totp', 'hotp']);
  });

  it('collapses only entries identical in every field, naming the repeat', async () => {
    const a = sampleInput('a');
    const renamed = { ...a, label: 'another name' };
    const noted = { ...a, note: 'kept apart' };
    const entries = judgeMerge(vault.list(), [a, renamed, { ...a }, noted]);
    expect(entries.map((e) => e.verdict)).toEqual([
      { kind: 'new', sameNameAs: null },
      { kind: 'new', sameNameAs: null },
      { kind: 'repeat', of: 0 },
      { kind: 'new', sameNameAs: null },
    ]);
    const { added, skipped } = await merge(vault, entries);
    expect(added).toHaveLength(3);
    expect(skipped).toEqual([{ input: a, reason: 'twice in the file', repeatOf: 1 }]);
  });
});

describe('tags in the duplicate rule', () => {
  it('compares tags as a set in any spelling: the same tags in another order repeat, other tags do not', () => {
    const a = sampleInput('t', { tags: ['Work', 'Home'] });
    const verdicts = judgeEntries(
      [],
      [a, { ...a, tags: ['home', 'WORK'] }, { ...a, tags: ['Work'] }, { ...a, tags: [] }],
    );
    expect(verdicts).toEqual([
      { kind: 'new', sameNameAs: null },
      { kind: 'repeat', of: 0 },
      { kind: 'new', sameNameAs: null },
      { kind: 'new', sameNameAs: null },
    ]);
  });
});

describe('the duplicate rule against the vault', () => {
  it('flags an entry with the same credential under another name, and does not add it', async () => {
    const held = await vault.add(sampleInput('held'));
    const renamed = sampleInput('held', { issuer: 'Renamed', label: 'elsewhere' });
    const entries = judgeMerge(vault.list(), [renamed]);
    expect(entries[0]).toMatchObject({
      adds: false,
      verdict: { kind: 'in-vault', account: { id: held.id } },
    });
    const { added, skipped } = await merge(vault, entries);
    expect(added).toEqual([]);
    expect(skipped).toEqual([
      {
        input: renamed,
        reason: 'already in the vault',
        existing: 'Issuerheld (userheld@example.com)',
      },
    ]);
    expect(vault.list()).toHaveLength(1);
  });

  it('adds it with allowDuplicate; an exact repeat in the file is still one', async () => {
    await vault.add(sampleInput('held'));
    const again = sampleInput('held', { label: 'second device' });
    const entries = judgeMerge(vault.list(), [again, { ...again }], { allowDuplicate: true });
    expect(entries.map((e) => e.adds)).toEqual([true, false]);
    const { added, skipped } = await merge(vault, entries, { allowDuplicate: true });
    expect(added.map((a) => a.label)).toEqual(['second device']);
    expect(skipped.map((s) => s.reason)).toEqual(['twice in the file']);
    expect(vault.list()).toHaveLength(2);
  });

  it('imports the same name with another secret, noting the account with that name', async () => {
    const held = await vault.add(alice('old phone'));
    const entries = judgeMerge(vault.list(), [alice('new phone')]);
    expect(entries[0]!.verdict).toEqual({
      kind: 'new',
      sameNameAs: expect.objectContaining({ id: held.id }),
    });
    expect((await merge(vault, entries)).added).toHaveLength(1);
  });

  it('names an account another process added after the preview, and adds the rest', async () => {
    const inputs = [sampleInput('x'), sampleInput('y')];
    const entries = judgeMerge(vault.list(), inputs);
    const other = await openUnlocked(file);
    await other.add(sampleInput('y', { label: 'added elsewhere' }));
    other.lock();
    const { added, skipped } = await merge(vault, entries);
    expect(added.map((a) => a.issuer)).toEqual(['Issuerx']);
    expect(skipped).toEqual([
      { input: inputs[1], reason: 'added meanwhile', existing: 'Issuery (added elsewhere)' },
    ]);
    // Every entry is accounted for: added or skipped with its reason.
    expect(added.length + skipped.length).toBe(entries.length);
  });

  it('judges 10,000 entries against 10,000 accounts by keys, never comparing pairs', () => {
    const existing = Array.from({ length: 10_000 }, (_, i) => ({
      ...sampleInput(i),
      id: String(i),
      createdAt: '',
      updatedAt: '',
    }));
    const inputs = Array.from({ length: 10_000 }, (_, i) => sampleInput(i + 5_000));
    let reads = 0;
    const counted = inputs.map(
      (input) =>
        new Proxy(input, {
          get(target, key, receiver) {
            if (key === 'secret') reads++;
            return Reflect.get(target, key, receiver) as unknown;
          },
        }),
    );
    const verdicts = judgeEntries(existing, counted);
    expect(verdicts.filter((v) => v.kind === 'in-vault')).toHaveLength(5_000);
    // Each input's secret is read a fixed number of times, however many accounts there are.
    expect(reads).toBeLessThanOrEqual(inputs.length * 4);
  });
});
