// What the list says when the chosen chip has no accounts (a tag not yet given to any, or none untagged).
import { useTranslation } from 'react-i18next';
import type { TagFilter } from '../../../../shared/settings';

export function FilterEmpty({ filter }: { filter: TagFilter }) {
  const { t } = useTranslation();
  return (
    <div className="empty empty-compact">
      <p className="empty-body">
        {filter.kind === 'tag'
          ? t('list.noneTagged', { tag: filter.name })
          : filter.kind === 'untagged'
            ? t('list.noneUntagged')
            : null}
      </p>
    </div>
  );
}
