// Keeps the latest value of a callback for effects that subscribe once and must not re-subscribe on every render.
import { useEffect, useRef } from 'react';

export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}
