// `authdesk scan` and `authdesk import`, spawned as a user runs them, on a QR code of binary bytes
// (named by its size, never printed) and on WebP, GIF and BMP screenshots made by the test.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../electron/vault/vault';
import { qrRaster } from '../corpus/qr-draw';
import { assertBuilt, runCli } from '../harness/cli';
import { encodeBmp, encodeGif, encodeWebp } from '../harness/image-encoders';
import { TINY_KDF } from '../harness/vault-fixtures';

const URI = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example';
/** NUL, Latin-1 bytes that are not UTF-8, and an escape sequence that would clear a terminal. */
const BINARY = Uint8Array.from([0x00, 0xff, 0x81, 0x9f, 0x10, 0xc3, 0x28, 0x1b, 0x5b, 0x32, 0x4a]);
const PASSWORD = 'scan images test password';

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-scan-images-'));
  await writeFile(
    file('binary.png'),
    await QRCode.toBuffer([{ data: Buffer.from(BINARY), mode: 'byte' }], { scale: 4 }),
  );
  const code = qrRaster(URI, { module: 4 });
  await writeFile(file('shot.webp'), await encodeWebp(code, false));
  await writeFile(file('shot.gif'), encodeGif(code));
  await writeFile(file('shot.bmp'), encodeBmp(code));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Control characters but the newline, and zxing's names for them: none may reach the terminal. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]|<NUL>|<ESC>|ÿ/;

describe('a QR code of binary bytes', () => {
  it('is named "binary data (N bytes)", even with --show-secrets, and never printed', async () => {
    for (const args of [[], ['--show-secrets']]) {
      const result = await runCli(['scan', file('binary.png'), ...args]);
      expect(result.status).toBe(10);
      expect(result.stdout).toBe(
        `${file('binary.png')}: This QR code is not a two-step verification setup code. It holds: binary data (${BINARY.length} bytes)\n`,
      );
      expect(result.stdout + result.stderr).not.toMatch(RAW);
    }
  });

  it('--json gives its size in a field, and no text', async () => {
    const result = await runCli(['scan', '--json', '--show-secrets', file('binary.png')]);
    expect(result.stdout).not.toMatch(RAW);
    expect(JSON.parse(result.stdout)).toEqual({
      file: file('binary.png'),
      payloads: [
        {
          binaryBytes: BINARY.length,
          accounts: [],
          error: {
            code: 'QR_NOT_OTP',
            message: 'This QR code is not a two-step verification setup code.',
          },
          detail: `binary data (${BINARY.length} bytes)`,
        },
      ],
    });
  });
});

describe('WebP, GIF and BMP screenshots', () => {
  it('scan reads the account in each', async () => {
    const files = ['shot.webp', 'shot.gif', 'shot.bmp'].map(file);
    const result = await runCli(['scan', '--json', ...files]);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; payloads: { accounts: unknown[] }[] });
    expect(lines.map((l) => l.file)).toEqual(files);
    for (const line of lines) {
      expect(line.payloads[0]!.accounts).toEqual([
        {
          issuer: 'Example',
          label: 'alice',
          type: 'totp',
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
        },
      ]);
    }
  });

  it('import names `authdesk scan --add` for each, as for PNG', async () => {
    const vaultPath = file('vault.json');
    (await Vault.create(vaultPath, PASSWORD, { kdf: TINY_KDF })).lock();
    for (const [name, kind] of [
      ['shot.webp', 'WebP'],
      ['shot.gif', 'GIF'],
      ['shot.bmp', 'BMP'],
    ]) {
      const result = await runCli(
        ['--vault', vaultPath, '--password-stdin', 'import', file(name!), '--yes'],
        { stdin: `${PASSWORD}\n` },
      );
      expect(result.status, name).toBe(11);
      expect(result.stderr).toContain(`This is a ${kind} image, not an export file.`);
      expect(result.stderr).toContain('`authdesk scan --add <image>` in a terminal');
    }
  });
});
