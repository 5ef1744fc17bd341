// Proves how dropped files are sorted: images to the QR decoder, everything else to the file importers.
import { describe, expect, it } from 'vitest';
import { IMPORT_FILE_MAX_BYTES } from '../../../shared/ipc';
import {
  MAX_IMPORT_FILE_BYTES,
  splitDropped,
} from '../../../renderer/features/import/model/dropped-files';

const file = (name: string, type: string) => new File(['x'], name, { type });
const names = (files: File[]) => files.map((f) => f.name);

describe('splitDropped', () => {
  it('sends files the browser types as images to the decoder, in the order dropped', () => {
    const { images, others } = splitDropped([
      file('b.png', 'image/png'),
      file('backup.authdesk', 'application/octet-stream'),
      file('a.jpg', 'image/jpeg'),
      file('vector', 'image/svg+xml'),
    ]);
    expect(names(images)).toEqual(['b.png', 'a.jpg', 'vector']);
    expect(names(others)).toEqual(['backup.authdesk']);
  });

  it('decides by the name, in any case, only when the browser gives no type', () => {
    const { images, others } = splitDropped([
      file('スクリーンショット.PNG', ''),
      file('photo.jpeg', ''),
      file('x.webp', ''),
      file('aegis.json', ''),
      file('notes.txt', ''),
      file('no-extension', ''),
      file('fake.png', 'application/json'),
    ]);
    expect(names(images)).toEqual(['スクリーンショット.PNG', 'photo.jpeg', 'x.webp']);
    expect(names(others)).toEqual(['aegis.json', 'notes.txt', 'no-extension', 'fake.png']);
  });

  it('gives two empty lists for nothing dropped', () => {
    expect(splitDropped([])).toEqual({ images: [], others: [] });
  });
});

describe('MAX_IMPORT_FILE_BYTES', () => {
  it("is the contract's limit, so the window refuses what main would", () => {
    expect(MAX_IMPORT_FILE_BYTES).toBe(IMPORT_FILE_MAX_BYTES);
  });
});
