// The andOTP importer on plain JSON backups and on .json.aes backups laid out as andOTP's BackupHelper writes them.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import {
  ANDOTP_DEFAULT_ITERATIONS,
  andotpEncrypt,
  andotpEncryptedFile,
  andotpEntry,
  andotpJsonFile,
  andotpPlainFile,
  rejection,
  SAMPLE_ACCOUNTS,
  SAMPLE_PASSWORD,
  utf8,
  withoutExtras,
} from '../../harness/import-samples';
import { errorOf } from '../../harness/typed-errors';

const NAME = 'otp_accounts_2024-05-01.json';
const AES_NAME = 'otp_accounts_2024-05-01.json.aes';
const EXPECTED = withoutExtras(SAMPLE_ACCOUNTS, { group: true });
const inputs = (found: Awaited<ReturnType<typeof readImportFile>>) =>
  found.accounts.map((a) => a.input);

describe('plain andOTP backups', () => {
  it('reads every kind of entry, its first tag as the group', async () => {
    const bytes = andotpPlainFile(SAMPLE_ACCOUNTS);
    expect(detectImportFile(bytes, NAME)).toEqual({ format: 'andotp', encrypted: false });
    const found = await readImportFile(bytes, NAME);
    expect(inputs(found)).toEqual(EXPECTED);
    expect(found.problems).toEqual([]);
  });

  it('splits "Issuer - account" labels of old entries that have no issuer', async () => {
    const old = {
      secret: 'JBSWY3DPEHPK3PXP',
      label: 'Example - me@example.com',
      period: 30,
      type: 'TOTP',
    };
    const found = await readImportFile(andotpJsonFile([old]), NAME);
    expect(inputs(found).map((a) => [a.issuer, a.label])).toEqual([['Example', 'me@example.com']]);
  });

  it('reports entries it cannot use and imports the rest', async () => {
    const entries = [
      andotpEntry(SAMPLE_ACCOUNTS[0]!),
      { ...andotpEntry(SAMPLE_ACCOUNTS[1]!), type: 'MOTP' },
      { ...andotpEntry(SAMPLE_ACCOUNTS[2]!), digits: 'eight' },
      { ...andotpEntry(SAMPLE_ACCOUNTS[3]!), counter: -1 },
      { ...andotpEntry(SAMPLE_ACCOUNTS[4]!), secret: 12345 },
      { ...andotpEntry(SAMPLE_ACCOUNTS[5]!), period: 0 },
      { ...andotpEntry(SAMPLE_ACCOUNTS[0]!), issuer: '', label: '' },
    ];
    const found = await readImportFile(andotpJsonFile(entries), NAME);
    expect(inputs(found)).toEqual(EXPECTED.slice(0, 1));
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['URI_TYPE', 'entry 2: Example HOTP (bob)'],
      ['DIGITS_INVALID', 'entry 3: Bank (carol)'],
      ['COUNTER_INVALID', 'entry 4: Cloud (dave)'],
      ['SECRET_INVALID', 'entry 5: eve@example.com'],
      ['PERIOD_INVALID', 'entry 6: ヤフー (山田太郎)'],
      ['ACCOUNT_INVALID', 'entry 7'],
    ]);
  });

  it('reports a cut-short list as damaged', () => {
    const bytes = andotpPlainFile(SAMPLE_ACCOUNTS);
    expect(errorOf(() => detectImportFile(bytes.subarray(0, 100), NAME)).code).toBe('FILE_CORRUPT');
  });
});

describe('encrypted andOTP backups', () => {
  const bytes = andotpEncryptedFile(SAMPLE_ACCOUNTS);

  it('is recognised with or without its .aes name and opens with its password', async () => {
    expect(detectImportFile(bytes, AES_NAME)).toEqual({ format: 'andotp', encrypted: true });
    expect(detectImportFile(bytes, 'renamed.bin')).toEqual({ format: 'andotp', encrypted: true });
    expect(inputs(await readImportFile(bytes, AES_NAME, SAMPLE_PASSWORD))).toEqual(EXPECTED);
  });

  it('asks for a password and refuses a wrong one', async () => {
    expect((await rejection(readImportFile(bytes, AES_NAME))).code).toBe('PASSWORD_REQUIRED');
    expect((await rejection(readImportFile(bytes, AES_NAME, ''))).code).toBe('PASSWORD_REQUIRED');
    const wrong = await rejection(readImportFile(bytes, AES_NAME, 'wrong'));
    expect(wrong.code).toBe('WRONG_PASSWORD');
    expect(wrong.message).toMatch(/old andOTP/);
  });

  it('opens a backup at andOTP’s own iteration count in well under two seconds', async () => {
    const real = andotpEncryptedFile(
      SAMPLE_ACCOUNTS.slice(0, 2),
      SAMPLE_PASSWORD,
      ANDOTP_DEFAULT_ITERATIONS,
    );
    const started = performance.now();
    expect(inputs(await readImportFile(real, AES_NAME, SAMPLE_PASSWORD))).toEqual(
      EXPECTED.slice(0, 2),
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('cannot tell a changed ciphertext byte from a wrong password', async () => {
    const changed = Buffer.from(bytes);
    changed[40]! ^= 0x04;
    expect((await rejection(readImportFile(changed, AES_NAME, SAMPLE_PASSWORD))).code).toBe(
      'WRONG_PASSWORD',
    );
  });

  it('refuses an absurd iteration count at once, and a cut-short .aes file', async () => {
    for (const iterations of [0, 10_000_001, 0xffffffff]) {
      const tampered = Buffer.from(bytes);
      tampered.writeUInt32BE(iterations, 0);
      const started = performance.now();
      expect(errorOf(() => detectImportFile(tampered, AES_NAME)).code).toBe('FILE_CORRUPT');
      expect((await rejection(readImportFile(tampered, AES_NAME, SAMPLE_PASSWORD))).code).toBe(
        'FILE_CORRUPT',
      );
      expect(performance.now() - started).toBeLessThan(200);
      // Without the name nothing says it is andOTP: such bytes are just not recognised.
      expect(errorOf(() => detectImportFile(tampered, 'renamed.bin')).code).toBe(
        'FILE_UNRECOGNIZED',
      );
    }
    expect(errorOf(() => detectImportFile(bytes.subarray(0, 43), AES_NAME)).code).toBe(
      'FILE_CORRUPT',
    );
  });

  it('does not guess at the old format: random bytes are not recognised', () => {
    const old = Buffer.concat([Buffer.from([0xa1]), randomBytes(200)]);
    expect(errorOf(() => detectImportFile(old, 'backup.bin')).code).toBe('FILE_UNRECOGNIZED');
    expect(errorOf(() => detectImportFile(old, AES_NAME)).code).toBe('FILE_CORRUPT');
  });

  it('reads an empty backup, and reports decrypted content that is not a JSON list as damage', async () => {
    expect(
      inputs(await readImportFile(andotpEncryptedFile([]), AES_NAME, SAMPLE_PASSWORD)),
    ).toEqual([]);
    for (const plain of [
      utf8('{}'),
      utf8('[{"secret": '),
      new Uint8Array([0xff, 0xfe, 0x5b, 0x5d]),
    ]) {
      const file = andotpEncrypt(plain);
      expect((await rejection(readImportFile(file, AES_NAME, SAMPLE_PASSWORD))).code).toBe(
        'FILE_CORRUPT',
      );
    }
  });
});
