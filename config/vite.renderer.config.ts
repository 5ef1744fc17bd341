// Builds the React renderer into dist/renderer, which the window loads as app://authdesk/index.html
// (electron/system/app-protocol.ts) and the browser tests from http://127.0.0.1:PORT/. Relative asset
// URLs (base './') resolve the same under both origins; test/unit/app-protocol.test.ts checks them.
// `root` is relative to the repository root, where npm runs the build; outDir to `root`. Two pages:
// the main window's index.html and quick access's quick.html, sharing one bundle of modules. Brand
// icons come from brand-icons-plugin.ts, in chunks loaded on demand.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { brandIconsPlugin } from './brand-icons-plugin.ts';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), brandIconsPlugin()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    rollupOptions: {
      input: { index: resolve('renderer/index.html'), quick: resolve('renderer/quick.html') },
    },
  },
});
