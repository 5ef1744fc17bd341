// Proves the password rules of the forms: the length floor, the second entry, and zxcvbn's advice.
import { describe, expect, it } from 'vitest';
import {
  MIN_PASSWORD_LENGTH,
  newPasswordProblem,
  passwordStrength,
} from '../../../renderer/ui/model/password-strength';

describe('newPasswordProblem', () => {
  it('needs at least 8 characters, said before any mismatch', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(8);
    expect(newPasswordProblem('', '')).toBe('tooShort');
    expect(newPasswordProblem('1234567', '1234567')).toBe('tooShort');
    expect(newPasswordProblem('1234567', 'different')).toBe('tooShort');
  });

  it('needs the second entry to be the same, exactly', () => {
    expect(newPasswordProblem('12345678', '')).toBe('mismatch');
    expect(newPasswordProblem('12345678', '12345678 ')).toBe('mismatch');
    expect(newPasswordProblem('Password', 'password')).toBe('mismatch');
    expect(newPasswordProblem('パスワード１２３', 'パスワード123')).toBe('mismatch');
  });

  it('takes 8 characters typed twice, Japanese and full-width ones included', () => {
    expect(newPasswordProblem('12345678', '12345678')).toBeNull();
    expect(newPasswordProblem('パスワード１２３', 'パスワード１２３')).toBeNull();
  });
});

describe('passwordStrength', () => {
  it('scores a well-known password 0 and a long unusual passphrase 4', async () => {
    expect(await passwordStrength('password')).toBe(0);
    expect(await passwordStrength('')).toBe(0);
    expect(await passwordStrength('correct-Horse-battery-staple-7129-quay')).toBe(4);
  });

  it('always answers on the five-step scale', async () => {
    for (const password of ['a', 'aaaaaaaa', 'Tr0ub4dor&3', 'パスワード１２３', 'x'.repeat(200)]) {
      const score = await passwordStrength(password);
      expect([0, 1, 2, 3, 4], password).toContain(score);
    }
  });
});
