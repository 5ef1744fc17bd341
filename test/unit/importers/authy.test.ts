// Authy tokens as the extraction tools give them: Android preferences XML, the API's token JSON and the
// desktop scripts' lists, made here as described (Aegis' AuthyImporter, AuthyDecryptor, the scripts),
// encrypted seeds really encrypted (PBKDF2-SHA1, AES-256-CBC).
import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import { watchKdfRuns, type KdfRun } from '../../../electron/vault/kdf';
import { rejection, utf8 } from '../../harness/import-samples';
import { expectAuthdeskError } from '../../harness/typed-errors';

const PASSWORD = 'authy backup password';
const XML_NAME = 'com.authy.storage.tokens.authenticator.xml';

let stop: (() => void) | undefined;
afterEach(() => stop?.());
function countKdfRuns(): KdfRun[] {
  const runs: KdfRun[] = [];
  stop = watchKdfRuns((run) => {
    runs.push(run);
  });
  return runs;
}

/** AES-256-CBC under PBKDF2-HMAC-SHA1(password, salt's UTF-8, iterations): Authy's encrypted seed. */
function encryptSeed(
  secret: string,
  { password = PASSWORD, salt = 'somesalt', iterations = 1000, iv = Buffer.alloc(16) } = {},
): string {
  const key = pbkdf2Sync(password, Buffer.from(salt, 'utf8'), iterations, 32, 'sha1');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]).toString('base64');
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An Android SharedPreferences file with the token list under Authy's key, as the app writes it. */
function preferencesXml(
  tokens: unknown[],
  key = 'com.authy.storage.tokens.authenticator.key',
): Uint8Array {
  return utf8(
    "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n" +
      '    <boolean name="com.authy.storage.tokens.authenticator.migrated" value="true" />\n' +
      `    <string name="${key}">${escapeXml(JSON.stringify(tokens))}</string>\n</map>\n`,
  );
}

const json = (value: unknown) => utf8(JSON.stringify(value));

const totp = { type: 'totp', algorithm: 'SHA1', counter: 0 } as const;

// Third-party tokens as Authy for Android keeps them (decrypted once the backups were unlocked).
const ANDROID_TOKENS = [
  {
    accountType: 'github',
    decryptedSecret: 'JBSWY3DPEHPK3PXP',
    digits: 6,
    name: 'GitHub: alice',
    originalName: 'GitHub:alice',
    timestamp: 1700000000,
  },
  {
    accountType: 'authenticator',
    decryptedSecret: 'gezd gnbv gy3t qojq',
    digits: 8,
    name: 'Bank - carol',
    originalName: 'carol',
  },
  {
    accountType: 'authenticator',
    decryptedSecret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
    digits: 6,
    name: 'dave',
    originalIssuer: 'Cloud',
    originalName: 'dave',
  },
];
const ANDROID_EXPECTED = [
  { ...totp, issuer: 'GitHub', label: 'alice', secret: 'JBSWY3DPEHPK3PXP', digits: 6, period: 30 },
  { ...totp, issuer: 'Bank', label: 'carol', secret: 'GEZDGNBVGY3TQOJQ', digits: 8, period: 30 },
  {
    ...totp,
    issuer: 'Cloud',
    label: 'dave',
    secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
    digits: 6,
    period: 30,
  },
];

/** The same tokens encrypted, old variant: `encryptedSecret` and `salt`, 1 000 iterations, zero IV. */
function encryptedAndroid(password = PASSWORD) {
  return ANDROID_TOKENS.map(({ decryptedSecret, ...rest }, i) => ({
    ...rest,
    encryptedSecret: encryptSeed(decryptedSecret, { password, salt: `salt${i}` }),
    salt: `salt${i}`,
  }));
}

describe('Authy Android preferences files', () => {
  it('reads decrypted tokens, the issuer from the original issuer or name', async () => {
    const bytes = preferencesXml(ANDROID_TOKENS);
    expect(detectImportFile(bytes, XML_NAME)).toEqual({ format: 'authy', encrypted: false });
    const found = await readImportFile(bytes, XML_NAME);
    expect(found.accounts.map((a) => a.input)).toEqual(ANDROID_EXPECTED);
    expect(found.problems).toEqual([]);
  });

  it("reads Authy's own tokens (hex seed, 7 digits every 10 s)", async () => {
    const seed = 'f3c2b4a59d7e1c0a6b8f9d2e4c1a3b5d';
    const bytes = preferencesXml(
      [{ name: 'Twitch', secretSeed: seed, digits: 7, accountType: 'twitch' }],
      'com.authy.storage.tokens.authy.key',
    );
    const found = await readImportFile(bytes, 'com.authy.storage.tokens.authy.xml');
    const { encodeBase32 } = await import('../../../shared/base32');
    expect(found.accounts.map((a) => a.input)).toEqual([
      {
        ...totp,
        issuer: 'Twitch',
        label: '',
        secret: encodeBase32(Buffer.from(seed, 'hex')),
        digits: 7,
        period: 10,
      },
    ]);
  });

  it('keeps a third-party 7-digit token at 30 s (only Authy’s own tokens are 10 s)', async () => {
    const token = { ...ANDROID_TOKENS[0]!, digits: 7 };
    const found = await readImportFile(preferencesXml([token]), XML_NAME);
    expect(found.accounts.map((a) => [a.input.digits, a.input.period])).toEqual([[7, 30]]);
  });

  it('decrypts encrypted seeds with the backup password (1 000 iterations, zero IV)', async () => {
    const bytes = preferencesXml(encryptedAndroid());
    expect(detectImportFile(bytes, XML_NAME)).toEqual({ format: 'authy', encrypted: true });
    expect((await rejection(readImportFile(bytes, XML_NAME))).code).toBe('PASSWORD_REQUIRED');
    const runs = countKdfRuns();
    const found = await readImportFile(bytes, XML_NAME, PASSWORD);
    expect(found.accounts.map((a) => a.input)).toEqual(ANDROID_EXPECTED);
    expect(runs).toEqual(Array(3).fill({ name: 'pbkdf2', iterations: 1000, digest: 'sha1' }));
  });

  it('derives once per distinct salt, and not at all once cancelled', async () => {
    const tokens = ANDROID_TOKENS.map(({ decryptedSecret, ...rest }) => ({
      ...rest,
      encryptedSecret: encryptSeed(decryptedSecret, { salt: 'shared' }),
      salt: 'shared',
    }));
    const bytes = preferencesXml(tokens);
    const runs = countKdfRuns();
    const found = await readImportFile(bytes, XML_NAME, PASSWORD);
    expect(found.accounts).toHaveLength(3);
    expect(runs).toHaveLength(1);
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(readImportFile(bytes, XML_NAME, PASSWORD, controller.signal));
    expect(error.code).toBe('CANCELLED');
    expect(runs).toHaveLength(1);
  });

  it('says WRONG_PASSWORD for a wrong password', async () => {
    const error = await rejection(
      readImportFile(preferencesXml(encryptedAndroid()), XML_NAME, 'nope'),
    );
    expect(error.code).toBe('WRONG_PASSWORD');
    expect(error.message).toMatch(/Authy/);
  });

  it('names a token encrypted under an earlier password and imports the others', async () => {
    const tokens = encryptedAndroid();
    tokens[1] = encryptedAndroid('old password')[1]!;
    const found = await readImportFile(preferencesXml(tokens), XML_NAME, PASSWORD);
    expect(found.accounts.map((a) => a.input.issuer)).toEqual(['GitHub', 'Cloud']);
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['WRONG_PASSWORD', 'entry 2: Bank (carol)'],
    ]);
  });

  it('names a damaged encrypted seed, and refuses a damaged token list', async () => {
    const tokens = encryptedAndroid();
    tokens[0] = { ...tokens[0]!, encryptedSecret: 'AAAA' };
    const found = await readImportFile(preferencesXml(tokens), XML_NAME, PASSWORD);
    expect(found.accounts).toHaveLength(2);
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['SECRET_INVALID', 'entry 1: GitHub (alice)'],
    ]);
    const broken = utf8(
      '<map><string name="com.authy.storage.tokens.authenticator.key">[{&quot;name&quot;:</string></map>',
    );
    const error = await rejection(readImportFile(broken, XML_NAME));
    expect([error.code, error.message]).toEqual([
      'FILE_CORRUPT',
      expect.stringMatching(/Authy file cannot be read/),
    ]);
  });

  it('leaves other XML files to other readers', () => {
    const other = utf8('<map><string name="something.else">[]</string></map>');
    expect(() => detectImportFile(other, 'prefs.xml')).toThrow(/otpauth/);
  });
});

describe("Authy's API tokens (encrypted, and as the tools decrypted them)", () => {
  it('decrypts the newer variant: its iterations and unique IV', async () => {
    const iv = randomBytes(16);
    const token = {
      account_type: 'authenticator',
      digits: 6,
      encrypted_seed: encryptSeed('JBSWY3DPEHPK3PXP', { salt: 'abc', iterations: 2000, iv }),
      issuer: 'GitHub',
      key_derivation_iterations: 2000,
      logo: null,
      name: 'GitHub:alice',
      original_name: 'GitHub:alice',
      salt: 'abc',
      unique_id: '1234',
      unique_iv: iv.toString('hex'),
    };
    const legacy = {
      ...token,
      name: 'bob',
      issuer: 'Example',
      encrypted_seed: encryptSeed('GEZDGNBVGY3TQOJQ', { salt: 'def' }),
      salt: 'def',
      key_derivation_iterations: undefined,
      unique_iv: null,
    };
    const bytes = json({ authenticator_tokens: [token, legacy] });
    expect(detectImportFile(bytes, 'authy.json')).toEqual({ format: 'authy', encrypted: true });
    const runs = countKdfRuns();
    const found = await readImportFile(bytes, 'authy.json', PASSWORD);
    expect(found.accounts.map((a) => [a.input.issuer, a.input.label, a.input.secret])).toEqual([
      ['GitHub', 'alice', 'JBSWY3DPEHPK3PXP'],
      ['Example', 'bob', 'GEZDGNBVGY3TQOJQ'],
    ]);
    expect(runs.map((r) => (r.name === 'pbkdf2' ? r.iterations : 0))).toEqual([2000, 1000]);
    expect((await rejection(readImportFile(bytes, 'authy.json', 'wrong'))).code).toBe(
      'WRONG_PASSWORD',
    );
  });

  it('refuses absurd iteration counts before deriving anything', async () => {
    const runs = countKdfRuns();
    const token = (i: number, iterations: number) => ({
      name: `t${i}`,
      digits: 6,
      encrypted_seed: Buffer.alloc(16).toString('base64'),
      salt: `s${i}`,
      key_derivation_iterations: iterations,
    });
    for (const tokens of [
      [token(0, 1e9)],
      [token(0, 2.5)],
      // Each allowed, all together not (41 salts at a million iterations).
      Array.from({ length: 41 }, (_, i) => token(i, 1_000_000)),
    ]) {
      const bytes = json({ authenticator_tokens: tokens });
      expect(() => detectImportFile(bytes, 'authy.json')).toThrow(/Authy file cannot be read/);
      expect((await rejection(readImportFile(bytes, 'authy.json', PASSWORD))).code).toBe(
        'FILE_CORRUPT',
      );
    }
    expect(runs).toEqual([]);
  });

  it('reads the decrypted tokens the tools save', async () => {
    const bytes = json({
      decrypted_authenticator_tokens: [
        { name: 'alice', issuer: 'GitHub', decrypted_seed: 'JBSWY3DPEHPK3PXP', digits: 6 },
      ],
    });
    expect(detectImportFile(bytes, 'data.json')).toEqual({ format: 'authy', encrypted: false });
    const found = await readImportFile(bytes, 'data.json');
    expect(found.accounts.map((a) => a.input)).toEqual([ANDROID_EXPECTED[0]]);
  });
});

describe('the JSON lists of the Authy desktop scripts', () => {
  it("reads the app's token objects with the script's secret, Authy's own every 10 s", async () => {
    const bytes = json([
      {
        name: 'GitHub: alice',
        digits: 6,
        decryptedSeed: 'JBSWY3DPEHPK3PXP',
        secret: 'JBSWY3DPEHPK3PXP',
        markedForDeletion: false,
        accountType: 'github',
      },
      { name: 'Twitch', digits: 7, secretSeed: 'abcd', secret: 'VPGQ', markedForDeletion: false },
    ]);
    expect(detectImportFile(bytes, 'au-export.json')).toEqual({
      format: 'authy',
      encrypted: false,
    });
    const found = await readImportFile(bytes, 'au-export.json');
    expect(found.accounts.map((a) => a.input)).toEqual([
      ANDROID_EXPECTED[0],
      { ...totp, issuer: 'Twitch', label: '', secret: 'VPGQ', digits: 7, period: 10 },
    ]);
  });

  it('reads bare {name, secret} pairs', async () => {
    const bytes = json([{ name: 'GitHub:alice', secret: 'JBSWY3DPEHPK3PXP' }]);
    expect(detectImportFile(bytes, 'secrets.json').format).toBe('authy');
    const found = await readImportFile(bytes, 'secrets.json');
    expect(found.accounts.map((a) => a.input)).toEqual([ANDROID_EXPECTED[0]]);
  });

  it('reports a list cut short as a damaged Authy file', () => {
    const text = JSON.stringify([{ name: 'x', decryptedSeed: 'JBSWY3DPEHPK3PXP' }]);
    const error = (() => {
      try {
        detectImportFile(utf8(text.slice(0, -5)), 'au-export.json');
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error?.message).toMatch(/This Authy file cannot be read/);
  });
});

describe('any damage', () => {
  it('throws only typed errors (property)', async () => {
    const samples = [
      Buffer.from(preferencesXml(encryptedAndroid())).toString('utf8'),
      JSON.stringify({
        authenticator_tokens: encryptedAndroid().map((t) => ({
          ...t,
          key_derivation_iterations: 10,
        })),
      }),
      JSON.stringify(ANDROID_TOKENS),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.nat(samples.length - 1),
        fc.array(fc.tuple(fc.nat(4000), fc.integer({ min: 1, max: 127 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.nat(4000),
        async (which, edits, cut) => {
          const chars = [...samples[which]!];
          for (const [at, mask] of edits) {
            const i = at % chars.length;
            chars[i] = String.fromCharCode(chars[i]!.charCodeAt(0) ^ mask);
          }
          const bytes = utf8(chars.join('').slice(0, Math.max(1, cut)));
          for (const password of [undefined, PASSWORD]) {
            try {
              detectImportFile(bytes, XML_NAME);
              await readImportFile(bytes, XML_NAME, password);
            } catch (error) {
              expectAuthdeskError(error);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
