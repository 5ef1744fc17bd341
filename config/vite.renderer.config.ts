// Builds the React renderer into dist/renderer, loaded by the window from file://.
// `root` is relative to the repository root, where npm runs the build; outDir to `root`.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'chrome130', sourcemap: true },
});
