// Which files of the built renderer (dist/renderer) a page loads before it runs, and which hold the
// brand icon data: read from the page's HTML and the static imports of its scripts. Used by
// `npm run bundle-size` and by the browser test that keeps the icon set out of the first load.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The two pages Vite builds (config/vite.renderer.config.ts). */
export const PAGES = ['index.html', 'quick.html'] as const;

const HTML_ASSET = /<(?:script|link)\b[^>]*?(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g;
/** `import … from "./x.js"` and `import "./x.js"`, not `import("./x.js")` (loaded on demand). */
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']\.\/([^"']+\.js)["']/g;

/** The assets a page loads at start (its scripts, their static imports, its style sheets). */
export function firstLoadFiles(distDir: string, page: string): string[] {
  const html = readFileSync(path.join(distDir, page), 'utf8');
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    found.add(file);
    if (!file.endsWith('.js')) return;
    const code = readFileSync(path.join(distDir, file), 'utf8');
    for (const match of code.matchAll(STATIC_IMPORT)) visit(`assets/${match[1]}`);
  };
  for (const match of html.matchAll(HTML_ASSET)) visit(match[1]!);
  return [...found].sort();
}

/**
 * The brand icon chunks: the list and the path data buckets (config/brand-icons-plugin.ts), and the
 * matching code the list is loaded with (shared/brand-icons/matcher.ts, renderer/features/icons).
 */
export function brandFiles(distDir: string): {
  index: string[];
  matcher: string[];
  buckets: string[];
} {
  const assets = readdirSync(path.join(distDir, 'assets')).filter((name) => name.endsWith('.js'));
  return {
    index: assets
      .filter((name) => /^_?brand-icons-[\w-]+\.js$/.test(name))
      .map((n) => `assets/${n}`),
    matcher: assets.filter((name) => /^matcher-[\w-]+\.js$/.test(name)).map((n) => `assets/${n}`),
    buckets: assets
      .filter((name) => /^bucket-\d+-[\w-]+\.js$/.test(name))
      .map((n) => `assets/${n}`),
  };
}
