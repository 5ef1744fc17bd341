// The Authenticator Pro (Stratum) importer on backups made here as the app writes them: plain JSON,
// the Argon2id + AES-GCM backup ("AUTHENTICATORPRO") and the legacy PBKDF2 + AES-CBC one ("AuthenticatorPro").
//
// Layouts: doc/BACKUP_FORMAT.md and Core/src/Backup/Encryption/{Strong,Legacy}BackupEncryption.cs in
// jamie-mh/AuthenticatorPro (stratumauth/app today), as Aegis' AuthenticatorProImporter reads them.
import { createCipheriv, createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { argon2id } from 'hash-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../shared/account';
import { isErrorCode } from '../../../shared/errors';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import {
  rejection,
  SAMPLE_ACCOUNTS,
  SAMPLE_PASSWORD,
  utf8,
  withoutExtras,
} from '../../harness/import-samples';
import { holdKdfRuns } from '../../harness/kdf-hold';
import { errorOf, expectAuthdeskError } from '../../harness/typed-errors';

const NAME = 'backup-2025-01-31_12-00-00.authpro';
const TYPES = { hotp: 1, totp: 2, steam: 4 } as const;
const ALGORITHMS = { SHA1: 0, SHA256: 1, SHA512: 2 } as const;
/** StrongBackupEncryption's fixed Argon2id cost. */
const ARGON2 = { parallelism: 4, iterations: 3, memorySize: 65_536, hashLength: 32 } as const;

/** The accounts without their icons: the samples' Icon names are brands (importers/icons.test.ts). */
const inputs = (found: Awaited<ReturnType<typeof readImportFile>>) =>
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  found.accounts.map(({ input: { icon, ...input } }) => input);

/** The category Id Authenticator Pro gives a name: the first 8 hex digits of its SHA-1. */
const categoryId = (name: string) => createHash('sha1').update(name).digest('hex').slice(0, 8);

function authenticator(account: AccountInput, ranking: number): Record<string, unknown> {
  return {
    Type: TYPES[account.type],
    Icon: account.issuer.toLowerCase() || null,
    Issuer: account.issuer,
    Username: account.label,
    Secret: account.secret,
    Pin: null,
    Algorithm: ALGORITHMS[account.algorithm],
    Digits: account.digits,
    Period: account.period,
    Counter: account.counter,
    CopyCount: 3,
    Ranking: ranking,
  };
}

/** The Backup object as the app serialises it. */
function backupOf(accounts: readonly AccountInput[]): Record<string, unknown> {
  const names = [...new Set(accounts.flatMap((a) => a.tags ?? []))];
  return {
    Authenticators: accounts.map(authenticator),
    Categories: names.map((name, i) => ({ Id: categoryId(name), Name: name, Ranking: i })),
    AuthenticatorCategories: accounts.flatMap((a) =>
      (a.tags ?? []).map((tag) => ({
        CategoryId: categoryId(tag),
        AuthenticatorSecret: a.secret,
        Ranking: 0,
      })),
    ),
    CustomIcons: [],
  };
}

const jsonBytes = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

/** "AUTHENTICATORPRO" + salt(16) + IV(12) + AES-256-GCM(JSON) + tag(16), the key derived by `key`. */
function strongFile(plain: Uint8Array, key: Uint8Array, salt: Uint8Array): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([Buffer.from('AUTHENTICATORPRO'), salt, iv, sealed]);
}

/** "AuthenticatorPro" + salt(20) + IV(16) + AES-256-CBC/PKCS7(JSON); PBKDF2-SHA1, 64 000 iterations. */
function legacyFile(plain: Uint8Array, password = SAMPLE_PASSWORD): Buffer {
  const salt = randomBytes(20);
  const iv = randomBytes(16);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, 64_000, 32, 'sha1');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([
    Buffer.from('AuthenticatorPro'),
    salt,
    iv,
    cipher.update(plain),
    cipher.final(),
  ]);
}

// Every account Authenticator Pro can hold that Authdesk has: all but the one without an issuer
// (the app requires one), with its categories as tags.
const ACCOUNTS = SAMPLE_ACCOUNTS.filter((a) => a.issuer !== '');
const EXPECTED = withoutExtras(ACCOUNTS, { tags: 'all' });

describe('plain Authenticator Pro backups', () => {
  const bytes = jsonBytes(backupOf(ACCOUNTS));

  it('reads every kind of authenticator, each of its categories as a tag', async () => {
    expect(detectImportFile(bytes, NAME)).toEqual({
      format: 'authenticator-pro',
      encrypted: false,
    });
    expect(detectImportFile(bytes, 'renamed.json').format).toBe('authenticator-pro');
    const found = await readImportFile(bytes, NAME);
    expect(inputs(found)).toEqual(EXPECTED);
    expect(found.problems).toEqual([]);
  });

  it('keeps every category in the app’s order (Ranking) and ignores links to unknown ones', async () => {
    const backup = backupOf(ACCOUNTS.slice(0, 1));
    const secret = ACCOUNTS[0]!.secret;
    backup.Categories = [
      { Id: categoryId('Second'), Name: 'Second', Ranking: 1 },
      { Id: categoryId('First'), Name: 'First', Ranking: 0 },
    ];
    backup.AuthenticatorCategories = [
      { CategoryId: 'deadbeef', AuthenticatorSecret: secret, Ranking: 0 },
      { CategoryId: categoryId('First'), AuthenticatorSecret: secret, Ranking: 0 },
      { CategoryId: categoryId('Second'), AuthenticatorSecret: secret, Ranking: 0 },
    ];
    const found = await readImportFile(jsonBytes(backup), NAME);
    expect(inputs(found).map((a) => a.tags)).toEqual([['First', 'Second']]);
  });

  it('reads a backup written by hand from the published description (no categories, no icons)', async () => {
    // The description's example secret, SECRETKEY123ABCD, is not base32 (no 1 in that alphabet).
    const doc = {
      Authenticators: [
        {
          Type: 2,
          Icon: 'google',
          Issuer: 'Google',
          Username: 'google@gmail.com',
          Secret: 'SECRETKEY234ABCD',
          Algorithm: 0,
          Digits: 6,
          Period: 30,
          Counter: 0,
          Ranking: 0,
        },
      ],
    };
    const found = await readImportFile(jsonBytes(doc), NAME);
    expect(inputs(found)).toEqual([
      {
        issuer: 'Google',
        label: 'google@gmail.com',
        type: 'totp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        secret: 'SECRETKEY234ABCD',
      },
    ]);
  });

  it('reports mOTP, Yandex and broken authenticators by name and imports the rest', async () => {
    const entries = [
      authenticator(ACCOUNTS[0]!, 0),
      { ...authenticator(ACCOUNTS[1]!, 1), Type: 3, Secret: 'abcdef0123456789', Pin: '1234' },
      { ...authenticator(ACCOUNTS[2]!, 2), Type: 5, Pin: '1234' },
      { ...authenticator(ACCOUNTS[3]!, 3), Type: 9 },
      { ...authenticator(ACCOUNTS[4]!, 4), Algorithm: 7 },
      { ...authenticator(ACCOUNTS[0]!, 5), Digits: 'six' },
      { ...authenticator(ACCOUNTS[1]!, 6), Secret: null },
      'not an authenticator',
    ];
    const found = await readImportFile(jsonBytes({ Authenticators: entries }), NAME);
    expect(inputs(found)).toEqual(withoutExtras(ACCOUNTS.slice(0, 1)));
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['URI_TYPE', 'entry 2: Example HOTP (bob)'],
      ['URI_TYPE', 'entry 3: Bank (carol)'],
      ['URI_TYPE', 'entry 4: Cloud (dave)'],
      ['ALGORITHM_UNSUPPORTED', 'entry 5: ヤフー (山田太郎)'],
      ['DIGITS_INVALID', 'entry 6: GitHub (alice)'],
      ['SECRET_MISSING', 'entry 7: Example HOTP (bob)'],
      ['ACCOUNT_INVALID', 'entry 8'],
    ]);
    expect(found.problems[0]!.message).toMatch(/mOTP/);
    expect(found.problems[1]!.message).toMatch(/Yandex/);
  });

  it('reports a cut-short or malformed backup as damaged', () => {
    expect(errorOf(() => detectImportFile(bytes.subarray(0, 120), NAME)).code).toBe('FILE_CORRUPT');
    const malformed = jsonBytes({ Authenticators: { not: 'a list' } });
    expect(errorOf(() => detectImportFile(malformed, NAME)).code).toBe('FILE_CORRUPT');
  });
});

describe('encrypted Authenticator Pro backups (Argon2id, AES-GCM)', () => {
  // Argon2id at the app's fixed cost (64 MiB, 3 passes) is derived once here and reused.
  const salt = randomBytes(16);
  let file: Buffer;
  let key: Uint8Array;

  beforeAll(async () => {
    key = await argon2id({ password: SAMPLE_PASSWORD, salt, ...ARGON2, outputType: 'binary' });
    file = strongFile(jsonBytes(backupOf(ACCOUNTS)), key, salt);
  });

  it('is recognised by its header, whatever its name, and opens with its password', async () => {
    expect(detectImportFile(file, NAME)).toEqual({ format: 'authenticator-pro', encrypted: true });
    expect(detectImportFile(file, 'renamed.bin').encrypted).toBe(true);
    const hold = holdKdfRuns();
    try {
      hold.release();
      expect(inputs(await readImportFile(file, NAME, SAMPLE_PASSWORD))).toEqual(EXPECTED);
      expect(hold.runs).toEqual([
        { name: 'argon2id', memoryKiB: 65_536, iterations: 3, parallelism: 4 },
      ]);
    } finally {
      hold.stop();
    }
  });

  it('asks for a password and refuses a wrong one', async () => {
    expect((await rejection(readImportFile(file, NAME))).code).toBe('PASSWORD_REQUIRED');
    expect((await rejection(readImportFile(file, NAME, ''))).code).toBe('PASSWORD_REQUIRED');
    expect((await rejection(readImportFile(file, NAME, 'wrong'))).code).toBe('WRONG_PASSWORD');
  });

  it('cannot open a changed byte; a header cut short is damage found before any derivation', async () => {
    const changed = Buffer.from(file);
    changed[changed.length - 20]! ^= 0x01;
    const hold = holdKdfRuns();
    try {
      hold.release();
      expect((await rejection(readImportFile(changed, NAME, SAMPLE_PASSWORD))).code).toBe(
        'WRONG_PASSWORD',
      );
      const runs = hold.runs.length;
      for (const cut of [16, 40, 59]) {
        const short = file.subarray(0, cut);
        expect(errorOf(() => detectImportFile(short, NAME)).code).toBe('FILE_CORRUPT');
        expect((await rejection(readImportFile(short, NAME, SAMPLE_PASSWORD))).code).toBe(
          'FILE_CORRUPT',
        );
      }
      expect(hold.runs.length).toBe(runs);
    } finally {
      hold.stop();
    }
  });

  it('reports decrypted content that is not a backup as damage', async () => {
    // One case here (each read derives at 64 MiB); the legacy tests below cover the others.
    const odd = strongFile(utf8('{"Other": []}'), key, salt);
    expect((await rejection(readImportFile(odd, NAME, SAMPLE_PASSWORD))).code).toBe('FILE_CORRUPT');
  });
});

describe('legacy encrypted Authenticator Pro backups (PBKDF2-SHA1, AES-CBC)', () => {
  const file = legacyFile(jsonBytes(backupOf(ACCOUNTS)));

  it('is recognised by its header and opens with its password (PBKDF2, 64 000 iterations)', async () => {
    expect(detectImportFile(file, NAME)).toEqual({ format: 'authenticator-pro', encrypted: true });
    const hold = holdKdfRuns();
    try {
      hold.release();
      expect(inputs(await readImportFile(file, NAME, SAMPLE_PASSWORD))).toEqual(EXPECTED);
      expect(hold.runs).toEqual([{ name: 'pbkdf2', iterations: 64_000, digest: 'sha1' }]);
    } finally {
      hold.stop();
    }
  });

  it('refuses a wrong password, saying a damaged file looks the same', async () => {
    expect((await rejection(readImportFile(file, NAME))).code).toBe('PASSWORD_REQUIRED');
    const wrong = await rejection(readImportFile(file, NAME, 'wrong'));
    expect(wrong.code).toBe('WRONG_PASSWORD');
    expect(wrong.message).toMatch(/damaged/);
  });

  it('refuses a file whose ciphertext is not whole AES blocks before deriving', () => {
    for (const cut of [36, 52, 53, file.length - 1]) {
      expect(errorOf(() => detectImportFile(file.subarray(0, cut), NAME)).code).toBe(
        'FILE_CORRUPT',
      );
    }
  });

  it('reports decrypted content that is not a backup, under the right password, as damage', async () => {
    for (const plain of ['{"Something": "else"}', '[]', '{"Authenticators": 5}']) {
      const odd = legacyFile(utf8(plain));
      expect((await rejection(readImportFile(odd, NAME, SAMPLE_PASSWORD))).code).toBe(
        'FILE_CORRUPT',
      );
    }
  });
});

/** The HTML export as HtmlBackup.cs fills backup_template.html: issuer, username, raw link, QR image. */
function htmlExport(rows: { issuer: string; username: string; uri: string }[]): Uint8Array {
  const encode = (text: string) =>
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;');
  const items = rows
    .map(
      ({ issuer, username, uri }) => `<tr>
    <td>${encode(issuer)}</td>
    <td>${encode(username)}</td>
    <td><code>${uri}</code></td>
    <td><img src="data:image/png;base64,iVBORw0KGgo="></td>
</tr>`,
    )
    .join('');
  return utf8(`<!doctype html>
<html>
    <head>
        <meta charset="utf-8">
        <title>Stratum Backup</title>
    </head>
    <body>
        <table>
            <tr>
                <th>Issuer</th>
                <th>Username</th>
                <th>OTP Auth URI</th>
                <th>QR Code</th>
            </tr>
            ${items}
        </table>
    </body>
</html>`);
}

/** Authenticator.GetUri(): the link the app puts in its HTML and URI-list exports. */
function appUri(a: AccountInput): string {
  const name = encodeURIComponent(a.label ? `${a.issuer}:${a.label}` : a.issuer);
  const type = a.type === 'hotp' ? 'hotp' : 'totp';
  let uri = `otpauth://${type}/${name}?secret=${a.secret}&issuer=${encodeURIComponent(a.issuer)}`;
  if (a.algorithm !== 'SHA1' && a.type !== 'steam') uri += `&algorithm=${a.algorithm}`;
  if (a.digits !== (a.type === 'steam' ? 5 : 6)) uri += `&digits=${a.digits}`;
  if (a.type === 'totp' && a.period !== 30) uri += `&period=${a.period}`;
  if (a.type === 'hotp') uri += `&counter=${a.counter}`;
  if (a.type === 'steam' && a.issuer !== 'Steam') uri += '&steam';
  return uri;
}

describe('cancelling while the key of an encrypted backup is about to be derived', () => {
  it('stops with CANCELLED before Argon2id or PBKDF2 runs', async () => {
    const strong = strongFile(utf8('{}'), randomBytes(32), randomBytes(16));
    const legacy = legacyFile(utf8('{}'));
    for (const file of [strong, legacy]) {
      const hold = holdKdfRuns();
      try {
        const cancel = new AbortController();
        const reading = rejection(readImportFile(file, NAME, SAMPLE_PASSWORD, cancel.signal));
        await hold.started;
        cancel.abort();
        hold.release();
        expect((await reading).code).toBe('CANCELLED');
        expect(hold.runs).toHaveLength(1);
      } finally {
        hold.stop();
      }
    }
  });
});

describe('the Authenticator Pro HTML export', () => {
  it('reads each row’s link, Steam ones as Steam as the app means them', async () => {
    const steamElsewhere: AccountInput = { ...ACCOUNTS[5]!, issuer: 'Valve', label: 'gabe' };
    const accounts = [...ACCOUNTS, steamElsewhere];
    const html = htmlExport(
      accounts.map((a) => ({ issuer: a.issuer, username: a.label, uri: appUri(a) })),
    );
    expect(detectImportFile(html, 'backup.html')).toEqual({
      format: 'authenticator-pro',
      encrypted: false,
    });
    const found = await readImportFile(html, 'backup.html');
    expect(found.problems).toEqual([]);
    expect(inputs(found)).toEqual(withoutExtras(accounts));
  });

  it('names the rows it cannot import (mOTP, Yandex, a damaged link) by issuer and username', async () => {
    const html = htmlExport([
      { issuer: 'GitHub', username: 'alice', uri: appUri(ACCOUNTS[0]!) },
      { issuer: 'Old VPN', username: 'me', uri: 'motp://Old%20VPN:me?secret=abcdef0123456789' },
      {
        issuer: 'Yandex',
        username: 'ivan',
        uri: 'otpauth://yaotp/ivan?secret=JBSWY3DPEHPK3PXP&issuer=Yandex&pin_length=4',
      },
      {
        issuer: 'Tom & Jerry',
        username: '<cat>',
        uri: 'otpauth://totp/Tom%20%26%20Jerry:%3Ccat%3E?secret=not*base32',
      },
    ]);
    const found = await readImportFile(html, 'backup.html');
    expect(inputs(found).map((a) => a.issuer)).toEqual(['GitHub']);
    expect(found.problems.map((p) => [p.code, p.detail?.split(':')[0]])).toEqual([
      ['URI_TYPE', 'row 2'],
      ['URI_TYPE', 'row 3'],
      ['SECRET_INVALID', 'row 4'],
    ]);
    expect(found.problems[0]!.detail).toBe('row 2: Old VPN (me)');
    expect(found.problems[2]!.detail).toMatch(/^row 4: Tom & Jerry \(<cat>\)/);
    expect(found.problems[0]!.message).toMatch(/mOTP/);
    expect(found.problems[1]!.message).toMatch(/Yandex/);
  });
});

describe('any bytes', () => {
  it('reading a damaged or arbitrary backup fails only with AuthdeskError', async () => {
    const plain = jsonBytes(backupOf(ACCOUNTS));
    // The encrypted kinds are only detected here: a password would run a costly KDF per case.
    const headed = [Buffer.from('AUTHENTICATORPRO'), Buffer.from('AuthenticatorPro')];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }).map((tail) => Buffer.concat([headed[0]!, tail])),
          fc.uint8Array({ maxLength: 200 }).map((tail) => Buffer.concat([headed[1]!, tail])),
          fc.tuple(fc.nat(plain.length - 1), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => {
            const copy = Buffer.from(plain);
            copy[at] = byte;
            return copy;
          }),
          fc.nat(plain.length).map((cut) => plain.subarray(0, cut)),
          fc.jsonValue().map((value) => jsonBytes({ Authenticators: [value], Categories: value })),
          fc
            .array(
              fc.record({
                issuer: fc.string(),
                username: fc.string(),
                uri: fc.oneof(
                  fc.string(),
                  fc.string().map((tail) => `otpauth://totp/Steam:${tail}`),
                  fc.string().map((tail) => `motp://${tail}`),
                ),
              }),
              { maxLength: 5 },
            )
            .map(htmlExport),
        ),
        async (bytes) => {
          let encrypted = false;
          try {
            encrypted = detectImportFile(bytes, NAME).encrypted;
          } catch (error) {
            expectAuthdeskError(error);
            return;
          }
          if (encrypted) return;
          try {
            const found = await readImportFile(bytes, NAME);
            for (const problem of found.problems) expect(isErrorCode(problem.code)).toBe(true);
          } catch (error) {
            expectAuthdeskError(error);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
