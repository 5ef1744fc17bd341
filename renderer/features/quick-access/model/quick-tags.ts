// Which tags a quick access row shows: when the search matched one of the account's tags (a word in a
// tag's name, or `#tag`), the row shows its tags, the matching ones marked; otherwise none, so that
// rows found by name stay as they were.
import type { ParsedQuery } from '../../../../shared/account-search';
import { tagKey } from '../../../../shared/tags';

export interface ShownTag {
  name: string;
  matched: boolean;
}

export function shownTags(
  tags: readonly string[] | undefined,
  query: ParsedQuery,
): ShownTag[] | undefined {
  if (!tags?.length || (query.terms.length === 0 && query.tags.length === 0)) return undefined;
  const shown = tags.map((name) => {
    const key = tagKey(name);
    return {
      name,
      matched: query.tags.includes(key) || query.terms.some((term) => key.includes(term)),
    };
  });
  return shown.some((tag) => tag.matched) ? shown : undefined;
}
