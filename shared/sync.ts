// Sync through a folder the user already syncs (Syncthing, Dropbox, OneDrive, iCloud Drive, a NAS),
// as the window and the command line see it. The design: README › Sync and electron/sync/.
import type { ErrorInfo } from './errors';

/** A pairing code is valid this long after the first device shows it. */
export const PAIRING_CODE_TTL_MS = 10 * 60_000;

/**
 * A pairing code as shown: 20 characters of Crockford base32 (100 random bits) in groups of four,
 * e.g. `7KQ2-M9XD-4HNP-V3TB-8WRC`. Typed in any case, with or without dashes and spaces.
 */
export const PAIRING_CODE_GROUPS = 5;

/** A sync password must be at least this long: anyone holding the folder can try passwords offline. */
export const SYNC_PASSWORD_MIN_LENGTH = 12;

/** A device's name as shown to the other devices (defaults to the computer's name). */
export const DEVICE_NAME_MAX = 64;

/**
 * off: not set up on this device. idle: set up and up to date as of lastSync. syncing: a round runs.
 * paused: the folder cannot be reached (an unmounted share, a removed drive): nothing is lost, the
 * round runs again when it is back. removed: another device removed this one (the key changed
 * without it); its accounts stay, sync must be set up again to join.
 */
export type SyncPhase = 'off' | 'idle' | 'syncing' | 'paused' | 'removed';

export interface SyncDevice {
  /** 32 lower-case hex characters; stable for a device for as long as it stays in the sync. */
  id: string;
  name: string;
  /** ISO 8601: when that device last wrote to the folder (its own clock); null if never seen. */
  lastSeen: string | null;
  thisDevice: boolean;
}

/**
 * Something the last round could not take in, kept until a later round does. A problem never stops
 * the other devices' changes from merging: only the device concerned is held back.
 * rollback: a device's files are older than what was already merged (a folder copied back from an
 * old backup); its files are not merged until it writes newer ones. waiting: a file is missing or
 * not yet whole (a download in progress). damaged: a file fails its check for longer than a
 * download takes. identity: another computer writes under this device's id (a copied vault file).
 */
export interface SyncProblem {
  kind: 'rollback' | 'waiting' | 'damaged' | 'identity' | 'error';
  /** The device concerned, when there is one. */
  device: { id: string; name: string } | null;
  /** The error that explains it (its code is translated; its message is for the log and the CLI). */
  error: ErrorInfo;
  /** ISO 8601 */
  since: string;
}

/** What the last round that changed something took in, for the window's status line. */
export interface SyncMergeReport {
  /** ISO 8601 */
  at: string;
  /** Accounts added, changed or removed by other devices' changes, per device. */
  from: { device: { id: string; name: string }; accounts: number }[];
  /** Accounts flagged by this merge (AccountMeta.syncFlag), e.g. two secrets kept. */
  flagged: number;
}

export interface SyncStatus {
  phase: SyncPhase;
  /** The sync folder as this computer reaches it; null when off. */
  folder: string | null;
  /** This device's id and name; null when off. */
  device: { id: string; name: string } | null;
  /** This device first, then the others by name; removed devices are not listed. */
  devices: SyncDevice[];
  /** ISO 8601 of the last round that reached the folder; null if none yet. */
  lastSync: string | null;
  problems: SyncProblem[];
  /** The last round that changed accounts here; null before the first. */
  lastMerge: SyncMergeReport | null;
  /** Whether a sync password is set (other devices may then join with it). */
  joinByPassword: boolean;
  /** The pairing code this device shows, while it is valid. */
  pairing: { expiresAt: string } | null;
  /** Whether the folder is watched by polling (network folders) rather than by change events. */
  polling: boolean;
}

/** A pairing code to show on the first device. */
export interface PairingOffer {
  /** As shown: groups of four joined by '-'. */
  code: string;
  /** The same code as a QR code (an SVG document), for a phone to carry it across. */
  qrSvg: string;
  /** ISO 8601 */
  expiresAt: string;
}

/**
 * A flag the merge puts on an account so that the user looks at it (shown in the list, cleared by
 * the user with updateAccount's `syncFlag: null`).
 * secret-conflict: two devices changed this account's secret at the same time; this account holds
 * the one changed on `device`, and the other account (`other`) the second, so neither is lost.
 * kept-after-delete: `device` deleted the account while another device changed it; it was kept.
 */
export interface SyncFlag {
  kind: 'secret-conflict' | 'kept-after-delete';
  /** The device whose change caused the flag, as named when it happened. */
  device: { id: string; name: string };
  /** secret-conflict: the id of the account holding the other secret. */
  other?: string;
  /** ISO 8601 */
  at: string;
}

/** Canonical form of a typed pairing code (upper case, no separators, Crockford's I/L→1, O→0), or null when it cannot be one. */
export function normalisePairingCode(typed: string): string | null {
  const plain = typed
    .trim()
    .replace(/^authdesk-pair:/i, '')
    .replace(/[\s-]+/g, '')
    .toUpperCase()
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  return /^[0-9A-HJKMNP-TV-Z]{20}$/.test(plain) ? plain : null;
}

/** The code as shown: groups of four joined by '-'. */
export function formatPairingCode(plain: string): string {
  return plain.match(/.{1,4}/g)?.join('-') ?? plain;
}
