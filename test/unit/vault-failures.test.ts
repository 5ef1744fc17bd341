// Saves that cannot happen (full disk, read-only folder, obstacles, lost file, busy lock) change nothing.
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DurableFs } from '../../electron/vault/durable-write';
import { Vault } from '../../electron/vault/vault';
import { lockVault } from '../../electron/vault/vault-lock';
import {
  FAST_KDF,
  PASSWORD,
  openUnlocked,
  removeTempDir,
  sampleInput,
  spawnWriter,
  tempVaultFile,
} from '../harness/vault-fixtures';

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

let dir: string;
let file: string;
let vault: Vault;
beforeEach(async () => {
  ({ dir, file } = await tempVaultFile());
  vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
  await vault.add(sampleInput(1));
  await vault.add(sampleInput(2));
});
afterEach(async () => {
  await fs.chmod(dir, 0o700).catch(() => undefined);
  await removeTempDir(dir);
});

/** Everything a failed save must leave as it was. */
async function snapshot(of: Vault) {
  return {
    file: await fs.readFile(file, 'utf8'),
    backup: await fs.readFile(`${file}.bak`, 'utf8'),
    accounts: of.list(),
    revision: of.revision,
  };
}

const unlocked = (options: Parameters<typeof Vault.open>[1] = {}) =>
  openUnlocked(file, PASSWORD, options);

describe('a save that fails', () => {
  it('on a full disk is IO_ERROR about disk space; file, .bak and memory are unchanged; it works once there is space', async () => {
    let diskFull = true;
    const seam: DurableFs = {
      ...fs,
      open: (async (...args: Parameters<typeof fs.open>) => {
        const handle = await fs.open(...args);
        if (!diskFull || !String(args[0]).endsWith('.tmp')) return handle;
        return Object.assign(Object.create(handle), {
          writeFile: async () => {
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
              code: 'ENOSPC',
            });
          },
          close: () => handle.close(),
        });
      }) as DurableFs['open'],
    };
    const app = await unlocked({ fs: seam });
    const before = await snapshot(app);
    await expect(app.add(sampleInput(3))).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(/^Not enough disk space to save the vault/),
    });
    expect(await snapshot(app)).toEqual(before);
    expect(await fs.readdir(dir)).not.toContain('vault.json.tmp');
    diskFull = false;
    await app.add(sampleInput(3));
    expect(app.revision).toBe(before.revision + 1);
    expect((await unlocked()).list()).toHaveLength(3);
  });

  it('on a real obstacle (a folder where the temp file goes) is IO_ERROR; file and memory unchanged; the next save works once it is gone', async () => {
    const before = await snapshot(vault);
    await fs.mkdir(path.join(dir, 'vault.json.tmp', 'in-the-way'), { recursive: true });
    await expect(vault.update(before.accounts[0]!.id, { label: 'new' })).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(/a folder is in the way \(.*vault\.json\.tmp\)/),
    });
    expect(await snapshot(vault)).toEqual(before);
    await fs.rm(path.join(dir, 'vault.json.tmp'), { recursive: true });
    await vault.update(before.accounts[0]!.id, { label: 'new' });
    expect((await unlocked()).list()[0]!.label).toBe('new');
  });

  it.runIf(!isRoot)(
    'in a read-only folder is IO_ERROR "No permission"; file and memory unchanged; works once writable',
    async () => {
      const before = await snapshot(vault);
      await fs.chmod(dir, 0o555);
      await expect(vault.add(sampleInput(3))).rejects.toMatchObject({
        code: 'IO_ERROR',
        message: expect.stringMatching(/No permission to write/),
      });
      await fs.chmod(dir, 0o700);
      expect(await snapshot(vault)).toEqual(before);
      await vault.add(sampleInput(3));
      expect(vault.list()).toHaveLength(3);
    },
  );

  // Root ignores file modes, so the same check runs in a child process as the unprivileged "nobody".
  it.runIf(isRoot)(
    'in a read-only folder is IO_ERROR "No permission" (as an unprivileged user); the file is unchanged; works once writable',
    async () => {
      const before = await fs.readFile(file, 'utf8');
      for (const name of await fs.readdir(dir))
        await fs.chown(path.join(dir, name), NOBODY, NOBODY);
      await fs.chown(dir, NOBODY, NOBODY);
      await fs.chmod(dir, 0o555);
      const refused = spawnWriter(['try-add', file, PASSWORD, 'ro'], { uid: NOBODY, gid: NOBODY });
      expect(await refused.exited, refused.stderr()).toMatchObject({ code: 0 });
      expect(JSON.parse(refused.lines.at(-1)!)).toMatchObject({
        ok: false,
        code: 'IO_ERROR',
        message: expect.stringMatching(/No permission to write/),
      });
      expect(await fs.readFile(file, 'utf8')).toBe(before);
      await fs.chmod(dir, 0o755);
      const allowed = spawnWriter(['try-add', file, PASSWORD, 'rw'], { uid: NOBODY, gid: NOBODY });
      await allowed.exited;
      expect(JSON.parse(allowed.lines.at(-1)!)).toMatchObject({ ok: true, revision: 4 });
    },
  );

  it('when the file was deleted meanwhile is VAULT_NOT_FOUND, and memory is unchanged', async () => {
    const before = vault.list();
    await fs.rm(file);
    await expect(vault.add(sampleInput(3))).rejects.toMatchObject({ code: 'VAULT_NOT_FOUND' });
    expect(vault.list()).toEqual(before);
  });

  it('while another process holds the lock is VAULT_BUSY after the wait, and memory is unchanged', async () => {
    const app = await unlocked({ lockWaitMs: 200 });
    const before = await snapshot(app);
    const held = await lockVault(file);
    await expect(app.add(sampleInput(3))).rejects.toMatchObject({ code: 'VAULT_BUSY' });
    await held.release();
    expect(await snapshot(app)).toEqual(before);
    await app.add(sampleInput(3));
  });

  it('when the file was replaced by another vault is VAULT_REPLACED and locks, and nothing is written', async () => {
    const other = path.join(dir, 'other.json');
    await Vault.create(other, PASSWORD, { kdf: FAST_KDF });
    await fs.rename(other, file);
    const replaced = await fs.readFile(file, 'utf8');
    await expect(vault.add(sampleInput(3))).rejects.toMatchObject({
      code: 'VAULT_REPLACED',
      message: expect.stringMatching(/Nothing was changed; unlock it again/),
    });
    expect(vault.isUnlocked).toBe(false);
    await expect(vault.changePassword(PASSWORD, 'x')).rejects.toMatchObject({
      code: 'VAULT_LOCKED',
    });
    expect(await fs.readFile(file, 'utf8')).toBe(replaced);
  });
});
