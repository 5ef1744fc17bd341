// Proves the tag manager's rules: counts follow every spelling of a tag, a rename to another tag's
// name is a merge (to another spelling of itself it is not), and moves by key or drop keep every tag.
import { describe, expect, it } from 'vitest';
import { ACCOUNT_LIMITS } from '../../../shared/account';
import {
  accountsWithTag,
  checkRename,
  dropTag,
  stepTag,
} from '../../../renderer/features/tags/model/tag-manager';

const tags = ['Work', 'Dev', 'Personal', 'Ops'];

describe('accountsWithTag', () => {
  it('counts the accounts carrying the tag in any spelling', () => {
    const accounts = [{ tags: ['Work'] }, { tags: ['work', 'Dev'] }, {}, { tags: ['Dev'] }];
    expect(accountsWithTag(accounts, 'Work')).toBe(2);
    expect(accountsWithTag(accounts, 'Ops')).toBe(0);
  });
});

describe('checkRename', () => {
  it('tells a rename, a merge, nothing to do and a name that cannot be one apart', () => {
    expect(checkRename(tags, 'Dev', ' Engineering ')).toEqual({
      kind: 'rename',
      to: 'Engineering',
    });
    expect(checkRename(tags, 'Dev', 'personal')).toEqual({ kind: 'merge', into: 'Personal' });
    expect(checkRename(tags, 'Dev', 'Dev')).toEqual({ kind: 'unchanged' });
    expect(checkRename(tags, 'Dev', 'DEV')).toEqual({ kind: 'rename', to: 'DEV' });
    expect(checkRename(tags, 'Dev', '   ')).toEqual({ kind: 'empty' });
    expect(checkRename(tags, 'Dev', 'x'.repeat(ACCOUNT_LIMITS.tag + 1))).toEqual({
      kind: 'tooLong',
    });
  });
});

describe('stepTag and dropTag', () => {
  it('moves one place up or down, and not past either end', () => {
    expect(stepTag(tags, 'Personal', -1)).toEqual(['Work', 'Personal', 'Dev', 'Ops']);
    expect(stepTag(tags, 'Work', 1)).toEqual(['Dev', 'Work', 'Personal', 'Ops']);
    expect(stepTag(tags, 'Work', -1)).toBeNull();
    expect(stepTag(tags, 'Ops', 1)).toBeNull();
    expect(stepTag(tags, 'Gone', 1)).toBeNull();
  });

  it('drops before or after another tag; a drop that moves nothing is null', () => {
    expect(dropTag(tags, 'Ops', 'Work', 'before')).toEqual(['Ops', 'Work', 'Dev', 'Personal']);
    expect(dropTag(tags, 'Work', 'Personal', 'after')).toEqual(['Dev', 'Personal', 'Work', 'Ops']);
    expect(dropTag(tags, 'Dev', 'Work', 'after')).toBeNull();
    expect(dropTag(tags, 'Dev', 'Dev', 'before')).toBeNull();
    expect(dropTag(tags, 'Gone', 'Dev', 'before')).toBeNull();
  });
});
