// Browser tests: the built renderer in Debian's Chromium, driven through the real IPC handlers.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/browser',
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  workers: process.env.CI ? 2 : undefined,
  reporter: process.env.CI ? [['list']] : [['list']],
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
});
