// The vault's tags: its list of names (the payload's `groups`, kept under that name so that older
// Authdesk versions still read the file) and the tags on its accounts. Invariant, kept by every
// change here and in vault-accounts.ts and repaired when a payload is read: each tag on an account
// is in the list, spelled as the list spells it, once. Changes apply to a draft the vault saves.
import type { Account } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import {
  checkTagName,
  fitAccountTags,
  fitTagName,
  tagKey,
  TagList,
  uniqueTags,
} from '../../shared/tags';

/** The part of a payload (or backup) that holds tags: `groups` is the vault's tag list. */
export interface TagHolder {
  accounts: Account[];
  groups: string[];
}

function notFound(name: string): AuthdeskError {
  return new AuthdeskError('TAG_NOT_FOUND', `The vault has no tag "${name}".`);
}

/** Sets an account's tags: the field is left out when there are none. */
export function setTags(account: Account, tags: readonly string[]): void {
  if (tags.length > 0) account.tags = [...tags];
  else delete account.tags;
}

/**
 * A payload or backup as read, brought to the invariant without losing a name: an older file's
 * account `group` becomes its first tag; names are normalised (cut to the limit, never refused);
 * repeats go; a tag on an account that the list lacks is added to it; an account keeps at most
 * TAG_LIMITS.perAccount tags (the rest stay in the list). Changes `holder` in place.
 */
export function repairTags(holder: TagHolder): void {
  const list = new TagList(holder.groups.map(fitTagName).filter((name) => name !== ''));
  for (const account of holder.accounts) {
    const record = account as Account & { group?: unknown };
    const raw: unknown[] = [];
    if (typeof record.group === 'string') raw.push(record.group);
    if (Array.isArray(record.tags)) raw.push(...(record.tags as unknown[]));
    delete record.group;
    const names = list.adopt(
      raw.map(fitTagName).filter((name) => name !== ''),
      { unlimited: true },
    );
    setTags(account, fitAccountTags(names));
  }
  holder.groups = list.names;
}

/** The list's spelling of each of `tags`, the new ones added to the list (TAG_LIMIT past its limit). */
export function adoptTags(draft: TagHolder, tags: readonly string[]): string[] {
  const list = new TagList(draft.groups);
  const adopted = list.adopt(tags);
  draft.groups = list.names;
  return adopted;
}

/** TAG_EXISTS when the vault has a tag of that name (in any case); TAG_LIMIT when it is full. */
export function createTag(draft: TagHolder, raw: string): string {
  const name = checkTagName(raw);
  const list = new TagList(draft.groups);
  const existing = list.find(name);
  if (existing !== undefined) {
    throw new AuthdeskError('TAG_EXISTS', `The vault already has the tag "${existing}".`);
  }
  list.adopt([name]);
  draft.groups = list.names;
  return name;
}

/** Replaces the tag keyed `fromKey` on every account by `to` (repeats dropped); the accounts changed. */
function retag(draft: TagHolder, fromKey: string, to: string | null, now: string): void {
  for (const account of draft.accounts) {
    const tags = account.tags ?? [];
    if (!tags.some((name) => tagKey(name) === fromKey)) continue;
    const next = tags.flatMap((name) =>
      tagKey(name) === fromKey ? (to === null ? [] : [to]) : [name],
    );
    setTags(account, uniqueTags(next));
    account.updatedAt = now;
  }
}

/**
 * Renames a tag on the list and on every account. To another spelling of the same name ("work" →
 * "Work") it is respelled. To the name of another tag, the two become one: the other keeps its
 * place in the list, and an account that had both keeps one. TAG_NOT_FOUND when `from` is not there.
 */
export function renameTag(draft: TagHolder, from: string, to: string, now: string): string {
  const list = new TagList(draft.groups);
  const old = list.find(checkTagName(from));
  if (old === undefined) throw notFound(normalizeForMessage(from));
  const wanted = checkTagName(to);
  const fromKey = tagKey(old);
  const target = tagKey(wanted) === fromKey ? wanted : (list.find(wanted) ?? wanted);
  if (target === old) return old;
  draft.groups =
    tagKey(target) === fromKey || list.find(target) === undefined
      ? draft.groups.map((name) => (name === old ? target : name))
      : draft.groups.filter((name) => name !== old);
  retag(draft, fromKey, target, now);
  return target;
}

/** Takes a tag off every account (no account is deleted) and off the list. TAG_NOT_FOUND. */
export function removeTag(draft: TagHolder, raw: string, now: string): void {
  const old = new TagList(draft.groups).find(checkTagName(raw));
  if (old === undefined) throw notFound(normalizeForMessage(raw));
  draft.groups = draft.groups.filter((name) => name !== old);
  retag(draft, tagKey(old), null, now);
}

/**
 * The tags `names` come first, in that order; the ones not named follow in their order (another
 * process may have added one since the window read the list). TAG_NOT_FOUND for a name the vault
 * does not have; INVALID_ARGUMENT for a name given twice.
 */
export function reorderTags(draft: TagHolder, names: readonly string[]): void {
  if (!Array.isArray(names)) {
    throw new AuthdeskError('INVALID_ARGUMENT', 'Expected a list of tag names.');
  }
  const list = new TagList(draft.groups);
  const first: string[] = [];
  const seen = new Set<string>();
  for (const raw of names) {
    const found = list.find(checkTagName(raw));
    if (found === undefined) throw notFound(normalizeForMessage(raw));
    if (seen.has(tagKey(found))) {
      throw new AuthdeskError('INVALID_ARGUMENT', `The tag "${found}" is named twice.`);
    }
    seen.add(tagKey(found));
    first.push(found);
  }
  draft.groups = [...first, ...draft.groups.filter((name) => !seen.has(tagKey(name)))];
}

/** Each tag with the number of accounts that have it, in the list's order. */
export function tagCounts(holder: TagHolder): { name: string; accounts: number }[] {
  const counts = new Map<string, number>();
  for (const account of holder.accounts) {
    for (const name of account.tags ?? []) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return holder.groups.map((name) => ({ name, accounts: counts.get(name) ?? 0 }));
}

function normalizeForMessage(raw: unknown): string {
  return typeof raw === 'string' ? fitTagName(raw) : String(raw);
}
