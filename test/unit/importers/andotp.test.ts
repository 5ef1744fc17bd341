// The andOTP importer on plain JSON backups and on .json.aes backups of both kinds andOTP wrote (BackupHelper,
// EncryptionHelper; Aegis' AndOtpImporter): PBKDF2 with a header (0.6.3 and later), SHA-256 without one (before).
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
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
import { holdKdfRuns, type HeldDerivations } from '../../harness/kdf-hold';
import { errorOf, expectAuthdeskError } from '../../harness/typed-errors';

const NAME = 'otp_accounts_2024-05-01.json';
const AES_NAME = 'otp_accounts_2024-05-01.json.aes';
const EXPECTED = withoutExtras(SAMPLE_ACCOUNTS, { tags: 'all' });
const inputs = (found: Awaited<ReturnType<typeof readImportFile>>) =>
  found.accounts.map((a) => a.input);

/**
 * An old andOTP backup (before 0.6.3): [IV, 12][AES-256-GCM ciphertext][tag, 16], the key the
 * SHA-256 of the password. `iv` lets a test choose first bytes that read as a plausible header.
 */
function oldAndotpFile(
  plain: Uint8Array,
  password = SAMPLE_PASSWORD,
  iv: Buffer = randomBytes(12),
): Buffer {
  const key = createHash('sha256').update(password, 'utf8').digest();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** An IV whose first four bytes read as 1000 PBKDF2 iterations: such an old file looks current too. */
const PLAUSIBLE_IV = Buffer.concat([Buffer.from([0, 0, 0x03, 0xe8]), randomBytes(8)]);

/** Runs `fn` with every key derivation let through and recorded. */
async function counting<T>(fn: (hold: HeldDerivations) => Promise<T>): Promise<T> {
  const hold = holdKdfRuns();
  hold.release();
  try {
    return await fn(hold);
  } finally {
    hold.stop();
  }
}

describe('plain andOTP backups', () => {
  it('reads every kind of entry with all its tags', async () => {
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

  it('opens a backup at andOTP’s own iteration count, deriving once with it', async () => {
    const real = andotpEncryptedFile(
      SAMPLE_ACCOUNTS.slice(0, 2),
      SAMPLE_PASSWORD,
      ANDOTP_DEFAULT_ITERATIONS,
    );
    await counting(async (hold) => {
      expect(inputs(await readImportFile(real, AES_NAME, SAMPLE_PASSWORD))).toEqual(
        EXPECTED.slice(0, 2),
      );
      expect(hold.runs).toEqual([
        { name: 'pbkdf2', iterations: ANDOTP_DEFAULT_ITERATIONS, digest: 'sha1' },
      ]);
    });
  });

  it('cannot tell a changed ciphertext byte from a wrong password', async () => {
    const changed = Buffer.from(bytes);
    changed[40]! ^= 0x04;
    expect((await rejection(readImportFile(changed, AES_NAME, SAMPLE_PASSWORD))).code).toBe(
      'WRONG_PASSWORD',
    );
  });

  it('never derives with an absurd iteration count: such a .aes file is tried as an old backup only', async () => {
    for (const iterations of [0, 10_000_001, 0xffffffff]) {
      const tampered = Buffer.from(bytes);
      tampered.writeUInt32BE(iterations, 0);
      expect(detectImportFile(tampered, AES_NAME)).toEqual({ format: 'andotp', encrypted: true });
      await counting(async (hold) => {
        const wrong = await rejection(readImportFile(tampered, AES_NAME, SAMPLE_PASSWORD));
        expect(wrong.code).toBe('WRONG_PASSWORD');
        expect(wrong.message).toMatch(/old andOTP version, before 0\.6\.3/);
        expect(hold.runs).toEqual([]);
      });
      // Without the name nothing says it is andOTP: such bytes are just not recognised.
      expect(errorOf(() => detectImportFile(tampered, 'renamed.bin')).code).toBe(
        'FILE_UNRECOGNIZED',
      );
    }
  });

  it('reports a .aes file too short for either kind as damaged', () => {
    expect(errorOf(() => detectImportFile(bytes.subarray(0, 27), AES_NAME)).code).toBe(
      'FILE_CORRUPT',
    );
    expect(detectImportFile(bytes.subarray(0, 28), AES_NAME).encrypted).toBe(true);
  });

  it('does not take random bytes for a backup unless they are named .aes', async () => {
    const random = Buffer.concat([Buffer.from([0xa1]), randomBytes(200)]);
    expect(errorOf(() => detectImportFile(random, 'backup.bin')).code).toBe('FILE_UNRECOGNIZED');
    expect(detectImportFile(random, AES_NAME)).toEqual({ format: 'andotp', encrypted: true });
    expect((await rejection(readImportFile(random, AES_NAME, SAMPLE_PASSWORD))).code).toBe(
      'WRONG_PASSWORD',
    );
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

describe('old encrypted andOTP backups (before 0.6.3: SHA-256 of the password, no header)', () => {
  const plain = andotpPlainFile(SAMPLE_ACCOUNTS);

  it('opens one named .aes with its password, without any key derivation', async () => {
    const old = oldAndotpFile(plain);
    expect(detectImportFile(old, AES_NAME)).toEqual({ format: 'andotp', encrypted: true });
    await counting(async (hold) => {
      expect(inputs(await readImportFile(old, AES_NAME, SAMPLE_PASSWORD))).toEqual(EXPECTED);
      expect(hold.runs).toEqual([]);
    });
    expect((await rejection(readImportFile(old, AES_NAME))).code).toBe('PASSWORD_REQUIRED');
  });

  it('refuses a wrong password or a changed byte, naming the old kind', async () => {
    const old = oldAndotpFile(plain);
    const wrong = await rejection(readImportFile(old, AES_NAME, 'wrong'));
    expect(wrong.code).toBe('WRONG_PASSWORD');
    expect(wrong.message).toMatch(/before 0\.6\.3/);
    const changed = Buffer.from(old);
    changed[30]! ^= 0x10;
    expect((await rejection(readImportFile(changed, AES_NAME, SAMPLE_PASSWORD))).code).toBe(
      'WRONG_PASSWORD',
    );
  });

  it('is not recognised without its .aes name when its first bytes are no plausible header', () => {
    const iv = Buffer.concat([Buffer.from([0xff, 0xff, 0xff, 0xff]), randomBytes(8)]);
    const old = oldAndotpFile(plain, SAMPLE_PASSWORD, iv);
    expect(errorOf(() => detectImportFile(old, 'renamed.bin')).code).toBe('FILE_UNRECOGNIZED');
  });

  it('opens one whose IV reads as a plausible header, by either name, without PBKDF2', async () => {
    const old = oldAndotpFile(plain, SAMPLE_PASSWORD, PLAUSIBLE_IV);
    for (const name of [AES_NAME, 'renamed.bin']) {
      expect(detectImportFile(old, name)).toEqual({ format: 'andotp', encrypted: true });
      await counting(async (hold) => {
        expect(inputs(await readImportFile(old, name, SAMPLE_PASSWORD))).toEqual(EXPECTED);
        expect(hold.runs).toEqual([]);
      });
    }
  });

  it('names both kinds when a password opens neither, after one PBKDF2 run at the header’s count', async () => {
    const old = oldAndotpFile(plain, SAMPLE_PASSWORD, PLAUSIBLE_IV);
    await counting(async (hold) => {
      const wrong = await rejection(readImportFile(old, AES_NAME, 'wrong'));
      expect(wrong.code).toBe('WRONG_PASSWORD');
      expect(wrong.message).toMatch(/both kinds/);
      expect(wrong.message).toMatch(/0\.6\.3 and later/);
      expect(hold.runs).toEqual([{ name: 'pbkdf2', iterations: 1000, digest: 'sha1' }]);
    });
  });

  it('opens a short one whose bytes happen to read as text (no NUL, no control byte)', async () => {
    // About one short file in 16 reads as text: it used to be judged a text file without links.
    const binary = (bytes: Buffer) =>
      bytes.some((byte) => byte <= 0x08 || (byte >= 0x0e && byte <= 0x1f && byte !== 0x1a));
    const content = utf8('[]');
    let file = oldAndotpFile(content);
    while (binary(file)) file = oldAndotpFile(content);
    expect(detectImportFile(file, AES_NAME)).toEqual({ format: 'andotp', encrypted: true });
    expect(inputs(await readImportFile(file, AES_NAME, SAMPLE_PASSWORD))).toEqual([]);
    // Without the name that says what it is, such bytes are not taken for andOTP's.
    expect(errorOf(() => detectImportFile(file, 'notes.txt')).code).toBe('FILE_UNRECOGNIZED');
  });

  it('reports decrypted content that is not a JSON list as damage', async () => {
    for (const content of [utf8('{}'), utf8('[{"secret": '), new Uint8Array([0xff, 0xfe])]) {
      const odd = oldAndotpFile(content);
      expect((await rejection(readImportFile(odd, AES_NAME, SAMPLE_PASSWORD))).code).toBe(
        'FILE_CORRUPT',
      );
    }
  });

  it('reading any bytes named .aes, with or without a password, fails only with AuthdeskError', async () => {
    const old = oldAndotpFile(plain);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 120 }),
          fc.nat(old.length).map((cut) => old.subarray(0, cut)),
          fc.tuple(fc.nat(old.length - 1), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => {
            const copy = Buffer.from(old);
            copy[at] = byte;
            return copy;
          }),
        ),
        async (bytes) => {
          const data = Buffer.from(bytes);
          // A plausible header would run PBKDF2 at up to 10 million iterations: kept cheap here.
          if (data.length >= 4 && data.readUInt32BE(0) > 20_000) data[0] = 0xff;
          for (const password of [undefined, SAMPLE_PASSWORD]) {
            try {
              await readImportFile(data, AES_NAME, password);
            } catch (error) {
              expectAuthdeskError(error);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
