// The Proton Authenticator importer on exports built here as proton-pass-common's exporter writes
// them: {version: 1, entries: [{id, content: {uri, entry_type, name}, note}]}, and the password
// export {version: 1, salt, content} (Argon2id 19 MiB × 2 passes × 1 lane over a 16-byte salt;
// AES-256-GCM, nonce ‖ ciphertext ‖ tag, associated data "proton.authenticator.export.v1").
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { argon2id } from 'hash-wasm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../shared/account';
import { decodeBase32, encodeBase32 } from '../../../shared/base32';
import { isErrorCode } from '../../../shared/errors';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import { watchKdfRuns, type KdfRun } from '../../../electron/vault/kdf';
import {
  jsonOf,
  rejection,
  SAMPLE_ACCOUNTS,
  SAMPLE_PASSWORD,
  utf8,
  withoutExtras,
} from '../../harness/import-samples';
import { errorOf, expectAuthdeskError } from '../../harness/typed-errors';

const NAME = 'Proton_Authenticator_backup_2026-12-02.json';
const PROTON_ARGON2 = { memorySize: 19 * 1024, iterations: 2, parallelism: 1 } as const;

const inputs = (found: Awaited<ReturnType<typeof readImportFile>>) =>
  found.accounts.map((a) => a.input);

/** Proton holds TOTP and Steam entries (no HOTP, no groups); a note each. */
const PROTON_ACCOUNTS = SAMPLE_ACCOUNTS.filter((a) => a.type !== 'hotp');

/** One entry as Proton exports it: its TOTP URI (label, then issuer and the rest as parameters). */
function protonEntry(account: AccountInput): Record<string, unknown> {
  if (account.type === 'steam') {
    const secret = Buffer.from(decodeBase32(account.secret)).toString('base64');
    return {
      id: randomUUID(),
      content: { uri: `steam://${secret}`, entry_type: 'Steam', name: account.label },
      note: account.note ?? null,
    };
  }
  const query = [
    `secret=${account.secret}`,
    `issuer=${encodeURIComponent(account.issuer)}`,
    `algorithm=${account.algorithm}`,
    `digits=${account.digits}`,
    `period=${account.period}`,
  ];
  return {
    id: randomUUID(),
    content: {
      uri: `otpauth://totp/${encodeURIComponent(account.label)}?${query.join('&')}`,
      entry_type: 'Totp',
      name: account.label || account.issuer,
    },
    note: account.note ?? null,
  };
}

const protonExport = (entries: unknown[]) => ({ version: 1, entries });
const protonPlainFile = (accounts: readonly AccountInput[]) =>
  utf8(JSON.stringify(protonExport(accounts.map(protonEntry))));

async function protonKey(password: string, salt: Uint8Array): Promise<Buffer> {
  return Buffer.from(
    await argon2id({
      password: Buffer.from(password, 'utf8'),
      salt,
      ...PROTON_ARGON2,
      hashLength: 32,
      outputType: 'binary',
    }),
  );
}

/** The password export of `inner` (the plain export's JSON text, or any bytes). */
function protonEncryptedFile(key: Buffer, salt: Buffer, inner: string | Buffer): Uint8Array {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from('proton.authenticator.export.v1', 'utf8'));
  const body = Buffer.concat([cipher.update(inner), cipher.final()]);
  const content = Buffer.concat([nonce, body, cipher.getAuthTag()]);
  return utf8(
    JSON.stringify({
      version: 1,
      salt: salt.toString('base64'),
      content: content.toString('base64'),
    }),
  );
}

const EXPECTED = withoutExtras(PROTON_ACCOUNTS, { note: true });

// The derivation Proton fixes (19 MiB × 2) is made once for the file: every encrypted export below
// shares this salt and key, as exports made by one password on one salt would.
const SALT = randomBytes(16);
let KEY: Buffer;
let ENCRYPTED: Uint8Array;
beforeAll(async () => {
  KEY = await protonKey(SAMPLE_PASSWORD, SALT);
  ENCRYPTED = protonEncryptedFile(
    KEY,
    SALT,
    JSON.stringify(protonExport(PROTON_ACCOUNTS.map(protonEntry))),
  );
});

let runs: KdfRun[] = [];
let stopWatching = () => {};
function watchRuns() {
  runs = [];
  stopWatching = watchKdfRuns((run) => {
    runs.push(run);
  });
}
afterEach(() => stopWatching());

describe('Proton Authenticator plain export', () => {
  it('reads TOTP and Steam entries with their notes', async () => {
    const bytes = protonPlainFile(PROTON_ACCOUNTS);
    expect(detectImportFile(bytes, NAME)).toEqual({ format: 'proton', encrypted: false });
    const found = await readImportFile(bytes, NAME);
    expect(found.problems).toEqual([]);
    expect(inputs(found)).toEqual(EXPECTED);
  });

  it('is recognised by its content under any name, and an empty export is nothing to import', async () => {
    expect(detectImportFile(protonPlainFile(PROTON_ACCOUNTS), 'x.txt').format).toBe('proton');
    const empty = await readImportFile(utf8('{"version":1,"entries":[]}'), 'x.json');
    expect(empty).toMatchObject({ accounts: [], problems: [] });
  });

  it('names an entry it cannot read and imports the rest', async () => {
    const good = protonEntry(PROTON_ACCOUNTS[0]!);
    const entries = [
      good,
      {
        ...good,
        content: {
          uri: 'otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP',
          entry_type: 'Hotp',
          name: 'Counter',
        },
      },
      { ...good, content: { uri: 'steam://!!!', entry_type: 'Steam', name: 'Broken steam' } },
      {
        ...good,
        content: {
          uri: 'otpauth://totp/Typo?secret=JBSWY3DPEHPK3PX0',
          entry_type: 'Totp',
          name: 'Typo',
        },
      },
      'not an entry',
    ];
    const found = await readImportFile(utf8(JSON.stringify(protonExport(entries))), NAME);
    expect(inputs(found)).toEqual(EXPECTED.slice(0, 1));
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['URI_TYPE', 'entry 2: Counter'],
      ['SECRET_INVALID', 'entry 3: Broken steam'],
      ['SECRET_INVALID', 'entry 4: Typo'],
      ['ACCOUNT_INVALID', 'entry 5'],
    ]);
  });

  it('uses the entry’s name when its URI has no account name', async () => {
    const entry = {
      id: randomUUID(),
      content: {
        uri: 'otpauth://totp/?secret=JBSWY3DPEHPK3PXP&issuer=Shop',
        entry_type: 'Totp',
        name: 'me@shop',
      },
      note: null,
    };
    const found = await readImportFile(utf8(JSON.stringify(protonExport([entry]))), NAME);
    expect(inputs(found).map((a) => [a.issuer, a.label])).toEqual([['Shop', 'me@shop']]);
  });

  it('reads a Steam secret whose base64 ends in "/" whole', async () => {
    const secret = Buffer.from([...randomBytes(14), 0xff]);
    const uri = `steam://${secret.toString('base64')}`;
    expect(uri.endsWith('/')).toBe(true);
    const entry = {
      id: randomUUID(),
      content: { uri, entry_type: 'Steam', name: 'me' },
      note: null,
    };
    const found = await readImportFile(utf8(JSON.stringify(protonExport([entry]))), NAME);
    expect(found.problems).toEqual([]);
    expect(inputs(found).map((a) => [a.type, a.secret])).toEqual([['steam', encodeBase32(secret)]]);
  });

  it('reports a file without entries, cut short or of a newer version', async () => {
    expect(errorOf(() => detectImportFile(utf8('{"version":"x","entries":[]}'), NAME)).code).toBe(
      'FILE_CORRUPT',
    );
    const bytes = protonPlainFile(PROTON_ACCOUNTS);
    const cut = bytes.subarray(0, bytes.length - 30);
    expect(errorOf(() => detectImportFile(cut, NAME)).code).toBe('FILE_CORRUPT');
    expect((await rejection(readImportFile(cut, NAME))).code).toBe('FILE_CORRUPT');
    const newer = utf8(JSON.stringify({ ...jsonOf(bytes), version: 2 }));
    expect(errorOf(() => detectImportFile(newer, NAME)).code).toBe('FILE_UNRECOGNIZED');
  });
});

describe('Proton Authenticator password export', () => {
  it('opens with its password at Proton’s fixed Argon2id cost', async () => {
    expect(detectImportFile(ENCRYPTED, NAME)).toEqual({ format: 'proton', encrypted: true });
    watchRuns();
    const found = await readImportFile(ENCRYPTED, NAME, SAMPLE_PASSWORD);
    expect(found.problems).toEqual([]);
    expect(inputs(found)).toEqual(EXPECTED);
    expect(runs).toEqual([{ name: 'argon2id', memoryKiB: 19456, iterations: 2, parallelism: 1 }]);
  });

  it('asks for a password, and refuses a wrong one', async () => {
    expect((await rejection(readImportFile(ENCRYPTED, NAME))).code).toBe('PASSWORD_REQUIRED');
    expect((await rejection(readImportFile(ENCRYPTED, NAME, ''))).code).toBe('PASSWORD_REQUIRED');
    expect((await rejection(readImportFile(ENCRYPTED, NAME, 'wrong'))).code).toBe('WRONG_PASSWORD');
  });

  it('refuses content sealed without Proton’s associated data (another app’s envelope)', async () => {
    const file = jsonOf(ENCRYPTED);
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', KEY, nonce);
    const body = Buffer.concat([cipher.update('{"version":1,"entries":[]}'), cipher.final()]);
    file.content = Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64');
    const error = await rejection(
      readImportFile(utf8(JSON.stringify(file)), NAME, SAMPLE_PASSWORD),
    );
    expect(error.code).toBe('WRONG_PASSWORD');
  });

  it('reports a damaged envelope as damaged before asking for a password', async () => {
    const file = jsonOf(ENCRYPTED);
    const changed = (change: (f: typeof file) => void) => {
      const copy = structuredClone(file);
      change(copy);
      return utf8(JSON.stringify(copy));
    };
    const damaged = [
      ENCRYPTED.subarray(0, ENCRYPTED.length - 20),
      changed((f) => (f.salt = randomBytes(8).toString('base64'))),
      changed((f) => (f.salt = 42)),
      changed((f) => (f.content = randomBytes(20).toString('base64'))),
      changed((f) => (f.content = 'not*base64')),
      changed((f) => (f.version = 0)),
    ];
    watchRuns();
    for (const d of damaged) {
      expect(errorOf(() => detectImportFile(d, NAME)).code).toBe('FILE_CORRUPT');
      expect((await rejection(readImportFile(d, NAME, SAMPLE_PASSWORD))).code).toBe('FILE_CORRUPT');
    }
    expect(runs).toEqual([]);
  });

  it('reports opened content that is not a Proton export as damaged', async () => {
    for (const inner of [Buffer.from([0xff, 0xfe]), '{"version":1}']) {
      const bytes = protonEncryptedFile(KEY, SALT, inner);
      expect((await rejection(readImportFile(bytes, NAME, SAMPLE_PASSWORD))).code).toBe(
        'FILE_CORRUPT',
      );
    }
  });

  it('derives nothing once cancelled', async () => {
    watchRuns();
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(
      readImportFile(ENCRYPTED, NAME, SAMPLE_PASSWORD, controller.signal),
    );
    expect(error.code).toBe('CANCELLED');
    expect(runs).toEqual([]);
  });
});

describe('Proton Authenticator files, damaged at random', () => {
  it('throws only AuthdeskError (passwords tried on a few encrypted ones only: 19 MiB each)', async () => {
    const plain = protonPlainFile(PROTON_ACCOUNTS);
    const root = jsonOf(plain) as { entries: Record<string, unknown>[] };
    const bytesMutation = (bytes: Uint8Array) =>
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
    const entryMutation = fc
      .tuple(
        fc.nat(root.entries.length - 1),
        fc.constantFrom('id', 'content', 'note', 'uri', 'entry_type', 'name'),
        fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
      )
      .map(([i, key, value]) => {
        const copy = structuredClone(root);
        const entry = copy.entries[i]!;
        const target = ['uri', 'entry_type', 'name'].includes(key)
          ? (entry.content as Record<string, unknown>)
          : entry;
        if (value === undefined) delete target[key];
        else target[key] = value;
        return utf8(JSON.stringify(copy));
      });
    let passwordsTried = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(bytesMutation(plain), entryMutation, bytesMutation(ENCRYPTED)),
        async (bytes) => {
          let encrypted = false;
          try {
            encrypted = detectImportFile(bytes, NAME).encrypted;
          } catch (error) {
            expectAuthdeskError(error);
          }
          const password = encrypted && passwordsTried++ < 3 ? SAMPLE_PASSWORD : undefined;
          try {
            const found = await readImportFile(bytes, NAME, password);
            for (const problem of found.problems) expect(isErrorCode(problem.code)).toBe(true);
          } catch (error) {
            expectAuthdeskError(error);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
