// What a copied code is written as on each platform: the text and the markers that keep it out of
// clipboard history, clipboard managers and cloud clipboards, in one entry (one clipboard write).
import { describe, expect, it } from 'vitest';
import { osFormat, secretEntry } from '../../electron/system/clipboard-formats';

const dword = (value: number) => new Uint8Array([value, 0, 0, 0]);

describe('secret clipboard entry', () => {
  it('on Windows: the text, ExcludeClipboardContentFromMonitorProcessing, and DWORD 0 for clipboard history and cloud upload', () => {
    expect(secretEntry('123456', 'win32')).toEqual({
      'text/plain': '123456',
      'electron application/osclipboard;format="ExcludeClipboardContentFromMonitorProcessing"':
        dword(1),
      'electron application/osclipboard;format="CanIncludeInClipboardHistory"': dword(0),
      'electron application/osclipboard;format="CanUploadToCloudClipboard"': dword(0),
    });
  });

  it('on macOS: the text and org.nspasteboard.ConcealedType', () => {
    expect(secretEntry('123456', 'darwin')).toEqual({
      'text/plain': '123456',
      'electron application/osclipboard;format="org.nspasteboard.ConcealedType"': 'secret',
    });
  });

  it('on Linux and the BSDs: the text and x-kde-passwordManagerHint = secret', () => {
    for (const platform of ['linux', 'freebsd', 'openbsd']) {
      expect(secretEntry('12345678', platform), platform).toEqual({
        'text/plain': '12345678',
        'electron application/osclipboard;format="x-kde-passwordManagerHint"': 'secret',
      });
    }
  });

  it("names raw formats the way Electron 45's clipboard.write takes them", () => {
    expect(osFormat('x-kde-passwordManagerHint')).toBe(
      'electron application/osclipboard;format="x-kde-passwordManagerHint"',
    );
  });

  it('the DWORDs are 4 little-endian bytes, as Windows reads them', () => {
    const entry = secretEntry('1', 'win32');
    const exclude = entry[osFormat('ExcludeClipboardContentFromMonitorProcessing')] as Uint8Array;
    expect(new DataView(exclude.buffer).getUint32(0, true)).toBe(1);
    expect(exclude).toHaveLength(4);
  });
});
