// The virtualised account list: only visible rows render (accounts, and tag headers when grouped);
// arrow keys, Home/End and PageUp/PageDown move focus across both, Alt+arrows reorder (manual order).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountMeta } from '../../../shared/account';
import type { Settings } from '../../../shared/settings';
import type { Codes } from './useCodes';
import { useRowDrag } from './useRowDrag';
import { AccountRow, type RowAction } from './AccountRow';
import { TagHeader } from './list-view/TagHeader';
import { neighbourInSection, type ListRow } from './model/list-view';

/** Row heights in px per density; the CSS (rows.css, list-view.css) draws rows to fit them. */
const ROW_HEIGHT = { comfortable: 68, compact: 36 } as const;
const HEADER_HEIGHT = { comfortable: 40, compact: 32 } as const;

export interface AccountListHandle {
  focusRow: (index: number) => void;
  /** Focuses the first row of this account; false when the list does not show it. */
  focusAccount: (id: string) => boolean;
}

interface AccountListProps {
  rows: ListRow[];
  codes: Codes;
  density: Settings['listDensity'];
  showNextCode: boolean;
  /** Manual order: drag and Alt+arrows move accounts. Otherwise `onReorderRefused` says why not. */
  reorderable: boolean;
  onCopy: (account: AccountMeta) => void;
  onAction: (action: RowAction, account: AccountMeta) => void;
  onMove: (id: string, targetId: string, place: 'before' | 'after') => void;
  onReorderRefused: () => void;
  onToggleHeader: (tag: string) => void;
  /** Arrow Up on the first row leaves the list (to the search box). */
  onExitTop: () => void;
  ref?: Ref<AccountListHandle>;
}

export function AccountList(props: AccountListProps) {
  const { rows, codes, density, showNextCode, reorderable, onCopy, onAction, onMove } = props;
  const { onReorderRefused, onToggleHeader, onExitTop, ref } = props;
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [menuSignal, setMenuSignal] = useState<{ key: string; n: number }>({ key: '', n: 0 });
  const pendingFocus = useRef<string | null>(null);
  const { drag, dragKey, target } = useRowDrag(rows, onMove);
  const rowHeight = ROW_HEIGHT[density];
  const headerHeight = HEADER_HEIGHT[density];

  // No React Compiler here; the list re-renders with the virtualizer on scroll, as intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (rows[index]?.kind === 'header' ? headerHeight : rowHeight),
    overscan: 6,
    getItemKey: (index) => rows[index]?.key ?? index,
  });
  // The sizes are exact, not estimates: a new density re-measures every row at once.
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);

  const activeIndex = Math.max(
    0,
    rows.findIndex((r) => r.key === activeKey),
  );

  const focusPending = useCallback(() => {
    const key = pendingFocus.current;
    if (key === null) return;
    const target = scroller.current?.querySelector<HTMLElement>(
      `[data-row-key="${CSS.escape(key)}"] :is(.row-main, .group-header)`,
    );
    if (target) {
      target.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  }, []);
  // A row scrolled into view renders on a later frame; focus it then.
  useEffect(focusPending);

  const focusRow = useCallback(
    (index: number) => {
      const at = Math.max(0, Math.min(rows.length - 1, index));
      const row = rows[at];
      if (!row) return;
      setActiveKey(row.key);
      pendingFocus.current = row.key;
      virtualizer.scrollToIndex(at, { align: 'auto' });
      focusPending();
    },
    [rows, virtualizer, focusPending],
  );
  const focusAccount = useCallback(
    (id: string) => {
      const at = rows.findIndex((r) => r.kind === 'account' && r.account.id === id);
      if (at >= 0) focusRow(at);
      return at >= 0;
    },
    [rows, focusRow],
  );
  useImperativeHandle(ref, () => ({ focusRow, focusAccount }), [focusRow, focusAccount]);

  /** Move up or down within the row's section (the pinned ones, one tag's group, the list). */
  const step = useCallback(
    (key: string, direction: 'up' | 'down') => {
      const row = rows.find((r) => r.key === key);
      if (!row || row.kind !== 'account') return;
      if (!reorderable) return onReorderRefused();
      const neighbour = neighbourInSection(rows, key, direction);
      if (!neighbour) return;
      onMove(row.account.id, neighbour.account.id, direction === 'up' ? 'before' : 'after');
      pendingFocus.current = key;
    },
    [rows, reorderable, onMove, onReorderRefused],
  );
  const onRowAction = useCallback(
    (action: RowAction, account: AccountMeta, key: string) => {
      if (action === 'moveUp' || action === 'moveDown') {
        step(key, action === 'moveUp' ? 'up' : 'down');
      } else {
        onAction(action, account);
      }
    },
    [step, onAction],
  );

  const onKeyDown = (event: React.KeyboardEvent) => {
    const row = rows[activeIndex];
    if (!row) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / rowHeight) - 1);
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      step(row.key, event.key === 'ArrowUp' ? 'up' : 'down');
      return;
    }
    if (
      row.kind === 'account' &&
      (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10'))
    ) {
      event.preventDefault();
      setMenuSignal((s) => ({ key: row.key, n: s.n + 1 }));
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: rows.length - 1,
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    if (to < 0) onExitTop();
    else focusRow(to);
  };

  return (
    <div
      ref={scroller}
      className={`list-scroller list-${density}${showNextCode ? '' : ' list-no-next'}`}
      onKeyDown={onKeyDown}
    >
      <div
        role="list"
        aria-label={t(reorderable ? 'accounts.listLabel' : 'list.listLabelSorted')}
        className="list"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const header = row.kind === 'header';
          // A class, not a `.list-slot-header + .list-slot` rule: a sibling combinator over the
          // slots made Chromium restyle every row on each insertion, i.e. on every scrolled frame.
          const afterHeader = rows[item.index - 1]?.kind === 'header';
          return (
            <div
              key={item.key}
              role="listitem"
              className={`list-slot${header ? ' list-slot-header' : ''}${afterHeader ? ' list-slot-after-header' : ''}`}
              data-row-key={row.key}
              style={{
                transform: `translateY(${item.start}px)`,
                height: header ? headerHeight : rowHeight,
              }}
              aria-setsize={rows.length}
              aria-posinset={item.index + 1}
            >
              {header ? (
                <TagHeader
                  rowKey={row.key}
                  tag={row.tag}
                  count={row.count}
                  collapsed={row.collapsed}
                  active={item.index === activeIndex}
                  onToggle={onToggleHeader}
                  onFocusRow={setActiveKey}
                />
              ) : (
                <AccountRow
                  rowKey={row.key}
                  account={row.account}
                  entry={codes.byId.get(row.account.id)}
                  skewMs={codes.skewMs}
                  showNext={showNextCode}
                  reorderable={reorderable}
                  active={item.index === activeIndex}
                  first={row.first}
                  last={row.last}
                  drop={target?.key === row.key ? target.place : null}
                  dragging={dragKey === row.key}
                  menuSignal={menuSignal.key === row.key ? menuSignal.n : 0}
                  onCopy={onCopy}
                  onAction={onRowAction}
                  onFocusRow={setActiveKey}
                  drag={drag}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
