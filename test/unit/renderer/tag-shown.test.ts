// Proves which tags quick access and the import preview show: quick access only when the search
// matched a tag (a word in its name or #tag), the matching ones marked; the import preview in the
// vault's spelling, new ones marked, and the number of new tags the ticked accounts create.
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../shared/account-search';
import type { ImportItem } from '../../../shared/import';
import { shownTags } from '../../../renderer/features/quick-access/model/quick-tags';
import { newTagsOf, tagsAsImported } from '../../../renderer/features/import/model/import-tags';

describe('shownTags (quick access)', () => {
  const tags = ['Work', 'AWS 本番', 'Side projects'];

  it('shows every tag when one matched, marking the matches', () => {
    expect(shownTags(tags, parseQuery('wor'))).toEqual([
      { name: 'Work', matched: true },
      { name: 'AWS 本番', matched: false },
      { name: 'Side projects', matched: false },
    ]);
    expect(shownTags(tags, parseQuery('#"side projects"'))?.map((t) => t.matched)).toEqual([
      false,
      false,
      true,
    ]);
    expect(shownTags(tags, parseQuery('ＷＯＲＫ 本番'))?.filter((t) => t.matched)).toHaveLength(2);
  });

  it('shows none when no tag matched, the search is empty or the account has none', () => {
    expect(shownTags(tags, parseQuery('github'))).toBeUndefined();
    expect(shownTags(tags, parseQuery('  '))).toBeUndefined();
    expect(shownTags(undefined, parseQuery('work'))).toBeUndefined();
    // #wor is not the tag Work: only a whole tag name counts after #.
    expect(shownTags(tags, parseQuery('#wor'))).toBeUndefined();
  });
});

describe('import preview tags', () => {
  const known = ['Work', 'Home'];
  const item = (key: string, tags?: string[]) => ({ key, tags }) as ImportItem;

  it('spells a tag the vault has as the vault does, and marks the others new', () => {
    expect(tagsAsImported(['work', 'Finance', 'WORK'], known)).toEqual([
      { name: 'Work', isNew: false },
      { name: 'Finance', isNew: true },
    ]);
  });

  it('counts each new tag once, over the ticked accounts only', () => {
    const items = [
      item('a', ['Finance', 'work']),
      item('b', ['finance', 'Travel']),
      item('c', ['Games']),
      item('d'),
    ];
    expect(newTagsOf(items, new Set(['a', 'b', 'd']), known)).toEqual(['Finance', 'Travel']);
    expect(newTagsOf(items, new Set(['c']), known)).toEqual(['Games']);
    expect(newTagsOf(items, new Set(), known)).toEqual([]);
  });
});
