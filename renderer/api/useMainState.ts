// A state main reports through a get method and, where it can change on its own, an event: loaded once
// per mount, kept current by the event; `set` applies at once the answer of a call that changed it.
import { useEffect, useState } from 'react';
import type { EventName, Events, Method, MethodArgs, MethodResults } from '../../shared/ipc';
import { call, subscribe } from './api';
import { useLatest } from '../ui/useLatest';

/** The methods that take no argument and answer with a T. */
type GetMethod<T> = {
  [M in Method]: MethodArgs[M] extends undefined ? (MethodResults[M] extends T ? M : never) : never;
}[Method];

/** The events whose payload is a T. */
type StateEvent<T> = { [E in EventName]: Events[E] extends T ? E : never }[EventName];

export function useMainState<T>(
  get: GetMethod<T>,
  event: StateEvent<T> | null,
  onError: (error: unknown) => void,
) {
  const latestOnError = useLatest(onError);
  const [status, setStatus] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    // The parameter types above tie the names to T; call and subscribe cannot see that through them.
    const unsubscribe = event
      ? (subscribe as (name: EventName, listener: (value: T) => void) => () => void)(
          event,
          setStatus,
        )
      : null;
    (call as (name: Method) => Promise<T>)(get).then(
      // An event or a `set` that came first is newer than this answer.
      (value) => live && setStatus((old) => old ?? value),
      (error: unknown) => live && latestOnError.current(error),
    );
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, [get, event, latestOnError]);
  return { status, set: setStatus };
}
