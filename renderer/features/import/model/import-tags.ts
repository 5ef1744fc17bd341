// The tags an import brings: which of an item's tags the vault does not have yet, and how many new
// tags the accounts ticked for import will create (each new name once, in any spelling).
import type { ImportItem } from '../../../../shared/import';
import { sameTag } from '../../../../shared/tags';

export function isNewTag(name: string, known: readonly string[]): boolean {
  return !known.some((tag) => sameTag(tag, name));
}

/** The tags the chosen items would add to the vault, in first-seen order. */
export function newTagsOf(
  items: readonly ImportItem[],
  chosen: ReadonlySet<string>,
  known: readonly string[],
): string[] {
  const found: string[] = [];
  for (const item of items) {
    if (!chosen.has(item.key)) continue;
    for (const name of item.tags ?? []) {
      if (isNewTag(name, known) && isNewTag(name, found)) found.push(name);
    }
  }
  return found;
}

/** An item's tags as the account will have them: a tag the vault has keeps the vault's spelling. */
export function tagsAsImported(
  tags: readonly string[],
  known: readonly string[],
): { name: string; isNew: boolean }[] {
  const out: { name: string; isNew: boolean }[] = [];
  for (const name of tags) {
    const existing = known.find((tag) => sameTag(tag, name));
    if (out.some((tag) => sameTag(tag.name, name))) continue;
    out.push({ name: existing ?? name, isNew: existing === undefined });
  }
  return out;
}
