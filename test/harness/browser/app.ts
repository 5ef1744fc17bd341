// Playwright fixtures for the browser tests: a renderer server per worker and a fresh harness per test.
import { test as base } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QrDecoder } from '../../../electron/qr/decoder';
import { CONTENT_SECURITY_POLICY } from '../../../electron/system/window-options';
import { AppHarness, REPO, type HarnessOptions } from './harness';
import { RENDERER_DIR_ENV } from './renderer-copy';
import { serveRenderer } from './server';

export { AppHarness, TEST_KDF, type HarnessOptions, type Sent } from './harness';

export const test = base.extend<
  { harness: HarnessOptions; app: AppHarness },
  { rendererUrl: string; decoder: QrDecoder }
>({
  harness: [{}, { option: true }],
  rendererUrl: [
    // Playwright requires the destructuring pattern even when a fixture uses no other fixture.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      // The run's own copy (see renderer-copy.ts), so that a build during the run changes nothing.
      const root = process.env[RENDERER_DIR_ENV] ?? path.join(REPO, 'dist', 'renderer');
      const server = await serveRenderer(root, CONTENT_SECURITY_POLICY);
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],
  decoder: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      // One decoder per worker, its thread started before the first test and never idled out:
      // run from sources, a new thread loads them through tsx and compiles zxing's wasm, seconds of
      // CPU on a busy machine that a test's first scan then waited for within its 5 s.
      const decoder = new QrDecoder({ idleMs: null });
      await decoder.decodeRgba({ width: 1, height: 1, data: new Uint8Array(4) });
      await use(decoder);
      await decoder.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, harness, rendererUrl, decoder }, use) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-browser-'));
    const app = new AppHarness(page, dir, path.join(dir, 'vault.json'), decoder);
    await app.start(rendererUrl, harness);
    await use(app);
    await app.close();
  },
});

export { expect } from '@playwright/test';
