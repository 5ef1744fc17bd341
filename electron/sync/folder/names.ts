// The names of the files in the sync folder: the few this app writes (`<device>.<kind>`,
// `<device>.<seq>.journal`), parsed back strictly, and the leftovers that sync services and
// operating systems put beside them, which are recognised only to say what they are: every name
// that is not exactly one of ours is ignored.
import type { DeviceId } from '../types';
import { SYNC_FILE_KINDS, type SyncFileKind } from './sealed-file';

/** 16 random bytes as 32 lower-case hex characters (types.ts DeviceId). */
export const DEVICE_ID_PATTERN = /^[0-9a-f]{32}$/;
/** Journal numbers are zero-padded to this many digits, so names sort in number order. */
export const SEQ_DIGITS = 10;

/** What a name of ours says. `seq` is the journal's change number; 0 for the other kinds. */
export interface SyncFileName {
  kind: SyncFileKind;
  device: DeviceId;
  seq: number;
}

const JOURNAL = /^([0-9a-f]{32})\.([0-9]{10,16})\.journal$/;
const SINGLE = /^([0-9a-f]{32})\.(snapshot|keys|pairing|password)$/;

export function isDeviceId(value: string): boolean {
  return DEVICE_ID_PATTERN.test(value);
}

/**
 * The name of a device's file of `kind`; `seq` (1 or more) only for a journal. Throws on a
 * malformed device id or number: a name is never built from unchecked parts.
 */
export function syncFileName(kind: SyncFileKind, device: DeviceId, seq = 0): string {
  if (!isDeviceId(device)) throw new Error(`Not a device id: ${JSON.stringify(device)}`);
  if (kind !== 'journal') return `${device}.${kind}`;
  if (!Number.isSafeInteger(seq) || seq < 1) throw new Error(`Not a change number: ${seq}`);
  return `${device}.${String(seq).padStart(SEQ_DIGITS, '0')}.journal`;
}

/**
 * The kind, device and number a name of ours says; undefined for any other name. Only the exact
 * form this app writes counts (one spelling per file: `…0000000007.journal`, never `…07.journal`).
 */
export function parseSyncFileName(name: string): SyncFileName | undefined {
  const journal = JOURNAL.exec(name);
  if (journal) {
    const seq = Number(journal[2]);
    if (!Number.isSafeInteger(seq) || seq < 1) return undefined;
    const parsed = { kind: 'journal' as const, device: journal[1]!, seq };
    return syncFileName('journal', parsed.device, seq) === name ? parsed : undefined;
  }
  const single = SINGLE.exec(name);
  if (!single) return undefined;
  const kind = single[2] as SyncFileKind;
  return SYNC_FILE_KINDS.includes(kind) ? { kind, device: single[1]!, seq: 0 } : undefined;
}

const OWN_TEMP_SUFFIX = '.authdesk-tmp';

/**
 * A temporary name for writing `name` beside it: starts with `.` (hidden, and never one of ours),
 * unique per write so two writers never share one.
 */
export function tempNameFor(name: string, unique: string): string {
  return `.${name}.${unique}${OWN_TEMP_SUFFIX}`;
}

/** Who left a file that is not ours in the folder (for the listing's `ignored` and for messages). */
export type LeftoverSource =
  | 'authdesk' // our own temporary file (a write in progress, or one that was cut off)
  | 'syncthing'
  | 'dropbox'
  | 'onedrive'
  | 'icloud'
  | 'google-drive'
  | 'nextcloud'
  | 'resilio'
  | 'download' // a partial download of any program (.part, .partial, .crdownload, .tmp, …)
  | 'system' // .DS_Store, desktop.ini, Thumbs.db, AppleDouble files, a sync service's own folder
  | 'other';

export interface Leftover {
  source: LeftoverSource;
  /** The name of ours it stands for, when it names one (a placeholder or a partial download of it). */
  of?: string;
}

// Each rule: a pattern on the whole name, and which group (if any) holds the original name.
const LEFTOVER_RULES: { source: LeftoverSource; pattern: RegExp; of?: number }[] = [
  { source: 'authdesk', pattern: /^\.(.+)\.[0-9a-f]+\.authdesk-tmp$/, of: 1 },
  // Syncthing: a file being received, on Unix and on Windows; a conflict it kept both sides of.
  { source: 'syncthing', pattern: /^\.syncthing\.(.+)\.tmp$/, of: 1 },
  { source: 'syncthing', pattern: /^~syncthing~(.+)\.tmp$/, of: 1 },
  { source: 'syncthing', pattern: /\.sync-conflict-\d{8}-\d{6}(-[0-9A-Z]{7})?/ },
  { source: 'syncthing', pattern: /^\.st(folder|ignore|versions)$/ },
  // Dropbox (and Nextcloud / ownCloud): two writers of one file; both sides are kept under new names.
  { source: 'dropbox', pattern: /\(.*conflicted copy.*\)/i },
  { source: 'dropbox', pattern: /^\.dropbox(\.cache|\.attr)?$/ },
  { source: 'nextcloud', pattern: /\(conflicted copy \d{4}-\d{2}-\d{2} \d{6}\)/i },
  { source: 'nextcloud', pattern: /^\.~lock\..*#$|^\.(sync_[0-9a-f]+\.db.*|owncloudsync\.log)$/ },
  // iCloud Drive: a file not downloaded yet is a hidden placeholder `.<name>.icloud`.
  { source: 'icloud', pattern: /^\.(.+)\.icloud$/, of: 1 },
  // Resilio Sync: a file being received.
  { source: 'resilio', pattern: /^(.+)\.!sync$/, of: 1 },
  { source: 'resilio', pattern: /^\.sync$/ },
  // Google Drive: a second file of one name becomes `name (1)`.
  { source: 'google-drive', pattern: / ?\(\d+\)(\.[A-Za-z]+)?$/ },
  // OneDrive: a file it could not merge is kept as `<name>-<COMPUTER NAME>.<ext>`.
  { source: 'onedrive', pattern: /^[0-9a-f]{32}(\.[0-9]+)?-[^.]+\.[a-z]+$/ },
  // Partial downloads of browsers, download tools and copy programs.
  { source: 'download', pattern: /^(.+)\.(part|partial|crdownload|download|tmp|temp)$/i, of: 1 },
  { source: 'system', pattern: /^(\.DS_Store|desktop\.ini|Thumbs\.db|\._.*|Icon\r)$/i },
];

/**
 * Who left `name`, for a name that is not ours (undefined for one of ours). Only informative: the
 * folder ignores every name that is not exactly one of ours, whatever this says.
 */
export function leftoverOf(name: string): Leftover | undefined {
  if (parseSyncFileName(name)) return undefined;
  for (const rule of LEFTOVER_RULES) {
    const match = rule.pattern.exec(name);
    if (!match) continue;
    const of = rule.of === undefined ? undefined : match[rule.of];
    return of !== undefined && parseSyncFileName(of)
      ? { source: rule.source, of }
      : { source: rule.source };
  }
  return { source: 'other' };
}
