// The tag manager as data: how many accounts carry each tag, what a rename will do (nothing, a new
// name, or a merge into another tag), and the order after a keyboard move or a drop.
import { ACCOUNT_LIMITS } from '../../../../shared/account';
import { normalizeTagName, sameTag } from '../../../../shared/tags';

/** The number of accounts that carry `tag` (in any spelling). */
export function accountsWithTag(
  accounts: readonly { tags?: readonly string[] }[],
  tag: string,
): number {
  return accounts.filter((account) => account.tags?.some((name) => sameTag(name, tag))).length;
}

export type RenameCheck =
  | { kind: 'unchanged' }
  | { kind: 'empty' }
  | { kind: 'tooLong' }
  | { kind: 'rename'; to: string }
  /** `into` is another tag of the vault, spelled as the vault spells it. */
  | { kind: 'merge'; into: string };

/** What renaming `from` to the typed text will do. Another spelling of itself is a rename. */
export function checkRename(tags: readonly string[], from: string, typed: string): RenameCheck {
  const to = normalizeTagName(typed);
  if (to === '') return { kind: 'empty' };
  if (to.length > ACCOUNT_LIMITS.tag) return { kind: 'tooLong' };
  if (to === from) return { kind: 'unchanged' };
  const other = tags.find((tag) => tag !== from && !sameTag(tag, from) && sameTag(tag, to));
  return other === undefined ? { kind: 'rename', to } : { kind: 'merge', into: other };
}

/** The order with `name` moved by one place (-1 up, 1 down); null at either end. */
export function stepTag(tags: readonly string[], name: string, by: -1 | 1): string[] | null {
  const at = tags.indexOf(name);
  const to = at + by;
  if (at < 0 || to < 0 || to >= tags.length) return null;
  const next = [...tags];
  next.splice(at, 1);
  next.splice(to, 0, name);
  return next;
}

/** The order with `name` dropped before or after `target`; null when nothing moves. */
export function dropTag(
  tags: readonly string[],
  name: string,
  target: string,
  place: 'before' | 'after',
): string[] | null {
  if (name === target || !tags.includes(name) || !tags.includes(target)) return null;
  const rest = tags.filter((tag) => tag !== name);
  rest.splice(rest.indexOf(target) + (place === 'after' ? 1 : 0), 0, name);
  return rest.every((tag, i) => tag === tags[i]) ? null : rest;
}
