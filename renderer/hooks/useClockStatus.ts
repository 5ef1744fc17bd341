// The clock check as main reports it: loaded once, kept current by the clockStatus event.
import { useEffect, useState } from 'react';
import type { ClockStatus } from '../../shared/time-server';
import { call, subscribe } from '../api';
import { useLatest } from './useLatest';

export function useClockStatus(onError: (error: unknown) => void) {
  const latestOnError = useLatest(onError);
  const [status, setStatus] = useState<ClockStatus | null>(null);
  useEffect(() => {
    let live = true;
    const unsubscribe = subscribe('clockStatus', setStatus);
    call('getClockStatus').then(
      // An event that came first is newer than this answer.
      (value) => live && setStatus((old) => old ?? value),
      (error: unknown) => live && latestOnError.current(error),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [latestOnError]);
  return { status, set: setStatus };
}
