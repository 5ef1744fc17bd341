// Proves the list's rules without a browser: the three orders (pinned on top in each), the chips'
// filter and its fallback, the rows with tag headers (an account under each of its tags, collapsed
// groups, keys), moves within a section, and the collapsed-tags bookkeeping.
import { describe, expect, it } from 'vitest';
import type { AccountMeta } from '../../../shared/account';
import {
  UNTAGGED,
  buildRows,
  effectiveFilter,
  knownTags,
  matchesFilter,
  nameCollator,
  neighbourInSection,
  sortAccounts,
  toggleCollapsed,
  type ListRow,
} from '../../../renderer/features/accounts/model/list-view';
import { meta } from './accounts';

const ids = (list: { id: string }[]) => list.map((a) => a.id);
const en = { recentIds: [] as string[], collator: nameCollator('en') };
const shape = (rows: ListRow[]) =>
  rows.map((r) =>
    r.kind === 'header' ? `# ${r.tag || '(untagged)'} ${r.count}${r.collapsed ? ' -' : ''}` : r.key,
  );

describe('sortAccounts', () => {
  // Stored (manual) order: z, b, a, p (pinned), c.
  const accounts = [
    meta({ id: 'z', issuer: 'Zoom', label: 'alice' }),
    meta({ id: 'b', issuer: 'github', label: 'bob' }),
    meta({ id: 'a', issuer: 'GitHub', label: 'alice' }),
    meta({ id: 'p', issuer: 'Yahoo', label: 'x', pinned: true }),
    meta({ id: 'c', issuer: '', label: 'carol' }),
  ];

  it('manual: the stored order, pinned first', () => {
    expect(ids(sortAccounts(accounts, 'manual', en))).toEqual(['p', 'z', 'b', 'a', 'c']);
  });

  it('name: issuer (or the account name without one), then account name; case ignored', () => {
    expect(ids(sortAccounts(accounts, 'name', en))).toEqual(['p', 'c', 'a', 'b', 'z']);
  });

  it('name: numbers by value, and ties keep the stored order', () => {
    const numbered = ['Server 10', 'Server 9', 'server 9'].map((issuer, i) =>
      meta({ id: String(i), issuer }),
    );
    expect(ids(sortAccounts(numbered, 'name', en))).toEqual(['1', '2', '0']);
  });

  it('name: Japanese names in the Japanese collation (kana by the gojūon order)', () => {
    const ja = ['ラクテン', 'さくら', 'アマゾン', 'かぶ'].map((issuer) =>
      meta({ id: issuer, issuer }),
    );
    expect(ids(sortAccounts(ja, 'name', { ...en, collator: nameCollator('ja') }))).toEqual([
      'アマゾン',
      'かぶ',
      'さくら',
      'ラクテン',
    ]);
  });

  it('recent: used ones newest first, the unused after in the stored order, pinned on top', () => {
    const recentIds = ['c', 'a', 'gone', 'p'];
    expect(ids(sortAccounts(accounts, 'recent', { ...en, recentIds }))).toEqual([
      'p',
      'c',
      'a',
      'z',
      'b',
    ]);
  });

  it('does not change the list it was given', () => {
    const before = ids(accounts);
    sortAccounts(accounts, 'name', en);
    expect(ids(accounts)).toEqual(before);
  });
});

describe('the tag filter', () => {
  const work = meta({ id: 'w', tags: ['Work'] });
  const both = meta({ id: 'b', tags: ['Home', 'Work'] });
  const none = meta({ id: 'n' });

  it('All shows everything, a tag its accounts, Untagged those without any tag', () => {
    const all = [work, both, none];
    expect(ids(all.filter((a) => matchesFilter(a, { kind: 'all' })))).toEqual(['w', 'b', 'n']);
    expect(ids(all.filter((a) => matchesFilter(a, { kind: 'tag', name: 'Work' })))).toEqual([
      'w',
      'b',
    ]);
    expect(ids(all.filter((a) => matchesFilter(a, { kind: 'untagged' })))).toEqual(['n']);
    expect(matchesFilter(meta({ id: 'e', tags: [] }), { kind: 'untagged' })).toBe(true);
  });

  it('a chip whose tag is gone falls back to All; a live one is kept as it is', () => {
    const live = { kind: 'tag', name: 'Work' } as const;
    expect(effectiveFilter(live, ['Work'])).toBe(live);
    expect(effectiveFilter({ kind: 'tag', name: 'Old' }, ['Work'])).toEqual({ kind: 'all' });
    expect(effectiveFilter({ kind: 'untagged' }, [])).toEqual({ kind: 'untagged' });
  });

  it('the tags offered: the vault list in its order, then tags only accounts carry', () => {
    expect(knownTags(['Work', 'Unused'], [both, meta({ id: 'x', tags: ['Extra'] })])).toEqual([
      'Work',
      'Unused',
      'Home',
      'Extra',
    ]);
    expect(knownTags(null, [both, work])).toEqual(['Home', 'Work']);
  });
});

describe('buildRows', () => {
  const pinned = meta({ id: 'p', pinned: true, tags: ['Work'] });
  const a = meta({ id: 'a', tags: ['Work', 'Home'] });
  const b = meta({ id: 'b', tags: ['Home'] });
  const c = meta({ id: 'c' });
  const list = [pinned, a, b, c];
  const grouping = { groupByTag: true, tags: ['Work', 'Home', 'Empty'], collapsed: [] };

  it('without headers: one row per account, keyed by section and id', () => {
    const rows = buildRows(list, { ...grouping, groupByTag: false });
    expect(shape(rows)).toEqual(['pinned/p', 'all/a', 'all/b', 'all/c']);
  });

  it('with headers: pinned on top, a header per tag in the list order, Untagged last', () => {
    expect(shape(buildRows(list, grouping))).toEqual([
      'pinned/p',
      '# Work 1',
      'tag:Work/a',
      '# Home 2',
      'tag:Home/a',
      'tag:Home/b',
      '# (untagged) 1',
      'untagged/c',
    ]);
  });

  it('an account with two tags has a row under each, and every key is distinct', () => {
    const rows = buildRows(list, grouping);
    const keys = rows.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows.filter((r) => r.kind === 'account' && r.account.id === 'a')).toHaveLength(2);
  });

  it('a collapsed header keeps its count and hides its rows', () => {
    const rows = buildRows(list, { ...grouping, collapsed: ['Home', UNTAGGED] });
    expect(shape(rows)).toEqual([
      'pinned/p',
      '# Work 1',
      'tag:Work/a',
      '# Home 2 -',
      '# (untagged) 1 -',
    ]);
  });

  it('stays a plain list when no account has a tag', () => {
    const rows = buildRows([c, meta({ id: 'd' })], grouping);
    expect(shape(rows)).toEqual(['all/c', 'all/d']);
  });

  it('marks the first and last account of each section (the menu moves within it)', () => {
    const rows = buildRows(list, grouping).filter((r) => r.kind === 'account');
    const edges = rows.map((r) => `${r.key}:${r.first ? 'F' : ''}${r.last ? 'L' : ''}`);
    expect(edges).toEqual([
      'pinned/p:FL',
      'tag:Work/a:FL',
      'tag:Home/a:F',
      'tag:Home/b:L',
      'untagged/c:FL',
    ]);
  });

  it('neighbourInSection stops at the section edge and never crosses a header', () => {
    const rows = buildRows(list, grouping);
    expect(neighbourInSection(rows, 'tag:Home/a', 'down')?.key).toBe('tag:Home/b');
    expect(neighbourInSection(rows, 'tag:Home/a', 'up')).toBeNull();
    expect(neighbourInSection(rows, 'tag:Work/a', 'up')).toBeNull();
    expect(neighbourInSection(rows, 'pinned/p', 'down')).toBeNull();
  });
});

describe('toggleCollapsed', () => {
  it('adds or removes the tag and forgets tags that no longer exist', () => {
    expect(toggleCollapsed([], 'Work', ['Work'])).toEqual(['Work']);
    expect(toggleCollapsed(['Work', 'Gone', UNTAGGED], 'Work', ['Work'])).toEqual([UNTAGGED]);
    expect(toggleCollapsed(['Gone'], UNTAGGED, ['Work'])).toEqual([UNTAGGED]);
  });
});

describe('sortAccounts with 1,000 accounts', () => {
  it('orders names with numbers by value across the whole list', () => {
    const many: AccountMeta[] = Array.from({ length: 1000 }, (_, i) =>
      meta({ id: String(i), issuer: `Service ${(i * 7919) % 1000}`, label: `u${i}` }),
    );
    const sorted = sortAccounts(many, 'name', en);
    expect(sorted[0]?.issuer).toBe('Service 0');
    expect(sorted.at(-1)?.issuer).toBe('Service 999');
  });
});
