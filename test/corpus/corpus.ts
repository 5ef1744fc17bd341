// Builds the synthetic screenshot corpus, deterministically from a seed, in memory or into a folder.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CASES } from './cases';
import { createRng, seedFor } from './random';

export const CORPUS_SEED = 0x5eed_0004;

export interface CorpusImage {
  name: string;
  about: string;
  format: 'png' | 'jpeg';
  width: number;
  height: number;
  /** Every code's text in reading order; [] for an image without a code. */
  expected: string[];
  bytes: Uint8Array;
}

export function corpusNames(): string[] {
  return CASES.map((c) => c.name);
}

export function generateCase(name: string, seed = CORPUS_SEED): CorpusImage {
  const spec = CASES.find((c) => c.name === name);
  if (!spec) throw new Error(`no corpus case named ${name}`);
  const { raster, expected } = spec.draw(createRng(seedFor(seed, name)));
  const { width, height } = raster;
  return {
    name,
    about: spec.about,
    format: spec.format,
    width,
    height,
    expected,
    bytes: spec.encode(raster),
  };
}

export function generateCorpus(seed = CORPUS_SEED): CorpusImage[] {
  return CASES.map((c) => generateCase(c.name, seed));
}

/** Writes each image as <name>.png|.jpg and expected.json (name → texts); returns the file paths. */
export async function writeCorpus(
  dir: string,
  images = generateCorpus(),
): Promise<Map<string, string>> {
  await mkdir(dir, { recursive: true });
  const files = new Map<string, string>();
  for (const image of images) {
    const file = path.join(dir, `${image.name}.${image.format === 'png' ? 'png' : 'jpg'}`);
    await writeFile(file, image.bytes);
    files.set(image.name, file);
  }
  const expected = Object.fromEntries(images.map((i) => [i.name, i.expected]));
  await writeFile(path.join(dir, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  return files;
}
