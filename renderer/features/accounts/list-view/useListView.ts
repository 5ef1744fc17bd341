// The list as the settings shape it: sorted, narrowed by the tag chip and the search, and cut into
// rows (with tag headers when grouped). Keeps a chip whose tag went away from sticking: it falls back
// to All, in the settings too.
import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountMeta } from '../../../../shared/account';
import { buildSearchIndex, filterAccounts } from '../../../../shared/account-search';
import { DEFAULT_SETTINGS, type Settings, type TagFilter } from '../../../../shared/settings';
import type { SettingsState } from '../../settings/useSettings';
import {
  buildRows,
  effectiveFilter,
  knownTags,
  matchesFilter,
  nameCollator,
  sortAccounts,
  toggleCollapsed,
} from '../model/list-view';
import { useTagList } from '../../tags/useTagList';

export function useListView(
  list: AccountMeta[] | null,
  settingsState: SettingsState,
  query: string,
  onError: (error: unknown) => void,
) {
  const { i18n } = useTranslation();
  const { settings: saved, update } = settingsState;
  const settings: Settings = saved ?? DEFAULT_SETTINGS;
  const { sortOrder, recentAccountIds, groupByTag, collapsedTags, tagFilter } = settings;
  const listed = useTagList();

  const accounts = useMemo(() => list ?? [], [list]);
  const tags = useMemo(() => knownTags(listed, accounts), [listed, accounts]);
  const filter = effectiveFilter(tagFilter, tags);
  // The settings object is new on every push (each copied code changes the recent ids): the memos
  // below depend on the filter's parts and on the ids only where the order reads them.
  const filterKind = filter.kind;
  const filterName = filter.kind === 'tag' ? filter.name : '';
  const recentIds = sortOrder === 'recent' ? recentAccountIds : NO_IDS;
  const language = i18n.language;
  const sorted = useMemo(
    () => sortAccounts(accounts, sortOrder, { recentIds, collator: nameCollator(language) }),
    [accounts, sortOrder, recentIds, language],
  );
  const index = useMemo(() => buildSearchIndex(sorted), [sorted]);
  const inFilter = useMemo(
    () => narrow(sorted, filterOf(filterKind, filterName)),
    [sorted, filterKind, filterName],
  );
  // The search runs over the prepared index; the chip then narrows its matches (no index per chip).
  const shown = useMemo(
    () => narrow(filterAccounts(index, query), filterOf(filterKind, filterName)),
    [index, query, filterKind, filterName],
  );
  const rows = useMemo(
    () => buildRows(shown, { groupByTag, tags, collapsed: collapsedTags }),
    [shown, groupByTag, tags, collapsedTags],
  );

  // A chip whose tag was removed or renamed: All, and the settings say so too.
  const stale = saved !== null && list !== null && listed !== null && filter !== tagFilter;
  useEffect(() => {
    if (stale) void update({ tagFilter: { kind: 'all' } }).catch(onError);
  }, [stale, update, onError]);

  const setFilter = useCallback(
    (next: TagFilter) => void update({ tagFilter: next }).catch(onError),
    [update, onError],
  );
  const toggleHeader = useCallback(
    (tag: string) =>
      void update({ collapsedTags: toggleCollapsed(collapsedTags, tag, tags) }).catch(onError),
    [update, onError, collapsedTags, tags],
  );

  return {
    settings,
    tags,
    filter,
    setFilter,
    total: accounts.length,
    inFilter,
    shown,
    rows,
    toggleHeader,
  };
}

const NO_IDS: readonly string[] = [];

function filterOf(kind: TagFilter['kind'], name: string): TagFilter {
  return kind === 'tag' ? { kind, name } : { kind };
}

function narrow(accounts: AccountMeta[], filter: TagFilter): AccountMeta[] {
  return filter.kind === 'all' ? accounts : accounts.filter((a) => matchesFilter(a, filter));
}
