// TOTP Authenticator (BinaryBoxStudio) backups, built here as Aegis' TotpAuthenticatorImporter
// describes them: base64 of AES-256-CBC (zero IV) under SHA-256(password) of a JSON object whose
// first key is a JSON list of JSON entries {name, issuer, key, base}.
import { createCipheriv, createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../shared/account';
import { decodeBase32 } from '../../../shared/base32';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import { BUILT_IN_PASSWORD } from '../../../electron/import/formats/totp-authenticator';
import { rejection, SAMPLE_PASSWORD, utf8 } from '../../harness/import-samples';
import { errorOf, expectAuthdeskError } from '../../harness/typed-errors';

const NAME = 'TOTP_Authenticator_backup.bin';

const totp = (issuer: string, label: string, secret: string): AccountInput => ({
  issuer,
  label,
  secret,
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
});

/** TOTP Authenticator's codes are all TOTP, SHA-1, 6 digits, 30 s; keys in base 32, 16 or 64. */
const ACCOUNTS = [
  totp('GitHub', 'alice', 'JBSWY3DPEHPK3PXP'),
  totp('ヤフー', '山田太郎', 'NBSWY3DPEB3W64TMMQQGC3TEEBWW64TF'),
  totp('', 'eve@example.com', 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA'),
];
const BASES = [32, 16, 64] as const;

function entry(a: AccountInput, base: 16 | 32 | 64): string {
  const bytes = Buffer.from(decodeBase32(a.secret));
  const key = base === 32 ? a.secret : bytes.toString(base === 16 ? 'hex' : 'base64');
  return JSON.stringify({ name: a.label, issuer: a.issuer, key, base });
}

function backup(
  password: string,
  entries: unknown[] = ACCOUNTS.map((a, i) => entry(a, BASES[i]!)),
) {
  const plain = JSON.stringify({ [JSON.stringify(entries)]: '2024-05-01 10:00:00' });
  const key = createHash('sha256').update(password).digest();
  const cipher = createCipheriv('aes-256-cbc', key, Buffer.alloc(16));
  return utf8(Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64'));
}

const inputs = (found: Awaited<ReturnType<typeof readImportFile>>) =>
  found.accounts.map((a) => a.input);

describe('TOTP Authenticator backups', () => {
  it('open without a password when the app made them with its built-in one', async () => {
    const bytes = backup(BUILT_IN_PASSWORD);
    expect(detectImportFile(bytes, NAME)).toEqual({
      format: 'totp-authenticator',
      encrypted: false,
    });
    const found = await readImportFile(bytes, NAME);
    expect(inputs(found)).toEqual(ACCOUNTS);
    expect(found.problems).toEqual([]);
  });

  it('ask for the password the user set, and read the keys in every base', async () => {
    const bytes = backup(SAMPLE_PASSWORD);
    expect(detectImportFile(bytes, NAME)).toEqual({
      format: 'totp-authenticator',
      encrypted: true,
    });
    expect((await rejection(readImportFile(bytes, NAME))).code).toBe('PASSWORD_REQUIRED');
    const found = await readImportFile(bytes, NAME, SAMPLE_PASSWORD);
    expect(inputs(found)).toEqual(ACCOUNTS);
  });

  it('say a wrong password (or damage: CBC cannot tell) is wrong', async () => {
    const bytes = backup(SAMPLE_PASSWORD);
    const error = await rejection(readImportFile(bytes, NAME, 'not it'));
    expect(error.code).toBe('WRONG_PASSWORD');
    const damaged = Buffer.from(Buffer.from(Buffer.from(bytes).toString(), 'base64'));
    damaged[damaged.length - 1]! ^= 0x55;
    const changed = utf8(damaged.toString('base64'));
    expect((await rejection(readImportFile(changed, NAME, SAMPLE_PASSWORD))).code).toBe(
      'WRONG_PASSWORD',
    );
  });

  it('name an entry with an unknown base or a bad key and import the rest', async () => {
    const entries = [
      entry(ACCOUNTS[0]!, 32),
      JSON.stringify({ name: 'x', issuer: 'Odd', key: 'abc', base: 8 }),
      JSON.stringify({ name: 'y', issuer: 'Hex', key: 'zz', base: 16 }),
      'not json',
    ];
    const found = await readImportFile(backup(BUILT_IN_PASSWORD, entries), NAME);
    expect(inputs(found)).toEqual(ACCOUNTS.slice(0, 1));
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['SECRET_INVALID', 'entry 2: Odd (x)'],
      ['SECRET_INVALID', 'entry 3: Hex (y)'],
      ['ACCOUNT_INVALID', 'entry 4'],
    ]);
  });

  it('leave a key on its own in a text file to the link-list reader', () => {
    const key = utf8('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(errorOf(() => detectImportFile(key, 'key.txt')).code).toBe('FILE_UNRECOGNIZED');
  });

  it('throw only AuthdeskError for damaged backups', async () => {
    const raw = Buffer.from(Buffer.from(backup(SAMPLE_PASSWORD)).toString(), 'base64');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(raw.length - 1), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.option(fc.nat(raw.length)),
        fc.constantFrom(undefined, SAMPLE_PASSWORD),
        async (flips, cut, password) => {
          const out = Buffer.from(raw);
          for (const [at, mask] of flips) out[at]! ^= mask;
          const bytes = utf8((cut === null ? out : out.subarray(0, cut)).toString('base64'));
          try {
            await readImportFile(bytes, NAME, password);
          } catch (error) {
            expectAuthdeskError(error);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
