// The window's tag use cases (the tag manager, the filter chips): the vault's tag operations, and the
// list settings that name tags kept in step with them. The filter chip and the collapsed headers
// follow a renamed tag, and forget a removed one, whichever process changed the vault.
import type { Settings, TagFilter } from '../../shared/settings';
import { tagKey } from '../../shared/tags';
import type { Vault } from '../vault/vault';
import type { SettingsService } from './settings';

type TagVault = Pick<Vault, 'tags' | 'createTag' | 'renameTag' | 'removeTag' | 'reorderTags'>;
type SettingsStore = Pick<SettingsService, 'get' | 'set'>;

/** The list's spelling of `name`, '' for the header of untagged accounts, undefined when gone. */
function spelling(list: Map<string, string>, name: string): string | undefined {
  return name === '' ? '' : list.get(tagKey(name));
}

/** The settings that name tags, as they must be with the vault's tags `tags`; null when unchanged. */
export function tagSettingsFor(
  settings: Pick<Settings, 'tagFilter' | 'collapsedTags'>,
  tags: readonly string[],
  renamed?: { from: string; to: string },
): Pick<Settings, 'tagFilter' | 'collapsedTags'> | null {
  const list = new Map(tags.map((name) => [tagKey(name), name]));
  const follow = (name: string) =>
    renamed && name !== '' && tagKey(name) === tagKey(renamed.from) ? renamed.to : name;
  let tagFilter: TagFilter = settings.tagFilter;
  if (tagFilter.kind === 'tag') {
    const name = spelling(list, follow(tagFilter.name));
    tagFilter = name ? { kind: 'tag', name } : { kind: 'all' };
  }
  const collapsed: string[] = [];
  for (const raw of settings.collapsedTags) {
    const name = spelling(list, follow(raw));
    if (name !== undefined && !collapsed.includes(name)) collapsed.push(name);
  }
  const same =
    JSON.stringify(tagFilter) === JSON.stringify(settings.tagFilter) &&
    JSON.stringify(collapsed) === JSON.stringify(settings.collapsedTags);
  return same ? null : { tagFilter, collapsedTags: collapsed };
}

export class TagUseCases {
  constructor(
    private readonly vault: TagVault,
    private readonly settings: SettingsStore,
  ) {}

  list(): string[] {
    return this.vault.tags();
  }

  create(name: string): Promise<string[]> {
    return this.vault.createTag(name);
  }

  async rename(from: string, to: string): Promise<string[]> {
    const before = this.settings.get();
    const tags = await this.vault.renameTag(from, to);
    // The vault's change already made the settings forget `from`; they follow it to its new name.
    const target = tags.find((name) => tagKey(name) === tagKey(to));
    if (target !== undefined) this.#save(tagSettingsFor(before, tags, { from, to: target }));
    return tags;
  }

  remove(name: string): Promise<string[]> {
    return this.vault.removeTag(name);
  }

  reorder(names: string[]): Promise<string[]> {
    return this.vault.reorderTags(names);
  }

  /** The vault's tags changed (here or in another process): settings naming a gone tag forget it. */
  follow(tags: readonly string[]): void {
    this.#save(tagSettingsFor(this.settings.get(), tags));
  }

  #save(patch: Pick<Settings, 'tagFilter' | 'collapsedTags'> | null): void {
    if (!patch) return;
    const current = this.settings.get();
    if (
      JSON.stringify([current.tagFilter, current.collapsedTags]) ===
      JSON.stringify([patch.tagFilter, patch.collapsedTags])
    ) {
      return;
    }
    try {
      this.settings.set(patch);
    } catch (error) {
      // The filter is a convenience: a settings file that cannot be written costs it, not the change.
      console.error('tag filter settings not saved:', error);
    }
  }
}
