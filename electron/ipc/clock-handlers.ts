// The handlers for the clock check: the last measured status, and measuring again on request.
import type { ClockCheck } from '../use-cases/clock-check';
import type { Handlers } from './handler-table';

export type ClockMethod = 'getClockStatus' | 'checkClock';

export interface ClockDeps {
  clockCheck: ClockCheck;
}

export function createClockHandlers({ clockCheck }: ClockDeps): Pick<Handlers, ClockMethod> {
  return {
    getClockStatus: async () => clockCheck.status(),
    // A server that cannot be reached resolves too: the failure is in the status (see MethodResults).
    checkClock: async () => clockCheck.check(),
  };
}
