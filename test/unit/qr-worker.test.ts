// Proves QrDecoder decodes in worker threads: the event loop keeps ticking, answers and errors match the core, buffers move without copies.
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QrCode, decodeQrFromBytes } from '../../electron/qr/decode';
import { QrDecoder } from '../../electron/qr/decoder';
import { AuthdeskError } from '../../shared/errors';
import { type CorpusImage, generateCase } from '../corpus/corpus';

let fiveK: CorpusImage;
let darkMode: CorpusImage;
let threeCodes: CorpusImage;
let small: CorpusImage;
const decoder = new QrDecoder();
const textsOf = (codes: QrCode[]) => codes.map((c) => c.text);

beforeAll(async () => {
  fiveK = generateCase('aws-mfa-5k');
  darkMode = generateCase('dark-mode-1080p');
  threeCodes = generateCase('three-codes-4k');
  small = generateCase('transparent-black-on-clear');
  // Start the worker and its wasm, so the measurements below see only decoding.
  expect(textsOf(await decoder.decodeBytes(small.bytes.slice()))).toEqual(small.expected);
  await decodeQrFromBytes(small.bytes);
});
afterAll(() => decoder.close());

/** Counts setInterval ticks (every 10 ms) while `work` runs. */
async function ticksDuring(work: () => Promise<unknown>): Promise<{ ticks: number; ms: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  const start = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return { ticks, ms: performance.now() - start };
}

describe('QrDecoder', () => {
  it('keeps the event loop ticking at 10 Hz or more while a 5K screenshot decodes in the worker', async () => {
    let texts: string[] = [];
    const { ticks, ms } = await ticksDuring(async () => {
      for (let i = 0; i < 3; i++) texts = textsOf(await decoder.decodeBytes(fiveK.bytes.slice()));
    });
    expect(texts).toEqual(fiveK.expected);
    expect(ticks).toBeGreaterThanOrEqual(Math.max(5, Math.floor(ms / 100)));
  });

  it('(control) the same decode on this thread lets no tick through, so the count above means something', async () => {
    const bytes = fiveK.bytes.slice();
    const { ticks } = await ticksDuring(() => decodeQrFromBytes(bytes));
    expect(ticks).toBeLessThanOrEqual(1);
  });

  it('answers like the core does, for file bytes and for bitmaps', async () => {
    expect(textsOf(await decoder.decodeBytes(threeCodes.bytes.slice()))).toEqual(
      threeCodes.expected,
    );
    const png = PNG.sync.read(Buffer.from(darkMode.bytes));
    const image = { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data) };
    expect(textsOf(await decoder.decodeRgba(image))).toEqual(darkMode.expected);
  });

  it('moves a buffer the bytes own to the worker without copying, and copies a view into a larger one', async () => {
    const owned = small.bytes.slice();
    await decoder.decodeBytes(owned);
    expect(owned.byteLength).toBe(0); // transferred: detached here

    const larger = new Uint8Array(small.bytes.length + 16);
    larger.set(small.bytes, 8);
    const view = larger.subarray(8, 8 + small.bytes.length);
    expect(textsOf(await decoder.decodeBytes(view))).toEqual(small.expected);
    expect(view).toEqual(small.bytes); // the caller's larger buffer is untouched
  });

  it('returns AuthdeskErrors with the core codes: IMAGE_UNREADABLE and IMAGE_TOO_LARGE', async () => {
    const unreadable = await decoder
      .decodeBytes(new TextEncoder().encode('not an image'))
      .catch((e: unknown) => e);
    expect(unreadable).toBeInstanceOf(AuthdeskError);
    expect(unreadable).toMatchObject({ code: 'IMAGE_UNREADABLE' });
    const tooLarge = await decoder
      .decodeRgba({ width: 20_000, height: 20_000, data: new Uint8Array(4) })
      .catch((e: unknown) => e);
    expect(tooLarge).toBeInstanceOf(AuthdeskError);
    expect(tooLarge).toMatchObject({ code: 'IMAGE_TOO_LARGE' });
  });

  it('decodes several images at once on two workers, each answer going to its own caller', async () => {
    const pool = new QrDecoder({ workers: 2 });
    try {
      const images = [threeCodes, small, darkMode, small];
      const answers = await Promise.all(images.map((i) => pool.decodeBytes(i.bytes.slice())));
      expect(answers.map(textsOf)).toEqual(images.map((i) => i.expected));
    } finally {
      await pool.close();
    }
  });

  it('fails a decode still running at close(), and any later one, with INTERNAL_ERROR', async () => {
    const closing = new QrDecoder();
    const running = closing.decodeBytes(fiveK.bytes.slice()).catch((e: unknown) => e);
    await closing.close();
    expect(await running).toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(await closing.decodeBytes(small.bytes.slice()).catch((e: unknown) => e)).toMatchObject({
      code: 'INTERNAL_ERROR',
    });
  });

  it('refuses a worker count outside 1–8', () => {
    for (const workers of [0, 9, 1.5])
      expect(() => new QrDecoder({ workers })).toThrow(AuthdeskError);
  });
});
