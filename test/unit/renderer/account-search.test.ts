// Proves the search as the user types: case- and width-insensitive, every term must match, and a
// service found by its initials ("aws" for Amazon Web Services).
import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  filterAccounts,
  foldForSearch,
} from '../../../renderer/features/accounts/model/account-search';
import { meta } from './accounts';

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
