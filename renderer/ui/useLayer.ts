// Tracks open modal dialogs, so that toasts render inside the topmost one (the rest of the page is inert).
import { useEffect, useId, useSyncExternalStore } from 'react';

let stack: string[] = [];
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const getTop = () => stack[stack.length - 1] ?? 'root';

/** Registers a dialog layer while mounted; returns its id. */
export function useRegisterLayer(): string {
  const id = useId();
  useEffect(() => {
    stack = [...stack, id];
    emit();
    return () => {
      stack = stack.filter((x) => x !== id);
      emit();
    };
  }, [id]);
  return id;
}

/** True when `layer` ('root' for the page) is the topmost open layer. */
export function useIsTopLayer(layer: string): boolean {
  return useSyncExternalStore(subscribe, getTop) === layer;
}
