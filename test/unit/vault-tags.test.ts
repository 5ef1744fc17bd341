// The vault's tags on a real vault in a temp folder: the list and the accounts' tags kept together by
// every change (create, rename and merge, remove, reorder, tags on add and update), older vaults'
// single group read as the first tag, and two processes changing tags at once without losing anything.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/account';
import { fitTagName, TAG_LIMITS, tagKey } from '../../shared/tags';
import { decodePayload, encodePayload, type VaultPayload } from '../../electron/vault/payload';
import { repairTags } from '../../electron/vault/vault-tags';
import { Vault } from '../../electron/vault/vault';
import {
  PASSWORD,
  TINY_KDF,
  openUnlocked,
  removeTempDir,
  sampleInput,
  spawnWriter,
  tempVaultFile,
} from '../harness/vault-fixtures';
import { rawTagText, tagList, tagName } from '../harness/tag-arbitraries';

let dir: string;
let file: string;
beforeEach(async () => ({ dir, file } = await tempVaultFile()));
afterEach(() => removeTempDir(dir));

const create = (options: Parameters<typeof Vault.create>[2] = {}) =>
  Vault.create(file, PASSWORD, { kdf: TINY_KDF, ...options });
const tagsOf = (vault: Vault) => vault.list().map((a) => a.tags ?? []);

/** Every tag on an account is in the list, spelled as the list spells it, once. */
function expectInvariant(vault: Vault): void {
  const list = vault.tags();
  expect(new Set(list.map(tagKey)).size).toBe(list.length);
  for (const account of vault.list()) {
    const tags = account.tags ?? [];
    expect(new Set(tags.map(tagKey)).size).toBe(tags.length);
    for (const tag of tags) expect(list).toContain(tag);
    expect(tags.length).toBeLessThanOrEqual(TAG_LIMITS.perAccount);
  }
}

describe('tags on accounts', () => {
  it('adding and updating an account puts its new tags in the list, in the spelling the list has', async () => {
    const vault = await create();
    await vault.createTag('Work');
    const a = await vault.add(sampleInput(1, { tags: ['work', ' Side   projects '] }));
    expect(a.tags).toEqual(['Work', 'Side projects']);
    expect(vault.tags()).toEqual(['Work', 'Side projects']);
    const updated = await vault.update(a.id, { tags: ['SIDE PROJECTS', 'Home'] });
    expect(updated.tags).toEqual(['Side projects', 'Home']);
    // An unused tag stays in the list: only removeTag takes one away.
    expect(vault.tags()).toEqual(['Work', 'Side projects', 'Home']);
    const cleared = await vault.update(a.id, { tags: [] });
    expect(cleared.tags).toBeUndefined();
    expect(vault.get(a.id)).not.toHaveProperty('tags');
    const reopened = await openUnlocked(file);
    expect(reopened.tags()).toEqual(['Work', 'Side projects', 'Home']);
    expectInvariant(reopened);
  });

  it('refuses more than 20 tags on an account and a vault past 1,000 tags, changing nothing', async () => {
    const vault = await create();
    const names = (n: number, prefix = 't') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    await expect(vault.add(sampleInput(1, { tags: names(21) }))).rejects.toMatchObject({
      code: 'TAG_LIMIT',
    });
    const a = await vault.add(sampleInput(1, { tags: names(20) }));
    for (const batch of [0, 1, 2, 3, 4]) {
      await vault.addMany(
        names(batch === 4 ? 180 : 200, `b${batch}-`).map((name, i) =>
          sampleInput(`${batch}-${i}`, { tags: [name] }),
        ),
      );
    }
    expect(vault.tags()).toHaveLength(TAG_LIMITS.perVault);
    // A batch that would pass the limit adds nothing, not even its accounts without new tags.
    await expect(
      vault.addMany([sampleInput('plain'), sampleInput('new', { tags: ['new tag'] })]),
    ).rejects.toMatchObject({ code: 'TAG_LIMIT' });
    expect(vault.list()).toHaveLength(981);
    const revision = vault.revision;
    await expect(vault.createTag('one more')).rejects.toMatchObject({ code: 'TAG_LIMIT' });
    await expect(vault.update(a.id, { tags: ['another'] })).rejects.toMatchObject({
      code: 'TAG_LIMIT',
    });
    // An existing tag in any spelling is no new tag.
    expect((await vault.update(a.id, { tags: ['B0-7'] })).tags).toEqual(['b0-7']);
    expect(vault.revision).toBe(revision + 1);
  });
});

describe('tag operations', () => {
  it('creates a tag at the end of the list; the same name in another case is TAG_EXISTS', async () => {
    const vault = await create();
    expect(await vault.createTag(' Work ')).toEqual(['Work']);
    expect(await vault.createTag('Home')).toEqual(['Work', 'Home']);
    await expect(vault.createTag('WORK')).rejects.toMatchObject({
      code: 'TAG_EXISTS',
      message: expect.stringContaining('"Work"'),
    });
    await expect(vault.createTag('  ')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((await openUnlocked(file)).tags()).toEqual(['Work', 'Home']);
  });

  it('renames a tag on the list and on every account, and respells one in place', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const vault = await create({ now: () => now });
    const a = await vault.add(sampleInput(1, { tags: ['Home', 'Work'] }));
    const b = await vault.add(sampleInput(2, { tags: ['Home'] }));
    const c = await vault.add(sampleInput(3));
    now = new Date('2026-02-01T00:00:00Z');
    expect(await vault.renameTag('home', 'Family')).toEqual(['Family', 'Work']);
    expect(tagsOf(vault)).toEqual([['Family', 'Work'], ['Family'], []]);
    // Accounts that changed say so; the one without the tag did not change.
    expect(vault.get(a.id).updatedAt).toBe(now.toISOString());
    expect(vault.get(b.id).updatedAt).toBe(now.toISOString());
    expect(vault.get(c.id).updatedAt).toBe(c.updatedAt);
    expect(await vault.renameTag('work', 'WORK')).toEqual(['Family', 'WORK']);
    expect(tagsOf(vault)).toEqual([['Family', 'WORK'], ['Family'], []]);
    const revision = vault.revision;
    expect(await vault.renameTag('WORK', ' WORK ')).toEqual(['Family', 'WORK']);
    expect(vault.revision).toBe(revision);
    await expect(vault.renameTag('Nope', 'x')).rejects.toMatchObject({ code: 'TAG_NOT_FOUND' });
    expect(tagsOf(await openUnlocked(file))).toEqual([['Family', 'WORK'], ['Family'], []]);
  });

  it('renaming to an existing name merges the two: the target keeps its place, each account one copy', async () => {
    const vault = await create();
    await vault.add(sampleInput(1, { tags: ['Job', 'Work', 'Home'] }));
    await vault.add(sampleInput(2, { tags: ['Job'] }));
    await vault.add(sampleInput(3, { tags: ['Home'] }));
    expect(vault.tags()).toEqual(['Job', 'Work', 'Home']);
    expect(await vault.renameTag('Job', 'work')).toEqual(['Work', 'Home']);
    expect(tagsOf(vault)).toEqual([['Work', 'Home'], ['Work'], ['Home']]);
    expect(vault.list()).toHaveLength(3);
    expectInvariant(vault);
  });

  it('removes a tag from every account and the list, deleting no account', async () => {
    const vault = await create();
    await vault.add(sampleInput(1, { tags: ['Work', 'Home'] }));
    await vault.add(sampleInput(2, { tags: ['work'] }));
    expect(await vault.removeTag('WORK')).toEqual(['Home']);
    expect(tagsOf(vault)).toEqual([['Home'], []]);
    expect(vault.list()).toHaveLength(2);
    await expect(vault.removeTag('Work')).rejects.toMatchObject({ code: 'TAG_NOT_FOUND' });
    expect(tagsOf(await openUnlocked(file))).toEqual([['Home'], []]);
  });

  it('reorders: the names given first, the others after in their order; unknown or repeated names are refused', async () => {
    const vault = await create();
    for (const name of ['A', 'B', 'C', 'D']) await vault.createTag(name);
    expect(await vault.reorderTags(['c', 'A'])).toEqual(['C', 'A', 'B', 'D']);
    expect(await vault.reorderTags(['D', 'C', 'B', 'A'])).toEqual(['D', 'C', 'B', 'A']);
    await expect(vault.reorderTags(['A', 'gone'])).rejects.toMatchObject({
      code: 'TAG_NOT_FOUND',
    });
    await expect(vault.reorderTags(['A', 'a'])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect((await openUnlocked(file)).tags()).toEqual(['D', 'C', 'B', 'A']);
  });

  it('counts the accounts of each tag, unused ones too', async () => {
    const vault = await create();
    await vault.createTag('Unused');
    await vault.add(sampleInput(1, { tags: ['Work', 'Home'] }));
    await vault.add(sampleInput(2, { tags: ['Work'] }));
    expect(vault.tagCounts()).toEqual([
      { name: 'Unused', accounts: 0 },
      { name: 'Work', accounts: 2 },
      { name: 'Home', accounts: 1 },
    ]);
  });
});

describe('two processes', () => {
  it('one renames a tag again and again while the other adds accounts with it: nothing is lost', async () => {
    const app = await create();
    await app.add(sampleInput('first', { tags: ['Work'] }));
    const writer = spawnWriter(['add-tagged', file, PASSWORD, '12', 'w', 'Work']);
    const added = () => writer.lines.filter((line) => line.startsWith('added ')).length;
    let renames = 0;
    // One rename after each add the writer reports, while it goes on adding: the two processes'
    // writes interleave, and neither holds the lock long enough to starve the other.
    let ended = false;
    void writer.exited.then(() => (ended = true));
    for (let seen = 0; seen < 12 && !ended; seen = added()) {
      // A writer that fails ends the loop; its exit code is checked below.
      await writer.waitForLine(() => added() > seen).catch(() => '');
      // Back and forth: accounts added with "Work" after a rename bring the tag back, and the next
      // rename merges them into the other name.
      const [from, to] = renames % 2 === 0 ? ['Work', 'Job'] : ['Job', 'Work'];
      await app.renameTag(from, to).then(
        () => renames++,
        (error: { code?: string }) => {
          // The tag may be gone (nothing added with it since the last rename): nothing to do.
          if (error.code !== 'TAG_NOT_FOUND') throw error;
        },
      );
    }
    expect(await writer.exited, writer.stderr()).toMatchObject({ code: 0 });
    expect(renames).toBeGreaterThan(0);
    if (app.tags().includes('Job')) await app.renameTag('Job', 'Work');
    await app.refresh();
    if (app.tags().includes('Job')) await app.renameTag('Job', 'Work');
    const reopened = await openUnlocked(file);
    // Every account is there (none lost to a rename's write), each with the one tag, once.
    expect(
      reopened
        .list()
        .map((a) => a.issuer)
        .sort(),
    ).toEqual(['Issuerfirst', ...Array.from({ length: 12 }, (_, i) => `Issuerw-${i}`)].sort());
    expect(tagsOf(reopened).every((tags) => tags.length === 1 && tags[0] === 'Work')).toBe(true);
    expect(reopened.tags()).toEqual(['Work']);
  });
});

describe('older vaults and backups', () => {
  const account = (i: number, extra: Record<string, unknown> = {}) =>
    ({
      ...sampleInput(i),
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
      ...extra,
    }) as Account;
  const payload = (accounts: Account[], groups: string[]): VaultPayload => ({
    accounts,
    groups,
    revision: 7,
    updatedAt: '2025-01-01T00:00:00.000Z',
  });

  it("read an account's group as its first tag, with the group list as the tag list", () => {
    const read = decodePayload(
      encodePayload(
        payload(
          [
            account(1, { group: 'Work' }),
            account(2, { group: ' work ', tags: ['Home'] }),
            account(3, { group: '' }),
            account(4),
          ],
          ['Unused', 'Work', ''],
        ),
      ),
    );
    expect(read.groups).toEqual(['Unused', 'Work', 'Home']);
    expect(read.accounts.map((a) => a.tags)).toEqual([
      ['Work'],
      ['Work', 'Home'],
      undefined,
      undefined,
    ]);
    expect(read.accounts.every((a) => !('group' in a))).toBe(true);
    expect(read.revision).toBe(7);
  });

  it('any old payload reads the same accounts, the group first among the tags, and nothing lost', () => {
    const oldAccount = fc
      .tuple(fc.nat(1_000_000), fc.option(rawTagText, { nil: undefined }), fc.boolean())
      .map(([i, group, pinned]) =>
        account(i, { ...(group !== undefined && { group }), ...(pinned && { pinned }) }),
      );
    fc.assert(
      fc.property(
        fc.array(oldAccount, { maxLength: 8 }),
        fc.array(rawTagText, { maxLength: 5 }),
        (accounts, groups) => {
          const read = decodePayload(encodePayload(payload(structuredClone(accounts), groups)));
          expect(read.accounts).toHaveLength(accounts.length);
          read.accounts.forEach((got, i) => {
            const { group, ...rest } = accounts[i] as Account & { group?: string };
            // Every other field exactly as it was.
            const { tags, ...others } = got;
            expect(others).toEqual(rest);
            const name = group === undefined ? '' : fitTagName(group);
            if (name) {
              // The group is the tag, spelled as the file's group list spells it, if it has it.
              expect(tags!.map(tagKey)).toEqual([tagKey(name)]);
            } else {
              expect(tags).toBeUndefined();
            }
          });
          // Every group name of the file survives in the list (the ones that are names at all).
          const list = new Set(read.groups.map(tagKey));
          for (const group of groups) {
            const key = tagKey(group);
            if (key !== '' && group.length <= 100) expect(list.has(key)).toBe(true);
          }
          const vaultLike = { accounts: read.accounts, groups: read.groups };
          const again = structuredClone(vaultLike);
          repairTags(again);
          // Already repaired: reading it again changes nothing.
          expect(again).toEqual(vaultLike);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a repaired vault keeps the invariant through every tag operation (model check)', async () => {
    const vault = await create();
    const ops = fc.array(
      fc.oneof(
        fc.record({ op: fc.constant('create' as const), name: tagName }),
        fc.record({ op: fc.constant('add' as const), tags: fc.array(tagName, { maxLength: 3 }) }),
        fc.record({ op: fc.constant('rename' as const), from: tagName, to: tagName }),
        fc.record({ op: fc.constant('remove' as const), name: tagName }),
        fc.record({ op: fc.constant('reorder' as const), names: tagList(3) }),
      ),
      { maxLength: 12 },
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(ops, async (steps) => {
        for (const step of steps) {
          const run = async () => {
            if (step.op === 'create') await vault.createTag(step.name);
            if (step.op === 'add') await vault.add(sampleInput(`m${n++}`, { tags: step.tags }));
            if (step.op === 'rename') await vault.renameTag(step.from, step.to);
            if (step.op === 'remove') await vault.removeTag(step.name);
            if (step.op === 'reorder') await vault.reorderTags(step.names);
          };
          await run().catch((error: { code?: string }) => {
            expect(['TAG_EXISTS', 'TAG_NOT_FOUND', 'TAG_LIMIT', 'INVALID_ARGUMENT']).toContain(
              error.code,
            );
          });
          expectInvariant(vault);
        }
      }),
      { numRuns: 15 },
    );
    // What the vault holds in memory is what the file holds.
    const reopened = await openUnlocked(file);
    expect(reopened.list()).toEqual(vault.list());
    expect(reopened.tags()).toEqual(vault.tags());
  });
});
