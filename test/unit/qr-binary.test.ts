// Proves a QR code of binary bytes (byte mode, not UTF-8, not text in any character set) is named
// "binary data (N bytes)" through the real decoder, in the worker and in the core, and never as
// zxing's mojibake; text in ISO-8859-1, Shift_JIS or Kanji mode stays text.
import QRCode, { type QRCodeSegment } from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { binaryLength, fromQrCodes } from '../../electron/import/found';
import { ImageSources } from '../../electron/import/image-sources';
import { decodeQrCodes } from '../../electron/qr/decode';
import { QrDecoder } from '../../electron/qr/decoder';
import { TestImageSources } from '../harness/browser/ports';

const BINARY = Uint8Array.from([0x00, 0xff, 0x81, 0x9f, 0x10, 0xc3, 0x28, 0x1b, 0x5b, 0x32, 0x4a]);

async function qrPng(segments: QRCodeSegment[]): Promise<Uint8Array> {
  return new Uint8Array(await QRCode.toBuffer(segments, { type: 'png', scale: 4 }));
}

const byteSegment = (bytes: Uint8Array): QRCodeSegment[] => [
  { data: Buffer.from(bytes), mode: 'byte' },
];

const decoder = new QrDecoder({ idleMs: null });
afterAll(() => decoder.close());

describe('a QR code of binary bytes', () => {
  it('carries its raw bytes from the decoder and is named by its size only', async () => {
    const [code, ...rest] = await decodeQrCodes(await qrPng(byteSegment(BINARY)));
    expect(rest).toEqual([]);
    expect([...code!.bytes]).toEqual([...BINARY]);
    expect(code!.textual).toBe(false);
    expect(binaryLength(code!)).toBe(BINARY.length);
    const found = fromQrCodes([code!], 'blob.png');
    expect(found.accounts).toEqual([]);
    expect(found.problems).toEqual([
      {
        source: 'blob.png',
        code: 'QR_NOT_OTP',
        message: 'This QR code is not a two-step verification setup code.',
        detail: `binary data (${BINARY.length} bytes)`,
        binaryBytes: BINARY.length,
      },
    ]);
  });

  it('crosses the worker protocol with its bytes, and the window sees the same problem', async () => {
    const codes = await decoder.decodeBytes(await qrPng(byteSegment(BINARY)));
    expect(codes.map((c) => [...c.bytes])).toEqual([[...BINARY]]);
    const images = new TestImageSources();
    const sources = new ImageSources({
      decoder,
      imageClipboard: images,
      filePicker: images,
      screenCapture: images,
      readClipboardText: async () => '',
    });
    const png = Buffer.from(await qrPng(byteSegment(BINARY))).toString('base64');
    const found = await sources.fromBase64([{ name: 'blob.png', base64: png }]);
    expect(found.problems).toHaveLength(1);
    expect(found.problems[0]).toMatchObject({
      detail: `binary data (${BINARY.length} bytes)`,
      binaryBytes: BINARY.length,
    });
    // Nothing of zxing's reading of the bytes (its <NUL>, the escape sequence) reaches the problem.
    expect(JSON.stringify(found)).not.toMatch(/NUL|ESC|\\u001b|ÿ/);
  });

  it('keeps text as text: UTF-8, ISO-8859-1 (byte mode without ECI), Shift_JIS bytes and Kanji mode', async () => {
    const cases: [QRCodeSegment[], string][] = [
      [byteSegment(new TextEncoder().encode('héllo ✓')), 'héllo ✓'],
      [byteSegment(Buffer.from('caf\xe9 cr\xe8me', 'latin1')), 'café crème'],
      [byteSegment(Uint8Array.from([0x82, 0xa0, 0x82, 0xa2, 0x82, 0xa4])), 'あいう'],
      [[{ data: '漢字テスト', mode: 'kanji' }], '漢字テスト'],
    ];
    for (const [segments, text] of cases) {
      const [code] = await decodeQrCodes(await qrPng(segments));
      expect(binaryLength(code!), text).toBeUndefined();
      expect(fromQrCodes([code!], 'a.png').problems, text).toEqual([
        {
          source: 'a.png',
          code: 'QR_NOT_OTP',
          message: 'This QR code is not a two-step verification setup code.',
        },
      ]);
      expect(code!.text).toBe(text);
    }
  });

  it('decides on the bytes: invalid UTF-8 that zxing read as text in a character set stays text', () => {
    const bytes = Uint8Array.from([0xe9]);
    expect(binaryLength({ text: 'é', bytes, textual: true })).toBeUndefined();
    expect(binaryLength({ text: 'é', bytes, textual: false })).toBe(1);
    // Valid UTF-8 is text whatever zxing guessed.
    const utf8 = new TextEncoder().encode('é');
    expect(binaryLength({ text: 'Ã©', bytes: utf8, textual: false })).toBeUndefined();
  });
});
