// Moves the focus once an action has ended and React has drawn its result: the button that ran it may
// be disabled or gone by then, and a timer could run before the view is enabled again.
import { useCallback, useEffect, useRef } from 'react';

/**
 * Returns `refocus`; after it is called, `focus` runs after each commit in which `ready` holds, until
 * it does not return false (false: the view it wants has not been drawn yet, e.g. a status that
 * arrives in a later commit than the end of the action).
 */
export function usePendingFocus(ready: boolean, focus: () => boolean | void): () => void {
  const pending = useRef(false);
  // No dependencies: it checks after every commit, and does nothing unless a refocus is pending.
  useEffect(() => {
    if (!pending.current || !ready) return;
    if (focus() !== false) pending.current = false;
  });
  return useCallback(() => {
    pending.current = true;
  }, []);
}
