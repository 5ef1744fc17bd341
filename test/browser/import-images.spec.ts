// Screenshots in WebP, GIF and BMP dropped on the window, through the real handlers and decoder, and
// a QR code of binary bytes named by its size in English and Japanese, never shown as mojibake.
import QRCode from 'qrcode';
import { formatOtpauthUri } from '../../shared/otpauth';
import { test, expect } from '../harness/browser/app';
import { encodeBmp, encodeGif, encodeWebp } from '../harness/image-encoders';
import { qrRaster } from '../corpus/qr-draw';
import { dropFiles, png, type PageFile } from './import-support';
import { CALM_START, PASSWORD, secretFor, unlock } from './support';

const BINARY = Uint8Array.from([0x00, 0xff, 0x81, 0x9f, 0x10, 0xc3, 0x28, 0x1b, 0x5b, 0x32, 0x4a]);

const account = (issuer: string) => ({
  issuer,
  label: 'alice',
  type: 'totp' as const,
  algorithm: 'SHA1' as const,
  digits: 6,
  period: 30,
  counter: 0,
  secret: secretFor(`import-images/${issuer}`),
});

const raster = (issuer: string) => qrRaster(formatOtpauthUri(account(issuer)), { module: 4 });

async function binaryPng(): Promise<PageFile> {
  const bytes = await QRCode.toBuffer([{ data: Buffer.from(BINARY), mode: 'byte' }], { scale: 4 });
  return png('blob.png', new Uint8Array(bytes));
}

test.describe('in English', () => {
  test.use({ harness: { now: CALM_START, vault: { password: PASSWORD } } });

  test('WebP, GIF and BMP screenshots are read; a binary code is named by its size', async ({
    page,
    app,
  }) => {
    await unlock(page);
    await dropFiles(page, [
      { name: 'webp.webp', type: 'image/webp', bytes: await encodeWebp(raster('WebP'), false) },
      { name: 'gif.gif', type: 'image/gif', bytes: encodeGif(raster('GIF')) },
      { name: 'bmp.bmp', type: 'image/bmp', bytes: encodeBmp(raster('BMP')) },
      await binaryPng(),
    ]);
    const dialog = page.getByRole('dialog', { name: 'Import accounts' });
    for (const issuer of ['WebP', 'GIF', 'BMP'])
      await expect(dialog.getByRole('checkbox', { name: new RegExp(issuer) })).toBeChecked();
    const problems = dialog.getByRole('region', { name: 'Not imported' });
    await expect(problems.getByText('From blob.png')).toBeVisible();
    await expect(
      problems.getByText(`The code holds: binary data (${BINARY.length} bytes)`),
    ).toBeVisible();
    await expect(problems).not.toContainText('NUL');
    await expect(problems).not.toContainText('ÿ');
    expect(app.services.vault.list()).toEqual([]);
  });
});

test.describe('in Japanese', () => {
  test.use({
    harness: { now: CALM_START, systemLanguage: 'ja-JP', vault: { password: PASSWORD } },
  });

  test('a binary code is named by its size in Japanese', async ({ page, app }) => {
    await unlock(page);
    await dropFiles(page, [await binaryPng()]);
    await expect(
      page.getByText(`QR コードの内容: バイナリデータ（${BINARY.length} バイト）`),
    ).toBeVisible();
    expect(app.services.vault.list()).toEqual([]);
  });
});
