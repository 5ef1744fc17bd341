// Browser tests (the built renderer in Debian's Chromium, driven through the real IPC handlers) and
// Electron end-to-end tests (skipped where the Electron binary is not installed).
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './test/harness/browser/chromium';

export default defineConfig({
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  workers: 2,
  // On CI one retry, reported as "flaky" in the output: a test that fails twice still fails the run.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  projects: [
    {
      name: 'browser',
      testDir: 'test/browser',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: CHROMIUM_LAUNCH,
      },
    },
    { name: 'electron', testDir: 'test/electron' },
  ],
});
