// The one account search: the window filters its list with it as the user types, and the command line
// finds the account a <query> names with it. Keys are prepared once per list.
import { displayName, type AccountInput } from './account';

type Named = Pick<AccountInput, 'issuer' | 'label'>;

export interface SearchEntry<T extends Named> {
  account: T;
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

export function buildSearchIndex<T extends Named>(accounts: readonly T[]): SearchEntry<T>[] {
  return accounts.map((account) => ({
    account,
    key: foldForSearch(`${account.issuer}\u0000${account.label}\u0000${initials(account.issuer)}`),
  }));
}

/** Every whitespace-separated term must appear in the issuer or account name (or the initials). */
export function filterAccounts<T extends Named>(
  index: readonly SearchEntry<T>[],
  query: string,
): T[] {
  const terms = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (terms.length === 0) return index.map((entry) => entry.account);
  const out: T[] = [];
  for (const entry of index) {
    if (terms.every((term) => entry.key.includes(term))) out.push(entry.account);
  }
  return out;
}

/**
 * True when the query is the whole issuer, account name, "issuer:name" (the otpauth form; also with a
 * space after the colon) or display name, folded as the search folds: how a query picks one account
 * out of several partial matches.
 */
export function namesExactly(account: Named, query: string): boolean {
  const wanted = foldForSearch(query.trim());
  if (wanted === '') return false;
  const { issuer, label } = account;
  return [issuer, label, `${issuer}:${label}`, `${issuer}: ${label}`, displayName(account)].some(
    (name) => foldForSearch(name) === wanted,
  );
}
