// The filter chips above the list: All, each tag, Untagged. One tab stop (a radio group): the arrow
// keys, Home and End move and choose; many tags scroll sideways instead of wrapping. The tag manager's
// button ends the row.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagFilter } from '../../../../shared/settings';
import { sameFilter } from '../model/list-view';
import { ManageTagsButton } from '../../tags/ManageTagsButton';

interface TagChipsProps {
  tags: readonly string[];
  value: TagFilter;
  onChange: (filter: TagFilter) => void;
  /** Opens the tag manager. */
  onManage: () => void;
}

export function TagChips({ tags, value, onChange, onManage }: TagChipsProps) {
  const { t } = useTranslation();
  const group = useRef<HTMLDivElement>(null);
  const choices: { filter: TagFilter; label: string }[] = [
    { filter: { kind: 'all' }, label: t('list.all') },
    ...tags.map((name) => ({ filter: { kind: 'tag', name } as const, label: name })),
    { filter: { kind: 'untagged' }, label: t('list.untagged') },
  ];
  const at = Math.max(
    0,
    choices.findIndex((c) => sameFilter(c.filter, value)),
  );

  const choose = (index: number) => {
    const to = (index + choices.length) % choices.length;
    const choice = choices[to];
    if (!choice) return;
    onChange(choice.filter);
    group.current?.querySelectorAll<HTMLElement>('[role="radio"]')[to]?.focus();
  };
  // Scrolled to once drawn chosen (bold, so wider: scrolled to before, its end stayed cut off), and
  // at start, for a chip remembered from the last time.
  useEffect(() => {
    const chip = group.current?.querySelectorAll<HTMLElement>('[role="radio"]')[at];
    chip?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [at]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowRight: at + 1,
      ArrowDown: at + 1,
      ArrowLeft: at - 1,
      ArrowUp: at - 1,
      Home: 0,
      End: choices.length - 1,
    };
    const to = moves[event.key];
    if (to === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    choose(to);
  };

  return (
    <div className="filter-row">
      <div
        ref={group}
        className="filter-chips"
        role="radiogroup"
        aria-label={t('list.filterLabel')}
        onKeyDown={onKeyDown}
      >
        {choices.map((choice, i) => (
          <button
            key={choice.filter.kind === 'tag' ? `tag:${choice.filter.name}` : choice.filter.kind}
            type="button"
            role="radio"
            aria-checked={i === at}
            tabIndex={i === at ? 0 : -1}
            className={`filter-chip${choice.filter.kind === 'tag' ? '' : ' filter-chip-special'}`}
            title={choice.label}
            onClick={() => choose(i)}
          >
            {choice.label}
          </button>
        ))}
      </div>
      <ManageTagsButton onClick={onManage} />
    </div>
  );
}
