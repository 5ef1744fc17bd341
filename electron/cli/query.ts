// Finds the one account a command-line query names, with the same search the window uses.
import { displayName, type Account } from '../../shared/account';
import { buildSearchIndex, filterAccounts, namesExactly } from '../../shared/account-search';
import { AuthdeskError } from '../../shared/errors';
import { EXIT } from './exit-codes';

export class QueryError extends AuthdeskError {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super('ACCOUNT_NOT_FOUND', message);
  }
}

/**
 * The one account a query names, found with the window's search (part of the issuer or account name,
 * or the issuer's initials; every word must match). A query must name exactly one account: an exact
 * issuer, account name, "issuer:name", display name or id wins over partial matches; otherwise the
 * candidates are listed (exit 5), and no match at all lists the accounts there are (exit 4).
 */
export function findAccount(accounts: Account[], query: string): Account {
  const wanted = query.trim();
  if (!wanted)
    throw new QueryError('The query is empty. Give part of an issuer or account name.', EXIT.usage);
  const exact = accounts.filter((a) => a.id === wanted || namesExactly(a, wanted));
  if (exact.length === 1) return exact[0]!;
  const candidates = exact.length > 1 ? exact : filterAccounts(buildSearchIndex(accounts), wanted);
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0) {
    throw new QueryError(
      `No account matches "${query}".` +
        (accounts.length
          ? ` Accounts: ${accounts.map(displayName).join(', ')}.`
          : ' The vault is empty.'),
      EXIT.noMatch,
    );
  }
  throw new QueryError(
    `"${query}" matches ${candidates.length} accounts; be more specific:\n` +
      candidates.map((a) => `  ${displayName(a)}`).join('\n'),
    EXIT.ambiguous,
  );
}
