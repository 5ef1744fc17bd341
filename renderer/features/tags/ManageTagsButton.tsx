// The small button that opens the tag manager, at the end of the list's filter chips.
import { useTranslation } from 'react-i18next';
import { TagIcon } from '../../ui/Icons';

export function ManageTagsButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="icon-button icon-button-small manage-tags-button"
      aria-label={t('tags.managerTitle')}
      title={t('tags.managerTitle')}
      onClick={onClick}
    >
      <TagIcon size={16} />
    </button>
  );
}
