// Finds the one account a command-line query means: issuer or account name, case-insensitive.
import { displayName, type Account } from '../../shared/account';
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

// The commands still import the display name from here; its one definition is in shared/account.ts.
export { displayName };

/**
 * Substring matches on issuer, label or "issuer:label"; when several match, an exact match on
 * one of those (or the id) wins, so `code aws` still works next to "aws-staging".
 */
export function findAccount(accounts: Account[], query: string): Account {
  const q = query.trim().toLowerCase();
  if (!q)
    throw new QueryError('The query is empty. Give part of an issuer or account name.', EXIT.usage);
  const keys = (a: Account) =>
    [a.issuer, a.label, `${a.issuer}:${a.label}`, `${a.issuer}: ${a.label}`].map((k) =>
      k.toLowerCase(),
    );
  const matches = accounts.filter((a) => a.id === query || keys(a).some((k) => k.includes(q)));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new QueryError(
      `No account matches "${query}".` +
        (accounts.length
          ? ` Accounts: ${accounts.map(displayName).join(', ')}.`
          : ' The vault is empty.'),
      EXIT.noMatch,
    );
  }
  const exact = matches.filter((a) => a.id === query || keys(a).includes(q));
  if (exact.length === 1) return exact[0]!;
  throw new QueryError(
    `"${query}" matches ${matches.length} accounts; be more specific:\n` +
      matches.map((a) => `  ${displayName(a)}`).join('\n'),
    EXIT.ambiguous,
  );
}
