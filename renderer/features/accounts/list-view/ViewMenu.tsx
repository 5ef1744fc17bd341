// The small view menu above the list: density, the next code, the order and the tag headers; the
// same choices as Settings › List, a click closer. Also the way to the tag manager.
import { useTranslation } from 'react-i18next';
import { LIST_DENSITIES, SORT_ORDERS, type Settings } from '../../../../shared/settings';
import { SlidersIcon, TagIcon } from '../../../ui/Icons';
import { MenuButton, type MenuItem } from '../../../ui/Menu';
import { DENSITY_KEY, SORT_KEY } from './list-texts';

interface ViewMenuProps {
  settings: Settings;
  onChange: (patch: Partial<Settings>) => void;
  /** Opens the tag manager. */
  onManageTags: () => void;
}

export function ViewMenu({ settings, onChange, onManageTags }: ViewMenuProps) {
  const { t } = useTranslation();
  const items = (): MenuItem[] => [
    ...LIST_DENSITIES.map((density) => ({
      key: `density-${density}`,
      label: t(DENSITY_KEY[density]),
      kind: 'radio' as const,
      checked: settings.listDensity === density,
      group: t('list.density'),
      onSelect: () => onChange({ listDensity: density }),
    })),
    ...SORT_ORDERS.map((order) => ({
      key: `sort-${order}`,
      label: t(SORT_KEY[order]),
      kind: 'radio' as const,
      checked: settings.sortOrder === order,
      group: t('list.sort'),
      onSelect: () => onChange({ sortOrder: order }),
    })),
    {
      key: 'next',
      label: t('list.showNextCode'),
      kind: 'checkbox',
      checked: settings.showNextCode,
      group: t('list.show'),
      onSelect: () => onChange({ showNextCode: !settings.showNextCode }),
    },
    {
      key: 'headers',
      label: t('list.groupByTag'),
      kind: 'checkbox',
      checked: settings.groupByTag,
      group: t('list.show'),
      onSelect: () => onChange({ groupByTag: !settings.groupByTag }),
    },
    {
      key: 'tags',
      label: t('tags.manage'),
      icon: <TagIcon size={16} />,
      group: t('tags.label'),
      onSelect: onManageTags,
    },
  ];
  return (
    <MenuButton label={t('list.view')} icon={<SlidersIcon />} items={items} className="view-menu" />
  );
}
