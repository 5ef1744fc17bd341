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

/** A caught error must be an AuthdeskError with a known code and a message; anything else is rethrown. */
export function expectAuthdeskError(error: unknown): asserts error is AuthdeskError {
  if (!(error instanceof AuthdeskError)) throw error;
  expect(isErrorCode(error.code)).toBe(true);
  expect(error.message.length).toBeGreaterThan(0);
}

/** fn may succeed; if it throws, it must be an AuthdeskError with a known code and a message. */
export function expectOnlyAuthdeskErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    expectAuthdeskError(error);
  }
}

/**
 * The async form of expectOnlyAuthdeskErrors, for fuzzing: `fn` may succeed (its value is
 * returned) or fail with an AuthdeskError of a known code (returned); anything else fails the test,
 * and so does not settling within `timeoutMs` (a hang).
 */
export async function expectOnlyAuthdeskErrorsAsync<T>(
  fn: () => Promise<T>,
  timeoutMs = 15_000,
): Promise<T | AuthdeskError> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([fn(), hang]);
  } catch (error) {
    expectAuthdeskError(error);
    return error;
  } finally {
    clearTimeout(timer);
  }
}
