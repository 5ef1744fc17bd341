// The settings as main validates them (what the renderer sends, what the settings file holds); the
// type, choices and defaults are in settings.ts.
import { z } from 'zod';
import { ACCOUNT_LIMITS } from './account';
import {
  AUTO_LOCK_MAX_MINUTES,
  LANGUAGES,
  LIST_DENSITIES,
  SORT_ORDERS,
  RECENT_ACCOUNTS_MAX,
  THEMES,
  type Settings,
} from './settings';
import { isShortcutSetting } from './settings-shortcut';
import { MAX_AUTO_CORRECTION_MS, TIME_SERVER_MAX_LENGTH, isTimeServer } from './time-server';
import { MAX_BACKUP_KEEP } from './transfer';

export const settingsSchema = z.strictObject({
  language: z.enum(LANGUAGES),
  theme: z.enum(THEMES),
  autoLockMinutes: z.number().int().min(0).max(AUTO_LOCK_MAX_MINUTES),
  clearClipboard: z.boolean(),
  contentProtection: z.boolean(),
  closeToTray: z.boolean().nullable(),
  closeToTrayNoticeShown: z.boolean(),
  startWithSystem: z.boolean(),
  startHidden: z.boolean(),
  autoBackupFolder: z.string().min(1).max(4096).nullable(),
  autoBackupKeep: z.number().int().min(1).max(MAX_BACKUP_KEEP),
  timeServer: z.string().max(TIME_SERVER_MAX_LENGTH).refine(isTimeServer),
  correctClock: z.boolean(),
  clockOffsetAcceptedMs: z
    .number()
    .int()
    .min(-MAX_AUTO_CORRECTION_MS)
    .max(MAX_AUTO_CORRECTION_MS)
    .nullable(),
  quickAccessShortcut: z.string().max(100).refine(isShortcutSetting),
  recentAccountIds: z.array(z.string().min(1).max(64)).max(RECENT_ACCOUNTS_MAX),
  commandLineAccess: z.boolean(),
  listDensity: z.enum(LIST_DENSITIES),
  showNextCode: z.boolean(),
  sortOrder: z.enum(SORT_ORDERS),
  groupByTag: z.boolean(),
  tagFilter: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('all') }),
    z.strictObject({ kind: z.literal('untagged') }),
    z.strictObject({ kind: z.literal('tag'), name: z.string().min(1).max(ACCOUNT_LIMITS.tag) }),
  ]),
  collapsedTags: z.array(z.string().max(ACCOUNT_LIMITS.tag)).max(ACCOUNT_LIMITS.tags + 1),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time check: the schema reads exactly the Settings type, field for field. */
export const SETTINGS_SCHEMA_MATCHES: Same<z.infer<typeof settingsSchema>, Settings> = true;

/**
 * The settings the renderer may set directly; the backup folder needs a password, a key and main's
 * folder dialog, the accepted clock offset is set by acceptClockOffset, and the recently used
 * accounts by main when a code is used.
 */
export const userSettingsSchema = settingsSchema.omit({
  autoBackupFolder: true,
  autoBackupKeep: true,
  closeToTrayNoticeShown: true,
  clockOffsetAcceptedMs: true,
  recentAccountIds: true,
});
