// Proves the brand data the build makes from the installed simple-icons (config/brand-icons-plugin.ts):
// every shipped icon in exactly one bucket of a few tens of KB, the list chunk giving back the same
// brands, icons under licences that ask more than CC0 left out, our badges and aliases consistent
// with the set, and the modules the plugin serves loadable as they are.
import { describe, expect, it } from 'vitest';
import { BRAND_SLUG_PATTERN } from '../../../shared/account-icon';
import { accountIconSchema } from '../../../shared/ipc';
import { BADGES } from '../../../shared/brand-icons/badges';
import { DOMAIN_ALIASES, NAME_ALIASES } from '../../../shared/brand-icons/aliases';
import { BUCKET_COUNT, bucketOf, expandRows } from '../../../shared/brand-icons/catalogue';
import { brandIconsPlugin, buildBrandData } from '../../../config/brand-icons-plugin';
import { ENTRIES, matcher, ROWS } from './simple-icons-data';

const data = buildBrandData();
const KB = 1024;

describe('the brand data built for the renderer', () => {
  it('puts each shipped icon in the bucket its slug hashes to, once', () => {
    expect(data.buckets).toHaveLength(BUCKET_COUNT);
    const seen: string[] = [];
    const misplaced: string[] = [];
    const badPaths: string[] = [];
    data.buckets.forEach((bucket, n) => {
      for (const [slug, d] of Object.entries(bucket)) {
        seen.push(slug);
        if (bucketOf(slug) !== n) misplaced.push(slug);
        if (!/^[Mm][-MmZzLlHhVvCcSsQqTtAaEe\d,. ]+$/.test(d)) badPaths.push(slug);
      }
    });
    expect(misplaced).toEqual([]);
    expect(badPaths).toEqual([]);
    expect(seen.sort()).toEqual(ROWS.map((row) => row.slug).sort());
  });

  it('keeps buckets to tens of KB and the list chunk small', () => {
    const sizes = data.buckets.map((bucket) => JSON.stringify(bucket).length);
    expect(Math.max(...sizes)).toBeLessThan(100 * KB);
    expect(Math.min(...sizes)).toBeGreaterThan(5 * KB);
    expect(JSON.stringify(data.index).length).toBeLessThan(160 * KB);
  });

  it('gives back the same brands from the compact list', () => {
    expect(expandRows(data.index)).toEqual(ROWS);
  });

  it('leaves out icons whose own licence asks more than CC0 (GPL, CC BY-SA, NC, ND, custom)', () => {
    const shipped = new Set(ROWS.map((row) => row.slug));
    const left = ENTRIES.filter((entry) => !shipped.has(entry.slug));
    expect(left.length).toBeGreaterThan(0);
    const kept = new Set(['CC0-1.0', 'Unlicense', undefined]);
    expect(left.filter((entry) => kept.has(entry.license?.type))).toEqual([]);
    for (const slug of ['git', 'debian', 'letsencrypt', 'vuedotjs', 'keycloak']) {
      expect(shipped.has(slug)).toBe(false);
      expect(matcher.brand(slug)).toBeUndefined();
    }
    expect(shipped.has('dotnet')).toBe(true); // CC0 itself
  });

  it('accepts every shipped slug and badge key as an account icon', () => {
    const keys = [...ROWS.map((row) => row.slug), ...Object.keys(BADGES)];
    expect(keys.filter((key) => !BRAND_SLUG_PATTERN.test(key))).toEqual([]);
    const refused = keys.filter(
      (slug) => !accountIconSchema.safeParse({ kind: 'brand', slug }).success,
    );
    expect(refused).toEqual([]);
  });
});

describe('badges and aliases', () => {
  it('never reuses a simple-icons slug for a badge (it would hide that icon)', () => {
    const slugs = new Set(ENTRIES.map((entry) => entry.slug));
    for (const key of Object.keys(BADGES)) expect(slugs.has(key)).toBe(false);
  });

  it('keeps badge text short enough for the tile', () => {
    for (const badge of Object.values(BADGES)) {
      expect(badge.text.length).toBeLessThanOrEqual(5);
      expect(badge.hex).toMatch(/^[0-9A-F]{6}$/);
    }
  });

  it('points every alias at a brand this set has', () => {
    for (const key of [...Object.values(NAME_ALIASES), ...Object.values(DOMAIN_ALIASES)]) {
      expect(matcher.brand(key), key).toBeDefined();
    }
  });
});

describe('the Vite plugin', () => {
  const plugin = brandIconsPlugin();
  const resolve = (id: string) => (plugin.resolveId as (id: string) => string | undefined)(id);
  const load = (id: string) => (plugin.load as (id: string) => string | undefined)(id);
  const evaluate = (code: string) =>
    import(`data:text/javascript,${encodeURIComponent(code)}`) as Promise<Record<string, unknown>>;

  it('serves the list with a loader per bucket, and each bucket as its path data', async () => {
    const indexId = resolve('virtual:brand-icons')!;
    const index = load(indexId)!;
    for (let n = 0; n < BUCKET_COUNT; n++) {
      expect(index).toContain(`import('virtual:brand-icons/bucket-${n}')`);
    }
    const rows = index.slice(0, index.indexOf('\nexport const buckets'));
    expect((await evaluate(rows)).rows).toEqual(data.index);

    const n = bucketOf('github');
    const bucket = await evaluate(load(resolve(`virtual:brand-icons/bucket-${n}`)!)!);
    expect(bucket.default).toEqual(data.buckets[n]);
    expect(resolve('react')).toBeUndefined();
    expect(() => load(`${resolve('virtual:brand-icons/bucket-0')!.slice(0, -1)}999`)).toThrow(
      'No brand icon bucket',
    );
  });
});
