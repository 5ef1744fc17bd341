// HTML5 drag and drop for the rows: where the dragged account would land, and the drop itself.
import { useMemo, useState, type DragEvent } from 'react';
import type { AccountMeta } from '../../../shared/account';
import type { RowDrag } from './AccountRow';

const MIME = 'application/x-authdesk-account';

export interface DropTarget {
  id: string;
  place: 'before' | 'after';
}

export function useRowDrag(
  accounts: AccountMeta[],
  onMove: (id: string, targetId: string, place: 'before' | 'after') => void,
) {
  const [dragId, setDragId] = useState<string | null>(null);
  const [target, setTarget] = useState<DropTarget | null>(null);

  const drag = useMemo<RowDrag>(() => {
    const pinnedOf = (id: string) => Boolean(accounts.find((a) => a.id === id)?.pinned);
    return {
      start: (id: string, event: DragEvent) => {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData(MIME, id);
        setDragId(id);
      },
      over: (id: string, event: DragEvent<HTMLElement>) => {
        // Pinned and unpinned accounts are ordered separately; pinning moves between them.
        if (dragId === null || pinnedOf(dragId) !== pinnedOf(id)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        const rect = event.currentTarget.getBoundingClientRect();
        const place = event.clientY < rect.top + rect.height / 2 ? 'before' : 'after';
        setTarget((old) => (old?.id === id && old.place === place ? old : { id, place }));
      },
      drop: (id: string, event: DragEvent) => {
        event.preventDefault();
        const moving = event.dataTransfer.getData(MIME) || dragId;
        if (moving && target && target.id === id && moving !== id) {
          onMove(moving, id, target.place);
        }
        setDragId(null);
        setTarget(null);
      },
      end: () => {
        setDragId(null);
        setTarget(null);
      },
    };
  }, [accounts, dragId, target, onMove]);

  return { drag, dragId, target };
}
