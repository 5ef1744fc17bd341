// Proves the list order (pinned first, stored order kept) and the moves that reorder it.
import { describe, expect, it } from 'vitest';
import {
  applyOrder,
  displayOrder,
  moveAccount,
} from '../../../renderer/features/accounts/model/account-order';
import { meta } from './accounts';

const ids = (list: { id: string }[]) => list.map((a) => a.id);
// Stored order a..f; b and e are pinned.
const accounts = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) =>
  meta({ id, pinned: id === 'b' || id === 'e' }),
);

describe('displayOrder', () => {
  it('puts pinned accounts first, keeping the stored order within each part', () => {
    expect(ids(displayOrder(accounts))).toEqual(['b', 'e', 'a', 'c', 'd', 'f']);
  });

  it('keeps the stored order when nothing is pinned, and handles an empty list', () => {
    const plain = ['x', 'y', 'z'].map((id) => meta({ id }));
    expect(ids(displayOrder(plain))).toEqual(['x', 'y', 'z']);
    expect(displayOrder([])).toEqual([]);
  });
});

describe('moveAccount', () => {
  it('moves an account before or after another in the displayed order', () => {
    expect(moveAccount(accounts, 'f', 'a', 'before')).toEqual(['b', 'e', 'f', 'a', 'c', 'd']);
    expect(moveAccount(accounts, 'a', 'f', 'after')).toEqual(['b', 'e', 'c', 'd', 'f', 'a']);
    expect(moveAccount(accounts, 'e', 'b', 'before')).toEqual(['e', 'b', 'a', 'c', 'd', 'f']);
  });

  it('gives the same order for "after the one above" and "before the one below"', () => {
    expect(moveAccount(accounts, 'f', 'a', 'after')).toEqual(
      moveAccount(accounts, 'f', 'c', 'before'),
    );
  });

  it('refuses a move across the pinned/unpinned boundary, onto itself, or of an unknown id', () => {
    expect(moveAccount(accounts, 'a', 'b', 'before')).toBeNull();
    expect(moveAccount(accounts, 'e', 'f', 'after')).toBeNull();
    expect(moveAccount(accounts, 'c', 'c', 'after')).toBeNull();
    expect(moveAccount(accounts, 'zz', 'a', 'before')).toBeNull();
    expect(moveAccount(accounts, 'a', 'zz', 'before')).toBeNull();
  });

  it('returns every id exactly once', () => {
    const order = moveAccount(accounts, 'c', 'f', 'after');
    expect(order).not.toBeNull();
    expect([...order!].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});

describe('applyOrder', () => {
  it('orders the list by the ids given', () => {
    expect(ids(applyOrder(accounts, ['f', 'e', 'd', 'c', 'b', 'a']))).toEqual([
      'f',
      'e',
      'd',
      'c',
      'b',
      'a',
    ]);
  });

  it('keeps accounts the order does not name at the end, in their order, and skips unknown ids', () => {
    expect(ids(applyOrder(accounts, ['d', 'gone', 'a']))).toEqual(['d', 'a', 'b', 'c', 'e', 'f']);
    expect(ids(applyOrder(accounts, []))).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});
