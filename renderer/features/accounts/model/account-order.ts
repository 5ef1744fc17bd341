// The list order (pinned first, then the stored order) and the moves that reorder it.
import type { AccountMeta } from '../../../../shared/account';

/** Pinned accounts first; within each part the stored order is kept. */
export function displayOrder(accounts: AccountMeta[]): AccountMeta[] {
  const pinned = accounts.filter((a) => a.pinned);
  return pinned.length === 0 ? accounts : [...pinned, ...accounts.filter((a) => !a.pinned)];
}

/**
 * The full id order after moving `id` next to `targetId` (before or after it). A move across the
 * pinned/unpinned boundary is refused (null): pinning, not dragging, decides that part.
 */
export function moveAccount(
  accounts: AccountMeta[],
  id: string,
  targetId: string,
  place: 'before' | 'after',
): string[] | null {
  if (id === targetId) return null;
  const ordered = displayOrder(accounts);
  const moving = ordered.find((a) => a.id === id);
  const target = ordered.find((a) => a.id === targetId);
  if (!moving || !target || Boolean(moving.pinned) !== Boolean(target.pinned)) return null;
  const ids = ordered.map((a) => a.id).filter((x) => x !== id);
  const at = ids.indexOf(targetId) + (place === 'after' ? 1 : 0);
  ids.splice(at, 0, id);
  return ids;
}

/** Applies an id order to the list; ids not named keep their relative order at the end. */
export function applyOrder(accounts: AccountMeta[], ids: string[]): AccountMeta[] {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const named = ids.flatMap((id) => byId.get(id) ?? []);
  const seen = new Set(ids);
  return [...named, ...accounts.filter((a) => !seen.has(a.id))];
}
