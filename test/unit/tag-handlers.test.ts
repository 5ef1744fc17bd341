// The window's tag methods through the handler table main registers (composeServices, dispatch) on a
// real vault: each returns the list as it is afterwards, tagsChanged follows every change (another
// process's too), and the filter chip and collapsed headers follow a renamed or removed tag.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, Events, Method, MethodArgs } from '../../shared/ipc';
import { dispatch } from '../../electron/ipc/dispatch';
import { composeServices, type Services } from '../../electron/composition';
import { MemorySettings } from '../harness/browser/ports';
import { testPorts } from '../harness/test-ports';
import {
  PASSWORD,
  TINY_KDF,
  openUnlocked,
  removeTempDir,
  sampleInput,
  tempVaultFile,
} from '../harness/vault-fixtures';

let dir: string;
let file: string;
let services: Services;
let sent: { name: string; payload: unknown }[];

async function call<M extends Method>(method: M, args?: MethodArgs[M]) {
  return dispatch(services.handlers, method, args);
}

async function value<M extends Method>(method: M, args?: MethodArgs[M]): Promise<unknown> {
  const result = await call(method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function code<M extends Method>(method: M, args?: MethodArgs[M]): Promise<string> {
  const result = await call(method, args);
  return result.ok ? 'ok' : result.error.code;
}

const lastTags = () => sent.filter((s) => s.name === 'tagsChanged').at(-1)?.payload;
const settings = () => services.settings.get();

beforeEach(async () => {
  ({ dir, file } = await tempVaultFile());
  sent = [];
  services = composeServices(
    testPorts({
      vaultPath: file,
      settingsStorage: new MemorySettings(),
      kdf: TINY_KDF,
      push: <E extends EventName>(name: E, payload: Events[E]) => sent.push({ name, payload }),
    }),
  );
  await value('createVault', { password: PASSWORD });
});

afterEach(async () => {
  services.vault.lock('user');
  await removeTempDir(dir);
});

describe('tag methods', () => {
  it('create, rename (and merge), reorder and remove, each answering with the list and pushing it', async () => {
    expect(await value('listTags')).toEqual([]);
    expect(await value('createTag', { name: ' Work ' })).toEqual(['Work']);
    expect(lastTags()).toEqual(['Work']);
    expect(await code('createTag', { name: 'WORK' })).toBe('TAG_EXISTS');
    const account = (await value('addAccount', {
      account: { ...sampleInput(1), tags: ['work', 'Home'] },
    })) as { id: string; tags: string[] };
    expect(account.tags).toEqual(['Work', 'Home']);
    expect(lastTags()).toEqual(['Work', 'Home']);
    expect(await value('reorderTags', { names: ['Home'] })).toEqual(['Home', 'Work']);
    expect(lastTags()).toEqual(['Home', 'Work']);
    expect(await value('renameTag', { from: 'home', to: 'work' })).toEqual(['Work']);
    expect(((await value('listAccounts')) as { tags?: string[] }[])[0]!.tags).toEqual(['Work']);
    expect(await code('renameTag', { from: 'Gone', to: 'x' })).toBe('TAG_NOT_FOUND');
    expect(await value('removeTag', { name: 'Work' })).toEqual([]);
    expect(lastTags()).toEqual([]);
    const [left] = (await value('listAccounts')) as { tags?: string[] }[];
    expect(left).not.toHaveProperty('tags');
    // The account edit's tags: a patch replaces them, [] clears them.
    await value('updateAccount', { id: account.id, patch: { tags: ['Travel'] } });
    expect(await value('listTags')).toEqual(['Travel']);
  });

  it('refuses bad names at the door, and answers VAULT_LOCKED while locked', async () => {
    expect(await code('createTag', { name: '' })).toBe('INVALID_ARGUMENT');
    expect(await code('createTag', { name: 'x'.repeat(101) })).toBe('INVALID_ARGUMENT');
    expect(await code('renameTag', { from: 'a' } as never)).toBe('INVALID_ARGUMENT');
    expect(await code('updateAccount', { id: 'x', patch: { group: 'Work' } } as never)).toBe(
      'INVALID_ARGUMENT',
    );
    await value('lock');
    for (const method of ['listTags', 'createTag'] as const) {
      expect(await code(method, method === 'createTag' ? { name: 'Work' } : undefined)).toBe(
        'VAULT_LOCKED',
      );
    }
  });

  it("pushes tagsChanged when another process's change is noticed on disk", async () => {
    await value('createTag', { name: 'Work' });
    const cli = await openUnlocked(file);
    await cli.renameTag('Work', 'Job');
    await cli.add(sampleInput(2, { tags: ['CLI'] }));
    cli.lock();
    sent = [];
    // What the 2-second watch does on its next look.
    expect(await services.vault.refresh()).toBe(true);
    expect(sent.map((s) => s.name)).toEqual(
      expect.arrayContaining(['accountsChanged', 'tagsChanged']),
    );
    expect(lastTags()).toEqual(['Job', 'CLI']);
    expect(await value('listTags')).toEqual(['Job', 'CLI']);
  });

  it('the tag filter and the collapsed headers follow a rename, and forget a removed tag', async () => {
    await value('addAccount', { account: { ...sampleInput(1), tags: ['Work', 'Home'] } });
    await value('setSettings', {
      tagFilter: { kind: 'tag', name: 'Work' },
      collapsedTags: ['Home', '', 'Work'],
    });
    await value('renameTag', { from: 'work', to: 'Job' });
    expect(settings().tagFilter).toEqual({ kind: 'tag', name: 'Job' });
    expect(settings().collapsedTags).toEqual(['Home', '', 'Job']);
    // Merged into another tag: the filter names the tag it went into.
    await value('renameTag', { from: 'Job', to: 'HOME' });
    expect(settings().tagFilter).toEqual({ kind: 'tag', name: 'Home' });
    expect(settings().collapsedTags).toEqual(['Home', '']);
    await value('removeTag', { name: 'Home' });
    expect(settings().tagFilter).toEqual({ kind: 'all' });
    expect(settings().collapsedTags).toEqual(['']);
    expect(sent.filter((s) => s.name === 'settingsChanged').at(-1)?.payload).toMatchObject({
      tagFilter: { kind: 'all' },
    });
  });
});
