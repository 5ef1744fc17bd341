// Filtering accounts by issuer and account name as the user types; keys are prepared once per list.
import type { AccountMeta } from '../../../../shared/account';

export interface SearchEntry {
  account: AccountMeta;
  key: string;
}

/** Width-insensitive (ＡＷＳ finds AWS) and case-insensitive. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** "Amazon Web Services" → "aws": people search for a service by the name they call it. */
function initials(name: string): string {
  const words = name.split(/[\s\-_.]+/).filter(Boolean);
  return words.length > 1 ? words.map((word) => [...word][0]).join('') : '';
}

export function buildSearchIndex(accounts: AccountMeta[]): SearchEntry[] {
  return accounts.map((account) => ({
    account,
    key: foldForSearch(`${account.issuer}\u0000${account.label}\u0000${initials(account.issuer)}`),
  }));
}

/** Every whitespace-separated term must appear in the issuer or account name. */
export function filterAccounts(index: SearchEntry[], query: string): AccountMeta[] {
  const terms = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (terms.length === 0) return index.map((entry) => entry.account);
  const out: AccountMeta[] = [];
  for (const entry of index) {
    if (terms.every((term) => entry.key.includes(term))) out.push(entry.account);
  }
  return out;
}
