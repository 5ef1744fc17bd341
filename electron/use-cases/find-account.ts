// Finds the one account a query names (`authdesk code aws`, the agent's `code` and `pair`), with the
// same search the window uses. Every door shares it: the command line, the agent, the AWS use case.
import { displayName, type AccountMeta } from '../../shared/account';
import { buildSearchIndex, filterAccounts, namesExactly } from '../../shared/account-search';
import { AuthdeskError } from '../../shared/errors';

/** Why a query named no single account. */
export type QueryFailure = 'empty' | 'no-match' | 'ambiguous';

/**
 * The command's exit code for each failure — cli/exit-codes.ts's EXIT.usage, noMatch and ambiguous,
 * which a use case may not import (test/unit/agent-find-account.test.ts holds them equal). The
 * agent sends it with its answer, since one error code covers both 4 and 5.
 */
export const QUERY_EXIT_CODES: Record<QueryFailure, number> = {
  empty: 2,
  'no-match': 4,
  ambiguous: 5,
};

export class AccountQueryError extends AuthdeskError {
  readonly exitCode: number;

  constructor(
    readonly reason: QueryFailure,
    message: string,
  ) {
    super(reason === 'empty' ? 'INVALID_ARGUMENT' : 'ACCOUNT_NOT_FOUND', message);
    this.exitCode = QUERY_EXIT_CODES[reason];
  }
}

/**
 * The one account a query names, found with the window's search (part of the issuer or account name,
 * or the issuer's initials; every word must match; a tag's name when no name matches; `#tag`). A query must name exactly one account: an exact
 * issuer, account name, "issuer:name", display name or id wins over partial matches; otherwise the
 * candidates are listed ('ambiguous'), and no match at all lists the accounts there are ('no-match').
 */
export function findAccount<T extends AccountMeta>(accounts: readonly T[], query: string): T {
  const wanted = query.trim();
  if (!wanted) {
    throw new AccountQueryError(
      'empty',
      'The query is empty. Give part of an issuer or account name.',
    );
  }
  const exact = accounts.filter((a) => a.id === wanted || namesExactly(a, wanted));
  if (exact.length === 1) return exact[0]!;
  const index = buildSearchIndex(accounts);
  // Names first: a tag's name (or #tag) narrows only when no name matches, so that a query that
  // named one account before its tags existed still does.
  const byName = filterAccounts(index, wanted, { tags: false });
  const candidates =
    exact.length > 1 ? exact : byName.length > 0 ? byName : filterAccounts(index, wanted);
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0) {
    throw new AccountQueryError(
      'no-match',
      `No account matches "${query}".` +
        (accounts.length
          ? ` Accounts: ${accounts.map(displayName).join(', ')}.`
          : ' The vault is empty.'),
    );
  }
  throw new AccountQueryError(
    'ambiguous',
    `"${query}" matches ${candidates.length} accounts; be more specific:\n` +
      candidates.map((a) => `  ${displayName(a)}`).join('\n'),
  );
}
