// The brand set as Authdesk ships it: simple-icons' entries whose licence lets an MIT app show them
// without more (most carry none beyond the package's CC0; the few under GPL, CC BY-SA, NC, ND or a
// brand's own terms are left out), in a compact form the renderer loads lazily and main reads at run time.

/** One brand of the icon set: what matching, the chooser and the contrast rule need. */
export interface BrandRow {
  slug: string;
  title: string;
  /** RRGGBB without "#". */
  hex: string;
  /** Other names the brand goes by (simple-icons' aka, old and localised names). */
  names: readonly string[];
}

/** An entry of simple-icons' data/simple-icons.json, as far as it is read here. */
export interface SimpleIconsEntry {
  title: string;
  slug: string;
  hex: string;
  aliases?: { aka?: string[]; old?: string[]; loc?: Record<string, string> };
  license?: { type: string; url?: string };
}

/**
 * Licences under which an icon needs nothing from us beyond what the package's CC0 asks (no
 * attribution file, no share-alike, no non-commercial clause): the entries without a licence field
 * and those dedicated to the public domain.
 */
const SHIPPABLE_LICENCES = new Set(['CC0-1.0', 'Unlicense']);

export function isShippable(entry: Pick<SimpleIconsEntry, 'license'>): boolean {
  return entry.license === undefined || SHIPPABLE_LICENCES.has(entry.license.type);
}

/** The shipped rows, in the icon set's order. */
export function brandRows(entries: readonly SimpleIconsEntry[]): BrandRow[] {
  return entries.filter(isShippable).map((entry) => ({
    slug: entry.slug,
    title: entry.title,
    hex: entry.hex.toUpperCase(),
    names: [
      ...(entry.aliases?.aka ?? []),
      ...(entry.aliases?.old ?? []),
      ...Object.values(entry.aliases?.loc ?? {}),
    ],
  }));
}

/** The compact form of the rows the renderer loads: [slug, title, hex, ...names] per brand. */
export type CompactRow = [slug: string, title: string, hex: string, ...names: string[]];

export function compactRows(rows: readonly BrandRow[]): CompactRow[] {
  return rows.map((row) => [row.slug, row.title, row.hex, ...row.names]);
}

export function expandRows(rows: readonly CompactRow[]): BrandRow[] {
  return rows.map(([slug, title, hex, ...names]) => ({ slug, title, hex, names }));
}

/** How many files the icons' path data is split into (bucketOf decides which). */
export const BUCKET_COUNT = 128;

/** The bucket a slug's path data is in: FNV-1a of the slug, modulo BUCKET_COUNT. */
export function bucketOf(slug: string): number {
  let hash = 2166136261;
  for (let i = 0; i < slug.length; i++) hash = Math.imul(hash ^ slug.charCodeAt(i), 16777619);
  return (hash >>> 0) % BUCKET_COUNT;
}

/** The path data in an icon file of simple-icons (one <path d="…"> in a 24×24 view box). */
export function svgPath(svg: string): string | undefined {
  return /<path\s+d="([^"]+)"/.exec(svg)?.[1];
}
