// Window-wide keys on the accounts screen: Ctrl/Cmd+L locks, Ctrl/Cmd+F searches, Ctrl/Cmd+N adds, and
// typing a printable character anywhere outside a field starts a search.
import { useEffect } from 'react';
import { useLatest } from '../../ui/useLatest';

export interface Shortcuts {
  lock: () => void;
  find: () => void;
  add: () => void;
  /** Focus the search box so that the key being typed lands in it. */
  typeToSearch: () => void;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

export function useShortcuts(shortcuts: Shortcuts): void {
  const latest = useLatest(shortcuts);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && !event.altKey && !event.shiftKey && key === 'l') {
        event.preventDefault();
        latest.current.lock();
        return;
      }
      // Everything else stays out of open dialogs (they have their own fields and keys).
      if (document.querySelector('dialog[open]')) return;
      if (mod && !event.altKey && key === 'f') {
        event.preventDefault();
        latest.current.find();
      } else if (mod && !event.altKey && key === 'n') {
        event.preventDefault();
        latest.current.add();
      } else if (
        !mod &&
        !event.altKey &&
        event.key.length === 1 &&
        event.key !== ' ' &&
        !isEditable(event.target)
      ) {
        // Not prevented: moving focus now makes the browser type this very key into the box.
        latest.current.typeToSearch();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [latest]);
}
