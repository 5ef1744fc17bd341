// What the icons need that is loaded after the first paint, shared by every <AccountIcon>: the brand
// list and matcher (one lazily imported chunk), icons' path data (a chunk per bucket, on demand) and
// custom pictures (getIconImages, asked in one batch per render). Components subscribe to `version`.
import { bucketOf, expandRows } from '../../../shared/brand-icons/catalogue';
import type { BrandMatcher } from '../../../shared/brand-icons/matcher';
import { call, subscribe as subscribeEvent } from '../../api/api';

let version = 0;
const listeners = new Set<() => void>();
let notifyQueued = false;

/** Tells subscribers once per task, however many loads finished in it. */
function changed(): void {
  if (notifyQueued) return;
  notifyQueued = true;
  queueMicrotask(() => {
    notifyQueued = false;
    version++;
    for (const listener of listeners) listener();
  });
}

export function subscribeIcons(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const iconsVersion = (): number => version;

// --- brands ---------------------------------------------------------------------------------------

let matcher: BrandMatcher | undefined;
let bucketLoaders: (() => Promise<{ default: Record<string, string> }>)[] | undefined;
let indexLoad: Promise<void> | undefined;
const paths = new Map<string, string>();
const bucketLoads = new Map<number, Promise<void>>();

/** The matcher once the brand list has loaded (loadBrands), else undefined. */
export const brandMatcher = (): BrandMatcher | undefined => matcher;

/**
 * Loads the brand list and the matching code (with its alias tables) once, both in lazily loaded
 * chunks; a failed load may be tried again.
 */
export function loadBrands(): Promise<void> {
  indexLoad ??= Promise.all([
    import('virtual:brand-icons'),
    import('../../../shared/brand-icons/matcher'),
  ]).then(
    ([data, { createBrandMatcher }]) => {
      matcher = createBrandMatcher(expandRows(data.rows));
      bucketLoaders = data.buckets;
      changed();
    },
    (error: unknown) => {
      indexLoad = undefined;
      throw error;
    },
  );
  return indexLoad;
}

/** An icon's path data if its bucket has loaded. */
export const brandPath = (slug: string): string | undefined => paths.get(slug);

/** Loads the bucket holding `slug` (after loadBrands); every slug in it becomes available. */
export function loadBrandPath(slug: string): void {
  if (paths.has(slug) || !bucketLoaders) return;
  const n = bucketOf(slug);
  if (bucketLoads.has(n)) return;
  const load = bucketLoaders[n]!().then(
    (module) => {
      for (const [key, d] of Object.entries(module.default)) paths.set(key, d);
      changed();
    },
    () => {
      bucketLoads.delete(n);
    },
  );
  bucketLoads.set(n, load);
}

// --- pictures -------------------------------------------------------------------------------------

/** hash → data: URL, or null when main has no such picture (or could not send it). */
const images = new Map<string, string | null>();
const wanted = new Set<string>();
const asked = new Set<string>();
let flushQueued = false;
let unsubscribeLock: (() => void) | undefined;
/** Pictures kept at most; the oldest go first (a visible one is simply asked for again). */
const IMAGE_CACHE_LIMIT = 2000;

/** The picture as a data: URL, null when there is none, undefined while unknown. */
export const iconImage = (hash: string): string | null | undefined => images.get(hash);

/** Asks main for the picture, together with every other picture asked for in the same task. */
export function loadIconImage(hash: string): void {
  if (images.has(hash) || asked.has(hash) || wanted.has(hash)) return;
  wanted.add(hash);
  // Pictures are vault content: none stays in the window once the vault locks.
  unsubscribeLock ??= subscribeEvent('locked', () => {
    images.clear();
    changed();
  });
  if (flushQueued) return;
  flushQueued = true;
  setTimeout(flushImages, 0);
}

function flushImages(): void {
  flushQueued = false;
  const hashes = [...wanted];
  wanted.clear();
  for (const hash of hashes) asked.add(hash);
  const settle = (found: Record<string, string>) => {
    for (const hash of hashes) {
      asked.delete(hash);
      images.set(hash, found[hash] ?? null);
    }
    while (images.size > IMAGE_CACHE_LIMIT) images.delete(images.keys().next().value!);
    changed();
  };
  call('getIconImages', { hashes }).then(settle, () => settle({}));
}
