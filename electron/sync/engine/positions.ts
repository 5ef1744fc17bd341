// Order as a field: each account (and each tag of the list) holds a fractional index (package
// fractional-indexing); the list is sorted by it, then by id. When a device reorders, only the
// items that moved get a new index (the longest run already in increasing order keeps its own),
// so two devices moving different items both keep their moves.
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/** Sort key: position, then id; an item without a position goes last. */
export function comparePositions(
  a: { id: string; position: string | null },
  b: { id: string; position: string | null },
): number {
  if (a.position !== b.position) {
    if (a.position === null) return 1;
    if (b.position === null) return -1;
    return a.position < b.position ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether `key` is a fractional index this package can place others around. */
function usable(key: string | null | undefined): key is string {
  if (typeof key !== 'string' || key === '') return false;
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/**
 * New positions for the items of `order` (ids in the wanted order) given their current ones:
 * the items of a longest strictly increasing run keep theirs, every other gets one between its
 * kept neighbours. Returns only the ids whose position changes.
 */
export function reposition(
  order: readonly string[],
  current: (id: string) => string | null | undefined,
): Map<string, string> {
  const keys = order.map((id) => {
    const key = current(id);
    return usable(key) ? key : null;
  });
  const keep = longestIncreasing(keys);
  const changes = new Map<string, string>();
  let i = 0;
  while (i < order.length) {
    if (keep[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < order.length && !keep[j]) j++;
    const lower = i > 0 ? keys[i - 1]! : null;
    const upper = j < order.length ? keys[j]! : null;
    const fresh = generateNKeysBetween(lower, upper, j - i);
    for (let k = i; k < j; k++) {
      keys[k] = fresh[k - i]!;
      changes.set(order[k]!, fresh[k - i]!);
    }
    i = j;
  }
  return changes;
}

/** Marks the members of one longest strictly increasing subsequence of the non-null keys (O(n log n)). */
function longestIncreasing(keys: readonly (string | null)[]): boolean[] {
  const tails: number[] = [];
  const previous = new Array<number>(keys.length).fill(-1);
  keys.forEach((key, index) => {
    if (key === null) return;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[tails[mid]!]! < key) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[index] = tails[lo - 1]!;
    tails[lo] = index;
  });
  const keep = new Array<boolean>(keys.length).fill(false);
  let at = tails.length > 0 ? tails[tails.length - 1]! : -1;
  while (at >= 0) {
    keep[at] = true;
    at = previous[at]!;
  }
  return keep;
}
