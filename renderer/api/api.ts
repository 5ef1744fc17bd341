// The typed door to main: unwraps window.authdesk results and throws ApiError carrying the stable code.
import type {
  AuthdeskBridge,
  EventName,
  Events,
  Method,
  MethodArgs,
  MethodResults,
} from '../../shared/ipc';
import { isErrorCode, type ErrorCode } from '../../shared/errors';

declare global {
  interface Window {
    authdesk: AuthdeskBridge;
  }
}

/** UNKNOWN stands for a failure that never reached us as a typed error (e.g. a broken bridge). */
export type ApiErrorCode = ErrorCode | 'UNKNOWN';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** When a retry can succeed, in ms from when main answered (see ErrorInfo.retryAfterMs). */
  readonly retryAfterMs: number | undefined;

  constructor(code: ApiErrorCode, message: string, retryAfterMs?: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }
}

export function errorCodeOf(error: unknown): ApiErrorCode {
  return error instanceof ApiError ? error.code : 'UNKNOWN';
}

/** The wait main asked for before a retry, or undefined. */
export function retryAfterOf(error: unknown): number | undefined {
  return error instanceof ApiError ? error.retryAfterMs : undefined;
}

type ArgsOf<M extends Method> = MethodArgs[M] extends undefined ? [] : [args: MethodArgs[M]];

export async function call<M extends Method>(
  method: M,
  ...args: ArgsOf<M>
): Promise<MethodResults[M]> {
  let result;
  try {
    result = await window.authdesk.invoke(method, args[0] as MethodArgs[M]);
  } catch {
    throw new ApiError('UNKNOWN', `The call ${method} did not complete.`);
  }
  if (result.ok) return result.value;
  const { code, message, retryAfterMs } = result.error;
  const wait = typeof retryAfterMs === 'number' && retryAfterMs > 0 ? retryAfterMs : undefined;
  throw new ApiError(isErrorCode(code) ? code : 'UNKNOWN', message, wait);
}

export function subscribe<E extends EventName>(
  event: E,
  listener: (payload: Events[E]) => void,
): () => void {
  return window.authdesk.on(event, listener);
}
