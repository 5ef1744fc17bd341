// What quick access lists: with an empty search, the recently used accounts first (newest first), then
// the others in the list's order; with a search, exactly what the main list shows for it (the one
// account search, shared/account-search.ts). At most QUICK_ROWS rows are drawn: a picker is for the
// few you mean, and typing narrows the rest.
import { filterAccounts, type SearchEntry } from '../../../../shared/account-search';

export const QUICK_ROWS = 20;

type Listed = { id: string; issuer: string; label: string };

export function quickList<T extends Listed>(
  index: readonly SearchEntry<T>[],
  query: string,
  recentIds: readonly string[],
): { shown: T[]; total: number } {
  const matches =
    query.trim() === '' ? recentFirst(index, recentIds) : filterAccounts(index, query);
  return { shown: matches.slice(0, QUICK_ROWS), total: matches.length };
}

function recentFirst<T extends Listed>(
  index: readonly SearchEntry<T>[],
  recentIds: readonly string[],
): T[] {
  const byId = new Map(index.map((entry) => [entry.account.id, entry.account]));
  const recent = recentIds.flatMap((id) => byId.get(id) ?? []);
  const taken = new Set(recent.map((account) => account.id));
  return [...recent, ...index.map((entry) => entry.account).filter((a) => !taken.has(a.id))];
}

/** The selected row after an arrow key: wraps around, and stays within the rows shown. */
export function moveSelection(selected: number, count: number, by: 1 | -1): number {
  if (count === 0) return 0;
  return (selected + by + count) % count;
}
