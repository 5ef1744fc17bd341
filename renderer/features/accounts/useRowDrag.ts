// HTML5 drag and drop for the rows: where the dragged account would land, and the drop itself. Rows
// are named by key (an account under two tags has two); a drop lands within the dragged row's section.
import { useMemo, useState, type DragEvent } from 'react';
import type { RowDrag } from './AccountRow';
import type { ListRow } from './model/list-view';

const MIME = 'application/x-authdesk-account';

export interface DropTarget {
  key: string;
  place: 'before' | 'after';
}

export function useRowDrag(
  rows: ListRow[],
  onMove: (id: string, targetId: string, place: 'before' | 'after') => void,
) {
  const [dragKey, setDragKey] = useState<string | null>(null);
  const [target, setTarget] = useState<DropTarget | null>(null);

  const drag = useMemo<RowDrag>(() => {
    const rowOf = (key: string | null) => {
      const row = rows.find((r) => r.key === key);
      return row?.kind === 'account' ? row : null;
    };
    return {
      start: (key: string, event: DragEvent) => {
        const row = rowOf(key);
        if (!row) return;
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData(MIME, row.account.id);
        setDragKey(key);
      },
      over: (key: string, event: DragEvent<HTMLElement>) => {
        // Pinned and unpinned accounts, and each tag's group, are ordered separately.
        const from = rowOf(dragKey);
        const to = rowOf(key);
        if (!from || !to || from.section !== to.section) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        const rect = event.currentTarget.getBoundingClientRect();
        const place = event.clientY < rect.top + rect.height / 2 ? 'before' : 'after';
        setTarget((old) => (old?.key === key && old.place === place ? old : { key, place }));
      },
      drop: (key: string, event: DragEvent) => {
        event.preventDefault();
        const from = rowOf(dragKey);
        const to = rowOf(key);
        const moving = event.dataTransfer.getData(MIME) || from?.account.id;
        if (moving && to && target?.key === key && moving !== to.account.id) {
          onMove(moving, to.account.id, target.place);
        }
        setDragKey(null);
        setTarget(null);
      },
      end: () => {
        setDragKey(null);
        setTarget(null);
      },
    };
  }, [rows, dragKey, target, onMove]);

  return { drag, dragKey, target };
}
