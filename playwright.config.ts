// Browser tests (the built renderer in a real Chromium, driven through the real IPC handlers) and
// Electron end-to-end tests (skipped where the Electron binary is not installed).
import { defineConfig } from '@playwright/test';
import { playwrightLaunch } from './test/harness/browser/chromium';

export default defineConfig({
  outputDir: 'test-results/playwright',
  // Serves the browser tests a copy of dist/renderer taken once, safe from builds during the run.
  globalSetup: './test/harness/browser/renderer-copy.ts',
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
        // The app then skips its transitions (styles.css): the code rings would otherwise animate
        // every frame in every test, a steady load on a machine the suite already keeps busy.
        reducedMotion: 'reduce',
        // AUTHDESK_CHROMIUM, Playwright's own Chromium or the system's; none stops the run in one line.
        launchOptions: playwrightLaunch(),
      },
    },
    { name: 'electron', testDir: 'test/electron' },
  ],
});
