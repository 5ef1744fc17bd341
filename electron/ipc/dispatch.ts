// Validates an incoming call against the contract, runs its handler, and turns the outcome into a Result.
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';
import type { Method, Result } from '../../shared/ipc';
import { METHODS, methodArgs } from '../../shared/ipc';
import type { Handlers } from './handlers';

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && (METHODS as readonly string[]).includes(name);
}

export async function dispatch(
  handlers: Handlers,
  method: unknown,
  rawArgs: unknown,
  onUnexpected: (error: unknown) => void = () => {},
): Promise<Result<unknown>> {
  try {
    if (!isMethod(method)) throw new AuthdeskError('INVALID_ARGUMENT', 'Unknown request.');
    const parsed = methodArgs[method].safeParse(rawArgs);
    if (!parsed.success) {
      throw new AuthdeskError('INVALID_ARGUMENT', `The request "${method}" had invalid arguments.`);
    }
    const handler = handlers[method] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (isAuthdeskError(error)) return { ok: false, error: error.toInfo() };
    // Never send a stack or an internal message to the renderer; log it in main instead.
    onUnexpected(error);
    return { ok: false, error: { code: 'INTERNAL_ERROR', message: 'Something went wrong.' } };
  }
}
