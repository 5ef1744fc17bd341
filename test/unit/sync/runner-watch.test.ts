// Watching the sync folder (use-cases/sync-watch.ts): which file systems are polled, read from
// /proc/mounts as Linux writes it, and the events a real folder raises, with events and by polling.
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isNetworkFolder,
  isNetworkFsType,
  mountTypeOf,
  watchFolder,
  type FolderWatch,
} from '../../../electron/use-cases/sync-watch';

/** As /proc/mounts lists them: a space in a mount point is written \040. */
const MOUNTS = [
  '/dev/sda1 / ext4 rw,relatime 0 0',
  'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
  'nas:/export/home /home/ann/nas nfs4 rw,relatime,vers=4.2 0 0',
  '//fileserver/team /mnt/team\\040share cifs rw,relatime,vers=3.1.1 0 0',
  'ann@box:/srv /home/ann/box fuse.sshfs rw,nosuid,nodev 0 0',
  '/dev/sdb1 /home/ann/nas/usb ext4 rw 0 0',
  'C:\\134 /mnt/c 9p rw,noatime 0 0',
  'tmpfs /tmp tmpfs rw 0 0',
].join('\n');

/** As macOS's `mount` prints them: mount points with spaces as they are. */
const DARWIN_MOUNTS = [
  '/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)',
  '/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)',
  '//ann@nas._smb._tcp.local/Team%20Share on /Volumes/Team Share (smbfs, nodev, nosuid, mounted by ann)',
  'nas:/export on /Volumes/export (nfs, nodev, nosuid, mounted by ann)',
  'ann@box:/srv on /Users/ann/box (macfuse, nodev, nosuid, synchronous, mounted by ann)',
  '/dev/disk5s1 on /Volumes/USB (exfat, local, nodev, nosuid, noowners)',
].join('\n');

describe('which folders are polled', () => {
  it('finds the file system holding a folder: the longest mount point that contains it', () => {
    expect(mountTypeOf(MOUNTS, '/home/ann/Sync')).toBe('ext4');
    expect(mountTypeOf(MOUNTS, '/home/ann/nas')).toBe('nfs4');
    expect(mountTypeOf(MOUNTS, '/home/ann/nas/authdesk')).toBe('nfs4');
    // A disk mounted inside the share is that disk.
    expect(mountTypeOf(MOUNTS, '/home/ann/nas/usb/authdesk')).toBe('ext4');
    // A name that only starts like a mount point is not inside it.
    expect(mountTypeOf(MOUNTS, '/home/ann/nasty')).toBe('ext4');
    expect(mountTypeOf(MOUNTS, '/mnt/team share/authdesk')).toBe('cifs');
    expect(mountTypeOf(MOUNTS, '/mnt/c/Users/ann/Dropbox')).toBe('9p');
  });

  it('reads macOS’s mount table the same way', () => {
    expect(mountTypeOf(DARWIN_MOUNTS, '/Volumes/Team Share/authdesk', 'darwin')).toBe('smbfs');
    expect(mountTypeOf(DARWIN_MOUNTS, '/Volumes/export/sync', 'darwin')).toBe('nfs');
    expect(mountTypeOf(DARWIN_MOUNTS, '/Users/ann/box', 'darwin')).toBe('macfuse');
    expect(mountTypeOf(DARWIN_MOUNTS, '/Volumes/USB/authdesk', 'darwin')).toBe('exfat');
    expect(mountTypeOf(DARWIN_MOUNTS, '/Users/ann/Dropbox', 'darwin')).toBe('apfs');
  });

  it('polls network and host-shared file systems, listens on local ones', () => {
    for (const type of [
      'nfs',
      'nfs4',
      'cifs',
      'smb3',
      'smbfs',
      'afpfs',
      '9p',
      'fuse.sshfs',
      'fuse.rclone',
      'virtiofs',
      'macfuse',
    ])
      expect(isNetworkFsType(type), type).toBe(true);
    for (const type of [
      'ext4',
      'btrfs',
      'xfs',
      'tmpfs',
      'zfs',
      'fuse.encfs',
      'overlay',
      'apfs',
      'exfat',
    ])
      expect(isNetworkFsType(type), type).toBe(false);
  });

  it('decides from the mounts on Linux and macOS, from UNC paths anywhere, and never fails', async () => {
    const mounts = async () => MOUNTS;
    expect(await isNetworkFolder('/home/ann/nas/authdesk', 'linux', mounts)).toBe(true);
    expect(await isNetworkFolder('/home/ann/box/sync', 'linux', mounts)).toBe(true);
    expect(await isNetworkFolder('/home/ann/Sync', 'linux', mounts)).toBe(false);
    expect(await isNetworkFolder('\\\\nas\\share\\authdesk', 'win32', mounts)).toBe(true);
    expect(await isNetworkFolder('Z:\\authdesk', 'win32', mounts)).toBe(false);
    const darwin = async () => DARWIN_MOUNTS;
    expect(await isNetworkFolder('/Volumes/Team Share/authdesk', 'darwin', darwin)).toBe(true);
    expect(await isNetworkFolder('/Users/ann/box/sync', 'darwin', darwin)).toBe(true);
    expect(await isNetworkFolder('/Volumes/USB/authdesk', 'darwin', darwin)).toBe(false);
    expect(await isNetworkFolder('/Users/ann/Dropbox/authdesk', 'darwin', darwin)).toBe(false);
    // /proc/mounts unreadable (a sandbox): change events, as on a local disk.
    const unreadable = async (): Promise<string> => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    };
    expect(await isNetworkFolder('/home/ann/nas/authdesk', 'linux', unreadable)).toBe(false);
  });

  it('reads this machine’s own /proc/mounts: a temp folder is local here', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-mounts-'));
    try {
      expect(await isNetworkFolder(dir, 'linux')).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.each([
  ['change events', false],
  ['polling', true],
])('watching a folder by %s', (_name, polling) => {
  let dir: string;
  let watch: FolderWatch | undefined;
  const names: string[] = [];
  let waiting: { name: string; resolve: () => void } | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'authdesk-watch-'));
    names.length = 0;
    await writeFile(path.join(dir, 'old.snapshot'), 'before');
  });
  afterEach(async () => {
    await watch?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Resolves when `name` is reported. */
  function reported(name: string): Promise<void> {
    if (names.includes(name)) return Promise.resolve();
    return new Promise((resolve) => (waiting = { name, resolve }));
  }

  async function start(): Promise<void> {
    let ready!: () => void;
    const isReady = new Promise<void>((r) => (ready = r));
    watch = watchFolder(dir, {
      polling,
      pollMs: 50,
      onChange: (name) => {
        names.push(name);
        if (waiting?.name === name) waiting.resolve();
      },
      onError: (error) => {
        throw error;
      },
      ignore: (name) => name.startsWith('aaaa.'),
      onReady: ready,
    });
    await isReady;
    expect(watch.polling).toBe(polling);
  }

  it('reports files renamed in whole, not temp files, own files or files in subfolders', async () => {
    await start();
    // Our own atomic write: a dot-named temp file renamed into place.
    await writeFile(path.join(dir, '.tmp-123'), 'sealed');
    await rename(path.join(dir, '.tmp-123'), path.join(dir, 'bbbb.0000000001.journal'));
    await reported('bbbb.0000000001.journal');
    await writeFile(path.join(dir, 'aaaa.0000000001.journal'), 'this device');
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'sub', 'cccc.snapshot'), 'elsewhere');
    await writeFile(path.join(dir, '.syncthing.cccc.snapshot.tmp'), 'half');
    // A last event, so that everything before it has been seen.
    await writeFile(path.join(dir, 'old.snapshot'), 'after');
    await reported('old.snapshot');
    expect(names).not.toContain('.tmp-123');
    expect(names).not.toContain('aaaa.0000000001.journal');
    expect(names).not.toContain('cccc.snapshot');
    expect(names).not.toContain('.syncthing.cccc.snapshot.tmp');
    expect(names).not.toContain('sub');
  });

  it('reports a removed file, and the folder itself going away', async () => {
    await start();
    await rm(path.join(dir, 'old.snapshot'));
    await reported('old.snapshot');
    await rm(dir, { recursive: true });
    // The folder's own removal is reported as '' (no file name).
    await reported('');
  });
});
