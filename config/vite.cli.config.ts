// Builds the authdesk command (dist/cli/authdesk.js), run with plain Node through bin/authdesk.js, and
// one chunk per command beside it (electron/cli/registry.ts loads each with import()).
import { defineConfig } from 'vite';
import { ARGON2_WORKER, ICON_WORKER, nodeBundle, QR_WORKER } from './vite.node.ts';

export default defineConfig(
  nodeBundle({
    entry: 'electron/cli/main.ts',
    outDir: 'dist/cli',
    fileName: 'authdesk.js',
    format: 'es',
    workers: { ...QR_WORKER, ...ARGON2_WORKER, ...ICON_WORKER },
    chunkFileNames: '[name]-[hash].js',
  }),
);
