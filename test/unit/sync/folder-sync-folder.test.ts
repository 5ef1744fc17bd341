// SyncFolder on real temp folders: the listing groups our files by device and leaves out every
// leftover; reads are whole and bounded; own writes are atomic (temp name, fsync, rename, folder
// fsync) and fail cleanly on a full disk or a folder that went away.
import * as realFs from 'node:fs/promises';
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  truncate,
  writeFile,
} from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAuthdeskError } from '../../../shared/errors';
import { syncFileName } from '../../../electron/sync/folder/names';
import { SYNC_FILE_MAX_BYTES } from '../../../electron/sync/folder/sealed-file';
import { SyncFolder, type ListedFile } from '../../../electron/sync/folder/sync-folder';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-syncfolder-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(name: string, text = name): Promise<void> {
  await writeFile(path.join(dir, name), text);
}

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAuthdeskError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

function listed(folder: SyncFolder, name: string) {
  return folder.list().then((listing) => {
    for (const files of listing.devices.values()) {
      for (const file of [
        files.snapshot,
        files.keys,
        files.pairing,
        files.password,
        ...files.journals,
      ])
        if (file?.name === name) return file;
    }
    throw new Error(`${name} is not listed`);
  });
}

describe('list', () => {
  it('groups each device’s files, journals in number order, with size and time', async () => {
    for (const seq of [12, 2, 1, 100]) await put(syncFileName('journal', A, seq));
    await put(syncFileName('snapshot', A), 'snapshot of A');
    await put(syncFileName('keys', B));
    await put(syncFileName('pairing', B));
    await put(syncFileName('password', B));
    const listing = await new SyncFolder(dir).list();
    expect([...listing.devices.keys()].sort()).toEqual([A, B]);
    const a = listing.devices.get(A)!;
    expect(a.journals.map((file) => file.seq)).toEqual([1, 2, 12, 100]);
    expect(a.journals.every((file) => file.kind === 'journal' && file.device === A)).toBe(true);
    expect(a.snapshot).toMatchObject({ kind: 'snapshot', seq: 0, size: 'snapshot of A'.length });
    expect(Math.abs(a.snapshot!.mtimeMs - Date.now())).toBeLessThan(60_000);
    const b = listing.devices.get(B)!;
    expect(b.journals).toEqual([]);
    expect([b.keys?.kind, b.pairing?.kind, b.password?.kind]).toEqual([
      'keys',
      'pairing',
      'password',
    ]);
    expect(listing.ignored).toEqual([]);
  });

  it('ignores every leftover of a sync service, our own temp files and other programs’ files', async () => {
    const j = syncFileName('journal', A, 3);
    const leftovers = [
      `.syncthing.${j}.tmp`,
      `~syncthing~${j}.tmp`,
      `${A}.sync-conflict-20261201-120000-ABCDEF7.snapshot`,
      `${A} (Laptop's conflicted copy 2026-12-01).snapshot`,
      `${A}-LAPTOP.snapshot`,
      `.${j}.icloud`,
      `${j}.part`,
      `${j}.partial`,
      `${j}.tmp`,
      `${j}.crdownload`,
      `.${j}.0a1b2c.authdesk-tmp`,
      '.DS_Store',
      'desktop.ini',
      'notes.txt',
    ];
    for (const name of leftovers) await put(name);
    await put(j);
    const listing = await new SyncFolder(dir).list();
    expect(listing.ignored).toEqual([...leftovers].sort());
    expect(listing.devices.get(A)?.journals.map((file) => file.name)).toEqual([j]);
    expect(listing.devices.size).toBe(1);
  });

  it('ignores a folder or a link that has one of our names', async () => {
    await mkdir(path.join(dir, syncFileName('snapshot', A)));
    await put('target');
    await symlink(path.join(dir, 'target'), path.join(dir, syncFileName('snapshot', B)));
    const listing = await new SyncFolder(dir).list();
    expect(listing.devices.size).toBe(0);
    expect(listing.ignored).toEqual(
      [syncFileName('snapshot', A), syncFileName('snapshot', B), 'target'].sort(),
    );
  });

  it('says SYNC_FOLDER_UNREACHABLE for a missing folder or a file in its place', async () => {
    const missing = await errorOf(new SyncFolder(path.join(dir, 'gone')).list());
    expect(missing.code).toBe('SYNC_FOLDER_UNREACHABLE');
    expect(missing.message).toContain('missing');
    await put('plain');
    expect((await errorOf(new SyncFolder(path.join(dir, 'plain')).list())).code).toBe(
      'SYNC_FOLDER_UNREACHABLE',
    );
  });
});

describe('read', () => {
  it('reads a file whole, and its head alone', async () => {
    const name = syncFileName('snapshot', A);
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 5, 7);
    bytes.write('head\n', 0);
    await writeFile(path.join(dir, name), bytes);
    const folder = new SyncFolder(dir);
    const file = await listed(folder, name);
    expect((await folder.read(file)).equals(bytes)).toBe(true);
    expect((await folder.readHead(file)).equals(bytes.subarray(0, 4096))).toBe(true);
    expect((await folder.readHead(file, 5)).toString()).toBe('head\n');
  });

  it('refuses a file larger than any sync file as damaged, before reading it', async () => {
    const name = syncFileName('journal', A, 1);
    await put(name);
    await truncate(path.join(dir, name), SYNC_FILE_MAX_BYTES + 1); // sparse: nothing is written
    const folder = new SyncFolder(dir);
    const failure = await errorOf(folder.read(await listed(folder, name)));
    expect(failure.code).toBe('SYNC_FILE_DAMAGED');
    expect(failure.message).toContain(name);
  });

  it('says SYNC_WAITING for a file gone since the listing, and unreachable when the folder went', async () => {
    const name = syncFileName('journal', A, 1);
    await put(name);
    const folder = new SyncFolder(dir);
    const file = await listed(folder, name);
    await rm(path.join(dir, name));
    expect((await errorOf(folder.read(file))).code).toBe('SYNC_WAITING');
    await rm(dir, { recursive: true });
    expect((await errorOf(folder.read(file))).code).toBe('SYNC_FOLDER_UNREACHABLE');
  });

  it('reads only names of ours', async () => {
    const folder = new SyncFolder(dir);
    const file: ListedFile = { ...(await anyListed(folder)), name: '../outside' };
    await expect(folder.read(file)).rejects.toThrow(/Not a sync file name/);
  });
});

async function anyListed(folder: SyncFolder): Promise<ListedFile> {
  const name = syncFileName('keys', A);
  await put(name);
  return listed(folder, name);
}

/** The real file calls, with `open` wrapped so each handle's calls can be watched or made to fail. */
function watchedFs(wrap: (handle: FileHandle, path: string, flags: unknown) => FileHandle) {
  return {
    ...realFs,
    open: async (file: string, flags?: unknown, mode?: unknown) => {
      const handle = await realFs.open(file, flags as never, mode as never);
      return wrap(handle, String(file), flags);
    },
  } as typeof realFs;
}

describe('writeOwn', () => {
  it('writes the file whole under its name, replaces the previous one, leaves nothing else', async () => {
    const folder = new SyncFolder(dir);
    const name = syncFileName('snapshot', A);
    await folder.writeOwn(name, Buffer.from('first'));
    await folder.writeOwn(name, Buffer.from('second'));
    expect(await readFile(path.join(dir, name), 'utf8')).toBe('second');
    expect(await readdir(dir)).toEqual([name]);
    if (process.platform !== 'win32') {
      expect((await stat(path.join(dir, name))).mode & 0o777).toBe(0o600);
    }
  });

  it('writes a temp file starting with a dot, flushes it, renames it, then flushes the folder', async () => {
    const events: string[] = [];
    const fs = watchedFs((handle, file) => {
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        events.push(`sync ${file === dir ? 'folder' : path.basename(file)}`);
        return sync();
      };
      return handle;
    });
    const rename = fs.rename;
    fs.rename = async (from, to) => {
      events.push(`rename ${path.basename(String(from))} -> ${path.basename(String(to))}`);
      return rename(from, to);
    };
    const name = syncFileName('journal', A, 9);
    await new SyncFolder(dir, { fs }).writeOwn(name, Buffer.from('change 9'));
    expect(events).toHaveLength(process.platform === 'win32' ? 2 : 3);
    const temp = /^sync (\..+\.authdesk-tmp)$/.exec(events[0]!)?.[1];
    expect(temp?.startsWith(`.${name}.`)).toBe(true);
    expect(events[1]).toBe(`rename ${temp} -> ${name}`);
    if (process.platform !== 'win32') expect(events[2]).toBe('sync folder');
  });

  it('on a full disk: IO_ERROR, the previous file intact, no temp file left', async () => {
    const name = syncFileName('snapshot', A);
    await put(name, 'previous');
    const fs = watchedFs((handle) => {
      handle.writeFile = async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
        });
      };
      return handle;
    });
    const failure = await errorOf(new SyncFolder(dir, { fs }).writeOwn(name, Buffer.from('new')));
    expect(failure.code).toBe('IO_ERROR');
    expect(failure.message).toContain('Not enough disk space');
    expect(await readFile(path.join(dir, name), 'utf8')).toBe('previous');
    expect(await readdir(dir)).toEqual([name]);
  });

  it('when the folder is gone: SYNC_FOLDER_UNREACHABLE', async () => {
    const folder = new SyncFolder(path.join(dir, 'unmounted'));
    const failure = await errorOf(folder.writeOwn(syncFileName('snapshot', A), Buffer.from('x')));
    expect(failure.code).toBe('SYNC_FOLDER_UNREACHABLE');
  });

  it('writes only names of ours', async () => {
    const folder = new SyncFolder(dir);
    await expect(folder.writeOwn('../escape.journal', Buffer.from('x'))).rejects.toThrow(
      /Not a sync file name/,
    );
    await expect(folder.writeOwn('vault.json', Buffer.from('x'))).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('removeOwnTemps', () => {
  it('removes only this device’s own temp files older than the time given', async () => {
    const hourAgo = new Date(Date.now() - 3600_000);
    const oldOwn = `.${syncFileName('journal', A, 4)}.0a1b2c.authdesk-tmp`;
    const freshOwn = `.${syncFileName('snapshot', A)}.0d0e0f.authdesk-tmp`;
    const oldOther = `.${syncFileName('snapshot', B)}.123456.authdesk-tmp`;
    const syncthing = `.syncthing.${syncFileName('journal', A, 5)}.tmp`;
    for (const name of [oldOwn, freshOwn, oldOther, syncthing]) await put(name);
    for (const name of [oldOwn, oldOther, syncthing]) {
      await realFs.utimes(path.join(dir, name), hourAgo, hourAgo);
    }
    const folder = new SyncFolder(dir);
    expect(await folder.removeOwnTemps(A, Date.now() - 600_000)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual([freshOwn, oldOther, syncthing].sort());
    const gone = new SyncFolder(path.join(dir, 'gone'));
    expect((await errorOf(gone.removeOwnTemps(A, Date.now()))).code).toBe(
      'SYNC_FOLDER_UNREACHABLE',
    );
  });
});

describe('removeOwn', () => {
  it('removes the file; one already gone is fine; a folder gone is unreachable', async () => {
    const name = syncFileName('journal', A, 1);
    await put(name);
    const folder = new SyncFolder(dir);
    await folder.removeOwn(name);
    expect(await readdir(dir)).toEqual([]);
    await folder.removeOwn(name);
    await rm(dir, { recursive: true });
    expect((await errorOf(folder.removeOwn(name))).code).toBe('SYNC_FOLDER_UNREACHABLE');
  });
});
