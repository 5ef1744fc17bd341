// Electron adapter: the system clipboard as a ClipboardPort (text) and an ImageClipboardPort.
import { clipboard } from 'electron';
import type { ImageClipboardPort } from '../ports';
import type { ClipboardPort } from '../ports';

export const electronClipboard: ClipboardPort = {
  readText: () => clipboard.readText(),
  writeText: (text) => clipboard.writeText(text),
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
