// Own writes to the sync folder when the disk fails: on a real tmpfs that fills up or turns
// read-only (where this machine lets us mount one), and with ENOSPC injected at every single file
// call a write makes. Each time: a clear IO_ERROR, the file whole (old, or new when only the last
// folder flush failed), no temporary file left behind, and the next write succeeds.
import { execFileSync } from 'node:child_process';
import * as realFs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAuthdeskError } from '../../../shared/errors';
import { syncFileName } from '../../../electron/sync/folder/names';
import { SyncFolder } from '../../../electron/sync/folder/sync-folder';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const NAME = syncFileName('snapshot', A);

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAuthdeskError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

// ---------------------------------------------------------------------------------------------
// A real 64 KiB tmpfs, mounted for this file and unmounted whatever happens.

async function mountTmpfs(): Promise<string | null> {
  if (process.platform !== 'linux') return null;
  const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-sync-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', dir], {
      stdio: 'pipe',
    });
    return dir;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    console.log(`folder-faults: the real tmpfs cases are skipped: mount refused (${stderr})`);
    return null;
  }
}

function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'pipe' });
  } catch {
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
  }
}

const mounted = await mountTmpfs();
const unmountOnExit = () => mounted && unmount(mounted);
if (mounted) process.once('exit', unmountOnExit);
afterAll(async () => {
  if (!mounted) return;
  process.off('exit', unmountOnExit);
  unmount(mounted);
  await rm(mounted, { recursive: true, force: true });
});

describe.skipIf(!mounted)('a real full or read-only disk', () => {
  const dir = mounted!;
  afterEach(async () => {
    execFileSync('mount', ['-o', 'remount,rw', dir], { stdio: 'pipe' });
    for (const name of await readdir(dir)) await rm(path.join(dir, name), { force: true });
  });

  it('full: IO_ERROR, the previous file whole, no temp left; writes again once there is room', async () => {
    const folder = new SyncFolder(dir);
    await folder.writeOwn(NAME, Buffer.alloc(8 * 1024, 1));
    // Fill what is left (the last partial page may still take a few bytes: fill it too).
    await writeFile(path.join(dir, 'filler'), Buffer.alloc(64 * 1024)).catch(() => undefined);
    for (let i = 0; i < 8; i += 1) {
      await writeFile(path.join(dir, `filler-${i}`), Buffer.alloc(4096)).catch(() => undefined);
    }
    const failure = await failureOf(folder.writeOwn(NAME, Buffer.alloc(32 * 1024, 2)));
    expect(failure.code).toBe('IO_ERROR');
    expect(failure.message).toContain('Not enough disk space');
    expect((await readFile(path.join(dir, NAME))).equals(Buffer.alloc(8 * 1024, 1))).toBe(true);
    expect((await readdir(dir)).filter((name) => name.startsWith('.'))).toEqual([]);
    for (const name of await readdir(dir)) {
      if (name.startsWith('filler')) await rm(path.join(dir, name));
    }
    await folder.writeOwn(NAME, Buffer.alloc(32 * 1024, 2));
    expect((await readFile(path.join(dir, NAME))).equals(Buffer.alloc(32 * 1024, 2))).toBe(true);
  });

  it('read-only: IO_ERROR that says so, the previous file whole', async () => {
    const folder = new SyncFolder(dir);
    await folder.writeOwn(NAME, Buffer.from('previous'));
    execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' });
    const failure = await failureOf(folder.writeOwn(NAME, Buffer.from('new')));
    expect(failure.code).toBe('IO_ERROR');
    expect(failure.message).toContain('read-only');
    const remove = await failureOf(folder.removeOwn(NAME));
    expect(remove.code).toBe('IO_ERROR');
    expect(await readFile(path.join(dir, NAME), 'utf8')).toBe('previous');
    // Listing and reading still work on a read-only folder.
    const listing = await folder.list();
    const file = listing.devices.get(A)!.snapshot!;
    expect((await folder.read(file)).toString()).toBe('previous');
  });
});

// ---------------------------------------------------------------------------------------------
// ENOSPC at each file call of a write, one after another.

/** The real calls, counted; the `failAt`-th one (1-based) throws ENOSPC instead of running. */
function failingFs(failAt: number): { fs: typeof realFs; calls: string[] } {
  const calls: string[] = [];
  const step = (what: string) => {
    calls.push(what);
    if (calls.length === failAt) {
      throw Object.assign(new Error(`ENOSPC: no space left on device, ${what}`), {
        code: 'ENOSPC',
      });
    }
  };
  const wrap = (handle: FileHandle, label: string): FileHandle => {
    const real = { writeFile: handle.writeFile, sync: handle.sync, close: handle.close };
    handle.writeFile = async (...args: Parameters<FileHandle['writeFile']>) => {
      step(`write ${label}`);
      return real.writeFile.apply(handle, args);
    };
    handle.sync = async () => {
      step(`sync ${label}`);
      return real.sync.apply(handle);
    };
    handle.close = async () => {
      await real.close.apply(handle); // the real handle is always closed
      step(`close ${label}`);
    };
    return handle;
  };
  const fs = {
    ...realFs,
    open: async (file: string, flags?: string | number, mode?: number) => {
      const label = path.basename(file).startsWith('.') ? 'temp' : 'folder';
      step(`open ${label}`);
      return wrap(await realFs.open(file, flags, mode), label);
    },
    rename: async (from: string, to: string) => {
      step('rename');
      return realFs.rename(from, to);
    },
  } as typeof realFs;
  return { fs, calls };
}

describe('ENOSPC at every call of a write', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'authdesk-sync-faults-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves the file whole and no temp file, whichever call fails', async () => {
    const { fs: counting, calls } = failingFs(0);
    await new SyncFolder(dir).writeOwn(NAME, Buffer.from('old'));
    await new SyncFolder(dir, { fs: counting }).writeOwn(NAME, Buffer.from('new'));
    const expected =
      process.platform === 'win32'
        ? ['open temp', 'write temp', 'sync temp', 'close temp', 'rename']
        : [
            'open temp',
            'write temp',
            'sync temp',
            'close temp',
            'rename',
            'open folder',
            'sync folder',
            'close folder',
          ];
    expect(calls).toEqual(expected);
    const renamedAt = expected.indexOf('rename') + 1;

    for (let failAt = 1; failAt <= expected.length; failAt += 1) {
      await new SyncFolder(dir).writeOwn(NAME, Buffer.from('old'));
      const { fs } = failingFs(failAt);
      const failure = await failureOf(
        new SyncFolder(dir, { fs }).writeOwn(NAME, Buffer.from('new')),
      );
      expect(failure.code, `failing ${expected[failAt - 1]}`).toBe('IO_ERROR');
      expect(failure.message).toContain('Not enough disk space');
      const now = await readFile(path.join(dir, NAME), 'utf8');
      expect(now, `failing ${expected[failAt - 1]}`).toBe(failAt > renamedAt ? 'new' : 'old');
      expect(await readdir(dir), `failing ${expected[failAt - 1]}`).toEqual([NAME]);
    }
  });
});
