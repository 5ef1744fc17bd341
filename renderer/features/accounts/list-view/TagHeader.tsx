// A tag's header in the grouped list: a button that collapses or expands its accounts (Enter, Space,
// or Left and Right), with the tag's name and how many accounts it holds.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { ChevronIcon } from '../../../ui/Icons';
import { UNTAGGED } from '../model/list-view';

interface TagHeaderProps {
  rowKey: string;
  tag: string;
  count: number;
  collapsed: boolean;
  active: boolean;
  onToggle: (tag: string) => void;
  onFocusRow: (key: string) => void;
}

export const TagHeader = memo(function TagHeader(props: TagHeaderProps) {
  const { tag, count, collapsed, active, onToggle } = props;
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="group-header"
      aria-expanded={!collapsed}
      tabIndex={active ? 0 : -1}
      onFocus={() => props.onFocusRow(props.rowKey)}
      onClick={() => onToggle(tag)}
      onKeyDown={(event) => {
        if (event.altKey || event.ctrlKey || event.metaKey) return;
        if (
          (event.key === 'ArrowLeft' && !collapsed) ||
          (event.key === 'ArrowRight' && collapsed)
        ) {
          event.preventDefault();
          onToggle(tag);
        }
      }}
    >
      <ChevronIcon size={16} className="group-header-chevron" />
      <span className="group-header-name">{tag === UNTAGGED ? t('list.untagged') : tag}</span>
      <span className="group-header-count" aria-hidden="true">
        {count}
      </span>
      <span className="visually-hidden">{t('list.headerCount', { count })}</span>
    </button>
  );
});
