// FreeOTP+ JSON exports, FreeOTP v1 tokens.xml and FreeOTP v2 encrypted backups, each built here as
// the apps write them (token JSON with signed secret bytes; a Java-serialized HashMap with a
// PBKDF2-wrapped AES-GCM master key for v2), then read by the importers.
import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../shared/account';
import { decodeBase32 } from '../../../shared/base32';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import { watchKdfRuns, type KdfRun } from '../../../electron/vault/kdf';
import {
  rejection,
  SAMPLE_ACCOUNTS,
  SAMPLE_PASSWORD,
  utf8,
  withoutExtras,
} from '../../harness/import-samples';
import { errorOf, expectAuthdeskError } from '../../harness/typed-errors';

/** FreeOTP keeps no groups or notes; everything else of the samples carries over. */
const EXPECTED = withoutExtras(SAMPLE_ACCOUNTS);
const inputs = (found: Awaited<ReturnType<typeof readImportFile>>) =>
  found.accounts.map((a) => a.input);

const signed = (secret: string) => [...decodeBase32(secret)].map((b) => (b > 127 ? b - 256 : b));

/** A token as FreeOTP(+) stores it; Steam is a time-based token whose issuer is "Steam". */
function token(a: AccountInput): Record<string, unknown> {
  return {
    algo: a.algorithm,
    counter: a.counter,
    digits: a.digits,
    issuerExt: a.issuer,
    issuerInt: a.issuer,
    label: a.label,
    period: a.period,
    secret: signed(a.secret),
    type: a.type === 'hotp' ? 'HOTP' : 'TOTP',
  };
}

const keyOf = (a: AccountInput) => (a.issuer ? `${a.issuer}:${a.label}` : a.label);

function plusFile(accounts: readonly AccountInput[] = SAMPLE_ACCOUNTS): Record<string, unknown> {
  return { tokens: accounts.map(token), tokenOrder: accounts.map(keyOf) };
}

const bytesOf = (value: unknown) => utf8(JSON.stringify(value));

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function tokensXml(strings: [string, string][]): Uint8Array {
  const body = strings
    .map(([name, value]) => `    <string name="${xmlEscape(name)}">${xmlEscape(value)}</string>`)
    .join('\n');
  return utf8(`<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n${body}\n</map>\n`);
}

function v1File(accounts: readonly AccountInput[] = SAMPLE_ACCOUNTS): Uint8Array {
  return tokensXml([
    ['tokenOrder', JSON.stringify(accounts.map(keyOf))],
    ...accounts.map((a): [string, string] => [keyOf(a), JSON.stringify(token(a))]),
  ]);
}

describe('FreeOTP+ JSON export', () => {
  it('reads TOTP, HOTP (with its counter) and Steam tokens in FreeOTP+ order', async () => {
    const file = plusFile();
    // The order list, not the file order, is what the app shows.
    file.tokens = [...(file.tokens as unknown[])].reverse();
    const bytes = bytesOf(file);
    expect(detectImportFile(bytes, 'freeotp-backup.json')).toEqual({
      format: 'freeotp-plus',
      encrypted: false,
    });
    const found = await readImportFile(bytes, 'x.json');
    expect(inputs(found)).toEqual(EXPECTED);
    expect(found.problems).toEqual([]);
  });

  it('names a refused token by its place in the file and imports the others', async () => {
    const file = plusFile(SAMPLE_ACCOUNTS.slice(0, 1));
    (file.tokens as unknown[]).push(
      { ...token(SAMPLE_ACCOUNTS[0]!), issuerExt: 'Bytes', secret: [1, 2, 'x'] },
      { ...token(SAMPLE_ACCOUNTS[0]!), issuerExt: 'None', secret: undefined },
      { ...token(SAMPLE_ACCOUNTS[0]!), issuerExt: 'Kind', type: 'MOTP' },
      42,
    );
    const found = await readImportFile(bytesOf(file), 'x.json');
    expect(inputs(found)).toEqual(EXPECTED.slice(0, 1));
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['SECRET_INVALID', 'entry 2: Bytes (alice)'],
      ['SECRET_MISSING', 'entry 3: None (alice)'],
      ['URI_TYPE', 'entry 4: Kind (alice)'],
      ['ACCOUNT_INVALID', 'entry 5'],
    ]);
  });

  it('shows the names the user gave in the app', async () => {
    const renamed = { ...token(SAMPLE_ACCOUNTS[0]!), issuerAlt: 'Work', labelAlt: 'me' };
    const found = await readImportFile(bytesOf({ tokens: [renamed], tokenOrder: [] }), 'x.json');
    expect(inputs(found)[0]).toMatchObject({ issuer: 'Work', label: 'me' });
    // A Steam token renamed in the app still shows Steam Guard codes, as in FreeOTP.
    const steam = { ...token(SAMPLE_ACCOUNTS[6]!), issuerAlt: 'Games' };
    const games = await readImportFile(bytesOf({ tokens: [steam], tokenOrder: [] }), 'x.json');
    expect(inputs(games)[0]).toMatchObject({ type: 'steam', issuer: 'Games', label: 'gaben' });
  });

  it('says a file cut short is a damaged FreeOTP+ file', () => {
    const text = JSON.stringify(plusFile());
    const error = errorOf(() => detectImportFile(utf8(text.slice(0, 200)), 'x.json'));
    expect([error.code, error.message]).toEqual([
      'FILE_CORRUPT',
      expect.stringContaining('FreeOTP+'),
    ]);
  });
});

describe('FreeOTP v1 tokens.xml', () => {
  it('reads the tokens of the preferences file in tokenOrder', async () => {
    const bytes = v1File();
    expect(detectImportFile(bytes, 'tokens.xml')).toEqual({ format: 'freeotp', encrypted: false });
    const found = await readImportFile(bytes, 'tokens.xml');
    expect(inputs(found)).toEqual(EXPECTED);
    expect(found.problems).toEqual([]);
  });

  it('names a token whose JSON is broken and reads the rest', async () => {
    const bytes = tokensXml([
      ['GitHub:alice', JSON.stringify(token(SAMPLE_ACCOUNTS[0]!))],
      ['broken', '{"secret": [1, 2'],
    ]);
    const found = await readImportFile(bytes, 'tokens.xml');
    expect(inputs(found)).toEqual(EXPECTED.slice(0, 1));
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([['ACCOUNT_INVALID', 'entry 2']]);
  });

  it('leaves other preferences files alone', () => {
    const other = tokensXml([['theme', 'dark']]);
    expect(errorOf(() => detectImportFile(other, 'prefs.xml')).code).toBe('FILE_UNRECOGNIZED');
  });
});

// v2: a java.util.HashMap<String, String> written as ObjectOutputStream writes one.

function javaUtf(text: string): Buffer {
  const units: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 1 && c < 0x80) units.push(c);
    else if (c < 0x800) units.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else units.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  const length = Buffer.alloc(2);
  length.writeUInt16BE(units.length);
  return Buffer.concat([length, Buffer.from(units)]);
}

function serializedHashMap(entries: [string, string][]): Buffer {
  const parts: Buffer[] = [Buffer.from([0xac, 0xed, 0x00, 0x05, 0x73, 0x72])];
  parts.push(javaUtf('java.util.HashMap'));
  const suid = Buffer.alloc(8);
  suid.writeBigInt64BE(362498820763181265n);
  parts.push(suid, Buffer.from([0x03, 0x00, 0x02, 0x46]), javaUtf('loadFactor'));
  parts.push(Buffer.from([0x49]), javaUtf('threshold'), Buffer.from([0x78, 0x70]));
  const fields = Buffer.alloc(8);
  fields.writeFloatBE(0.75);
  fields.writeInt32BE(12, 4);
  const block = Buffer.alloc(10);
  block.set([0x77, 0x08]);
  block.writeInt32BE(16, 2);
  block.writeInt32BE(entries.length, 6);
  parts.push(fields, block);
  for (const [key, value] of entries) {
    parts.push(Buffer.from([0x74]), javaUtf(key), Buffer.from([0x74]), javaUtf(value));
  }
  parts.push(Buffer.from([0x78]));
  return Buffer.concat(parts);
}

const unsigned = (bytes: Uint8Array) => [...bytes].map((b) => (b > 127 ? b - 256 : b));

/** DER GCMParameters: SEQUENCE { OCTET STRING nonce, INTEGER 16 }. */
const gcmParameters = (nonce: Buffer) =>
  Buffer.concat([
    Buffer.from([0x30, nonce.length + 5, 0x04, nonce.length]),
    nonce,
    Buffer.from([2, 1, 16]),
  ]);

function encryptedKey(key: Buffer, plain: Buffer, token: string): Record<string, unknown> {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(token));
  const data = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return {
    mCipher: 'AES/GCM/NoPadding',
    mCipherText: unsigned(data),
    mParameters: unsigned(gcmParameters(nonce)),
    mToken: token,
  };
}

const CHEAP_ITERATIONS = 1000;

interface V2Options {
  iterations?: number;
  algorithm?: string;
  accounts?: readonly AccountInput[];
  damageSecretOf?: number;
}

function v2File(options: V2Options = {}): Uint8Array {
  const { iterations = CHEAP_ITERATIONS, algorithm = 'PBKDF2withHmacSHA512' } = options;
  const salt = randomBytes(32);
  const digest = algorithm.endsWith('SHA1') ? 'sha1' : 'sha512';
  const passwordKey = pbkdf2Sync(
    SAMPLE_PASSWORD,
    salt,
    Math.max(1, Math.min(iterations, 5000)),
    32,
    digest,
  );
  const master = randomBytes(32);
  const entries: [string, string][] = [
    [
      'masterKey',
      JSON.stringify({
        mAlgorithm: algorithm,
        mEncryptedKey: encryptedKey(passwordKey, master, 'AES'),
        mIterations: iterations,
        mSalt: unsigned(salt),
      }),
    ],
  ];
  (options.accounts ?? SAMPLE_ACCOUNTS).forEach((a, i) => {
    const id = `0000000${i}-uuid`;
    const details = token(a);
    delete details.secret;
    const sealed = encryptedKey(master, Buffer.from(decodeBase32(a.secret)), `Hmac${a.algorithm}`);
    if (options.damageSecretOf === i) (sealed.mCipherText as number[])[0]! ^= 1;
    entries.push([id, JSON.stringify({ key: JSON.stringify(sealed) })]);
    entries.push([`${id}-token`, JSON.stringify(details)]);
  });
  return new Uint8Array(serializedHashMap(entries));
}

describe('FreeOTP v2 encrypted backup', () => {
  let runs: KdfRun[] = [];
  const stop = watchKdfRuns((run) => {
    runs.push(run);
  });
  afterEach(() => {
    runs = [];
  });
  afterAll(stop);

  it('is recognised by its Java stream header and opened with the password', async () => {
    const bytes = v2File();
    expect(detectImportFile(bytes, 'externalBackup.xml')).toEqual({
      format: 'freeotp',
      encrypted: true,
    });
    const found = await readImportFile(bytes, 'externalBackup.xml', SAMPLE_PASSWORD);
    expect(inputs(found)).toEqual(EXPECTED);
    expect(found.problems).toEqual([]);
    expect(runs).toEqual([{ name: 'pbkdf2', iterations: CHEAP_ITERATIONS, digest: 'sha512' }]);
  });

  it('opens a master key wrapped with PBKDF2-SHA1 too', async () => {
    const bytes = v2File({
      algorithm: 'PBKDF2withHmacSHA1',
      accounts: SAMPLE_ACCOUNTS.slice(0, 1),
    });
    const found = await readImportFile(bytes, 'b', SAMPLE_PASSWORD);
    expect(inputs(found)).toEqual(EXPECTED.slice(0, 1));
  });

  it('asks for the password, and says a wrong one is wrong', async () => {
    const bytes = v2File({ accounts: SAMPLE_ACCOUNTS.slice(0, 1) });
    expect((await rejection(readImportFile(bytes, 'b'))).code).toBe('PASSWORD_REQUIRED');
    expect((await rejection(readImportFile(bytes, 'b', 'wrong'))).code).toBe('WRONG_PASSWORD');
  });

  it('names a token whose secret does not decrypt and reads the rest', async () => {
    const bytes = v2File({ accounts: SAMPLE_ACCOUNTS.slice(0, 2), damageSecretOf: 1 });
    const found = await readImportFile(bytes, 'b', SAMPLE_PASSWORD);
    expect(inputs(found)).toEqual(EXPECTED.slice(0, 1));
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['FILE_CORRUPT', 'entry 2: Example HOTP (bob)'],
    ]);
  });

  it('refuses absurd or unknown key derivations before deriving anything', () => {
    for (const options of [{ iterations: 50_000_000 }, { iterations: 0 }, { algorithm: 'MD5' }]) {
      const error = errorOf(() => detectImportFile(v2File(options), 'b'));
      expect(error.code).toBe('FILE_CORRUPT');
    }
    expect(runs).toEqual([]);
  });

  it('says a cut or damaged map is a damaged FreeOTP file', () => {
    const bytes = v2File({ accounts: SAMPLE_ACCOUNTS.slice(0, 1) });
    for (const cut of [6, 40, bytes.length - 1]) {
      expect(errorOf(() => detectImportFile(bytes.subarray(0, cut), 'b')).code).toBe(
        'FILE_CORRUPT',
      );
    }
    const renamed = Buffer.from(bytes);
    renamed[10] = 0x58; // java.util.HashMap → java.Xtil.HashMap
    expect(errorOf(() => detectImportFile(renamed, 'b')).code).toBe('FILE_CORRUPT');
  });
});

describe('FreeOTP readers under damage', () => {
  it('throw only AuthdeskError', async () => {
    const samples = [
      { name: 'freeotp-backup.json', bytes: bytesOf(plusFile()) },
      { name: 'tokens.xml', bytes: v1File() },
      { name: 'externalBackup.xml', bytes: v2File({ accounts: SAMPLE_ACCOUNTS.slice(0, 2) }) },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...samples),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.option(fc.nat()),
        async ({ name, bytes }, flips, cut) => {
          const out = Buffer.from(bytes);
          for (const [at, mask] of flips) out[at % out.length]! ^= mask;
          const damaged = cut === null ? out : out.subarray(0, cut % out.length);
          for (const password of [undefined, SAMPLE_PASSWORD]) {
            try {
              detectImportFile(damaged, name);
              await readImportFile(damaged, name, password);
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
