// Steam Desktop Authenticator .maFiles, built here as SDA writes them: a plain one is one Steam
// account; an encrypted one (and SDA's manifest.json) is named and refused with the way out.
import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STEAM_OTP } from '../../../shared/account';
import { decodeBase32 } from '../../../shared/base32';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import { utf8 } from '../../harness/import-samples';
import { errorOf, expectAuthdeskError } from '../../harness/typed-errors';

const SECRET = 'OBQXG43XN5ZGIIDTORSWC3JAMNXWIZJA';
const NAME = '76561197960287930.maFile';

function maFile(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    shared_secret: Buffer.from(decodeBase32(SECRET)).toString('base64'),
    serial_number: '1234567890123456789',
    revocation_code: 'R12345',
    uri: `otpauth://totp/Steam:gaben?secret=${SECRET}&issuer=Steam`,
    server_time: 1_700_000_000,
    account_name: 'gaben',
    token_gid: 'abc',
    identity_secret: Buffer.from(randomBytes(20)).toString('base64'),
    secret_1: Buffer.from(randomBytes(20)).toString('base64'),
    status: 1,
    device_id: 'android:00000000-0000-0000-0000-000000000000',
    fully_enrolled: true,
    Session: { SteamID: '76561197960287930', SessionID: 'x' },
    ...fields,
  };
}

const bytesOf = (value: unknown) => utf8(JSON.stringify(value));

describe('Steam Desktop Authenticator .maFile', () => {
  it('is one Steam Guard account named by its account name', async () => {
    const bytes = bytesOf(maFile());
    expect(detectImportFile(bytes, NAME)).toEqual({ format: 'steam', encrypted: false });
    const found = await readImportFile(bytes, 'any name.json');
    expect(found.accounts.map((a) => a.input)).toEqual([
      { ...STEAM_OTP, secret: SECRET, issuer: 'Steam', label: 'gaben' },
    ]);
    expect(found.problems).toEqual([]);
  });

  it('names a .maFile whose shared secret is damaged or missing', async () => {
    for (const [shared, code] of [
      ['not base64!', 'SECRET_INVALID'],
      [null, 'SECRET_MISSING'],
    ] as const) {
      const found = await readImportFile(bytesOf(maFile({ shared_secret: shared })), NAME);
      expect(found.accounts).toEqual([]);
      expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
        [code, 'the account: Steam (gaben)'],
      ]);
    }
  });

  it('says a .maFile cut short is a damaged one', () => {
    const text = JSON.stringify(maFile());
    expect(errorOf(() => detectImportFile(utf8(text.slice(0, 80)), NAME)).code).toBe(
      'FILE_CORRUPT',
    );
  });

  it('refuses an encrypted .maFile with the way to a plain one', () => {
    // As SDA's FileEncryptor: base64(AES-256-CBC(PBKDF2-SHA1(passkey, salt, 50 000))), the salt
    // and IV kept in manifest.json.
    const salt = randomBytes(8);
    const iv = randomBytes(16);
    const key = pbkdf2Sync('passkey', salt, 1000, 32, 'sha1');
    const cipher = createCipheriv('aes-256-cbc', key, iv);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(maFile())), cipher.final()]);
    const error = errorOf(() => detectImportFile(utf8(sealed.toString('base64')), NAME));
    expect(error.code).toBe('FILE_UNRECOGNIZED');
    expect(error.message).toContain('Remove Encryption');
  });

  it("names SDA's manifest.json and points to the .maFiles", () => {
    const manifest = {
      encrypted: true,
      first_run: false,
      entries: [{ encryption_iv: 'aXY=', encryption_salt: 'c2FsdA==', filename: NAME, steamid: 1 }],
      periodic_checking: false,
    };
    const error = errorOf(() => detectImportFile(bytesOf(manifest), 'manifest.json'));
    expect(error.code).toBe('FILE_UNRECOGNIZED');
    expect(error.message).toContain('.maFile');
  });

  it('throws only AuthdeskError for damaged .maFiles', async () => {
    const bytes = bytesOf(maFile());
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.option(fc.nat(bytes.length)),
        async (flips, cut) => {
          const out = Buffer.from(bytes);
          for (const [at, mask] of flips) out[at]! ^= mask;
          try {
            await readImportFile(cut === null ? out : out.subarray(0, cut), NAME);
          } catch (error) {
            expectAuthdeskError(error);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
