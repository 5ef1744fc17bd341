// The accounts whose code was used last (copied through any door — the window, quick access, the
// tray — or typed), newest first: quick access lists them first when its search box is empty and the
// tray shows them, and the window's list can be sorted by it. Only ids are kept, in the settings, so
// they outlast a restart; a removed account is forgotten.
import { RECENT_ACCOUNTS_MAX } from '../../shared/settings';
import type { SettingsService } from './settings';

export class RecentAccounts {
  constructor(
    private readonly settings: Pick<SettingsService, 'get' | 'set'>,
    /** RECENT_ACCOUNTS_MAX, the settings' own bound; smaller in tests. */
    private readonly max = RECENT_ACCOUNTS_MAX,
  ) {}

  /** Newest first, at most `max`. */
  list(): string[] {
    return [...this.settings.get().recentAccountIds];
  }

  /** A code of this account was copied or typed: it moves to the front. */
  used(id: string): void {
    const before = this.list();
    const next = [id, ...before.filter((other) => other !== id)].slice(0, this.max);
    if (same(before, next)) return;
    this.save(next);
  }

  /** The vault's accounts changed: ids that are no longer in it are forgotten. */
  keepOnly(existing: Iterable<string>): void {
    const present = new Set(existing);
    const before = this.list();
    const next = before.filter((id) => present.has(id));
    if (!same(before, next)) this.save(next);
  }

  /**
   * A settings file that cannot be written costs the order, never the copy: the list is a
   * convenience, and the copy has already happened.
   */
  private save(ids: string[]): void {
    try {
      this.settings.set({ recentAccountIds: ids });
    } catch (error) {
      console.error('recently used accounts not saved:', error);
    }
  }
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
