// Proves how a code is grouped on screen and spelled out for screen readers.
import { describe, expect, it } from 'vitest';
import { groupCode, spokenCode } from '../../../renderer/features/accounts/model/code-format';

describe('groupCode', () => {
  it('splits 6 digits 3+3, 7 digits 3+4 and 8 digits 4+4', () => {
    expect(groupCode('123456')).toEqual(['123', '456']);
    expect(groupCode('1234567')).toEqual(['123', '4567']);
    expect(groupCode('12345678')).toEqual(['1234', '5678']);
  });

  it('keeps Steam codes, other lengths and anything not all ASCII digits whole', () => {
    expect(groupCode('2BC4F')).toEqual(['2BC4F']);
    expect(groupCode('12345')).toEqual(['12345']);
    expect(groupCode('123456789')).toEqual(['123456789']);
    expect(groupCode('１２３４５６')).toEqual(['１２３４５６']);
    expect(groupCode('12 456')).toEqual(['12 456']);
    expect(groupCode('')).toEqual(['']);
  });
});

describe('spokenCode', () => {
  it('puts a space between every character, so each is read on its own', () => {
    expect(spokenCode('123456')).toBe('1 2 3 4 5 6');
    expect(spokenCode('2BC4F')).toBe('2 B C 4 F');
    expect(spokenCode('')).toBe('');
  });
});
