// A menu button and its popup menu (WAI-ARIA menu pattern): arrow keys move, Escape closes, Tab leaves.
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';
import { CheckIcon } from './Icons';

export interface MenuItem {
  key: string;
  label: string;
  icon?: ReactNode;
  danger?: boolean;
  disabled?: boolean;
  /** A choice with a state: one of several (radio) or on/off (checkbox); `checked` says which. */
  kind?: 'radio' | 'checkbox';
  checked?: boolean;
  /** Consecutive items with the same group are one labelled group under a small heading. */
  group?: string;
  onSelect: () => void;
}

interface MenuButtonProps {
  label: string;
  icon: ReactNode;
  /** Visible text beside the icon (hidden in a narrow window); without it the button is an icon. */
  text?: string;
  /** Built only while the menu is open: a list of rows would otherwise build every row's menu. */
  items: () => MenuItem[];
  className?: string;
  tabIndex?: number;
  /** Opens the menu from outside (e.g. Shift+F10 on the row); bump the number to open again. */
  openSignal?: number;
}

export function MenuButton({
  label,
  icon,
  text,
  items,
  className,
  tabIndex,
  openSignal,
}: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const [lastSignal, setLastSignal] = useState(openSignal);
  const [button, setButton] = useState<HTMLButtonElement | null>(null);
  const menuId = useId();

  // Opening on a new signal is a state change derived from props, done during render.
  if (openSignal !== lastSignal) {
    setLastSignal(openSignal);
    if (openSignal !== undefined && openSignal > 0) setOpen(true);
  }

  const close = useCallback(
    (refocus: boolean) => {
      setOpen(false);
      if (refocus) button?.focus();
    },
    [button],
  );

  return (
    <>
      <button
        ref={setButton}
        type="button"
        className={`${text ? 'button button-compact' : 'icon-button'} ${className ?? ''}`}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        tabIndex={tabIndex}
        onClick={(e) => {
          e.stopPropagation();
          setOpen((v) => !v);
        }}
      >
        {icon}
        {text && <span className="hide-narrow">{text}</span>}
      </button>
      {open && button && <MenuPopup id={menuId} anchor={button} items={items()} onClose={close} />}
    </>
  );
}

function MenuPopup({
  id,
  anchor,
  items,
  onClose,
}: {
  id: string;
  anchor: HTMLElement;
  items: MenuItem[];
  onClose: (refocus: boolean) => void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    const rect = anchor.getBoundingClientRect();
    const el = menu.current;
    const width = el?.offsetWidth ?? 220;
    const height = el?.offsetHeight ?? 240;
    const below = rect.bottom + 4 + height <= window.innerHeight - 8;
    setPosition({
      top: below ? rect.bottom + 4 : Math.max(8, rect.top - 4 - height),
      left: Math.max(8, Math.min(rect.right - width, window.innerWidth - width - 8)),
    });
  }, [anchor]);

  // Focus only once placed: a menu still hidden for measuring cannot take focus.
  const placed = position !== null;
  useEffect(() => {
    if (!placed) return;
    menu.current
      ?.querySelector<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])')
      ?.focus();
  }, [placed]);

  useEffect(() => {
    const outside = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node) && !anchor.contains(event.target as Node)) {
        onClose(false);
      }
    };
    const away = () => onClose(false);
    document.addEventListener('pointerdown', outside, true);
    window.addEventListener('resize', away);
    document.addEventListener('scroll', away, true);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      window.removeEventListener('resize', away);
      document.removeEventListener('scroll', away, true);
    };
  }, [anchor, onClose]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    const all = [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const enabled = all.filter((el) => el.getAttribute('aria-disabled') !== 'true');
    const at = enabled.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => enabled[(i + enabled.length) % enabled.length]?.focus();
    event.stopPropagation();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        go(at + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        go(at - 1);
        break;
      case 'Home':
        event.preventDefault();
        go(0);
        break;
      case 'End':
        event.preventDefault();
        go(enabled.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        onClose(true);
        break;
      case 'Tab':
        onClose(false);
        break;
    }
  };

  return createPortal(
    <div
      ref={menu}
      id={id}
      role="menu"
      className="menu"
      style={position ?? { visibility: 'hidden', top: 0, left: 0 }}
      onKeyDown={onKeyDown}
    >
      {groupsOf(items).map(({ group, items: members }, g) => {
        const buttons = members.map((item) => (
          <button
            key={item.key}
            type="button"
            role={item.kind ? `menuitem${item.kind}` : 'menuitem'}
            aria-checked={item.kind ? Boolean(item.checked) : undefined}
            tabIndex={-1}
            className={`menu-item${item.danger ? ' menu-item-danger' : ''}`}
            aria-disabled={item.disabled || undefined}
            onClick={() => {
              if (item.disabled) return;
              onClose(true);
              item.onSelect();
            }}
          >
            <span className="menu-icon">
              {item.kind ? item.checked && <CheckIcon size={16} /> : item.icon}
            </span>
            {item.label}
          </button>
        ));
        return group === undefined ? (
          buttons
        ) : (
          <div key={`group-${g}`} role="group" aria-labelledby={`${id}-g${g}`}>
            <div id={`${id}-g${g}`} className="menu-heading">
              {group}
            </div>
            {buttons}
          </div>
        );
      })}
    </div>,
    // Inside an open modal dialog the rest of the page is inert, so the menu goes where it is;
    // elsewhere into the landmark of its button (header, main), so that it is in one for everyone.
    anchor.closest('dialog') ?? anchor.closest('header, main, footer, nav, aside') ?? document.body,
  );
}

/** Runs of items that share a group (undefined: ungrouped), in order. */
function groupsOf(items: MenuItem[]): { group: string | undefined; items: MenuItem[] }[] {
  const out: { group: string | undefined; items: MenuItem[] }[] = [];
  for (const item of items) {
    const last = out.at(-1);
    if (last && last.group === item.group) last.items.push(item);
    else out.push({ group: item.group, items: [item] });
  }
  return out;
}
