// The app's non-secret preferences: what each may be, the choices the settings offer, and the defaults.
// No zod here, so the renderer can show the choices without bundling it; the schema main validates
// with is settings-schema.ts, checked against this type.
import { DEFAULT_TIME_SERVER } from './time-server';
import { DEFAULT_BACKUP_KEEP } from './transfer';

export const LANGUAGES = ['system', 'ja', 'en'] as const;
export const THEMES = ['system', 'light', 'dark'] as const;
/** The idle auto-lock times the settings offer besides 0 (off). */
export const AUTO_LOCK_MINUTES: readonly number[] = [1, 2, 5, 10, 15, 30, 60];
/** A day: the longest idle time a settings file may hold (a hand-edited one included). */
export const AUTO_LOCK_MAX_MINUTES = 1440;
/**
 * How many recently used accounts are remembered (ids only, newest first): enough that the list's
 * "recently used" order ranks every account of any real vault; the tray shows only its first few.
 */
export const RECENT_ACCOUNTS_MAX = 10_000;
/** How tall the list's rows are: comfortable (two lines and the next code) or compact (≥ 16 rows at 1280×800). */
export const LIST_DENSITIES = ['comfortable', 'compact'] as const;
/** manual: the order the user dragged; name: issuer, then account name; recent: last used first. */
export const SORT_ORDERS = ['manual', 'name', 'recent'] as const;
/** Which accounts the list shows: all, those with one tag, or those without any. */
export type TagFilter = { kind: 'all' } | { kind: 'untagged' } | { kind: 'tag'; name: string };
/** Quick access's global shortcut by default: Ctrl+Alt+A on Windows and Linux, ⌥⌘A on macOS. */
export const DEFAULT_QUICK_ACCESS_SHORTCUT = 'CommandOrControl+Alt+A';

/** A type, not an interface, so that it reads as a plain record (SettingsService.sanitize). */
export type Settings = {
  language: (typeof LANGUAGES)[number];
  theme: (typeof THEMES)[number];
  /** 0 turns idle auto-lock off; locking on system lock and suspend stays on. */
  autoLockMinutes: number;
  clearClipboard: boolean;
  contentProtection: boolean;
  /**
   * Closing the main window keeps Authdesk running in the tray (the menu bar on macOS). null: this
   * platform's default (closeToTrayOn), on for Windows and Linux, off for macOS, whose dock keeps a
   * running app anyway.
   */
  closeToTray: boolean | null;
  /** The one-time notice that the closed window went to the tray was shown; set only by main. */
  closeToTrayNoticeShown: boolean;
  /** Authdesk starts when the user logs in (login items on Windows and macOS, XDG autostart on Linux). */
  startWithSystem: boolean;
  /** Started with the system, it stays in the tray without showing the window (`--hidden`). */
  startHidden: boolean;
  /** Automatic backups go here (null: off); set only through enableAutoBackup, which also makes the key. */
  autoBackupFolder: string | null;
  /** How many automatic backups to keep; older ones are deleted. */
  autoBackupKeep: number;
  /** The SNTP server the clock is measured against: host[:port]. */
  timeServer: string;
  /** Codes follow the measured offset instead of this computer's clock (within the bounds in time-server.ts). */
  correctClock: boolean;
  /**
   * The offset the user last accepted; a measurement more than CORRECTION_RECONFIRM_MS away from it
   * waits for the user's confirmation. Set only by main (acceptClockOffset), never by setSettings.
   */
  clockOffsetAcceptedMs: number | null;
  /** Quick access's global shortcut as an Electron accelerator (settings-shortcut.ts); '' turns it off. */
  quickAccessShortcut: string;
  /** Ids of the accounts whose code was used last, newest first; set only by main (RecentAccounts). */
  recentAccountIds: string[];
  /**
   * While the app runs, the `authdesk` command asks it (a local socket, a named pipe on Windows)
   * instead of the vault password, after the user allows it in the app's question.
   */
  commandLineAccess: boolean;
  listDensity: (typeof LIST_DENSITIES)[number];
  /** The list shows the next code beside the current one (AWS asks for two in a row). */
  showNextCode: boolean;
  sortOrder: (typeof SORT_ORDERS)[number];
  /** The list shows a collapsible header per tag (pinned accounts stay on top, above the headers). */
  groupByTag: boolean;
  /** The filter chip chosen above the list; remembered across restarts. */
  tagFilter: TagFilter;
  /** Tag headers the user collapsed ('' is the header of accounts without a tag). */
  collapsedTags: string[];
};

export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  theme: 'system',
  autoLockMinutes: 5,
  clearClipboard: true,
  contentProtection: true,
  closeToTray: null,
  closeToTrayNoticeShown: false,
  startWithSystem: false,
  startHidden: false,
  autoBackupFolder: null,
  autoBackupKeep: DEFAULT_BACKUP_KEEP,
  timeServer: DEFAULT_TIME_SERVER,
  correctClock: false,
  clockOffsetAcceptedMs: null,
  quickAccessShortcut: DEFAULT_QUICK_ACCESS_SHORTCUT,
  recentAccountIds: [],
  commandLineAccess: true,
  listDensity: 'comfortable',
  showNextCode: true,
  sortOrder: 'manual',
  groupByTag: false,
  tagFilter: { kind: 'all' },
  collapsedTags: [],
};

/** The language the window and main's own dialogs use: the setting, or the system's when 'system'. */
export function resolveLanguage(
  setting: Settings['language'],
  systemLanguage: string,
): 'en' | 'ja' {
  if (setting !== 'system') return setting;
  return systemLanguage.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** Whether closing the main window keeps Authdesk in the tray: the setting, or the platform's default. */
export function closeToTrayOn(setting: Settings['closeToTray'], platform: string): boolean {
  return setting ?? platform !== 'darwin';
}
