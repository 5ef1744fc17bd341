// How an account is named in sentences (toasts, dialog titles): "Issuer (account)", or whichever exists.
import type { AccountMeta } from '../../../../shared/account';

export function accountName(account: Pick<AccountMeta, 'issuer' | 'label'>): string {
  return account.issuer && account.label
    ? `${account.issuer} (${account.label})`
    : account.issuer || account.label;
}
