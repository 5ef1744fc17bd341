// Why Google Authenticator cannot take an account, as a key for a translated sentence.
import type { AccountMeta } from '../../../../shared/account';

export type GoogleLimit = 'steam' | 'digits' | 'period';

/**
 * The renderer's side of shared/migration.ts's migrationUnsupportedReason, whose sentences are
 * English: the same rules, answered with a key so the chooser can warn before the export.
 */
export function googleLimit(account: AccountMeta): GoogleLimit | null {
  if (account.type === 'steam') return 'steam';
  if (account.digits !== 6 && account.digits !== 8) return 'digits';
  if (account.type === 'totp' && account.period !== 30) return 'period';
  return null;
}
