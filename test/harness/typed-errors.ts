// Assertions about our typed errors, shared by the parser tests.
import { expect } from 'vitest';
import { AuthdeskError, isErrorCode } from '../../shared/errors';

/** The AuthdeskError that fn throws; fails the test if it throws nothing or something else. */
export function errorOf(fn: () => unknown): AuthdeskError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthdeskError);
    return error as AuthdeskError;
  }
  throw new Error('expected an AuthdeskError, but nothing was thrown');
}

/** fn may succeed; if it throws, it must be an AuthdeskError with a known code and a message. */
export function expectOnlyAuthdeskErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof AuthdeskError)) throw error;
    expect(isErrorCode(error.code)).toBe(true);
    expect(error.message.length).toBeGreaterThan(0);
  }
}
