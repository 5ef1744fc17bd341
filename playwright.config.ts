// Browser tests (the built renderer in Debian's Chromium, driven through the real IPC handlers) and
// Electron end-to-end tests (skipped where the Electron binary is not installed).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  workers: 2,
  reporter: [['list']],
  projects: [
    {
      name: 'browser',
      testDir: 'test/browser',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: process.env.AUTHDESK_CHROMIUM ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            '--disable-sync',
          ],
        },
      },
    },
    { name: 'electron', testDir: 'test/electron' },
  ],
});
