// Builds the renderer's brand icon data from the installed simple-icons at build time (nothing
// generated is committed): `virtual:brand-icons`, a lazily imported chunk with the brand list (slug,
// title, colour, other names) and a loader per bucket, and `virtual:brand-icons/bucket-N`, the icons'
// path data split by slug hash into BUCKET_COUNT chunks of a few tens of KB, each loaded on demand.
// The first chunk of a page never holds either (test/browser/icons.spec.ts checks the built files).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';
import {
  brandRows,
  BUCKET_COUNT,
  bucketOf,
  compactRows,
  svgPath,
  type CompactRow,
  type SimpleIconsEntry,
} from '../shared/brand-icons/catalogue.ts';

export const BRAND_INDEX_ID = 'virtual:brand-icons';
const BUCKET_ID = `${BRAND_INDEX_ID}/bucket-`;
const INDEX_MODULE = '\0brand-icons';
const BUCKET_MODULE = '\0brand-icons/bucket-';

export interface BrandData {
  index: CompactRow[];
  /** Per bucket: slug → the icon's SVG path data (24×24 view box). */
  buckets: Record<string, string>[];
}

/** Reads simple-icons' data file and icon files (from `packageDir`, else the installed package). */
export function buildBrandData(packageDir?: string): BrandData {
  const dir =
    packageDir ??
    path.dirname(path.dirname(createRequire(import.meta.url).resolve('simple-icons/icons.json')));
  const entries = JSON.parse(
    readFileSync(path.join(dir, 'data', 'simple-icons.json'), 'utf8'),
  ) as SimpleIconsEntry[];
  const rows = brandRows(entries);
  const buckets: Record<string, string>[] = Array.from({ length: BUCKET_COUNT }, () => ({}));
  for (const row of rows) {
    const svg = readFileSync(path.join(dir, 'icons', `${row.slug}.svg`), 'utf8');
    const d = svgPath(svg);
    if (!d) throw new Error(`simple-icons: no path in icons/${row.slug}.svg`);
    buckets[bucketOf(row.slug)]![row.slug] = d;
  }
  return { index: compactRows(rows), buckets };
}

/** A module whose default export is `value`, parsed from a JSON string (faster than a JS literal). */
const jsonModule = (value: unknown) =>
  `export default JSON.parse(${JSON.stringify(JSON.stringify(value))});\n`;

export function brandIconsPlugin(): Plugin {
  let data: BrandData | undefined;
  return {
    name: 'authdesk-brand-icons',
    // Resolved to ids without "virtual:", so the chunks are named brand-icons-… and bucket-N-….
    resolveId(id) {
      if (id === BRAND_INDEX_ID) return INDEX_MODULE;
      return id.startsWith(BUCKET_ID) ? `${BUCKET_MODULE}${id.slice(BUCKET_ID.length)}` : undefined;
    },
    load(id) {
      if (id !== INDEX_MODULE && !id.startsWith(BUCKET_MODULE)) return undefined;
      data ??= buildBrandData();
      if (id === INDEX_MODULE) {
        const loaders = data.buckets.map((_, n) => `() => import('${BUCKET_ID}${n}')`);
        return (
          `export const rows = JSON.parse(${JSON.stringify(JSON.stringify(data.index))});\n` +
          `export const buckets = [\n${loaders.join(',\n')}\n];\n`
        );
      }
      const n = Number(id.slice(BUCKET_MODULE.length));
      const bucket = data.buckets[n];
      if (!Number.isInteger(n) || !bucket) throw new Error(`No brand icon bucket ${id.slice(1)}`);
      return jsonModule(bucket);
    },
  };
}
