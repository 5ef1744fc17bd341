// Proves how a secret key is written out for people to read and type: groups of four.
import { describe, expect, it } from 'vitest';
import { secretInFours } from '../../../renderer/features/backup-export/model/secret-groups';

describe('secretInFours', () => {
  it('splits a key into groups of four, the last one shorter when the length says so', () => {
    expect(secretInFours('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(secretInFours('MZXW6YTBOI')).toBe('MZXW 6YTB OI');
    expect(secretInFours('ABCD')).toBe('ABCD');
    expect(secretInFours('A')).toBe('A');
  });

  it('writes a 32-character key in eight groups and an empty one as nothing', () => {
    const key = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(secretInFours(key).split(' ')).toHaveLength(8);
    expect(secretInFours(key).replaceAll(' ', '')).toBe(key);
    expect(secretInFours('')).toBe('');
  });
});
