// Moves the focus once an action has ended and React has drawn its result: the button that ran it may
// be disabled or gone by then, and a timer could run before the view is enabled again.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Returns `refocus`; after it is called, `focus` runs after each commit in which `ready` holds, until
 * it does not return false (false: the view it wants has not been drawn yet, e.g. a status that
 * arrives in a later commit than the end of the action).
 */
export function usePendingFocus(ready: boolean, focus: () => boolean | void): () => void {
  // The request is state, not a ref: it commits with the updates made beside it (the action's
  // result), so the first check never runs in an earlier commit that still shows the old view, with
  // the focus in a form about to go.
  const [requested, setRequested] = useState(0);
  const handled = useRef(0);
  // No dependencies: it checks after every commit, and does nothing unless a refocus is pending.
  useEffect(() => {
    if (handled.current === requested || !ready) return;
    if (focus() !== false) handled.current = requested;
  });
  return useCallback(() => setRequested((n) => n + 1), []);
}

/**
 * usePendingFocus for a Settings section: a button that ran an action may be disabled or gone when
 * it ends, so the focus goes to the section's main button (`data-section-focus`) instead of falling
 * out of the dialog; nothing moves while the focus is still inside the section.
 */
export function useSectionRefocus(
  section: RefObject<HTMLElement | null>,
  ready: boolean,
): () => void {
  return usePendingFocus(ready, () => {
    const here = section.current;
    if (!here || here.contains(document.activeElement)) return true;
    const target = here.querySelector<HTMLElement>('[data-section-focus]');
    target?.focus();
    return document.activeElement === target;
  });
}

/**
 * One action at a time in a Settings section: `busy` names the running one, `error` is the last
 * failure's text (cleared when the next action starts), and the focus goes back to the section's
 * main button when an action ends (useSectionRefocus). `act` does nothing while another runs.
 */
export function useSectionAction<Busy extends string>(
  section: RefObject<HTMLElement | null>,
  errorText: (failure: unknown) => string,
) {
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refocus = useSectionRefocus(section, busy === null);
  const act = async <T>(kind: Busy, run: () => Promise<T>, done: (value: T) => void) => {
    if (busy) return;
    setBusy(kind);
    setError(null);
    try {
      done(await run());
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(null);
      refocus();
    }
  };
  return { busy, error, setError, refocus, act };
}
