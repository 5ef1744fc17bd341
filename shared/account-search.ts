// The one account search: the window filters its list with it as the user types, quick access with
// it, and the command line finds the account a <query> names with it. Keys are prepared once per list.
// A word matches part of the issuer, the account name, the issuer's initials or a tag's name ("work"
// lists the accounts tagged Work); `#work` (or `#"side projects"`) keeps only the accounts with
// exactly that tag.
import { displayName, type AccountInput } from './account';
import { tagKey } from './tags';

type Named = Pick<AccountInput, 'issuer' | 'label'> & { tags?: readonly string[] | undefined };

export interface SearchEntry<T extends Named> {
  account: T;
  key: string;
  /** The tags' keys, each between NUL characters: "\0work\0home\0" ('' without tags). */
  tags: string;
}

/** Width-insensitive (ＡＷＳ finds AWS) and case-insensitive. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** "Amazon Web Services" → "aws": people search for a service by the name they call it. */
function initials(name: string): string {
  const words = name.split(/[\s\-_.]+/).filter(Boolean);
  return words.length > 1 ? words.map((word) => [...word][0]).join('') : '';
}

export function buildSearchIndex<T extends Named>(accounts: readonly T[]): SearchEntry<T>[] {
  // Many accounts share few tags: each tag's key is worked out once.
  const keys = new Map<string, string>();
  const keyOf = (tag: string) => {
    let key = keys.get(tag);
    if (key === undefined) keys.set(tag, (key = tagKey(tag)));
    return key;
  };
  return accounts.map((account) => ({
    account,
    key: foldForSearch(`${account.issuer}\u0000${account.label}\u0000${initials(account.issuer)}`),
    tags: account.tags?.length ? `\u0000${account.tags.map(keyOf).join('\u0000')}\u0000` : '',
  }));
}

/** A query read once: its words, and the tags `#name` or `#"two words"` asks for exactly. */
export interface ParsedQuery {
  terms: string[];
  tags: string[];
}

export function parseQuery(query: string): ParsedQuery {
  const terms: string[] = [];
  const tags: string[] = [];
  // A closing quote may be missing while the user is still typing.
  for (const [, quoted, word] of query.matchAll(/#"([^"]*)"?|(\S+)/gu)) {
    const tag = quoted ?? (word!.length > 1 && word!.startsWith('#') ? word!.slice(1) : undefined);
    if (tag !== undefined) {
      const key = tagKey(tag);
      if (key !== '') tags.push(key);
    } else {
      terms.push(...foldForSearch(word!).split(/\s+/).filter(Boolean));
    }
  }
  return { terms, tags };
}

/**
 * Every word must appear in the issuer or account name (or the initials), or, unless `tags` is false,
 * in the name of one of the account's tags; every `#tag` must be one of its tags.
 */
export function filterAccounts<T extends Named>(
  index: readonly SearchEntry<T>[],
  query: string,
  options: { tags?: boolean } = {},
): T[] {
  const { terms, tags } = parseQuery(query);
  if (terms.length === 0 && tags.length === 0) return index.map((entry) => entry.account);
  const inTags = options.tags !== false;
  const wanted = tags.map((key) => `\u0000${key}\u0000`);
  const out: T[] = [];
  for (const entry of index) {
    if (
      wanted.every((tag) => entry.tags.includes(tag)) &&
      terms.every((term) => entry.key.includes(term) || (inTags && entry.tags.includes(term)))
    ) {
      out.push(entry.account);
    }
  }
  return out;
}

/**
 * True when the query is the whole issuer, account name, "issuer:name" (the otpauth form; also with a
 * space after the colon) or display name, folded as the search folds: how a query picks one account
 * out of several partial matches.
 */
export function namesExactly(account: Named, query: string): boolean {
  const wanted = foldForSearch(query.trim());
  if (wanted === '') return false;
  const { issuer, label } = account;
  return [issuer, label, `${issuer}:${label}`, `${issuer}: ${label}`, displayName(account)].some(
    (name) => foldForSearch(name) === wanted,
  );
}
