// The tags field as data: what typed text becomes (commas separate names), adding names to an
// account's tags within ACCOUNT_LIMITS, and the existing tags suggested for what is being typed.
import { ACCOUNT_LIMITS } from '../../../../shared/account';
import { normalizeTagName, sameTag, tagKey } from '../../../../shared/tags';

/** A comma adds the name before it; the Japanese and full-width commas count too. */
const SEPARATOR = /[,、，]/;

/**
 * Typed or pasted text split at its commas: the names before the last comma are complete, the text
 * after it stays in the box. "Work, AWS, pr" → names ["Work", "AWS"], rest "pr".
 */
export function splitTagText(text: string): { names: string[]; rest: string } {
  const parts = text.split(SEPARATOR);
  const rest = parts.pop() ?? '';
  return { names: parts.map(normalizeTagName).filter(Boolean), rest };
}

export type TagProblem =
  { kind: 'tooLong'; name: string } | { kind: 'tooMany' } | { kind: 'vaultFull' };

export interface TagAddition {
  tags: string[];
  /** The names added, as spelled in `tags` (an existing tag's spelling wins over the typed one). */
  added: string[];
  /** Names the account had already. */
  already: string[];
  /** The first limit met, or null. */
  problem: TagProblem | null;
  /** The names not added because of it (the one that met the limit first), to keep in the box. */
  left: string[];
}

/**
 * Adds names to an account's tags: an existing tag typed in another case takes that tag's spelling;
 * a name the account has is not added twice; a new name must fit in the vault's tag count.
 */
export function addTags(
  current: readonly string[],
  names: readonly string[],
  known: readonly string[],
): TagAddition {
  const tags = [...current];
  const added: string[] = [];
  const already: string[] = [];
  let newNames = 0;
  const stop = (at: number, problem: TagProblem): TagAddition => ({
    tags,
    added,
    already,
    problem,
    left: names.slice(at).map(normalizeTagName).filter(Boolean),
  });
  for (const [at, typed] of names.entries()) {
    const name = normalizeTagName(typed);
    if (name === '') continue;
    const existing = known.find((tag) => sameTag(tag, name));
    const spelled = existing ?? name;
    if (tags.some((tag) => sameTag(tag, spelled))) {
      already.push(tags.find((tag) => sameTag(tag, spelled)) ?? spelled);
      continue;
    }
    if (spelled.length > ACCOUNT_LIMITS.tag) {
      return stop(at, { kind: 'tooLong', name });
    }
    if (tags.length >= ACCOUNT_LIMITS.tagsPerAccount) {
      return stop(at, { kind: 'tooMany' });
    }
    if (!existing && known.length + newNames >= ACCOUNT_LIMITS.tags) {
      return stop(at, { kind: 'vaultFull' });
    }
    if (!existing) newNames++;
    tags.push(spelled);
    added.push(spelled);
  }
  return { tags, added, already, problem: null, left: [] };
}

export const MAX_SUGGESTIONS = 8;

/**
 * Existing tags the account does not have, for the text being typed: names that start with it first,
 * then names that contain it, each in the vault's order; every unused tag while the box is empty.
 */
export function suggestTags(
  known: readonly string[],
  current: readonly string[],
  text: string,
  max = MAX_SUGGESTIONS,
): string[] {
  const wanted = tagKey(text);
  const free = known.filter((tag) => !current.some((mine) => sameTag(mine, tag)));
  if (wanted === '') return free.slice(0, max);
  const starts: string[] = [];
  const contains: string[] = [];
  for (const tag of free) {
    const folded = tagKey(tag);
    if (folded.startsWith(wanted)) starts.push(tag);
    else if (folded.includes(wanted)) contains.push(tag);
  }
  return [...starts, ...contains].slice(0, max);
}
