import { describe, expect, it } from 'vitest';
import type { Account } from '../../shared/account';
import { EXIT } from '../../electron/cli/exit-codes';
import { findAccount as cliFind, QueryError } from '../../electron/cli/query';
import {
  AccountQueryError,
  findAccount,
  QUERY_EXIT_CODES,
} from '../../electron/use-cases/find-account';

const account = (id: string, issuer: string, label: string): Account => ({
  id,
  issuer,
  label,
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret: 'JBSWY3DPEHPK3PXP',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const vault = [account('a', 'GitHub', 'alice'), account('b', 'GitLab', 'alice')];

function failure(fn: () => unknown): AccountQueryError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AccountQueryError);
    return error as AccountQueryError;
  }
  throw new Error('found an account');
}

describe('findAccount (the use case every door shares)', () => {
  it('says which case failed, with the exit code the command uses', () => {
    expect(failure(() => findAccount(vault, '  ')).reason).toBe('empty');
    expect(failure(() => findAccount(vault, 'aws')).reason).toBe('no-match');
    const ambiguous = failure(() => findAccount(vault, 'alice'));
    expect(ambiguous.reason).toBe('ambiguous');
    expect(ambiguous.exitCode).toBe(5);
    expect(ambiguous.code).toBe('ACCOUNT_NOT_FOUND');
    expect(findAccount(vault, 'hub').id).toBe('a');
  });

  it("holds the exit codes equal to the command's", () => {
    expect(QUERY_EXIT_CODES).toEqual({
      empty: EXIT.usage,
      'no-match': EXIT.noMatch,
      ambiguous: EXIT.ambiguous,
    });
  });

  it('the command line keeps QueryError, its exit codes and its messages', () => {
    const cli = (query: string) => {
      try {
        cliFind(vault, query);
      } catch (error) {
        expect(error).toBeInstanceOf(QueryError);
        return error as QueryError;
      }
      throw new Error('found an account');
    };
    expect(cli('')).toMatchObject({
      exitCode: 2,
      code: 'ACCOUNT_NOT_FOUND',
      message: 'The query is empty. Give part of an issuer or account name.',
    });
    expect(cli('aws')).toMatchObject({
      exitCode: 4,
      message: 'No account matches "aws". Accounts: GitHub (alice), GitLab (alice).',
    });
    expect(cli('alice')).toMatchObject({
      exitCode: 5,
      message: '"alice" matches 2 accounts; be more specific:\n  GitHub (alice)\n  GitLab (alice)',
    });
  });
});
