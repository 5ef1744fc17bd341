// What an Authdesk backup says about itself, shown before it is restored.
/** What an Authdesk backup says about itself (read from its encrypted payload). */
export interface BackupInfo {
  /** ISO 8601 */
  createdAt: string;
  appVersion: string;
  count: number;
}
