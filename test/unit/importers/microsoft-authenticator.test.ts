// Microsoft Authenticator's PhoneFactor database, made here with SQLite (sql.js) as the app's accounts table is laid out.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import initSqlJs from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../../shared/base32';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import { sqlJsWasmFile } from '../../../electron/import/formats/sqlite';
import { rejection } from '../../harness/import-samples';
import { expectAuthdeskError } from '../../harness/typed-errors';

const NAME = 'PhoneFactor';

// The app's table (columns as extraction tools list them from com.azure.authenticator/databases/PhoneFactor).
const SCHEMA = `CREATE TABLE accounts (_id INTEGER PRIMARY KEY AUTOINCREMENT, group_key TEXT, name TEXT,
  username TEXT, paws_url TEXT, oath_secret_key TEXT, oath_enabled INTEGER, cid TEXT, cached_pin TEXT,
  ngc_ski TEXT, aad_user_id TEXT, aad_tenant_id TEXT, account_type INTEGER, account_capability INTEGER,
  ux_position INTEGER, is_totp_code_shown INTEGER, encrypted_oath_secret_key TEXT,
  mfa_pin_encryption_key_alias TEXT, identity_provider TEXT, restore_capability INTEGER)`;

interface Row {
  name: string;
  username: string;
  oath_secret_key: string | null;
  account_type: number;
  encrypted_oath_secret_key?: string | null;
}

const MSA_SECRET = Buffer.from('0123456789abcdefghij0123456789ab', 'latin1');

const ROWS: Row[] = [
  { name: 'GitHub', username: 'alice', oath_secret_key: 'jbsw y3dp ehpk 3pxp', account_type: 0 },
  {
    name: 'Microsoft',
    username: 'alice@outlook.com',
    oath_secret_key: MSA_SECRET.toString('base64'),
    account_type: 1,
  },
  { name: 'Contoso', username: 'alice@contoso.com', oath_secret_key: null, account_type: 2 },
  {
    name: 'Example',
    username: 'bob',
    oath_secret_key: '',
    account_type: 0,
    encrypted_oath_secret_key: 'AAECAwQFBgcICQoLDA0ODw==',
  },
  { name: 'Odd', username: 'carol', oath_secret_key: 'JBSWY3DPEHPK3PXP', account_type: 7 },
  { name: 'Broken', username: 'dave', oath_secret_key: 'not base64 at all!', account_type: 1 },
];

let SQL: Awaited<ReturnType<typeof initSqlJs>>;
beforeAll(async () => {
  SQL = await initSqlJs();
});

function phoneFactor(rows: Row[], schema = SCHEMA): Uint8Array {
  const db = new SQL.Database();
  db.run('CREATE TABLE android_metadata (locale TEXT)');
  db.run("INSERT INTO android_metadata VALUES ('en_US')");
  db.run(schema);
  for (const row of rows) {
    db.run(
      'INSERT INTO accounts (name, username, oath_secret_key, account_type, encrypted_oath_secret_key) VALUES (?, ?, ?, ?, ?)',
      [
        row.name,
        row.username,
        row.oath_secret_key,
        row.account_type,
        row.encrypted_oath_secret_key ?? null,
      ],
    );
  }
  const bytes = db.export();
  db.close();
  return bytes;
}

describe('Microsoft Authenticator databases', () => {
  it('imports third-party and personal Microsoft accounts and names the rest with the reason', async () => {
    const bytes = phoneFactor(ROWS);
    expect(detectImportFile(bytes, NAME)).toEqual({
      format: 'microsoft-authenticator',
      encrypted: false,
    });
    const found = await readImportFile(bytes, NAME);
    expect(found.accounts.map((a) => a.input)).toEqual([
      {
        issuer: 'GitHub',
        label: 'alice',
        secret: 'JBSWY3DPEHPK3PXP',
        type: 'totp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
      {
        issuer: 'Microsoft',
        label: 'alice@outlook.com',
        secret: encodeBase32(MSA_SECRET),
        type: 'totp',
        algorithm: 'SHA1',
        digits: 8,
        period: 30,
        counter: 0,
      },
    ]);
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['ACCOUNT_PUSH_ONLY', 'row 3: Contoso (alice@contoso.com)'],
      ['SECRET_DEVICE_BOUND', 'row 4: Example (bob)'],
      ['URI_TYPE', 'row 5: Odd (carol)'],
      ['SECRET_INVALID', 'row 6: Broken (dave)'],
    ]);
    expect(found.problems[0]!.message).toMatch(/work or school account/);
    expect(found.problems[1]!.message).toMatch(/Android Keystore/);
  });

  it('reads a database copied while the app ran it in WAL mode', async () => {
    const bytes = phoneFactor(ROWS.slice(0, 1));
    bytes[18] = 2;
    bytes[19] = 2;
    const found = await readImportFile(bytes, 'copy.db');
    expect(found.accounts.map((a) => a.input.issuer)).toEqual(['GitHub']);
  });

  it('reads a database whose schema text quotes the table and columns', async () => {
    const quoted = SCHEMA.replace('accounts', '`accounts`').replace(
      'oath_secret_key',
      '"oath_secret_key"',
    );
    const found = await readImportFile(phoneFactor(ROWS.slice(0, 1), quoted), NAME);
    expect(found.accounts).toHaveLength(1);
  });

  it('reports a damaged database as FILE_CORRUPT, not as another file', async () => {
    const bytes = phoneFactor(ROWS);
    const pageSize = Buffer.from(bytes).readUInt16BE(16);
    // The table's pages after page 1 (which keeps the schema) overwritten.
    const damaged = new Uint8Array(bytes);
    damaged.fill(0xff, pageSize);
    expect(detectImportFile(damaged, NAME).format).toBe('microsoft-authenticator');
    const error = await rejection(readImportFile(damaged, NAME));
    expect(error.code).toBe('FILE_CORRUPT');
    expect(error.message).toMatch(/Microsoft Authenticator database/);
    // Cut short: only the first page remains.
    expect((await rejection(readImportFile(bytes.subarray(0, pageSize), NAME))).code).toBe(
      'FILE_CORRUPT',
    );
  });

  it('throws only typed errors on damaged databases (property)', async () => {
    const bytes = phoneFactor(ROWS);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.nat(bytes.length),
        async (edits, cut) => {
          const out = new Uint8Array(bytes.subarray(0, Math.max(cut, 16)));
          for (const [at, mask] of edits) if (at < out.length) out[at]! ^= mask;
          try {
            detectImportFile(out, NAME);
            await readImportFile(out, NAME);
          } catch (error) {
            expectAuthdeskError(error);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads the SQLite wasm from the installed package file, which the packaged app unpacks', () => {
    const repo = path.resolve(import.meta.dirname, '../../..');
    const module = pathToFileURL(path.join(repo, 'electron/import/formats/sqlite.ts')).href;
    const wasm = sqlJsWasmFile(module);
    expect(path.relative(repo, wasm).split(path.sep).join('/')).toBe(
      'node_modules/sql.js/dist/sql-wasm.wasm',
    );
    expect(existsSync(wasm)).toBe(true);
    expect(readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8')).toMatch(
      /^\s*- node_modules\/sql\.js\/\*\*$/m,
    );
  });
});
