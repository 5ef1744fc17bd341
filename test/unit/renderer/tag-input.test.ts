// Proves the tags field's rules: commas (also 、 and ，) split typed text, an existing tag keeps its
// spelling, an account never gets one tag twice, ACCOUNT_LIMITS stop an addition and keep what was not
// added, and suggestions put names that start with the text before names that contain it.
import { describe, expect, it } from 'vitest';
import { ACCOUNT_LIMITS } from '../../../shared/account';
import {
  addTags,
  splitTagText,
  suggestTags,
} from '../../../renderer/features/tags/model/tag-input';

describe('splitTagText', () => {
  it('completes the names before the last comma and keeps the rest as typed', () => {
    expect(splitTagText('Work, AWS ,pr')).toEqual({ names: ['Work', 'AWS'], rest: 'pr' });
    expect(splitTagText('Work,')).toEqual({ names: ['Work'], rest: '' });
    expect(splitTagText('仕事、個人，a')).toEqual({ names: ['仕事', '個人'], rest: 'a' });
    expect(splitTagText(' , ,x')).toEqual({ names: [], rest: 'x' });
    expect(splitTagText('no comma ')).toEqual({ names: [], rest: 'no comma ' });
  });

  it('cleans each name as the vault does: trimmed, inner spaces made one', () => {
    expect(splitTagText('  aws \t prod ,x').names).toEqual(['aws prod']);
  });
});

describe('addTags', () => {
  const known = ['Work', 'Personal'];

  it('adds new names and takes an existing tag’s spelling for another case or width', () => {
    const result = addTags(['Personal'], ['work', 'ops'], known);
    expect(result).toEqual({
      tags: ['Personal', 'Work', 'ops'],
      added: ['Work', 'ops'],
      already: [],
      problem: null,
      left: [],
    });
    expect(addTags([], ['ＷＯＲＫ'], known).tags).toEqual(['Work']);
  });

  it('does not add a tag the account has, and says which', () => {
    const result = addTags(['Work'], ['WORK', 'ops', 'Ops'], known);
    expect(result.tags).toEqual(['Work', 'ops']);
    expect(result.already).toEqual(['Work', 'ops']);
  });

  it('stops at a name that is too long and keeps it and the names after it', () => {
    const long = 'x'.repeat(ACCOUNT_LIMITS.tag + 1);
    const result = addTags([], ['a', long, 'b'], known);
    expect(result.tags).toEqual(['a']);
    expect(result.problem).toEqual({ kind: 'tooLong', name: long });
    expect(result.left).toEqual([long, 'b']);
    expect(addTags([], ['x'.repeat(ACCOUNT_LIMITS.tag)], known).problem).toBeNull();
  });

  it('stops at the per-account limit', () => {
    const full = Array.from({ length: ACCOUNT_LIMITS.tagsPerAccount - 1 }, (_, i) => `t${i}`);
    const result = addTags(full, ['last', 'one too many'], known);
    expect(result.tags).toHaveLength(ACCOUNT_LIMITS.tagsPerAccount);
    expect(result.added).toEqual(['last']);
    expect(result.problem).toEqual({ kind: 'tooMany' });
    expect(result.left).toEqual(['one too many']);
  });

  it('refuses a new name when the vault is full, but still adds an existing tag', () => {
    const vault = Array.from({ length: ACCOUNT_LIMITS.tags }, (_, i) => `tag ${i}`);
    expect(addTags([], ['brand new'], vault).problem).toEqual({ kind: 'vaultFull' });
    expect(addTags([], ['TAG 7'], vault)).toMatchObject({ tags: ['tag 7'], problem: null });
    // Two new names where one place is left: the first fits.
    const almost = vault.slice(1);
    const result = addTags([], ['new a', 'new b'], almost);
    expect(result).toMatchObject({ added: ['new a'], problem: { kind: 'vaultFull' } });
  });
});

describe('suggestTags', () => {
  const known = ['Work', 'AWS prod', 'Network', 'Personal', 'homework', 'ワーク'];

  it('lists names that start with the text first, then names that contain it, in the vault’s order', () => {
    expect(suggestTags(known, [], 'wor')).toEqual(['Work', 'Network', 'homework']);
    expect(suggestTags(known, [], 'ＷＯＲ')).toEqual(['Work', 'Network', 'homework']);
    expect(suggestTags(known, [], 'prod')).toEqual(['AWS prod']);
    expect(suggestTags(known, [], 'ﾜｰｸ')).toEqual(['ワーク']);
  });

  it('leaves out the account’s own tags and keeps to the maximum', () => {
    expect(suggestTags(known, ['work'], 'wor')).toEqual(['Network', 'homework']);
    expect(suggestTags(known, [], '', 3)).toEqual(['Work', 'AWS prod', 'Network']);
    expect(suggestTags(known, [], 'zzz')).toEqual([]);
  });
});
