// The command line's reading of a query: the shared search (use-cases/find-account.ts), with its
// failures as the command's exit codes — empty 2, no match 4, several matches 5.
import type { Account } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import {
  AccountQueryError,
  findAccount as find,
  type QueryFailure,
} from '../use-cases/find-account';
import { EXIT } from './exit-codes';

export class QueryError extends AuthdeskError {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super('ACCOUNT_NOT_FOUND', message);
  }
}

const EXIT_OF: Record<QueryFailure, number> = {
  empty: EXIT.usage,
  'no-match': EXIT.noMatch,
  ambiguous: EXIT.ambiguous,
};

/** The one account a query names (see use-cases/find-account.ts); QueryError with its exit code. */
export function findAccount(accounts: Account[], query: string): Account {
  try {
    return find(accounts, query);
  } catch (error) {
    if (error instanceof AccountQueryError) {
      throw new QueryError(error.message, EXIT_OF[error.reason]);
    }
    throw error;
  }
}
