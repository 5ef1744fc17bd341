// Which brand an account is for, from its issuer, the domain in its account name, or an issuer that is
// itself a domain; built once from the brand set into maps, so that matching a list is a few look-ups
// per account. The window and main (tray) use this same code.
import { BADGES, type Badge } from './badges';
import { DOMAIN_ALIASES, MAIL_DOMAINS, NAME_ALIASES, NO_BRAND_DOMAINS } from './aliases';
import type { BrandRow } from './catalogue';
import { domainName, hostIn, hostSuffixes, registeredDomain } from './domains';
import { NEVER_ALONE, nameCandidates, nameKey } from './names';

/** A brand to draw: an icon of the set (by slug) or one of our text badges. */
export type Brand =
  | { kind: 'icon'; key: string; title: string; hex: string }
  | { kind: 'badge'; key: string; title: string; hex: string; text: string };

export interface Named {
  issuer: string;
  label: string;
}

export interface BrandMatcher {
  /** The brand an account is for, or undefined (the letter avatar then). */
  match(account: Named): Brand | undefined;
  /** A brand by key (a stored icon's slug); undefined when this version does not have it. */
  brand(key: string): Brand | undefined;
  /** Brands named the query, then starting with it, then containing it, best first, for the icon chooser. */
  search(query: string, limit: number): Brand[];
}

const CACHE_LIMIT = 10_000;

export function createBrandMatcher(rows: readonly BrandRow[]): BrandMatcher {
  const brands = new Map<string, Brand>();
  for (const [key, badge] of Object.entries(BADGES) as [string, Badge][]) {
    brands.set(key, { kind: 'badge', key, ...badge });
  }
  for (const row of rows) {
    if (!brands.has(row.slug)) {
      brands.set(row.slug, { kind: 'icon', key: row.slug, title: row.title, hex: row.hex });
    }
  }

  // Name key → brand key; the first claim wins: our aliases, then titles and slugs, then other names.
  const names = new Map<string, string>();
  const claim = (name: string, key: string) => {
    if (name && !NEVER_ALONE.has(name) && !names.has(name) && brands.has(key)) names.set(name, key);
  };
  for (const [name, key] of Object.entries(NAME_ALIASES)) claim(name, key);
  for (const [key, badge] of Object.entries(BADGES) as [string, Badge][]) {
    claim(key, key);
    claim(nameKey(badge.title), key);
  }
  for (const row of rows) {
    claim(nameKey(row.title), row.slug);
    claim(row.slug, row.slug);
  }
  for (const row of rows) for (const name of row.names) claim(nameKey(name), row.slug);

  const byName = (candidates: readonly string[]) => {
    for (const candidate of candidates) {
      const key = names.get(candidate);
      if (key) return brands.get(key);
    }
    return undefined;
  };

  const byHost = (host: string, mailToo: boolean) => {
    const registered = registeredDomain(host);
    if (!registered || NO_BRAND_DOMAINS.has(registered)) return undefined;
    if (!mailToo && MAIL_DOMAINS.has(registered)) return undefined;
    for (const suffix of hostSuffixes(host)) {
      const key = DOMAIN_ALIASES[suffix];
      if (key) return brands.get(key);
    }
    // A registered domain names its brand even when the name is an ordinary word (box.com, note.com).
    const name = domainName(host);
    return name ? byName([nameKey(name)]) : undefined;
  };

  const matchUncached = ({ issuer, label }: Named): Brand | undefined => {
    const named = issuer.trim();
    if (named) {
      const found = byName(nameCandidates(named));
      if (found) return found;
      const host = named.includes('.') ? hostIn(named) : undefined;
      const fromIssuer = host && byHost(host, true);
      if (fromIssuer) return fromIssuer;
    }
    const host = hostIn(label);
    return host ? byHost(host, named === '') : undefined;
  };

  const cache = new Map<string, Brand | null>();
  let searchKeys: { brand: Brand; title: string; others: string[] }[] | undefined;

  return {
    match(account) {
      const cacheKey = `${account.issuer}\u0000${account.label}`;
      const cached = cache.get(cacheKey);
      if (cached !== undefined) return cached ?? undefined;
      const found = matchUncached(account);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(cacheKey, found ?? null);
      return found;
    },
    brand: (key) => brands.get(key),
    search(query, limit) {
      const wanted = nameKey(query);
      if (!wanted) return [];
      searchKeys ??= searchIndex();
      const scored: { brand: Brand; score: number }[] = [];
      for (const entry of searchKeys) {
        const score =
          entry.title === wanted
            ? 0
            : entry.title.startsWith(wanted)
              ? 1
              : entry.others.some((other) => other.startsWith(wanted))
                ? 2
                : entry.title.includes(wanted)
                  ? 3
                  : -1;
        if (score >= 0) scored.push({ brand: entry.brand, score });
      }
      scored.sort(
        (a, b) =>
          a.score - b.score ||
          a.brand.title.length - b.brand.title.length ||
          a.brand.title.localeCompare(b.brand.title),
      );
      return scored.slice(0, limit).map((entry) => entry.brand);
    },
  };

  /** Each brand with the keys the chooser's search looks at: its title, then slug and other names. */
  function searchIndex() {
    const others = new Map<string, string[]>();
    const add = (key: string, name: string) => {
      const list = others.get(key);
      if (list) list.push(name);
      else others.set(key, [name]);
    };
    for (const [name, key] of Object.entries(NAME_ALIASES)) add(key, name);
    for (const row of rows) for (const name of row.names) add(row.slug, nameKey(name));
    return [...brands.values()].map((brand) => ({
      brand,
      title: nameKey(brand.title),
      others: [brand.key, ...(others.get(brand.key) ?? [])],
    }));
  }
}
