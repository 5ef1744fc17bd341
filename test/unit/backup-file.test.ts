// The encrypted backup file: what goes in comes out exactly, and every bad file gets its own clear error.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/account';
import { isAuthdeskError } from '../../shared/errors';
import {
  decodeBackup,
  encodeBackup,
  newBackupKey,
  writeBackupFile,
  type BackupKey,
} from '../../electron/transfer/backup-file';
import { sealPayload } from '../../electron/vault/envelope';
import { Vault } from '../../electron/vault/vault';
import {
  PASSWORD,
  TINY_KDF,
  base32,
  failingWrites,
  makeTempDir,
  removeTempDir,
  sampleInput,
} from '../harness/vault-fixtures';
import { tagList } from '../harness/tag-arbitraries';

const BACKUP_PASSWORD = 'backup pässword 🔑';
const META = { appVersion: '1.2.3', now: new Date('2026-11-29T21:30:05.123Z') };
const AWS = 'arn:aws:iam::123456789012:mfa/alice';

function account(tag: number, overrides: Partial<Account> = {}): Account {
  return {
    ...sampleInput(tag),
    id: `00000000-0000-4000-8000-00000000000${tag}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-02-01T00:00:00.000Z',
    ...overrides,
  };
}

/** One of each kind the vault can hold. */
const ACCOUNTS: Account[] = [
  account(1),
  account(2, { type: 'hotp', counter: 42, algorithm: 'SHA256' }),
  account(3, { type: 'steam', digits: 5, issuer: 'Steam' }),
  account(4, { algorithm: 'SHA512', digits: 8, period: 60 }),
  account(5, {
    issuer: 'Ünïcødé 銀行',
    label: 'アリス@example.jp',
    tags: ['Banken & 金融', 'Zweit'],
    note: 'line one\nline two — ✓',
    pinned: true,
    awsSerial: AWS,
  }),
];
const GROUPS = ['Banken & 金融', 'Empty group', 'Zweit'];

let key: BackupKey;
let original: string;
let dir: string;
beforeAll(async () => {
  dir = await makeTempDir();
  key = await newBackupKey(BACKUP_PASSWORD, TINY_KDF);
  original = encodeBackup({ accounts: ACCOUNTS, groups: GROUPS }, key, META);
});
afterAll(() => removeTempDir(dir));

const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

/** The contents, or the error code with its message. */
async function outcome(file: string | Uint8Array, password = BACKUP_PASSWORD) {
  try {
    return await decodeBackup(typeof file === 'string' ? bytesOf(file) : file, password);
  } catch (error) {
    if (!isAuthdeskError(error)) throw error; // a crash, not a clean refusal
    return { code: error.code, message: error.message };
  }
}
const codeOf = async (file: string | Uint8Array, password?: string) =>
  ((await outcome(file, password)) as { code?: string }).code ?? 'opened';

type Json = {
  format: unknown;
  version: unknown;
  slots: (Record<string, unknown> & { key: string; nonce: string; kdf: Record<string, unknown> })[];
  payload: { nonce: string; data: string };
};
const parsed = (): Json => JSON.parse(original) as Json;

describe('a backup', () => {
  it('round-trips every kind of account exactly (HOTP, Steam, SHA512, 8 digits, unicode, group, note, awsSerial), with its groups and info', async () => {
    const contents = await decodeBackup(bytesOf(original), BACKUP_PASSWORD);
    expect(contents.accounts).toEqual(ACCOUNTS);
    expect(contents.groups).toEqual(GROUPS);
    expect(contents.info).toEqual({
      createdAt: '2026-11-29T21:30:05.123Z',
      appVersion: '1.2.3',
      count: 5,
    });
  });

  it('is the vault envelope as authdesk-backup with one password slot, and holds no secret in the clear', () => {
    const json = parsed();
    expect(json.format).toBe('authdesk-backup');
    expect(json.version).toBe(1);
    expect(json.slots).toHaveLength(1);
    expect(json.slots[0]).toMatchObject({ type: 'password', kdf: { name: 'scrypt', N: 1024 } });
    for (const secret of [ACCOUNTS[0]!.secret, 'Ünïcødé', AWS, key.masterKey.toString('base64')]) {
      expect(original).not.toContain(secret);
    }
  });

  it('gets a fresh payload nonce on every encoding of the same data', () => {
    const again = JSON.parse(
      encodeBackup({ accounts: ACCOUNTS, groups: GROUPS }, key, META),
    ) as Json;
    expect(again.payload.nonce).not.toBe(parsed().payload.nonce);
    expect(again.slots).toEqual(parsed().slots);
  });

  it('round-trips an empty vault', async () => {
    const empty = encodeBackup({ accounts: [], groups: [] }, key, META);
    expect(await decodeBackup(bytesOf(empty), BACKUP_PASSWORD)).toMatchObject({
      accounts: [],
      groups: [],
      info: { count: 0 },
    });
  });

  it('newBackupKey refuses an empty password as PASSWORD_INVALID', async () => {
    await expect(newBackupKey('', TINY_KDF)).rejects.toMatchObject({ code: 'PASSWORD_INVALID' });
  });

  it('encodeBackup refuses a key without a password slot', () => {
    expect(() =>
      encodeBackup({ accounts: [], groups: [] }, { ...key, slot: { type: 'system' } }, META),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

const secretOf = fc
  .uint8Array({ minLength: 10, maxLength: 64 })
  .map((bytes) => base32(Buffer.from(bytes)));
const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const accountArb: fc.Arbitrary<Account> = fc
  .record(
    {
      id: fc.uuid(),
      issuer: text,
      label: text,
      type: fc.constantFrom('totp', 'hotp', 'steam'),
      algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
      digits: fc.integer({ min: 6, max: 8 }),
      period: fc.integer({ min: 1, max: 3600 }),
      counter: fc.nat(),
      secret: secretOf,
      note: fc.string({ unit: 'grapheme', maxLength: 200 }),
      pinned: fc.boolean(),
      awsSerial: fc.constant(AWS),
      createdAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      updatedAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    },
    {
      requiredKeys: [
        'id',
        'issuer',
        'label',
        'type',
        'algorithm',
        'digits',
        'period',
        'counter',
        'secret',
        'createdAt',
        'updatedAt',
      ],
    },
  )
  .map((a) => (a.type === 'steam' ? { ...a, digits: 5 } : a) as Account);

describe('property', () => {
  it('any set of valid accounts survives encodeBackup → decodeBackup unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Tags as the vault keeps them: each account's among the list (shared/tags.ts).
        tagList().chain((groups) =>
          fc.tuple(
            fc.array(
              fc
                .tuple(accountArb, fc.subarray(groups))
                .map(([a, tags]) => (tags.length > 0 ? { ...a, tags } : a)),
              { maxLength: 8 },
            ),
            fc.constant(groups),
          ),
        ),
        async ([accounts, groups]) => {
          const file = encodeBackup({ accounts, groups }, key, META);
          const contents = await decodeBackup(bytesOf(file), BACKUP_PASSWORD);
          expect(contents.accounts).toEqual(accounts);
          expect(contents.groups).toEqual(groups);
          expect(contents.info.count).toBe(accounts.length);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('a file that is not a backup', () => {
  it('random bytes, an empty file, other JSON and other formats are FILE_UNRECOGNIZED', async () => {
    for (const file of [
      new Uint8Array(randomBytes(2048)),
      new Uint8Array(0),
      '   \n',
      'not json at all',
      '[1, 2, 3]',
      '"authdesk-backup"',
      'null',
      '{"format": "aegis", "version": 1}',
      '{"version": 1}',
      '{"db": {"entries": []}}',
    ]) {
      expect(await codeOf(file), String(file).slice(0, 40)).toBe('FILE_UNRECOGNIZED');
    }
  });

  it('an Authdesk vault file is FILE_UNRECOGNIZED and says it is a vault', async () => {
    const vaultFile = path.join(dir, 'vault.json');
    await Vault.create(vaultFile, PASSWORD, { kdf: TINY_KDF });
    const vault = await fs.readFile(vaultFile);
    for (const password of [PASSWORD, '']) {
      expect(await outcome(new Uint8Array(vault), password)).toEqual({
        code: 'FILE_UNRECOGNIZED',
        message: expect.stringMatching(/is an Authdesk vault, not a backup/),
      });
    }
    // Cut short, it still says so.
    expect(await outcome(new Uint8Array(vault.subarray(0, 80)))).toMatchObject({
      message: expect.stringMatching(/vault/),
    });
  });
});

describe('a damaged backup', () => {
  it('every truncation is refused without asking for a password: FILE_CORRUPT once its start shows it is a backup', async () => {
    const content = original.trimEnd();
    const marker = content.indexOf('"authdesk-backup"') + '"authdesk-backup"'.length;
    for (let cut = 0; cut < content.length; cut++) {
      const expected = cut < marker ? 'FILE_UNRECOGNIZED' : 'FILE_CORRUPT';
      expect(await codeOf(content.slice(0, cut), ''), `cut at ${cut}`).toBe(expected);
    }
    for (const cut of [marker, 100, Math.floor(content.length / 2), content.length - 1]) {
      expect(await outcome(content.slice(0, cut))).toEqual({
        code: 'FILE_CORRUPT',
        message: 'The backup file is incomplete or damaged: it is not valid JSON.',
      });
    }
  });

  it('a flipped byte anywhere in the payload (data, tag or nonce) is FILE_CORRUPT with the right password', async () => {
    for (const field of ['data', 'nonce'] as const) {
      const bytes = Buffer.from(parsed().payload[field], 'base64');
      for (let i = 0; i < bytes.length; i++) {
        const json = parsed();
        const flipped = Buffer.from(bytes);
        flipped[i]! ^= 1 + (i % 255);
        json.payload[field] = flipped.toString('base64');
        expect(await outcome(JSON.stringify(json)), `${field} byte ${i}`).toEqual({
          code: 'FILE_CORRUPT',
          message:
            'The backup opened with this password, but its contents are damaged or were changed outside Authdesk.',
        });
      }
    }
  });

  it('a flipped byte in the slot key, nonce or salt is WRONG_PASSWORD (the same tag fails either way)', async () => {
    for (const field of ['key', 'nonce', 'salt'] as const) {
      const json = parsed();
      const slot = json.slots[0]!;
      const where = field === 'salt' ? slot.kdf : slot;
      const bytes = Buffer.from(where[field] as string, 'base64');
      bytes[bytes.length >> 1]! ^= 0x40;
      where[field] = bytes.toString('base64');
      expect(await codeOf(JSON.stringify(json)), field).toBe('WRONG_PASSWORD');
    }
  });

  it('a damaged field (bad base64, wrong length, missing payload, absurd KDF cost, a system slot) is FILE_CORRUPT before any password is asked', async () => {
    const damages: ((json: Json) => void)[] = [
      (j) => (j.payload.data = `${j.payload.data.slice(0, 10)}*${j.payload.data.slice(11)}`),
      (j) => (j.payload.nonce = Buffer.alloc(11).toString('base64')),
      (j) => (j.slots[0]!.key = `!${j.slots[0]!.key.slice(1)}`),
      (j) => delete (j as Partial<Json>).payload,
      (j) => (j.slots = []),
      (j) => (j.slots[0]!.kdf.N = 2 ** 30),
      (j) => (j.slots[0]!.kdf.name = 'argon2id'),
      (j) => j.slots.push({ type: 'system', key: 'AAAA' } as unknown as Json['slots'][number]),
      (j) => (j.version = 0),
      (j) => (j.version = '1'),
      (j) => delete (j as Partial<Json>).version,
    ];
    for (const [index, damage] of damages.entries()) {
      const json = parsed();
      damage(json);
      for (const password of ['', BACKUP_PASSWORD]) {
        expect(await codeOf(JSON.stringify(json), password), `damage ${index}`).toBe(
          'FILE_CORRUPT',
        );
      }
    }
  });

  it('contents that decrypt but are not a backup payload (count off, fields missing, not JSON) are FILE_CORRUPT', async () => {
    const payloads = [
      { createdAt: 'x', appVersion: '1', count: 2, accounts: [ACCOUNTS[0]], groups: [] },
      {
        createdAt: 'x',
        appVersion: '1',
        count: 1,
        accounts: [{ ...ACCOUNTS[0], type: 'sms' }],
        groups: [],
      },
      { accounts: [], groups: [], revision: 3, updatedAt: 'x' },
      'not an object',
    ];
    for (const payload of payloads) {
      const json = parsed();
      const plaintext = Buffer.from(
        typeof payload === 'string' ? payload : JSON.stringify(payload),
      );
      const sealed = sealPayload(plaintext, key.masterKey, {
        format: 'authdesk-backup',
        version: 1,
      });
      json.payload = {
        nonce: sealed.nonce.toString('base64'),
        data: sealed.data.toString('base64'),
      };
      expect(await outcome(JSON.stringify(json))).toEqual({
        code: 'FILE_CORRUPT',
        message: expect.stringMatching(/^The backup decrypted, but its contents are not/),
      });
    }
  });
});

describe('the password and the version', () => {
  it('an empty password is PASSWORD_REQUIRED, a wrong one WRONG_PASSWORD', async () => {
    expect(await outcome(original, '')).toEqual({
      code: 'PASSWORD_REQUIRED',
      message: 'This backup is encrypted: enter its password.',
    });
    expect(await outcome(original, 'wrong')).toEqual({
      code: 'WRONG_PASSWORD',
      message: 'The password does not open this backup.',
    });
    // NFC: the same password typed with a decomposed ä opens it.
    expect(await codeOf(original, BACKUP_PASSWORD.normalize('NFD'))).toBe('opened');
  });

  it('version 2 is FILE_TOO_NEW, whatever the password and however the rest looks', async () => {
    for (const body of [parsed(), { format: 'authdesk-backup', version: 2, novel: true }]) {
      body.version = 2;
      for (const password of ['', BACKUP_PASSWORD]) {
        expect(await outcome(JSON.stringify(body), password)).toEqual({
          code: 'FILE_TOO_NEW',
          message: expect.stringMatching(
            /newer Authdesk \(format version 2; this version reads 1\)/,
          ),
        });
      }
    }
  });

  it('no error message holds a secret or the password', async () => {
    const json = parsed();
    json.payload.data = Buffer.alloc(40).toString('base64');
    for (const [file, password] of [
      [original, 'wrong'],
      [JSON.stringify(json), BACKUP_PASSWORD],
      [original.slice(0, 300), BACKUP_PASSWORD],
    ] as const) {
      const result = (await outcome(file, password)) as { message: string };
      for (const secret of [BACKUP_PASSWORD, 'wrong', ACCOUNTS[0]!.secret, json.slots[0]!.key]) {
        expect(result.message).not.toContain(secret);
      }
    }
  });
});

describe('writeBackupFile', () => {
  it('writes the file with mode 0600 and no .bak, replacing an older one whole', async () => {
    const file = path.join(dir, 'replace.authdesk');
    await fs.writeFile(file, 'old');
    await writeBackupFile(file, original);
    expect(await fs.readFile(file, 'utf8')).toBe(original);
    if (process.platform !== 'win32') expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await fs.readdir(dir)).filter((name) => name.startsWith('replace'))).toEqual([
      'replace.authdesk',
    ]);
  });

  it('on a full disk is IO_ERROR naming the folder; the old file stays and no temp file is left', async () => {
    const file = path.join(dir, 'full.authdesk');
    await fs.writeFile(file, 'old backup');
    const full = failingWrites('ENOSPC', (name) => name.endsWith('.tmp'));
    await expect(writeBackupFile(file, original, { fs: full })).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: `Not enough disk space to save the backup in ${dir}.`,
    });
    expect(await fs.readFile(file, 'utf8')).toBe('old backup');
    expect((await fs.readdir(dir)).filter((name) => name.startsWith('full'))).toEqual([
      'full.authdesk',
    ]);
  });

  it('into a folder that does not exist is IO_ERROR', async () => {
    await expect(
      writeBackupFile(path.join(dir, 'missing', 'b.authdesk'), original),
    ).rejects.toMatchObject({ code: 'IO_ERROR' });
  });
});
