// Builds the Electron main process (dist/main/main.js).
import { defineConfig } from 'vite';
import { ARGON2_WORKER, ICON_WORKER, nodeBundle, QR_WORKER } from './vite.node.ts';

export default defineConfig(
  nodeBundle({
    entry: 'electron/main.ts',
    outDir: 'dist/main',
    fileName: 'main.js',
    format: 'es',
    workers: { ...QR_WORKER, ...ARGON2_WORKER, ...ICON_WORKER },
  }),
);
