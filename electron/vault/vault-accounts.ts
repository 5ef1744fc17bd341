// The account list operations, applied to a draft payload that the vault saves only if they succeed.
import { randomUUID } from 'node:crypto';
import {
  displayName,
  type Account,
  type AccountInput,
  type AccountPatch,
} from '../../shared/account';
import { judgeEntries, sameCredential, type Verdict } from '../../shared/duplicate-rule';
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';
import { fitTagName } from '../../shared/tags';
import { applyAccountPatch, checkAccountInput } from './account-input';
import type { VaultPayload } from './payload';
import { adoptTags, setTags } from './vault-tags';

/**
 * What to do with an input that has the same credential as an account already there (or repeats an
 * earlier input exactly): refuse the batch, skip it, or add it all the same (shared/duplicate-rule.ts).
 */
export type DuplicatePolicy = 'refuse' | 'skip' | 'allow';

/** An input the 'skip' policy left out, and why: in the vault already, or a repeat of an earlier input. */
export interface SkippedInput {
  input: AccountInput;
  /** Its place in the batch (0-based). */
  index: number;
  verdict: Exclude<Verdict<Account>, { kind: 'new' }>;
}

export function findAccount(accounts: readonly Account[], id: string): Account {
  const account = accounts.find((candidate) => candidate.id === id);
  if (!account) throw new AuthdeskError('ACCOUNT_NOT_FOUND', 'That account is not in the vault.');
  return account;
}

/** The accounts with the same credential as `input` (its name does not matter). */
export function findDuplicates(accounts: readonly Account[], input: AccountInput): Account[] {
  return accounts.filter((account) => sameCredential(input, account));
}

/** Every input is checked before any is added, so a bad batch adds nothing. */
export function addAccounts(
  draft: VaultPayload,
  inputs: readonly AccountInput[],
  policy: DuplicatePolicy,
  now: string,
): { added: Account[]; skipped: SkippedInput[] } {
  const checked = inputs.map((input, index) => {
    try {
      return checkAccountInput(input);
    } catch (error) {
      if (inputs.length === 1 || !isAuthdeskError(error)) throw error;
      throw new AuthdeskError(
        error.code,
        `Account ${index + 1} of ${inputs.length}: ${error.message}`,
      );
    }
  });
  const added: Account[] = [];
  const skipped: SkippedInput[] = [];
  // Judged against the vault as it is under the lock (another process may have added some since a
  // preview) and against the inputs before each; the same rule as every preview.
  const verdicts = judgeEntries(draft.accounts, checked);
  checked.forEach((input, index) => {
    const verdict = verdicts[index]!;
    if (verdict.kind !== 'new' && policy !== 'allow') {
      if (policy === 'skip') {
        skipped.push({ input: inputs[index]!, index, verdict });
        return;
      }
      if (verdict.kind === 'in-vault') {
        throw new AuthdeskError(
          'ACCOUNT_DUPLICATE',
          `The vault already has this account as ${displayName(verdict.account)}; ${displayName(input)} was not added.`,
        );
      }
      throw new AuthdeskError(
        'ACCOUNT_DUPLICATE',
        `${displayName(input)} is given twice (accounts ${verdict.of + 1} and ${index + 1}); it was not added.`,
      );
    }
    const account: Account = { ...input, id: randomUUID(), createdAt: now, updatedAt: now };
    // The vault's spelling of each tag; new ones join its list (TAG_LIMIT: the batch adds nothing).
    if (account.tags) setTags(account, adoptTags(draft, account.tags));
    draft.accounts.push(account);
    added.push(account);
  });
  return { added, skipped };
}

/**
 * The accounts become exactly `inputs` (checked all or nothing like addAccounts, new ids,
 * duplicates kept) and the tag list `groups` followed by any other tag the inputs use.
 */
export function replaceAccounts(
  draft: VaultPayload,
  inputs: readonly AccountInput[],
  groups: readonly string[],
  now: string,
): Account[] {
  if (!Array.isArray(inputs) || !Array.isArray(groups)) {
    throw new AuthdeskError('INVALID_ARGUMENT', 'Expected a list of accounts and a list of tags.');
  }
  draft.accounts = [];
  draft.groups = [];
  adoptTags(
    draft,
    groups.map(fitTagName).filter((name) => name !== ''),
  );
  return addAccounts(draft, inputs, 'allow', now).added;
}

export function updateAccount(
  draft: VaultPayload,
  id: string,
  patch: AccountPatch,
  now: string,
): Account {
  const index = draft.accounts.indexOf(findAccount(draft.accounts, id));
  const updated = applyAccountPatch(draft.accounts[index]!, patch, now);
  if (updated.tags) setTags(updated, adoptTags(draft, updated.tags));
  draft.accounts[index] = updated;
  return updated;
}

export function removeAccount(draft: VaultPayload, id: string): void {
  const account = findAccount(draft.accounts, id);
  draft.accounts = draft.accounts.filter((candidate) => candidate !== account);
}

/** `ids` must be exactly the current ids in a new order (judged on the newest state on disk). */
export function reorderAccounts(draft: VaultPayload, ids: readonly string[]): void {
  const byId = new Map(draft.accounts.map((account) => [account.id, account]));
  const isPermutation =
    Array.isArray(ids) &&
    ids.length === byId.size &&
    new Set(ids).size === ids.length &&
    ids.every((id) => byId.has(id));
  if (!isPermutation) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      'The new order must list every account exactly once; the accounts may have changed meanwhile.',
    );
  }
  draft.accounts = ids.map((id) => byId.get(id)!);
}
