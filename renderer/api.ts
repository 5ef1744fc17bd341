// The typed door to main: unwraps window.authdesk results and throws ApiError carrying the stable code.
import type {
  AuthdeskBridge,
  EventName,
  Events,
  Method,
  MethodArgs,
  MethodResults,
} from '../shared/ipc';
import { isErrorCode, type ErrorCode } from '../shared/errors';

declare global {
  interface Window {
    authdesk: AuthdeskBridge;
  }
}

/** UNKNOWN stands for a failure that never reached us as a typed error (e.g. a broken bridge). */
export type ApiErrorCode = ErrorCode | 'UNKNOWN';

export class ApiError extends Error {
  readonly code: ApiErrorCode;

  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

export function errorCodeOf(error: unknown): ApiErrorCode {
  return error instanceof ApiError ? error.code : 'UNKNOWN';
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
  const { code, message } = result.error;
  throw new ApiError(isErrorCode(code) ? code : 'UNKNOWN', message);
}

export function subscribe<E extends EventName>(
  event: E,
  listener: (payload: Events[E]) => void,
): () => void {
  return window.authdesk.on(event, listener);
}
