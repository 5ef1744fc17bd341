// Watching the sync folder for other devices' files: change events (chokidar) where the system sends
// them, polling where it does not (network shares: NFS, SMB, SSHFS, 9p…, whose changes made on
// another computer raise no event here).
import { watch } from 'chokidar';
import { execFile } from 'node:child_process';
import { readFile, realpath, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';

/** How often a polled folder's files are looked at. */
export const SYNC_POLL_MS = 1_000;

/**
 * File systems whose changes come from other computers (or from the host of a virtual machine):
 * inotify hears only this computer's own writes there.
 */
const NETWORK_FS_TYPES = new Set([
  '9p',
  'afpfs',
  'afs',
  'beegfs',
  'ceph',
  'cifs',
  'coda',
  'davfs',
  'drvfs',
  'gfs2',
  'glusterfs',
  'gpfs',
  'lustre',
  'ncpfs',
  'nfs',
  'nfs4',
  'ocfs2',
  'smb3',
  'smbfs',
  'sshfs',
  'vboxsf',
  'virtiofs',
  'vmhgfs',
  'webdav',
  // macOS: SSHFS and other FUSE file systems (their kind is not named).
  'macfuse',
  'osxfuse',
]);

/** FUSE file systems are `fuse.<name>`: these reach another computer (or a cloud drive). */
const NETWORK_FUSE =
  /^fuse\.(sshfs|rclone|s3fs|gcsfuse|davfs2?|glusterfs|cephfs|vmhgfs-fuse|gvfsd-fuse|onedriver|juicefs|goofys|smbnetfs|curlftpfs)$/;

export function isNetworkFsType(type: string): boolean {
  return NETWORK_FS_TYPES.has(type) || NETWORK_FUSE.test(type);
}

/** /proc/mounts writes a space, tab, newline and backslash in a path as octal escapes. */
function unescapeMount(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_m, octal: string) =>
    String.fromCharCode(parseInt(octal, 8)),
  );
}

/** One mount from a line of Linux's /proc/mounts (`dev point type opts …`). */
function linuxMount(line: string): { point: string; type: string } | null {
  const [, point, type] = line.split(' ');
  return point && type ? { point: unescapeMount(point), type } : null;
}

/** One mount from a line of macOS's `mount` (`dev on /Volumes/My Share (smbfs, nodev, …)`). */
function darwinMount(line: string): { point: string; type: string } | null {
  const match = / on (\/.*?) \(([^,)]+)[,)]/.exec(line);
  return match ? { point: match[1]!, type: match[2]!.trim() } : null;
}

/**
 * The type of the file system holding `folder` (an absolute, resolved path), from the mount table's
 * text: Linux's /proc/mounts, or on macOS the output of `mount`.
 */
export function mountTypeOf(mounts: string, folder: string, platform = 'linux'): string | null {
  let best: { point: string; type: string } | null = null;
  for (const line of mounts.split('\n')) {
    const mount = platform === 'darwin' ? darwinMount(line) : linuxMount(line);
    if (!mount) continue;
    const { point: mountPoint, type } = mount;
    const inside =
      folder === mountPoint ||
      mountPoint === '/' ||
      folder.startsWith(mountPoint.endsWith('/') ? mountPoint : `${mountPoint}/`);
    // The last of equally long mount points is the one on top (mounted later over the same place).
    if (inside && (!best || mountPoint.length >= best.point.length)) {
      best = { point: mountPoint, type };
    }
  }
  return best?.type ?? null;
}

/** The mount table as text: /proc/mounts on Linux, `mount`'s output on macOS. */
async function readMountTable(platform: string): Promise<string> {
  if (platform === 'darwin') {
    const { stdout } = await promisify(execFile)('/sbin/mount', [], { timeout: 5_000 });
    return stdout;
  }
  return readFile('/proc/mounts', 'utf8');
}

/**
 * Whether changes in `folder` must be polled for: a UNC path (\\server\share) anywhere, and on Linux
 * and macOS a folder on a network file system by the mount table (FSEvents and inotify hear only
 * this computer's writes there). On Windows, drive letters (mapped ones too) get change events:
 * SMB servers send them.
 */
export async function isNetworkFolder(
  folder: string,
  platform: string,
  readMounts: () => Promise<string> = () => readMountTable(platform),
): Promise<boolean> {
  if (/^[\\/]{2}[^\\/]/.test(folder)) return true;
  if (platform !== 'linux' && platform !== 'darwin') return false;
  let resolved = folder;
  try {
    resolved = await realpath(folder);
  } catch {
    // A folder that is not there yet is judged by its path; the next follow looks again.
  }
  try {
    const type = mountTypeOf(await readMounts(), resolved, platform);
    return type !== null && isNetworkFsType(type);
  } catch {
    return false;
  }
}

export interface FolderWatch {
  /** Whether the folder is polled rather than heard through change events. */
  readonly polling: boolean;
  close(): Promise<void>;
}

export interface WatchOptions {
  polling: boolean;
  /** A file (its name) appeared, changed or went away; '' when the folder itself went away. */
  onChange(name: string): void;
  /** The watcher failed (the folder went away, no permission): the caller's round finds out more. */
  onError(error: unknown): void;
  /** Names not worth a round (this device's own files). */
  ignore?(name: string): boolean;
  /** The first look at the folder is done: later changes are reported. */
  onReady?(): void;
  pollMs?: number;
}

/**
 * Watches the folder's own files (not its subfolders). Names starting with '.' are never reported:
 * our temporary files and most sync services' (Syncthing's, iCloud's placeholders) until renamed whole.
 */
export function watchFolder(folder: string, options: WatchOptions): FolderWatch {
  const root = path.resolve(folder);
  const watcher = watch(root, {
    depth: 0,
    ignoreInitial: true,
    usePolling: options.polling,
    interval: options.pollMs ?? SYNC_POLL_MS,
    binaryInterval: options.pollMs ?? SYNC_POLL_MS,
    ignorePermissionErrors: true,
    ignored: (file) => {
      const resolved = path.resolve(file);
      if (resolved === root) return false;
      const name = path.basename(resolved);
      return name.startsWith('.') || path.dirname(resolved) !== root;
    },
  });
  const report = (file: string) => {
    const resolved = path.resolve(file);
    const name = path.basename(resolved);
    if (resolved === root || options.ignore?.(name)) return;
    options.onChange(name);
  };
  watcher.on('add', report);
  watcher.on('change', report);
  watcher.on('unlink', report);
  // The folder itself going away (an unmounted share, a removed drive) raises no event of its own
  // in chokidar, only a raw one naming the folder (by its name from inotify, by its path when
  // polled): then a look at the folder says whether it is still there.
  watcher.on('raw', (_event, file, details) => {
    const aboutRoot =
      file === root ||
      (file === path.basename(root) &&
        (details as { watchedPath?: string } | undefined)?.watchedPath === root);
    if (!aboutRoot) return;
    stat(root).then(
      (stats) => {
        if (!stats.isDirectory()) options.onChange('');
      },
      () => options.onChange(''),
    );
  });
  watcher.on('error', (error) => options.onError(error));
  watcher.on('ready', () => options.onReady?.());
  return {
    polling: options.polling,
    close: () => watcher.close(),
  };
}
