// Ctrl/Cmd+V on the accounts screen (outside other dialogs): images and setup links are imported, a
// bare key opens the add form; text pasted into a field stays ordinary text.
import { useEffect } from 'react';
import { pasteAction, type PasteAction, type PasteTarget } from './model/paste';
import { useLatest } from '../../ui/useLatest';

function targetOf(target: EventTarget | null): PasteTarget {
  if (!(target instanceof HTMLElement)) return 'page';
  if (target.closest('[data-paste-import]')) return 'search';
  const editable =
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement;
  return editable ? 'field' : 'page';
}

export function usePasteImport(active: boolean, onPaste: (action: PasteAction) => void): void {
  const latest = useLatest({ active, onPaste });
  useEffect(() => {
    const paste = (event: ClipboardEvent) => {
      if (!latest.current.active || event.defaultPrevented) return;
      // Other dialogs have their own fields; the import preview takes more codes.
      if (document.querySelector('dialog[open]:not([data-dialog="import"])')) return;
      const data = event.clipboardData;
      const action = pasteAction(
        { files: [...(data?.files ?? [])], text: data?.getData('text/plain') ?? '' },
        targetOf(event.target),
      );
      if (!action) return;
      event.preventDefault();
      latest.current.onPaste(action);
    };
    window.addEventListener('paste', paste);
    return () => window.removeEventListener('paste', paste);
  }, [latest]);
}
