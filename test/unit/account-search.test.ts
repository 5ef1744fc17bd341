// Proves the one account search, as the window's list filters while the user types and as the command
// line finds the account a <query> names: case- and width-insensitive, every term must match, and a
// service found by its initials ("aws" for Amazon Web Services); the command line's exact-match rule.
import { describe, expect, it } from 'vitest';
import type { Account } from '../../shared/account';
import {
  buildSearchIndex,
  filterAccounts,
  foldForSearch,
  namesExactly,
} from '../../shared/account-search';
import { EXIT } from '../../electron/cli/exit-codes';
import { findAccount, QueryError } from '../../electron/cli/query';
import { meta } from './renderer/accounts';

const accounts = [
  meta({ id: 'aws', issuer: 'Amazon Web Services', label: 'root@123456789012' }),
  meta({ id: 'github', issuer: 'GitHub', label: 'alice' }),
  meta({ id: 'google', issuer: 'Google', label: 'alice@example.com' }),
  meta({ id: 'amazon-jp', issuer: 'アマゾン', label: 'ルート' }),
  meta({ id: 'no-issuer', issuer: '', label: 'bob' }),
  meta({ id: 'dashed', issuer: 'my-corp_vpn.example', label: 'carol' }),
];
const index = buildSearchIndex(accounts);
const search = (query: string) => filterAccounts(index, query).map((a) => a.id);

describe('foldForSearch', () => {
  it('folds case, full-width letters and half-width katakana to one form', () => {
    expect(foldForSearch('ＡＷＳ')).toBe('aws');
    expect(foldForSearch('GitHub')).toBe('github');
    expect(foldForSearch('ｱﾏｿﾞﾝ')).toBe('アマゾン');
    expect(foldForSearch('１２３')).toBe('123');
    expect(foldForSearch('')).toBe('');
  });
});

describe('filterAccounts', () => {
  it('returns every account, in order, for an empty or blank query', () => {
    const all = accounts.map((a) => a.id);
    expect(search('')).toEqual(all);
    expect(search('   ')).toEqual(all);
    expect(search('\u3000')).toEqual(all);
  });

  it('matches part of the issuer or of the account name, in any case', () => {
    expect(search('hub')).toEqual(['github']);
    expect(search('ALICE')).toEqual(['github', 'google']);
    expect(search('bob')).toEqual(['no-issuer']);
  });

  it('finds a service by its initials, typed in any width', () => {
    expect(search('aws')).toEqual(['aws']);
    expect(search('ＡＷＳ')).toEqual(['aws']);
    expect(search('mcve')).toEqual(['dashed']);
  });

  it('finds Japanese names from half-width katakana', () => {
    expect(search('ｱﾏｿﾞﾝ')).toEqual(['amazon-jp']);
    expect(search('ルート')).toEqual(['amazon-jp']);
  });

  it('needs every term, split by ASCII or ideographic spaces', () => {
    expect(search('alice google')).toEqual(['google']);
    expect(search('alice\u3000google')).toEqual(['google']);
    expect(search('alice nobody')).toEqual([]);
  });

  it('does not match across the issuer and the account name', () => {
    expect(search('githubalice')).toEqual([]);
    expect(search('zzz')).toEqual([]);
  });

  it('works on an empty list', () => {
    expect(filterAccounts(buildSearchIndex([]), 'aws')).toEqual([]);
  });
});

describe('namesExactly', () => {
  const github = meta({ id: 'g', issuer: 'GitHub', label: 'alice' });

  it('is the whole issuer, account name, "issuer:name" or display name, folded as the search folds', () => {
    for (const query of [
      'github',
      'ALICE',
      'GitHub:alice',
      'github: alice',
      'GitHub (alice)',
      ' ｇｉｔｈｕｂ ',
    ]) {
      expect(namesExactly(github, query), query).toBe(true);
    }
  });

  it('is not a part of a name, the initials or an empty query', () => {
    for (const query of ['git', 'alic', 'gh', '', '   ', 'GitHub alice']) {
      expect(namesExactly(github, query), query).toBe(false);
    }
    expect(
      namesExactly(meta({ id: 'a', issuer: 'Amazon Web Services', label: 'root' }), 'aws'),
    ).toBe(false);
  });
});

describe("the command line's rule: a query names exactly one account", () => {
  const account = (id: string, issuer: string, label: string): Account => ({
    ...meta({ id, issuer, label }),
    secret: 'JBSWY3DPEHPK3PXP',
  });
  const vault = [
    account('id-aws', 'Amazon Web Services', 'root@123456789012'),
    account('id-aws-staging', 'aws-staging', 'deploy'),
    account('id-github', 'GitHub', 'alice'),
    account('id-gitlab', 'GitLab', 'alice'),
  ];
  const found = (query: string, accounts = vault) => findAccount(accounts, query).id;
  const refusal = (query: string, accounts = vault) => {
    try {
      findAccount(accounts, query);
    } catch (error) {
      expect(error).toBeInstanceOf(QueryError);
      return error as QueryError;
    }
    throw new Error(`"${query}" found an account`);
  };

  it('finds by the same search as the window, initials included', () => {
    expect(found('amazon')).toBe('id-aws');
    expect(found('root')).toBe('id-aws');
    expect(found('hub')).toBe('id-github');
    expect(found('alice lab')).toBe('id-gitlab');
    expect(found('ａｍａｚｏｎ')).toBe('id-aws');
    expect(found('aws', [vault[0]!, vault[2]!])).toBe('id-aws');
  });

  it('lets an exact issuer, name, "issuer:name", display name or id win over partial matches', () => {
    expect(found('aws-staging')).toBe('id-aws-staging');
    expect(found('GitHub')).toBe('id-github');
    expect(found('GitHub:alice')).toBe('id-github');
    expect(found('GitLab (alice)')).toBe('id-gitlab');
    expect(found('id-gitlab')).toBe('id-gitlab');
    expect(found('gitlab')).toBe('id-gitlab');
    expect(found('github')).toBe('id-github');
  });

  it('lists the candidates when several match and none exactly (exit 5)', () => {
    const initials = refusal('aws');
    expect(initials.exitCode).toBe(EXIT.ambiguous);
    expect(initials.message).toContain('"aws" matches 2 accounts');
    expect(initials.message).toContain('  Amazon Web Services (root@123456789012)');
    expect(initials.message).toContain('  aws-staging (deploy)');
    const twoExact = refusal('alice');
    expect(twoExact.exitCode).toBe(EXIT.ambiguous);
    expect(twoExact.message).toContain('  GitHub (alice)\n  GitLab (alice)');
  });

  it('names the accounts there are when none matches (exit 4), and refuses an empty query (exit 2)', () => {
    const none = refusal('bitbucket');
    expect(none.exitCode).toBe(EXIT.noMatch);
    expect(none.message).toContain('No account matches "bitbucket". Accounts: Amazon Web Services');
    expect(refusal('bitbucket', []).message).toContain('The vault is empty.');
    expect(refusal('  ').exitCode).toBe(EXIT.usage);
  });
});

describe('tags in the search', () => {
  const tagged = [
    meta({ id: 'aws-prod', issuer: 'AWS', label: 'prod', tags: ['Work', 'Cloud'] }),
    meta({ id: 'aws-dev', issuer: 'AWS', label: 'dev', tags: ['Side projects'] }),
    meta({ id: 'bank', issuer: 'Bank', label: 'me', tags: ['Money'] }),
    meta({ id: 'workday', issuer: 'Workday', label: 'alice' }),
    meta({ id: 'plain', issuer: 'GitHub', label: 'bob' }),
  ];
  const tagIndex = buildSearchIndex(tagged);
  const find = (query: string, options?: { tags?: boolean }) =>
    filterAccounts(tagIndex, query, options).map((a) => a.id);

  it("a word that names a tag finds that tag's accounts, beside the names it matches", () => {
    expect(find('work')).toEqual(['aws-prod', 'workday']);
    expect(find('money')).toEqual(['bank']);
    expect(find('ＭＯＮＥＹ')).toEqual(['bank']);
    expect(find('side projects')).toEqual(['aws-dev']);
    // Every word must match, in a name or a tag.
    expect(find('aws cloud')).toEqual(['aws-prod']);
    expect(find('bank cloud')).toEqual([]);
  });

  it('#tag keeps only the accounts with exactly that tag, in any case; quotes take a name with spaces', () => {
    expect(find('#work')).toEqual(['aws-prod']);
    expect(find('#WORK aws')).toEqual(['aws-prod']);
    expect(find('#wor')).toEqual([]);
    expect(find('#"side projects"')).toEqual(['aws-dev']);
    expect(find('#"Side  Projects')).toEqual(['aws-dev']);
    expect(find('#work #money')).toEqual([]);
    // A lone # is a character to look for, as any other.
    expect(find('#')).toEqual([]);
  });

  it("with tags off, only names match (the command line's first try); #tag still filters", () => {
    expect(find('work', { tags: false })).toEqual(['workday']);
    expect(find('#work', { tags: false })).toEqual(['aws-prod']);
  });

  it('filters 1,000 tagged accounts in well under a frame, the index built once', () => {
    const many = Array.from({ length: 1_000 }, (_, i) =>
      meta({
        id: `a${i}`,
        issuer: `Service ${i}`,
        label: `user${i}@example.com`,
        tags: [`Team ${i % 20}`, ...(i % 3 === 0 ? ['Work'] : [])],
      }),
    );
    const index = buildSearchIndex(many);
    const started = performance.now();
    for (const query of ['s', 'se', 'ser', 'team 1', '#work', 'work user1']) {
      filterAccounts(index, query);
    }
    const perQuery = (performance.now() - started) / 6;
    expect(filterAccounts(index, '#work')).toHaveLength(334);
    expect(filterAccounts(index, '#"team 19"')).toHaveLength(50);
    expect(perQuery).toBeLessThan(16);
  });

  it('the command line prefers names: a tag finds an account only when no name matches', () => {
    const accounts = tagged.map((a) => ({ ...a, secret: 'JBSWY3DPEHPK3PXP' }));
    expect(findAccount(accounts, 'money').id).toBe('bank');
    expect(findAccount(accounts, 'work').id).toBe('workday');
    expect(findAccount(accounts, '#work').id).toBe('aws-prod');
    expect(findAccount(accounts, 'cloud').id).toBe('aws-prod');
  });
});
