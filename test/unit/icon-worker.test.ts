// IconPictures runs the picture pipeline in a worker thread: the same PNG as in this thread, typed
// errors carried over, this thread keeps turning while a large picture decodes, and a job that
// hangs is given up (ICON_UNREADABLE) without stopping the jobs after it.
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { iconPictureFrom } from '../../electron/icons/icon-picture';
import { IconPictures, startIconWorker } from '../../electron/icons/icon-pictures';
import { AuthdeskError } from '../../shared/errors';
import {
  halves,
  jpegFile,
  picture,
  pixel,
  pixelsOf,
  pngFile,
  squareSvg,
} from '../harness/icon-images';

const pictures = new IconPictures({ idleMs: null });
afterAll(() => pictures.close());

describe('IconPictures (worker thread)', () => {
  it('makes the same PNG as the pipeline in this thread, and hands back its typed errors', async () => {
    const file = pngFile(halves(300, 150));
    const inWorker = await pictures.picture(file);
    expect(Buffer.compare(inWorker, await iconPictureFrom(file))).toBe(0);
    // The caller's bytes are copied, not taken.
    expect(file.byteLength).toBeGreaterThan(0);
    const error = await pictures.picture(Buffer.from('not a picture')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthdeskError);
    expect((error as AuthdeskError).code).toBe('ICON_UNREADABLE');
    const svg = pixelsOf(await pictures.menuIcon({ kind: 'svg', text: squareSvg('#1428c8') }, 16));
    expect([svg.width, svg.height, ...pixel(svg, 8, 8)]).toEqual([16, 16, 20, 40, 200, 255]);
  });

  it('keeps this thread turning while a large JPEG decodes', async () => {
    const big = jpegFile(
      picture(1600, 1600, (x, y) => [x & 255, y & 255, (x ^ y) & 255, 255]),
      80,
    );
    await pictures.picture(pngFile(halves(2, 2))); // the worker is up
    let turns = 0;
    let done = false;
    const spin = () => {
      if (done) return;
      turns++;
      setImmediate(spin);
    };
    spin();
    const started = performance.now();
    const icon = pixelsOf(await pictures.picture(big));
    const took = performance.now() - started;
    done = true;
    expect([icon.width, icon.height]).toEqual([128, 128]);
    // Decoding 1.4 megapixels takes a few hundred ms; this thread went round many times meanwhile.
    expect(took).toBeGreaterThan(50);
    expect(turns).toBeGreaterThan(50);
  });

  it('gives up a job that takes too long, ends its worker, and runs the next job in a fresh one', async () => {
    let starts = 0;
    // The first worker loads and then never answers; the second is a real one.
    const hanging = () =>
      new Worker(
        "require('node:worker_threads').parentPort.on('message', () => {}); require('node:worker_threads').parentPort.postMessage({ ready: true });",
        { eval: true },
      );
    const start = () => (++starts === 1 ? hanging() : startIconWorker());
    const slow = new IconPictures({ timeoutMs: 500, idleMs: null, start });
    try {
      const first = slow.picture(pngFile(halves(8, 8)));
      const second = slow.picture(pngFile(halves(8, 8)));
      const error = await first.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthdeskError);
      expect((error as AuthdeskError).code).toBe('ICON_UNREADABLE');
      expect(pixelsOf(await second).width).toBe(8);
      expect(slow.started).toBe(2);
    } finally {
      await slow.close();
    }
  });
});
