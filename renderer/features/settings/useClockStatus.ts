// The clock check as main reports it: loaded once, kept current by the clockStatus event.
import type { ClockStatus } from '../../../shared/time-server';
import { useMainState } from '../../api/useMainState';

export function useClockStatus(onError: (error: unknown) => void) {
  return useMainState<ClockStatus>('getClockStatus', 'clockStatus', onError);
}
