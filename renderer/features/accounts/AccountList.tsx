// The virtualised account list: only visible rows render; arrow keys move focus, Alt+arrows reorder.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountMeta } from '../../../shared/account';
import type { Codes } from './useCodes';
import { useRowDrag } from './useRowDrag';
import { AccountRow, type RowAction } from './AccountRow';

const ROW_HEIGHT = 68;

export interface AccountListHandle {
  focusRow: (index: number) => void;
}

interface AccountListProps {
  accounts: AccountMeta[];
  codes: Codes;
  onCopy: (account: AccountMeta) => void;
  onAction: (action: RowAction, account: AccountMeta) => void;
  onMove: (id: string, targetId: string, place: 'before' | 'after') => void;
  /** Arrow Up on the first row leaves the list (to the search box). */
  onExitTop: () => void;
  ref?: Ref<AccountListHandle>;
}

export function AccountList(props: AccountListProps) {
  const { accounts, codes, onCopy, onAction, onMove, onExitTop, ref } = props;
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [menuSignal, setMenuSignal] = useState<{ id: string; n: number }>({ id: '', n: 0 });
  const pendingFocus = useRef<string | null>(null);
  const { drag, dragId, target } = useRowDrag(accounts, onMove);

  // No React Compiler here; the list re-renders with the virtualizer on scroll, as intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: accounts.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (index) => accounts[index]?.id ?? index,
  });

  const activeIndex = Math.max(
    0,
    accounts.findIndex((a) => a.id === activeId),
  );

  const focusPending = useCallback(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const row = scroller.current?.querySelector<HTMLElement>(
      `[data-row-id="${CSS.escape(id)}"] .row-main`,
    );
    if (row) {
      row.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  }, []);
  // A row scrolled into view renders on a later frame; focus it then.
  useEffect(focusPending);

  const focusRow = useCallback(
    (index: number) => {
      const account = accounts[Math.max(0, Math.min(accounts.length - 1, index))];
      if (!account) return;
      setActiveId(account.id);
      pendingFocus.current = account.id;
      virtualizer.scrollToIndex(accounts.indexOf(account), { align: 'auto' });
      focusPending();
    },
    [accounts, virtualizer, focusPending],
  );
  useImperativeHandle(ref, () => ({ focusRow }), [focusRow]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    const account = accounts[activeIndex];
    if (!account) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      onAction(event.key === 'ArrowUp' ? 'moveUp' : 'moveDown', account);
      pendingFocus.current = account.id;
      return;
    }
    if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      event.preventDefault();
      setMenuSignal((s) => ({ id: account.id, n: s.n + 1 }));
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: accounts.length - 1,
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    if (to < 0) onExitTop();
    else focusRow(to);
  };

  return (
    <div ref={scroller} className="list-scroller" onKeyDown={onKeyDown}>
      <div
        role="list"
        aria-label={t('accounts.listLabel')}
        className="list"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const account = accounts[item.index];
          if (!account) return null;
          const prev = accounts[item.index - 1];
          const next = accounts[item.index + 1];
          return (
            <div
              key={item.key}
              role="listitem"
              className="list-slot"
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              aria-setsize={accounts.length}
              aria-posinset={item.index + 1}
            >
              <AccountRow
                account={account}
                entry={codes.byId.get(account.id)}
                skewMs={codes.skewMs}
                active={item.index === activeIndex}
                first={!prev || Boolean(prev.pinned) !== Boolean(account.pinned)}
                last={!next || Boolean(next.pinned) !== Boolean(account.pinned)}
                drop={target?.id === account.id ? target.place : null}
                dragging={dragId === account.id}
                menuSignal={menuSignal.id === account.id ? menuSignal.n : 0}
                onCopy={onCopy}
                onAction={onAction}
                onFocusRow={setActiveId}
                drag={drag}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
