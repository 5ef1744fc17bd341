// QR decoding on the synthetic screenshot corpus, from file bytes (DESIGN.md §7): per image, the whole corpus, 4K and 5K.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { decodeQrFromBytes, decodeQrFromRgba } from '../electron/qr/decode';
import { QrDecoder } from '../electron/qr/decoder';
import { generateCorpus, writeCorpus } from '../test/corpus/corpus';
import { type BenchRow, measure, stats } from './stats';

const ROUNDS = 3;
const RUNS = 15;

export async function qrBench(): Promise<BenchRow[]> {
  const images = generateCorpus();
  const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-qr-bench-'));
  try {
    const written = await writeCorpus(dir, images);
    const files = await Promise.all(
      images.map(async (image) => ({
        ...image,
        bytes: new Uint8Array(await readFile(written.get(image.name)!)),
      })),
    );
    await decodeQrFromBytes(files[0]!.bytes); // load the wasm outside the measurements

    const perImage: number[] = [];
    const totals: number[] = [];
    let expected = 0;
    let found = 0;
    let wrong = 0;
    for (let round = 0; round < ROUNDS; round++) {
      let total = 0;
      for (const file of files) {
        const start = performance.now();
        const texts = await decodeQrFromBytes(file.bytes);
        const ms = performance.now() - start;
        perImage.push(ms);
        total += ms;
        if (round === 0) {
          expected += file.expected.length;
          found += file.expected.filter((t) => texts.includes(t)).length;
          wrong += texts.filter((t) => !file.expected.includes(t)).length;
        }
      }
      totals.push(total);
    }
    const verdict =
      found === expected && wrong === 0 ? '' : ` — MISSED ${expected - found}, FALSE ${wrong}`;
    const counted = `${found}/${expected} codes found, ${wrong} false (bar: 100%, none false)${verdict}`;

    const one = (name: string) => files.find((f) => f.name === name)!;
    const fourK = one('aws-mfa-4k-rgba');
    const heavy = one('aws-mfa-4k-photo-heavy');
    const fiveK = one('aws-mfa-5k');
    const mb = (f: { bytes: Uint8Array }) => `${(f.bytes.length / 1024 / 1024).toFixed(1)} MB`;
    const single = async (f: typeof fourK) =>
      stats(await measure(RUNS, () => decodeQrFromBytes(f.bytes)));

    // What a screen capture hands over: the same 4K page as a bitmap, nothing to decompress.
    const png = PNG.sync.read(Buffer.from(fourK.bytes));
    const bitmap = { width: png.width, height: png.height, data: new Uint8Array(png.data) };
    const captured = stats(await measure(RUNS, () => decodeQrFromRgba(bitmap)));

    const decoder = new QrDecoder();
    let viaWorker: number[];
    try {
      await decoder.decodeBytes(fourK.bytes.slice());
      viaWorker = await measure(RUNS, () => decoder.decodeBytes(fourK.bytes.slice()));
    } finally {
      await decoder.close();
    }

    return [
      {
        name: `QR: decode one image, ${files.length}-image corpus from file bytes; ${counted}`,
        runs: perImage.length,
        ...stats(perImage),
        bar: null,
      },
      {
        name: `QR: whole corpus (${files.length} images), total`,
        runs: ROUNDS,
        ...stats(totals),
        bar: null,
      },
      {
        name: `QR: 4K console screenshot, RGBA PNG as macOS saves it (${mb(fourK)})`,
        runs: RUNS,
        ...(await single(fourK)),
        bar: 150,
      },
      {
        name: `QR: 4K screenshot, half photo-like (${mb(heavy)} PNG)`,
        runs: RUNS,
        ...(await single(heavy)),
        bar: 150,
      },
      {
        name: `QR: 5K console screenshot (${mb(fiveK)} PNG)`,
        runs: RUNS,
        ...(await single(fiveK)),
        bar: 300,
      },
      {
        name: 'QR: same 4K page as a screen-capture bitmap (decodeQrFromRgba)',
        runs: RUNS,
        ...captured,
        bar: 150,
      },
      {
        name: 'QR: same 4K through QrDecoder (worker thread, buffer transferred)',
        runs: RUNS,
        ...stats(viaWorker),
        bar: 150,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
