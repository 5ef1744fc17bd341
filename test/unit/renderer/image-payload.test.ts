// Proves how dropped or pasted images are made ready for main: 20 per call in the order given, too large
// or unreadable files refused by name. The reader is passed in (FileReader in the window); here it reads
// the File's real bytes.
import { describe, expect, it } from 'vitest';
import {
  MAX_IMAGE_BYTES,
  MAX_IMAGES_PER_CALL,
  imagePayloads,
} from '../../../renderer/features/import/model/image-payload';

const read = async (file: File) => Buffer.from(await file.arrayBuffer()).toString('base64');

/** A file whose bytes cannot be read, as when it was deleted after the drop. */
class VanishedFile extends File {
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.reject(new Error('NotFoundError'));
  }
}

/** A file that says it is this large, without the test holding 50 MB. */
function sized<T extends File>(file: T, size: number): T {
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

const png = (name: string, bytes = 'PNG') => new File([bytes], name, { type: 'image/png' });

describe('imagePayloads', () => {
  it("sends each image's bytes as base64, at most 20 images per call, in the order given", async () => {
    const files = Array.from({ length: 2 * MAX_IMAGES_PER_CALL + 5 }, (_, i) =>
      png(`${i}.png`, `bytes of ${i}`),
    );
    const { calls, refused } = await imagePayloads(files, read);
    expect(MAX_IMAGES_PER_CALL).toBe(20);
    expect(calls.map((c) => c.length)).toEqual([20, 20, 5]);
    expect(calls.flat().map((p) => p.name)).toEqual(files.map((f) => f.name));
    expect(Buffer.from(calls[2]![4]!.base64, 'base64').toString()).toBe('bytes of 44');
    expect(refused).toEqual([]);
  });

  it('makes one call for exactly 20 images and none for no images', async () => {
    const twenty = Array.from({ length: MAX_IMAGES_PER_CALL }, (_, i) => png(`${i}.png`));
    expect((await imagePayloads(twenty, read)).calls.map((c) => c.length)).toEqual([20]);
    expect(await imagePayloads([], read)).toEqual({ calls: [], refused: [] });
  });

  it('refuses an image over 50 MB without reading it, and sends one of exactly 50 MB', async () => {
    expect(MAX_IMAGE_BYTES).toBe(50 * 1024 * 1024);
    const exact = sized(png('exact.png'), MAX_IMAGE_BYTES);
    // Unreadable: were it read, it would be refused as unreadable, not as too large.
    const over = sized(new VanishedFile(['x'], 'over.png'), MAX_IMAGE_BYTES + 1);
    const { calls, refused } = await imagePayloads([exact, over], read);
    expect(calls.flat().map((p) => p.name)).toEqual(['exact.png']);
    expect(refused).toEqual([
      { source: 'over.png', code: 'IMAGE_TOO_LARGE', message: 'Over 50 MB.' },
    ]);
  });

  it('refuses a file that cannot be read, and goes on with the rest', async () => {
    const { calls, refused } = await imagePayloads(
      [png('one.png'), new VanishedFile(['x'], 'gone.png'), png('two.png')],
      read,
    );
    expect(calls.flat().map((p) => p.name)).toEqual(['one.png', 'two.png']);
    expect(refused).toEqual([
      { source: 'gone.png', code: 'IMAGE_UNREADABLE', message: 'The file could not be read.' },
    ]);
  });

  it('names a pasted image without a name by its place in the paste, Japanese names kept', async () => {
    const { calls, refused } = await imagePayloads(
      [png(''), new VanishedFile(['x'], ''), png('スクリーンショット.png'), png('')],
      read,
    );
    expect(calls.flat().map((p) => p.name)).toEqual([
      'image 1',
      'スクリーンショット.png',
      'image 4',
    ]);
    expect(refused.map((r) => r.source)).toEqual(['image 2']);
  });
});
