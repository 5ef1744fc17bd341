// Electron adapter: the system clipboard as a ClipboardPort.
import { clipboard } from 'electron';
import type { ClipboardPort } from '../services/clipboard-guard';

export const electronClipboard: ClipboardPort = {
  readText: () => clipboard.readText(),
  writeText: (text) => clipboard.writeText(text),
  clear: () => clipboard.clear(),
};
