// What the list shows and in which order: the sort (manual, name, recently used; pinned stay on top),
// the tag filter of the chips, and the rows of the virtualised list (accounts, and tag headers when
// the list is grouped). Pure, so that each rule is proven without a browser.
import type { AccountMeta } from '../../../../shared/account';
import type { Settings, TagFilter } from '../../../../shared/settings';
import { displayOrder } from './account-order';

/** collapsedTags' name for the header of accounts without a tag. */
export const UNTAGGED = '';

/**
 * Where a row sits: the pinned accounts, the ungrouped list, one tag's group, or the untagged group.
 * Moves (drag, Alt+arrows, the menu) stay within a section.
 */
export type Section = 'pinned' | 'all' | `tag:${string}` | 'untagged';

export type ListRow =
  | {
      kind: 'account';
      /**
       * `<section>/<account id>`: an account under two tags has a row under each, with distinct
       * keys (an id holds no "/", so the pair is unambiguous).
       */
      key: string;
      account: AccountMeta;
      section: Section;
      /** First or last account of its section: the menu's move up or down has nowhere to go. */
      first: boolean;
      last: boolean;
    }
  | {
      kind: 'header';
      /** `header/<section>`, never an account row's key. */
      key: string;
      /** The tag, or UNTAGGED. */
      tag: string;
      section: Section;
      /** Accounts under this header (shown or collapsed). */
      count: number;
      collapsed: boolean;
    };

export type AccountRowItem = Extract<ListRow, { kind: 'account' }>;

export function tagsOf(account: Pick<AccountMeta, 'tags'>): readonly string[] {
  return account.tags ?? [];
}

/**
 * The tags the chips and headers offer: the vault's list in its order (null while main cannot say),
 * then any tag an account carries that the list lacks, in the order the accounts bring them.
 */
export function knownTags(listed: readonly string[] | null, accounts: readonly AccountMeta[]) {
  const out = [...(listed ?? [])];
  const seen = new Set(out);
  for (const account of accounts) {
    for (const tag of tagsOf(account)) {
      if (!seen.has(tag)) {
        seen.add(tag);
        out.push(tag);
      }
    }
  }
  return out;
}

/** The filter in force: a chip whose tag is gone falls back to All. */
export function effectiveFilter(filter: TagFilter, tags: readonly string[]): TagFilter {
  return filter.kind === 'tag' && !tags.includes(filter.name) ? { kind: 'all' } : filter;
}

export function matchesFilter(account: Pick<AccountMeta, 'tags'>, filter: TagFilter): boolean {
  switch (filter.kind) {
    case 'all':
      return true;
    case 'untagged':
      return tagsOf(account).length === 0;
    case 'tag':
      return tagsOf(account).includes(filter.name);
  }
}

export function sameFilter(a: TagFilter, b: TagFilter): boolean {
  return a.kind === b.kind && (a.kind !== 'tag' || (b.kind === 'tag' && a.name === b.name));
}

/** A comparer of names for the language shown: numbers by value, case and width ignored. */
export function nameCollator(language: string): Intl.Collator {
  return new Intl.Collator(language, { sensitivity: 'base', numeric: true });
}

/**
 * The accounts in the chosen order, pinned ones first. Manual: the stored order. Name: the issuer
 * (the account name where there is none), then the account name, for the language's collation; ties
 * keep the stored order. Recent: the ids used last first (newest first), the unused ones after in
 * the stored order.
 */
export function sortAccounts(
  accounts: readonly AccountMeta[],
  order: Settings['sortOrder'],
  options: { recentIds: readonly string[]; collator: Intl.Collator },
): AccountMeta[] {
  const manual = displayOrder([...accounts]);
  if (order === 'manual') return manual;
  let rank: (a: AccountMeta, b: AccountMeta) => number;
  if (order === 'name') {
    const { compare } = options.collator;
    rank = (a, b) => compare(a.issuer || a.label, b.issuer || b.label) || compare(a.label, b.label);
  } else {
    const recent = new Map(options.recentIds.map((id, i) => [id, i]));
    const at = (a: AccountMeta) => recent.get(a.id) ?? Infinity;
    rank = (a, b) => (at(a) === at(b) ? 0 : at(a) < at(b) ? -1 : 1);
  }
  // Array#sort is stable: equal ranks keep the manual order, pinned stay before unpinned.
  return manual.sort((a, b) => Number(Boolean(b.pinned)) - Number(Boolean(a.pinned)) || rank(a, b));
}

/**
 * The rows of the list for accounts already sorted and filtered. Without grouping: one row each.
 * Grouped by tag: pinned accounts on top, then a header per tag (in `tags` order) that has accounts,
 * then "Untagged"; an account with two tags is under both. A collapsed header keeps its count and
 * hides its rows. When no account has a tag, the list stays plain: one "Untagged" header says nothing.
 */
export function buildRows(
  accounts: readonly AccountMeta[],
  grouping: { groupByTag: boolean; tags: readonly string[]; collapsed: readonly string[] },
): ListRow[] {
  const rows: ListRow[] = [];
  const add = (section: Section, members: readonly AccountMeta[]) => {
    members.forEach((account, i) =>
      rows.push({
        kind: 'account',
        key: `${section}/${account.id}`,
        account,
        section,
        first: i === 0,
        last: i === members.length - 1,
      }),
    );
  };
  const pinned = accounts.filter((a) => a.pinned);
  const rest = accounts.filter((a) => !a.pinned);
  if (!grouping.groupByTag || !rest.some((a) => tagsOf(a).length > 0)) {
    add('pinned', pinned);
    add('all', rest);
    return rows;
  }
  add('pinned', pinned);
  const byTag = new Map<string, AccountMeta[]>(grouping.tags.map((tag) => [tag, []]));
  const untagged: AccountMeta[] = [];
  for (const account of rest) {
    const tags = tagsOf(account);
    if (tags.length === 0) untagged.push(account);
    for (const tag of tags) {
      let members = byTag.get(tag);
      if (!members) byTag.set(tag, (members = [])); // a tag the list lacks: after the listed ones
      if (members.at(-1) !== account) members.push(account); // a tag named twice counts once
    }
  }
  const collapsed = new Set(grouping.collapsed);
  const group = (tag: string, section: Section, members: readonly AccountMeta[]) => {
    if (members.length === 0) return;
    const shut = collapsed.has(tag);
    rows.push({
      kind: 'header',
      key: `header/${section}`,
      tag,
      section,
      count: members.length,
      collapsed: shut,
    });
    if (!shut) add(section, members);
  };
  for (const [tag, members] of byTag) group(tag, `tag:${tag}`, members);
  group(UNTAGGED, 'untagged', untagged);
  return rows;
}

/** The account row next to `key` within its section, up or down; null at the section's edge. */
export function neighbourInSection(
  rows: readonly ListRow[],
  key: string,
  direction: 'up' | 'down',
): AccountRowItem | null {
  const at = rows.findIndex((r) => r.key === key);
  const row = rows[at];
  const next = rows[direction === 'up' ? at - 1 : at + 1];
  if (!row || !next || next.kind !== 'account' || next.section !== row.section) return null;
  return next;
}

/** collapsedTags after toggling `tag`, keeping only tags that still exist (and UNTAGGED). */
export function toggleCollapsed(
  collapsed: readonly string[],
  tag: string,
  tags: readonly string[],
): string[] {
  const live = new Set([UNTAGGED, ...tags]);
  const kept = collapsed.filter((t) => live.has(t) && t !== tag);
  return collapsed.includes(tag) ? kept : [...kept, tag];
}
