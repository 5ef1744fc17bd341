// Shared Vite settings for the Node-side bundles (main process, preload, CLI): SSR builds, deps external.
// Entry and output paths are relative to the repository root, where npm runs the build.
import type { UserConfig } from 'vite';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** The QR decoding worker, needed beside every bundle that uses electron/qr/decoder.ts. */
export const QR_WORKER = { 'qr-worker': 'electron/qr/qr-worker.ts' };

/**
 * The Argon2id worker (hash-wasm), needed beside every bundle that imports other apps' encrypted
 * exports: electron/import/argon2/argon2-thread.ts starts argon2-worker.js.
 */
export const ARGON2_WORKER = { 'argon2-worker': 'electron/import/argon2/argon2-worker.ts' };

/**
 * The icon picture worker (decode, resize, encode; resvg, libwebp, jpeg-js, pngjs): needed beside
 * every bundle that makes account icons (electron/icons/icon-pictures.ts starts icon-worker.js).
 */
export const ICON_WORKER = { 'icon-worker': 'electron/icons/icon-worker.ts' };

export function nodeBundle(opts: {
  entry: string;
  outDir: string;
  fileName: string;
  format: 'es' | 'cjs';
  /** Bundle every dependency in (the sandboxed preload can load nothing but `electron`). */
  selfContained?: boolean;
  /**
   * Worker-thread entries built beside the main file as <name>.js, where code in the bundle finds
   * them through import.meta.url (electron/qr/decoder.ts starts qr-worker.js, import/argon2/
   * argon2-thread.ts argon2-worker.js).
   */
  workers?: Record<string, string>;
  /**
   * Where code-split chunks go (default Vite's assets/[name]-[hash].js). The CLI loads each command
   * with import() and puts the chunks beside its main file, so that a chunk holding qr/decoder.ts
   * still finds qr-worker.js beside itself.
   */
  chunkFileNames?: string;
}): UserConfig {
  const main = opts.fileName.replace(/\.[cm]?js$/, '');
  return {
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    ssr: opts.selfContained ? { noExternal: true, external: ['electron'] } : undefined,
    build: {
      ssr: true,
      outDir: opts.outDir,
      emptyOutDir: true,
      target: 'node20',
      sourcemap: true,
      minify: false,
      rollupOptions: {
        input: { [main]: opts.entry, ...opts.workers },
        output: {
          format: opts.format,
          entryFileNames: (chunk) => (chunk.name === main ? opts.fileName : '[name].js'),
          ...(opts.chunkFileNames ? { chunkFileNames: opts.chunkFileNames } : {}),
        },
      },
    },
  };
}
