// The cross-process lock: exclusive, VAULT_BUSY when it cannot be had, and not kept by a dead holder.
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockPathOf, lockVault } from '../../electron/vault/vault-lock';
import { makeTempDir, removeTempDir } from '../harness/vault-fixtures';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await makeTempDir();
  file = path.join(dir, 'nested', 'vault.json');
});
afterEach(() => removeTempDir(dir));

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], {
    encoding: 'utf8',
  });
  return Number(child.stdout.trim());
}

async function plantLock(owner: object | undefined, ageMs = 0): Promise<void> {
  const lockDir = lockPathOf(file);
  await mkdir(lockDir, { recursive: true });
  if (owner) await writeFile(path.join(lockDir, 'owner.json'), JSON.stringify(owner));
  const when = new Date(Date.now() - ageMs);
  await utimes(lockDir, when, when);
}

describe('lockVault', () => {
  it('creates the folder, holds the lock, and lets the next one in after release', async () => {
    const first = await lockVault(file);
    expect((await stat(lockPathOf(file))).isDirectory()).toBe(true);
    await first.assertHeld();
    await first.release();
    const second = await lockVault(file, { waitMs: 100 });
    await second.release();
    expect(await readdir(path.dirname(file))).toEqual([]);
  });

  it('reports VAULT_BUSY when a live process holds it past the wait', async () => {
    const held = await lockVault(file);
    const started = Date.now();
    await expect(lockVault(file, { waitMs: 300 })).rejects.toMatchObject({ code: 'VAULT_BUSY' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await held.release();
  });

  it('waits for a holder that releases within the wait', async () => {
    const held = await lockVault(file);
    setTimeout(() => void held.release(), 200);
    const next = await lockVault(file, { waitMs: 3_000 });
    await next.release();
  });

  it('takes over at once a lock whose holder on this machine has died', async () => {
    await plantLock({ pid: deadPid(), host: hostname() });
    const started = Date.now();
    const lock = await lockVault(file, { waitMs: 0 });
    expect(Date.now() - started).toBeLessThan(500);
    await lock.release();
  });

  it('does not take over a fresh lock of a dead pid on another machine', async () => {
    await plantLock({ pid: deadPid(), host: `${hostname()}-elsewhere` });
    await expect(lockVault(file, { waitMs: 200 })).rejects.toMatchObject({ code: 'VAULT_BUSY' });
  });

  it('takes over a lock nobody refreshed within the stale time, with or without an owner', async () => {
    await plantLock(undefined, 20_000);
    await (await lockVault(file, { waitMs: 0 })).release();
    await plantLock({ pid: process.pid, host: `${hostname()}-elsewhere` }, 20_000);
    const lock = await lockVault(file, { waitMs: 0 });
    await lock.release();
  });

  it('a lock taken over by another process is reported lost before anything is written', async () => {
    const lock = await lockVault(file);
    // Another process decided the lock was abandoned and made its own.
    await rm(lockPathOf(file), { recursive: true, force: true });
    const other = await lockVault(file, { waitMs: 100 });
    await expect(lock.assertHeld()).rejects.toMatchObject({ code: 'VAULT_BUSY' });
    await other.release();
  });

  it('breaks a lock folder left without an owner (holder killed right after creating it)', async () => {
    await plantLock(undefined, 3_000);
    const started = Date.now();
    const lock = await lockVault(file, { waitMs: 1_000 });
    expect(Date.now() - started).toBeLessThan(1_000);
    await lock.release();
  });

  it('stays held while the holder keeps it longer than the refresh interval', async () => {
    const lock = await lockVault(file, { staleMs: 2_000 });
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    await expect(lock.assertHeld()).resolves.toBeUndefined();
    await expect(lockVault(file, { waitMs: 0, staleMs: 2_000 })).rejects.toMatchObject({
      code: 'VAULT_BUSY',
    });
    await lock.release();
  });
});
