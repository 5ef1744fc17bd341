// The Ente Auth importer on exports built here as Ente's docs (docs/auth/migration/export.md) and app
// write them: plain otpauth:// lines with Ente's codeDisplay, and the encrypted export (libsodium
// crypto_pwhash Argon2id over its stored limits, secretstream XChaCha20-Poly1305 with the "nonce" as
// the stream header). Small Argon2 limits where the file carries them, so the suite stays fast.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { argon2id } from 'hash-wasm';
import sodium from 'libsodium-wrappers';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../shared/account';
import { isErrorCode } from '../../../shared/errors';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import { ENTE_KDF_LIMITS } from '../../../electron/import/formats/ente';
import { watchKdfRuns, type KdfRun } from '../../../electron/vault/kdf';
import {
  jsonOf,
  otpauthListFile,
  rejection,
  SAMPLE_ACCOUNTS,
  SAMPLE_PASSWORD,
  utf8,
  withoutExtras,
} from '../../harness/import-samples';
import { errorOf, expectAuthdeskError } from '../../harness/typed-errors';

const NAME = 'ente-auth-codes-2026-12-02.txt';
/** Small limits for the tests: 64 KiB, 2 passes (Ente's own are 1 GiB × 4). */
const CHEAP = { memLimit: 64 * 1024, opsLimit: 2 } as const;

const inputs = (found: Awaited<ReturnType<typeof readImportFile>>) =>
  found.accounts.map((a) => a.input);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** One line as Ente writes a code: otpauth:// with issuer and name, then its codeDisplay JSON. */
function enteLine(account: AccountInput, display: Record<string, unknown> = {}): string {
  const type = account.type;
  const path = `${encodeURIComponent(account.issuer)}:${encodeURIComponent(account.label)}`;
  const query = [
    `secret=${account.secret}`,
    `issuer=${encodeURIComponent(account.issuer)}`,
    `algorithm=${account.algorithm.toLowerCase()}`,
    `digits=${account.digits}`,
    `period=${account.period}`,
    ...(type === 'hotp' ? [`counter=${account.counter}`] : []),
    `codeDisplay=${encodeURIComponent(
      JSON.stringify({
        pinned: false,
        trashed: false,
        lastUsedAt: 0,
        tapCount: 0,
        tags: account.tags ?? [],
        note: account.note ?? '',
        position: 0,
        ...display,
      }),
    )}`,
  ];
  return `otpauth://${type}/${path}?${query.join('&')}`;
}

const enteText = (accounts: readonly AccountInput[]) =>
  `${accounts.map((a) => enteLine(a)).join('\n')}\n`;

interface SealOptions {
  memLimit?: number;
  opsLimit?: number;
  tag?: number;
  plain?: Uint8Array;
}

/** An encrypted Ente export of `text`, made with the real KDF and cipher. */
async function enteEncryptedFile(
  text: string,
  password = SAMPLE_PASSWORD,
  options: SealOptions = {},
): Promise<Uint8Array> {
  const { memLimit = CHEAP.memLimit, opsLimit = CHEAP.opsLimit } = options;
  await sodium.ready;
  const salt = randomBytes(16);
  // crypto_pwhash(ALG_ARGON2ID13): one lane, memLimit in bytes, opsLimit passes, 32-byte key.
  const key = await argon2id({
    password: Buffer.from(password, 'utf8'),
    salt,
    iterations: opsLimit,
    memorySize: memLimit / 1024,
    parallelism: 1,
    hashLength: 32,
    outputType: 'binary',
  });
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const data = sodium.crypto_secretstream_xchacha20poly1305_push(
    state,
    options.plain ?? Buffer.from(text, 'utf8'),
    null,
    options.tag ?? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL,
  );
  return utf8(
    JSON.stringify({
      version: 1,
      kdfParams: { memLimit, opsLimit, salt: b64(salt) },
      encryptedData: b64(data),
      encryptionNonce: b64(header),
    }),
  );
}

/** The sample accounts as Ente carries them: tags, notes, pinned. */
const EXPECTED = withoutExtras(SAMPLE_ACCOUNTS, { tags: 'all', note: true });

let runs: KdfRun[] = [];
let stopWatching = () => {};
beforeAll(async () => {
  await sodium.ready;
});
function watchRuns() {
  runs = [];
  stopWatching = watchKdfRuns((run) => {
    runs.push(run);
  });
}
afterEach(() => stopWatching());

describe('Ente Auth plain export', () => {
  it('reads the links with Ente’s codeDisplay: every tag, note, pinned', async () => {
    const pinned = { ...SAMPLE_ACCOUNTS[2]! };
    const lines = [
      ...SAMPLE_ACCOUNTS.filter((a) => a !== SAMPLE_ACCOUNTS[2]).map((a) => enteLine(a)),
      enteLine(pinned, { pinned: true, tags: ['Money', 'Second'], note: 'card' }),
    ];
    const bytes = utf8(`${lines.join('\n')}\n`);
    expect(detectImportFile(bytes, NAME)).toEqual({ format: 'ente', encrypted: false });
    const found = await readImportFile(bytes, NAME);
    expect(found.problems).toEqual([]);
    expect(inputs(found)).toEqual([
      ...EXPECTED.filter((a) => a.issuer !== 'Bank'),
      { ...EXPECTED[2], tags: ['Money', 'Second'], note: 'card', pinned: true },
    ]);
  });

  it('reads what older Ente versions wrote: "null" values, Algorithm.sha256, %2C, the issuer twice', async () => {
    const lines = [
      'otpauth://totp/COMPANY:SOMELABEL?secret=JBSWY3DPEHPK3PXP&issuer=COMPANY&algorithm=null&digits=null&period=null&codeDisplay=%7B%22pinned%22%3Afalse%2C%22trashed%22%3Afalse%2C%22lastUsedAt%22%3A0%2C%22tapCount%22%3A0%2C%22tags%22%3A%5B%5D%7D',
      'otpauth://totp/GitHub:GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&codeDisplay=%7B%7D',
      'otpauth://totp/Broken:x?secret=JBSWY3DPEHPK3PXP&codeDisplay=%7Bnot%20json',
      'otpauth://totp/Dart:enum%2C%20comma?secret=JBSWY3DPEHPK3PXP&algorithm=Algorithm.sha256&codeDisplay=%7B%22tags%22%3A%5B%22a%22%2C%22b%22%5D%7D',
    ];
    const found = await readImportFile(utf8(lines.join('\n')), NAME);
    expect(found.problems).toEqual([]);
    expect(inputs(found).map((a) => [a.issuer, a.label, a.algorithm, a.digits, a.period])).toEqual([
      ['COMPANY', 'SOMELABEL', 'SHA1', 6, 30],
      ['GitHub', 'alice', 'SHA1', 6, 30],
      ['Broken', 'x', 'SHA1', 6, 30],
      ['Dart', 'enum, comma', 'SHA256', 6, 30],
    ]);
  });

  it('names a bad line and imports the rest', async () => {
    const lines = [
      enteLine(SAMPLE_ACCOUNTS[0]!),
      'not a link',
      enteLine({ ...SAMPLE_ACCOUNTS[0]!, secret: 'JBSWY3DPEHPK3PX0' }).replace(
        'secret=JBSWY3DPEHPK3PX0',
        'secret=JBSWY3DPEHPK3PX0!',
      ),
    ];
    const found = await readImportFile(utf8(lines.join('\n')), NAME);
    expect(inputs(found)).toEqual(EXPECTED.slice(0, 1));
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['URI_SCHEME', 'line 2'],
      ['SECRET_INVALID', 'line 3'],
    ]);
  });

  it('leaves a list without codeDisplay to the plain link list, as before', () => {
    expect(detectImportFile(otpauthListFile(SAMPLE_ACCOUNTS), NAME).format).toBe('otpauth-list');
  });
});

describe('Ente Auth encrypted export', () => {
  it('opens with its password, deriving once with the file’s own limits', async () => {
    const bytes = await enteEncryptedFile(enteText(SAMPLE_ACCOUNTS));
    expect(detectImportFile(bytes, NAME)).toEqual({ format: 'ente', encrypted: true });
    watchRuns();
    const found = await readImportFile(bytes, NAME, SAMPLE_PASSWORD);
    expect(found.problems).toEqual([]);
    expect(inputs(found)).toEqual(EXPECTED);
    expect(runs).toEqual([{ name: 'argon2id', memoryKiB: 64, iterations: 2, parallelism: 1 }]);
  });

  it('asks for a password, and refuses a wrong one', async () => {
    const bytes = await enteEncryptedFile(enteText(SAMPLE_ACCOUNTS));
    expect((await rejection(readImportFile(bytes, NAME))).code).toBe('PASSWORD_REQUIRED');
    expect((await rejection(readImportFile(bytes, NAME, ''))).code).toBe('PASSWORD_REQUIRED');
    expect((await rejection(readImportFile(bytes, NAME, 'wrong'))).code).toBe('WRONG_PASSWORD');
  });

  it('opens a password typed in another Unicode form (NFD for NFC)', async () => {
    const bytes = await enteEncryptedFile(enteText(SAMPLE_ACCOUNTS), 'caf\u00e9');
    expect(inputs(await readImportFile(bytes, NAME, 'cafe\u0301'))).toEqual(EXPECTED);
  });

  it('reports a damaged or cut file as damaged before asking for a password', async () => {
    const bytes = await enteEncryptedFile(enteText(SAMPLE_ACCOUNTS));
    const file = jsonOf(bytes);
    const changed = (change: (f: typeof file) => void) => {
      const copy = structuredClone(file);
      change(copy);
      return utf8(JSON.stringify(copy));
    };
    const damaged = [
      bytes.subarray(0, bytes.length - 20),
      changed((f) => (f.encryptionNonce = b64(randomBytes(16)))),
      changed((f) => (f.encryptionNonce = '!!')),
      changed((f) => (f.kdfParams.salt = b64(randomBytes(8)))),
      changed((f) => delete f.kdfParams),
      changed((f) => (f.encryptedData = 'AAAA')),
      changed((f) => (f.encryptedData = 'not*base64')),
      changed((f) => (f.version = 'one')),
    ];
    for (const d of damaged) {
      expect(errorOf(() => detectImportFile(d, NAME)).code).toBe('FILE_CORRUPT');
      expect((await rejection(readImportFile(d, NAME, SAMPLE_PASSWORD))).code).toBe('FILE_CORRUPT');
    }
    expect(
      errorOf(() =>
        detectImportFile(
          changed((f) => (f.version = 2)),
          NAME,
        ),
      ).code,
    ).toBe('FILE_UNRECOGNIZED');
  });

  it('calls a changed byte of the data a wrong password (the MAC cannot tell them apart)', async () => {
    const file = jsonOf(await enteEncryptedFile(enteText(SAMPLE_ACCOUNTS)));
    const data = Buffer.from(file.encryptedData, 'base64');
    data[5]! ^= 0x01;
    file.encryptedData = data.toString('base64');
    const error = await rejection(
      readImportFile(utf8(JSON.stringify(file)), NAME, SAMPLE_PASSWORD),
    );
    expect(error.code).toBe('WRONG_PASSWORD');
  });

  it('reports opened content that is not Ente’s as damaged', async () => {
    const text = enteText(SAMPLE_ACCOUNTS);
    const notFinal = await enteEncryptedFile(text, SAMPLE_PASSWORD, {
      tag: sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,
    });
    const notText = await enteEncryptedFile('', SAMPLE_PASSWORD, {
      plain: new Uint8Array([0xff, 0xfe, 0x00]),
    });
    const empty = await enteEncryptedFile('\n', SAMPLE_PASSWORD);
    for (const bytes of [notFinal, notText, empty]) {
      expect((await rejection(readImportFile(bytes, NAME, SAMPLE_PASSWORD))).code).toBe(
        'FILE_CORRUPT',
      );
    }
  });

  it('refuses absurd Argon2 limits before deriving anything, and accepts every cost Ente uses', async () => {
    const file = jsonOf(await enteEncryptedFile(enteText(SAMPLE_ACCOUNTS)));
    const GiB = 1024 ** 3;
    const absurd: [unknown, unknown][] = [
      [2 * GiB, 4], // more memory than Ente's sensitive setting
      [GiB, 5], // more work than 1 GiB × 4
      [64 * 1024 ** 2, 1e9],
      [8192, 2 ** 30],
      [4096, 1], // under libsodium's minimum
      [GiB, 0],
      [GiB, -1],
      [1.5e6, 2.5],
      ['1073741824', 4],
      [null, 4],
      [Number.MAX_SAFE_INTEGER, 1],
    ];
    watchRuns();
    for (const [memLimit, opsLimit] of absurd) {
      const bytes = utf8(
        JSON.stringify({ ...file, kdfParams: { ...file.kdfParams, memLimit, opsLimit } }),
      );
      expect(errorOf(() => detectImportFile(bytes, NAME)).code).toBe('FILE_CORRUPT');
      const error = await rejection(readImportFile(bytes, NAME, SAMPLE_PASSWORD));
      expect([error.code, error.message]).toEqual([
        'FILE_CORRUPT',
        expect.stringMatching(/Argon2/),
      ]);
    }
    // Ente's sensitive cost, and what it falls back to on phones short of memory (same product).
    for (const [memLimit, opsLimit] of [
      [GiB, 4],
      [GiB / 4, 16],
      [64 * 1024 ** 2, 64],
      [ENTE_KDF_LIMITS.minMemLimit, 2],
    ]) {
      const bytes = utf8(
        JSON.stringify({ ...file, kdfParams: { ...file.kdfParams, memLimit, opsLimit } }),
      );
      expect(detectImportFile(bytes, NAME)).toEqual({ format: 'ente', encrypted: true });
    }
    expect(runs).toEqual([]);
  });

  it('derives nothing once cancelled', async () => {
    const bytes = await enteEncryptedFile(enteText(SAMPLE_ACCOUNTS));
    watchRuns();
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(readImportFile(bytes, NAME, SAMPLE_PASSWORD, controller.signal));
    expect(error.code).toBe('CANCELLED');
    expect(runs).toEqual([]);
  });

  it('says CANCELLED when cancelled as the derivation starts', async () => {
    const bytes = await enteEncryptedFile(enteText(SAMPLE_ACCOUNTS));
    const controller = new AbortController();
    // The listener runs as the derivation starts, after the envelope was checked.
    stopWatching = watchKdfRuns(() => controller.abort());
    const error = await rejection(readImportFile(bytes, NAME, SAMPLE_PASSWORD, controller.signal));
    expect(error.code).toBe('CANCELLED');
  });
});

describe('Ente Auth files, damaged at random', () => {
  /** Derivations are run only where the mutated file's limits stay small. */
  const cheap = (bytes: Uint8Array) => {
    const match = /"memLimit"\s*:\s*(\d+)[^}]*"opsLimit"\s*:\s*(\d+)/.exec(
      Buffer.from(bytes).toString('utf8'),
    );
    return match !== null && Number(match[1]) * Number(match[2]) <= 2 * 1024 * 1024;
  };

  async function tryEverything(bytes: Uint8Array): Promise<void> {
    let encrypted = false;
    try {
      encrypted = detectImportFile(bytes, NAME).encrypted;
    } catch (error) {
      expectAuthdeskError(error);
    }
    for (const password of encrypted && cheap(bytes) ? [SAMPLE_PASSWORD, 'wrong'] : [undefined]) {
      try {
        const found = await readImportFile(bytes, NAME, password);
        for (const problem of found.problems) expect(isErrorCode(problem.code)).toBe(true);
      } catch (error) {
        expectAuthdeskError(error);
      }
    }
  }

  it('throws only AuthdeskError, for the plain and the encrypted export', async () => {
    const plain = utf8(enteText(SAMPLE_ACCOUNTS));
    const sealed = await enteEncryptedFile(enteText(SAMPLE_ACCOUNTS));
    const root = jsonOf(sealed) as Record<string, unknown>;
    const mutateBytes = (bytes: Uint8Array) =>
      fc.oneof(
        fc
          .array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 })), {
            minLength: 1,
            maxLength: 4,
          })
          .map((edits) => {
            const out = Buffer.from(bytes);
            for (const [at, mask] of edits) out[at]! ^= mask;
            return new Uint8Array(out);
          }),
        fc.nat(bytes.length).map((at) => bytes.subarray(0, at)),
      );
    const mutateJson = fc
      .tuple(
        fc.constantFrom(
          'version',
          'kdfParams',
          'encryptedData',
          'encryptionNonce',
          'memLimit',
          'opsLimit',
          'salt',
        ),
        fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
      )
      .map(([key, value]) => {
        const copy = structuredClone(root) as Record<string, Record<string, unknown>>;
        const target = ['memLimit', 'opsLimit', 'salt'].includes(key) ? copy.kdfParams! : copy;
        if (value === undefined) delete target[key];
        else target[key] = value;
        return utf8(JSON.stringify(copy));
      });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(mutateBytes(plain), mutateBytes(sealed), mutateJson),
        tryEverything,
      ),
      { numRuns: 150 },
    );
  });
});
