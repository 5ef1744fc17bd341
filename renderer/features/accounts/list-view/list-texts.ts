// The i18n keys of the list's choices, shared by the view menu and Settings › List.
import type { LIST_DENSITIES, SORT_ORDERS } from '../../../../shared/settings';

export const DENSITY_KEY = {
  comfortable: 'list.comfortable',
  compact: 'list.compact',
} as const satisfies Record<(typeof LIST_DENSITIES)[number], string>;

export const SORT_KEY = {
  manual: 'list.sortManual',
  name: 'list.sortName',
  recent: 'list.sortRecent',
} as const satisfies Record<(typeof SORT_ORDERS)[number], string>;
