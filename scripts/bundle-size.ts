// `npm run bundle-size [-- <dist/renderer> [--compare <another build>]]`: the built renderer's sizes as
// a table, raw and gzip: what each page loads first, the brand list chunk, the icon path buckets and
// the whole brand set. With --compare, the first-load sizes of another build (e.g. before a change).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { brandFiles, firstLoadFiles, PAGES } from './renderer-chunks.ts';

interface Size {
  raw: number;
  gzip: number;
}

const args = process.argv.slice(2);
const compareAt = args.indexOf('--compare');
const compareDir = compareAt >= 0 ? args[compareAt + 1] : undefined;
const positional = args.filter((_, i) => i !== compareAt && i !== compareAt + 1);
const distDir = path.resolve(positional[0] ?? 'dist/renderer');

function sizeOf(dir: string, files: readonly string[]): Size {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(dir, file));
    raw += bytes.byteLength;
    gzip += gzipSync(bytes, { level: 9 }).byteLength;
  }
  return { raw, gzip };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const signedKb = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${kb(Math.abs(bytes))}`;

const rows: string[][] = [];
for (const page of PAGES) {
  const files = firstLoadFiles(distDir, page);
  const size = sizeOf(distDir, files);
  const row = [`first load of ${page} (${files.length} files)`, kb(size.raw), kb(size.gzip)];
  if (compareDir) {
    const before = sizeOf(path.resolve(compareDir), firstLoadFiles(path.resolve(compareDir), page));
    row.push(`${signedKb(size.raw - before.raw)} / ${signedKb(size.gzip - before.gzip)} gzip`);
  }
  rows.push(row);
}

const brands = brandFiles(distDir);
const index = sizeOf(distDir, brands.index);
rows.push(['brand list chunk (on first use)', kb(index.raw), kb(index.gzip)]);
const matcher = sizeOf(distDir, brands.matcher);
rows.push(['matching code chunk (with the list)', kb(matcher.raw), kb(matcher.gzip)]);
const buckets = brands.buckets.map((file) => sizeOf(distDir, [file]));
if (buckets.length > 0) {
  const byRaw = [...buckets].sort((a, b) => a.raw - b.raw);
  const median = byRaw[Math.floor(byRaw.length / 2)]!;
  const total = sizeOf(distDir, brands.buckets);
  rows.push([
    `icon path buckets: ${buckets.length}, smallest`,
    kb(byRaw[0]!.raw),
    kb(byRaw[0]!.gzip),
  ]);
  rows.push(['icon path buckets: median', kb(median.raw), kb(median.gzip)]);
  rows.push(['icon path buckets: largest', kb(byRaw.at(-1)!.raw), kb(byRaw.at(-1)!.gzip)]);
  rows.push(['icon path buckets: all', kb(total.raw), kb(total.gzip)]);
  rows.push([
    'brand icons in all (list, matching, buckets)',
    kb(total.raw + index.raw + matcher.raw),
    kb(total.gzip + index.gzip + matcher.gzip),
  ]);
}

const header = ['part', 'raw', 'gzip', ...(compareDir ? [`change from ${compareDir}`] : [])];
const table = [header, header.map(() => '---'), ...rows];
const widths = header.map((_, col) => Math.max(...table.map((row) => (row[col] ?? '').length)));
for (const row of table) {
  const cells = row.map((cell, col) =>
    col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!),
  );
  process.stdout.write(`| ${cells.join(' | ')} |\n`);
}
