// Builds the preload script; sandboxed preloads must be a single CommonJS file.
import { defineConfig } from 'vite';
import { nodeBundle } from './vite.node.ts';

export default defineConfig(
  nodeBundle({
    entry: 'electron/preload.ts',
    outDir: 'dist/preload',
    fileName: 'preload.cjs',
    format: 'cjs',
    selfContained: true,
  }),
);
