// The running app's vault as the AWS use case needs it (MfaVault), asked over the agent channel: the
// app adds, names and removes accounts, takes codes at a safe moment and holds cached sessions in
// its memory; this side never sees a secret. Accounts are named to the app by id (an exact id wins
// in the query rules, use-cases/find-account.ts).
import type { AccountMeta } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import type { AgentClient } from '../agent/client';
import { whileAskingAws } from '../aws/session-cache';
import type { MfaVault } from '../use-cases/aws-mfa';
import { findAccount } from '../use-cases/find-account';

/**
 * `cachePath`: the vault's session cache file (aws/session-cache.ts `sessionCachePathFor`), whose
 * lock keeps two commands (e.g. two `credential-process` that `aws` started at once) from both
 * sending the step's code for a session, which AWS would accept once.
 */
export function agentMfaVault(agent: AgentClient, cachePath: string): MfaVault {
  const list = async (): Promise<AccountMeta[]> => (await agent.request({ op: 'list' })).accounts;
  return {
    list,
    find: async (query) => findAccount(await list(), query),
    get: async (id) => {
      const account = (await list()).find((a) => a.id === id);
      if (!account) {
        throw new AuthdeskError('ACCOUNT_NOT_FOUND', 'The account is no longer in the vault.');
      }
      return account;
    },
    add: async (input) =>
      (await agent.request({ op: 'add', account: input, purpose: 'aws-register' })).account,
    setSerial: async (id, awsSerial) =>
      (await agent.request({ op: 'set-serial', accountId: id, awsSerial })).account,
    removeAdded: async (id) => {
      await agent.request({ op: 'remove-added', accountId: id });
    },
    pair: async (id) => {
      const { current, next } = await agent.request({ op: 'pair', query: id });
      return { current, next };
    },
    code: async (id) => (await agent.request({ op: 'code', query: id, which: 'current' })).code,
    sessionGet: async (key) => (await agent.request({ op: 'session-get', key })).session,
    sessionPut: async (key, session) => {
      await agent.request({ op: 'session-put', key, session });
    },
    sessionExclusive: (_key, work) => whileAskingAws(cachePath, work),
  };
}
