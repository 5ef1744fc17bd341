// The rules for tags, in one place for every door (the IPC schema, the vault, the importers, the
// command line): what a tag's name is, when two names are one tag, an account's list of tags and the
// limits. A name is trimmed, in NFC, with each run of whitespace (and control characters) made one
// space, 1..ACCOUNT_LIMITS.tag UTF-16 units long. Two names are one tag when they are equal after NFKC
// and lower case ("Work", "work" and "ｗｏｒｋ"); the first spelling the vault saw is the one kept.
import { ACCOUNT_LIMITS } from './account';
import { AuthdeskError, type ErrorCode } from './errors';

export const TAG_LIMITS = {
  /** One tag's name, in UTF-16 units once normalised. */
  name: ACCOUNT_LIMITS.tag,
  perAccount: ACCOUNT_LIMITS.tagsPerAccount,
  perVault: ACCOUNT_LIMITS.tags,
} as const;

// Control characters are spaces here: a tag is one line, whatever a file or a paste brought.
// eslint-disable-next-line no-control-regex
const SPACES = /[\s\u0000-\u001f\u007f-\u009f]+/gu;

/** The name as it is stored: NFC, trimmed, inner whitespace collapsed ('' when nothing is left). */
export function normalizeTagName(raw: string): string {
  return raw.normalize('NFC').replace(SPACES, ' ').trim();
}

/** What two names are compared by: "Work", "work" and "ｗｏｒｋ" have one key. */
export function tagKey(name: string): string {
  // NFKC first: it may turn a character into spaces (˘ is a space and a combining breve).
  return normalizeTagName(name.normalize('NFKC')).toLowerCase();
}

export function sameTag(a: string, b: string): boolean {
  return tagKey(a) === tagKey(b);
}

/**
 * A name a person typed or a door received, normalised; `code` (INVALID_ARGUMENT unless the caller
 * says ACCOUNT_INVALID) when it is not text, empty or longer than TAG_LIMITS.name.
 */
export function checkTagName(raw: unknown, code: ErrorCode = 'INVALID_ARGUMENT'): string {
  if (typeof raw !== 'string') throw new AuthdeskError(code, 'A tag name must be text.');
  const name = normalizeTagName(raw);
  if (name === '') throw new AuthdeskError(code, 'A tag name must not be empty.');
  if (name.length > TAG_LIMITS.name) {
    throw new AuthdeskError(
      code,
      `The tag name "${[...name].slice(0, 20).join('')}…" is longer than ${TAG_LIMITS.name} characters.`,
    );
  }
  return name;
}

/**
 * A name from another app's file or an old vault, made to fit instead of refused: normalised and cut
 * to TAG_LIMITS.name without splitting a surrogate pair; '' when nothing usable is left.
 */
export function fitTagName(raw: unknown): string {
  if (typeof raw !== 'string' && typeof raw !== 'number') return '';
  const name = normalizeTagName(String(raw));
  if (name.length <= TAG_LIMITS.name) return name;
  const cut = name.slice(0, TAG_LIMITS.name);
  return (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut).trimEnd();
}

/** The names without repeats (one per key, the first spelling kept), in their order. */
export function uniqueTags(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of names) {
    const key = tagKey(name);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/**
 * An account's tags as given to the vault: a list of names, each checked, repeats dropped; `code`
 * for a name that is not one; TAG_LIMIT for more than TAG_LIMITS.perAccount different tags.
 */
export function checkAccountTags(value: unknown, code: ErrorCode = 'ACCOUNT_INVALID'): string[] {
  if (!Array.isArray(value)) throw new AuthdeskError(code, 'The tags must be a list of names.');
  const tags = uniqueTags(value.map((name) => checkTagName(name, code)));
  if (tags.length > TAG_LIMITS.perAccount) {
    throw new AuthdeskError(
      'TAG_LIMIT',
      `An account can have at most ${TAG_LIMITS.perAccount} tags; this one was given ${tags.length}.`,
    );
  }
  return tags;
}

/**
 * An account's tags from another app's file: each name fitted, empty ones and repeats dropped, and
 * at most TAG_LIMITS.perAccount kept (the first ones): an import keeps the account rather than refuse it.
 */
export function fitAccountTags(values: readonly unknown[]): string[] {
  return uniqueTags(values.map(fitTagName).filter((name) => name !== '')).slice(
    0,
    TAG_LIMITS.perAccount,
  );
}

/** The account's tags that name `tag` (one at most, in a checked list). */
export function hasTag(tags: readonly string[] | undefined, tag: string): boolean {
  const key = tagKey(tag);
  return (tags ?? []).some((name) => tagKey(name) === key);
}

/**
 * A vault's tag list: its names in display order, looked up by key. Adding a name the list has
 * gives the list's spelling back, so an account holds each tag as the list spells it.
 */
export class TagList {
  readonly #names: string[];
  readonly #byKey = new Map<string, number>();

  /** `names` must be normalised; repeats are dropped (the first spelling kept). */
  constructor(names: readonly string[] = []) {
    this.#names = [];
    for (const name of names) this.#push(name);
  }

  get names(): string[] {
    return [...this.#names];
  }

  get size(): number {
    return this.#names.length;
  }

  /** The list's spelling of `name`, or undefined when it has no such tag. */
  find(name: string): string | undefined {
    const index = this.#byKey.get(tagKey(name));
    return index === undefined ? undefined : this.#names[index];
  }

  /**
   * The list's spelling of each name (repeats dropped), adding the names it does not have at the end:
   * TAG_LIMIT past TAG_LIMITS.perVault, and nothing is added, unless `unlimited` (a file as read).
   */
  adopt(names: readonly string[], options: { unlimited?: boolean } = {}): string[] {
    const fresh = uniqueTags(names.filter((name) => this.find(name) === undefined));
    const over = this.#names.length + fresh.length > TAG_LIMITS.perVault;
    if (fresh.length > 0 && over && !options.unlimited) {
      throw new AuthdeskError(
        'TAG_LIMIT',
        `A vault can have at most ${TAG_LIMITS.perVault} tags; it has ${this.#names.length}, and ${fresh.length} more were given.`,
      );
    }
    for (const name of fresh) this.#push(name);
    return uniqueTags(names.map((name) => this.find(name)!));
  }

  #push(name: string): void {
    const key = tagKey(name);
    if (this.#byKey.has(key)) return;
    this.#byKey.set(key, this.#names.length);
    this.#names.push(name);
  }
}
