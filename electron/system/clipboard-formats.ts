// What a copied code is written as, per platform: the text plus the markers that ask clipboard
// history, clipboard managers and cloud clipboards to leave it alone, as KeePassXC and KeePass do.
// Plain TypeScript (no Electron): clipboard.ts hands the entry to one clipboard.write, so the text
// and its markers are one clipboard transaction (Electron 45 commits a ClipboardItem atomically).

/** Electron 45's name for a raw platform clipboard format (Windows' registered name, a macOS UTI, an X11/Wayland target). */
export function osFormat(name: string): string {
  return `electron application/osclipboard;format="${name}"`;
}

/** A Windows DWORD as its 4 little-endian bytes, the form the clipboard-history formats take. */
function dword(value: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return bytes;
}

/** MIME type → payload, as a ClipboardItem takes it: a string is written as UTF-8, bytes as they are. */
export type ClipboardEntry = Record<string, string | Uint8Array<ArrayBuffer>>;

/**
 * The text, and the markers for `platform` (Node's process.platform):
 * - Windows: `ExcludeClipboardContentFromMonitorProcessing` (its presence keeps it out of clipboard
 *   history, cloud clipboard and monitoring apps), `CanIncludeInClipboardHistory` = 0 (not in Win+V)
 *   and `CanUploadToCloudClipboard` = 0 (not synced to other devices);
 * - macOS: `org.nspasteboard.ConcealedType` (nspasteboard.org: clipboard managers do not record it);
 * - Linux and the other X11/Wayland systems: `x-kde-passwordManagerHint` = `secret` (Klipper, CopyQ,
 *   wl-clipboard's `sensitive` state, cliphist, GNOME clipboard-history extensions).
 * Which managers honour a marker is up to them; none of the markers hides the code from a program
 * that reads the clipboard while it is there.
 */
export function secretEntry(text: string, platform: string): ClipboardEntry {
  const entry: ClipboardEntry = { 'text/plain': text };
  if (platform === 'win32') {
    entry[osFormat('ExcludeClipboardContentFromMonitorProcessing')] = dword(1);
    entry[osFormat('CanIncludeInClipboardHistory')] = dword(0);
    entry[osFormat('CanUploadToCloudClipboard')] = dword(0);
  } else if (platform === 'darwin') {
    entry[osFormat('org.nspasteboard.ConcealedType')] = 'secret';
  } else {
    entry[osFormat('x-kde-passwordManagerHint')] = 'secret';
  }
  return entry;
}
