// Proves the exports to another device read back: QR matrices through our own decoder, links and lists through our parsers.
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import {
  googleExportCodes,
  MAX_QR_BYTES,
  otpauthListText,
  qrMatrix,
  renderQrRgba,
} from '../../electron/transfer/device-export';
import { decodeQrFromRgba } from '../../electron/qr/decode';
import { detectImportFile, readImportFile } from '../../electron/import/formats';
import type { Account, AccountInput } from '../../shared/account';
import { decodeMigrationUri } from '../../shared/migration';
import { formatOtpauthUri, parseOtpauthUri } from '../../shared/otpauth';
import type { QrMatrix } from '../../shared/transfer';
import { sampleInput } from '../harness/vault-fixtures';

const STAMP = '2025-01-02T03:04:05.000Z';

function account(tag: string | number, overrides: Partial<AccountInput> = {}): Account {
  return {
    ...sampleInput(tag, overrides),
    id: `id-${tag}`,
    createdAt: STAMP,
    updatedAt: STAMP,
  };
}

/** The fields an export carries, so accounts compare without ids and timestamps. */
function otpFields(a: AccountInput): AccountInput {
  const { type, algorithm, digits, period, counter, secret, issuer, label } = a;
  return { type, algorithm, digits, period, counter, secret, issuer, label };
}

async function decodeMatrix(qr: QrMatrix, scale = 4): Promise<string[]> {
  return decodeQrFromRgba(renderQrRgba(qr, scale));
}

/** 25 accounts Google can hold, covering what its format distinguishes. */
const VARIED: Account[] = Array.from({ length: 25 }, (_, i) => {
  if (i === 3) return account(i, { algorithm: 'SHA256' });
  if (i === 4) return account(i, { algorithm: 'SHA512', digits: 8 });
  if (i === 5) return account(i, { digits: 8 });
  if (i === 6) return account(i, { type: 'hotp', counter: 4242 });
  if (i === 7) return account(i, { issuer: 'Ünïcödé 銀行 🔐', label: 'アリス@example.jp' });
  if (i === 8) return account(i, { issuer: '', label: 'no-issuer@example.com' });
  return account(i);
});

describe('googleExportCodes', () => {
  it('exports 25 accounts as 3 Google batches that our decoder reads back as the same accounts', async () => {
    const { codes, skipped } = googleExportCodes(VARIED);
    expect(skipped).toEqual([]);
    expect(codes).toHaveLength(3);

    const decoded = [];
    for (const code of codes) {
      const texts = await decodeMatrix(code.qr);
      expect(texts).toEqual([code.text]);
      decoded.push(decodeMigrationUri(texts[0]!));
    }
    expect(decoded.map((d) => d.batch.index)).toEqual([0, 1, 2]);
    expect(decoded.map((d) => d.batch.size)).toEqual([3, 3, 3]);
    expect(new Set(decoded.map((d) => d.batch.id)).size).toBe(1);
    expect(decoded.map((d) => d.accounts.length)).toEqual([10, 10, 5]);
    expect(decoded.flatMap((d) => d.problems)).toEqual([]);
    expect(decoded.flatMap((d) => d.accounts)).toEqual(VARIED.map(otpFields));
  });

  it('skips a Steam account and a 60-second one with their reasons and exports the rest', () => {
    const steam = account('steam', { type: 'steam', digits: 5 });
    const slow = account('slow', { period: 60 });
    const { codes, skipped } = googleExportCodes([account('a'), steam, slow, account('b')]);
    expect(skipped).toEqual([
      { id: 'id-steam', reason: expect.stringMatching(/Steam/) as unknown },
      { id: 'id-slow', reason: expect.stringMatching(/30-second/) as unknown },
    ]);
    expect(codes).toHaveLength(1);
    const { accounts, batch } = decodeMigrationUri(codes[0]!.text);
    expect(accounts).toEqual([account('a'), account('b')].map(otpFields));
    expect(batch).toMatchObject({ index: 0, size: 1 });
  });

  it('gives no codes when no account can go to Google Authenticator', () => {
    const result = googleExportCodes([account('s', { type: 'steam', digits: 5 })]);
    expect(result.codes).toEqual([]);
    expect(result.skipped).toHaveLength(1);
  });

  it('puts fewer accounts in each code when long names would overflow one, keeping one consistent export', () => {
    const long = Array.from({ length: 10 }, (_, i) =>
      account(`long${i}`, { issuer: `Issuer ${i} ${'x'.repeat(200)}`, label: 'y'.repeat(200) }),
    );
    const { codes, skipped } = googleExportCodes(long);
    expect(skipped).toEqual([]);
    expect(codes.length).toBeGreaterThan(1);
    const decoded = codes.map((c) => decodeMigrationUri(c.text));
    expect(codes.every((c) => c.text.length <= MAX_QR_BYTES)).toBe(true);
    expect(decoded.map((d) => d.batch.index)).toEqual(codes.map((_, i) => i));
    expect(decoded.every((d) => d.batch.size === codes.length)).toBe(true);
    expect(decoded.flatMap((d) => d.accounts)).toEqual(long.map(otpFields));
  });

  it('skips, with a reason, an account whose names alone cannot fit in a QR code', () => {
    const huge = account('huge', { issuer: '𝔘'.repeat(256), label: '𝔙'.repeat(256) });
    const { codes, skipped } = googleExportCodes([huge, account('ok')]);
    expect(skipped).toEqual([{ id: 'id-huge', reason: expect.stringMatching(/too long/) }]);
    expect(decodeMigrationUri(codes[0]!.text).accounts).toEqual([otpFields(account('ok'))]);
  });
});

describe('qrMatrix', () => {
  it('draws one account as an otpauth QR code that decodes and parses back to the account', async () => {
    const hotp = account('single', {
      type: 'hotp',
      counter: 7,
      algorithm: 'SHA256',
      issuer: 'Bank & Co',
      label: 'bob:work@example.com',
    });
    const text = formatOtpauthUri(hotp);
    const qr = qrMatrix(text);
    expect(qr.modules).toHaveLength(qr.size * qr.size);
    expect(qr.modules).toMatch(/^[01]+$/);
    const texts = await decodeMatrix(qr, 3);
    expect(texts).toEqual([text]);
    expect(parseOtpauthUri(texts[0]!)).toEqual(otpFields(hotp));
  });

  it('refuses text longer than a QR code holds with a typed error', () => {
    expect(() => qrMatrix('x'.repeat(MAX_QR_BYTES + 1))).toThrow(/too long for a QR code/);
    expect(qrMatrix('x'.repeat(MAX_QR_BYTES)).size).toBe(177);
  });
});

describe('renderQrRgba', () => {
  it('draws a white quiet zone of 4 modules and each module as scale×scale pixels, row by row', () => {
    // Only the module at x=1, y=0 is dark: a transposed drawing would put it at x=0, y=1.
    const { width, height, data } = renderQrRgba({ size: 2, modules: '0100' }, 3);
    expect([width, height]).toEqual([30, 30]);
    const dark: string[] = [];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const [r, g, b, a] = data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4);
        expect(a).toBe(255);
        if (r === 0 && g === 0 && b === 0) dark.push(`${x},${y}`);
        else expect([r, g, b]).toEqual([255, 255, 255]);
      }
    }
    const expected: string[] = [];
    for (let y = 12; y < 15; y++) for (let x = 15; x < 18; x++) expected.push(`${x},${y}`);
    expect(dark).toEqual(expected);
  });

  it("draws a code pixel for pixel as the qrcode package's own PNG renderer does", async () => {
    const text = formatOtpauthUri(VARIED[7]!);
    const png = PNG.sync.read(
      await QRCode.toBuffer([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
        errorCorrectionLevel: 'M',
        margin: 4,
        scale: 2,
      }),
    );
    const ours = renderQrRgba(qrMatrix(text), 2);
    expect([ours.width, ours.height]).toEqual([png.width, png.height]);
    expect(Buffer.from(ours.data).equals(png.data)).toBe(true);
  });
});

describe('otpauthListText', () => {
  it('writes a commented header with the date and a warning, then one link per account that parses back', () => {
    const accounts = [
      ...VARIED.slice(0, 9),
      account('steam', { type: 'steam', digits: 5 }),
      account('slow', { period: 60, digits: 7 }),
    ];
    const text = otpauthListText(accounts, new Date(STAMP));
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    const comments = lines.filter((l) => l.startsWith('#'));
    const links = lines.filter((l) => l !== '' && !l.startsWith('#'));
    expect(lines.slice(0, comments.length)).toEqual(comments);
    expect(comments.join('\n')).toContain(STAMP);
    expect(comments.join('\n')).toMatch(/secret keys/i);
    expect(comments.join('\n')).toContain('11 account(s)');
    expect(links).toHaveLength(accounts.length);
    expect(links.map((l) => parseOtpauthUri(l))).toEqual(accounts.map(otpFields));
  });

  it('is read back by the otpauth:// list importer: the header is skipped, every account returns', async () => {
    const accounts = [...VARIED.slice(0, 9), account('steam', { type: 'steam', digits: 5 })];
    const bytes = Buffer.from(otpauthListText(accounts, new Date(STAMP)), 'utf8');
    expect(detectImportFile(bytes, 'accounts.txt')).toEqual({
      format: 'otpauth-list',
      encrypted: false,
    });
    const found = await readImportFile(bytes, 'accounts.txt');
    expect(found.problems).toEqual([]);
    expect(found.accounts.map((a) => otpFields(a.input))).toEqual(accounts.map(otpFields));
  });
});
