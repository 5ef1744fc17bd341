// Electron adapter: the system clipboard as a ClipboardPort (text) and an ImageClipboardPort.
import { ClipboardItem, clipboard } from 'electron';
import type { ImageClipboardPort } from '../ports';
import type { ClipboardPort } from '../ports';
import { secretEntry } from './clipboard-formats';

export const electronClipboard: ClipboardPort = {
  readText: () => clipboard.readText(),
  // One ClipboardItem: the text and its markers are committed together (clipboard-formats.ts).
  writeSecret: (text) => {
    const entry = secretEntry(text, process.platform);
    const item = Object.fromEntries(
      Object.entries(entry).map(([type, value]) => [
        type,
        typeof value === 'string' ? value : new Blob([value]),
      ]),
    );
    return clipboard.write([new ClipboardItem(item)]);
  },
  clear: () => clipboard.clear(),
};

export const electronImageClipboard: ImageClipboardPort = {
  readImage: async () => {
    for (const item of await clipboard.read()) {
      const type = item.types.find((t) => t.startsWith('image/'));
      if (type) return new Uint8Array(await ((await item.getType(type)) as Blob).arrayBuffer());
    }
    return null;
  },
};
