// Shared Vite settings for the Node-side bundles (main process, preload, CLI): SSR builds, deps external.
import type { UserConfig } from 'vite';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export function nodeBundle(opts: {
  entry: string;
  outDir: string;
  fileName: string;
  format: 'es' | 'cjs';
  /** Bundle every dependency in (the sandboxed preload can load nothing but `electron`). */
  selfContained?: boolean;
}): UserConfig {
  return {
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    ssr: opts.selfContained ? { noExternal: true, external: ['electron'] } : undefined,
    build: {
      ssr: opts.entry,
      outDir: opts.outDir,
      emptyOutDir: true,
      target: 'node20',
      sourcemap: true,
      minify: false,
      rollupOptions: {
        output: { format: opts.format, entryFileNames: opts.fileName },
      },
    },
  };
}
