// The names of the IPC methods and events, without their schemas: all the sandboxed preload needs
// (it may load nothing but `electron`, so it must not pull in zod).

export const METHODS = [
  'status',
  'createVault',
  'unlock',
  'cancelUnlock',
  'lock',
  'changePassword',
  'listAccounts',
  'addAccount',
  'updateAccount',
  'removeAccount',
  'reorderAccounts',
  'nextHotpCode',
  'getCodes',
  'copyCode',
  'getSettings',
  'setSettings',
  'getClockStatus',
  'checkClock',
  'acceptClockOffset',
  'importText',
  'importImages',
  'importClipboardImage',
  'pickImageFiles',
  'captureScreen',
  'commitImport',
  'cancelImport',
  'exportBackup',
  'openImportFile',
  'importFileBytes',
  'unlockImportFile',
  'cancelImportFile',
  'replaceWithImport',
  'getBackupStatus',
  'chooseBackupFolder',
  'enableAutoBackup',
  'setAutoBackupKeep',
  'disableAutoBackup',
  'backupNow',
  'revealAccount',
  'exportGoogleCodes',
  'exportOtpauthList',
  'getKeychainStatus',
  'enableKeychainUnlock',
  'disableKeychainUnlock',
  'unlockWithKeychain',
  'hideQuickAccess',
  'typeCode',
  'getShortcutStatus',
] as const;
export type Method = (typeof METHODS)[number];

export const EVENTS = [
  'codes',
  'locked',
  'accountsChanged',
  'settingsChanged',
  'backupStatus',
  'clockStatus',
  'quickAccessShown',
  'shortcutStatus',
] as const;
export type EventName = (typeof EVENTS)[number];

export const CHANNEL_PREFIX = 'authdesk:';
export const channelOf = (name: Method | EventName): string => `${CHANNEL_PREFIX}${name}`;
