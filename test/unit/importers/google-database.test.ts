// Google Authenticator's `databases` file, made here with SQLite (sql.js) as the app's AccountDb creates its table.
import fc from 'fast-check';
import initSqlJs from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import { expectAuthdeskError } from '../../harness/typed-errors';

const NAME = 'databases';

// google-authenticator-android's AccountDb (issuer and original_name were added by later versions).
const SCHEMA =
  'CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL, ' +
  'counter INTEGER DEFAULT 0, type INTEGER, provider INTEGER DEFAULT 0, issuer TEXT DEFAULT NULL, ' +
  'original_name TEXT DEFAULT NULL)';
const OLD_SCHEMA =
  'CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL, ' +
  'counter INTEGER DEFAULT 0, type INTEGER)';

let SQL: Awaited<ReturnType<typeof initSqlJs>>;
beforeAll(async () => {
  SQL = await initSqlJs();
});

type Row = [email: string, secret: string, counter: number, type: number, issuer: string | null];

function googleDatabase(rows: Row[], schema = SCHEMA): Uint8Array {
  const db = new SQL.Database();
  db.run('CREATE TABLE android_metadata (locale TEXT)');
  db.run(schema);
  for (const [email, secret, counter, type, issuer] of rows) {
    if (schema === OLD_SCHEMA) {
      db.run('INSERT INTO accounts (email, secret, counter, type) VALUES (?, ?, ?, ?)', [
        email,
        secret,
        counter,
        type,
      ]);
    } else {
      db.run(
        'INSERT INTO accounts (email, secret, counter, type, provider, issuer, original_name) VALUES (?, ?, ?, ?, 0, ?, ?)',
        [email, secret, counter, type, issuer, email],
      );
    }
  }
  const bytes = db.export();
  db.close();
  return bytes;
}

const ROWS: Row[] = [
  ['GitHub:alice', 'JBSWY3DPEHPK3PXP', 0, 0, 'GitHub'],
  ['bob@example.com', 'gezd gnbv gy3t qojq', 42, 1, 'Example HOTP'],
  ['Example:carol', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', 0, 0, null],
  // Newer app versions: the secret encrypted with a key of the phone's Android Keystore.
  [
    'Bank:dave',
    'AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4/',
    0,
    0,
    'Bank',
  ],
  ['Odd:erin', 'JBSWY3DPEHPK3PXP', 0, 5, 'Odd'],
];

const totp = { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const;

describe('Google Authenticator databases', () => {
  it('imports TOTP and HOTP rows, the issuer from its column or the name, and names the rest', async () => {
    const bytes = googleDatabase(ROWS);
    expect(detectImportFile(bytes, NAME)).toEqual({ format: 'google-database', encrypted: false });
    const found = await readImportFile(bytes, NAME);
    expect(found.accounts.map((a) => a.input)).toEqual([
      { issuer: 'GitHub', label: 'alice', secret: 'JBSWY3DPEHPK3PXP', ...totp },
      {
        issuer: 'Example HOTP',
        label: 'bob@example.com',
        secret: 'GEZDGNBVGY3TQOJQ',
        ...totp,
        type: 'hotp',
        counter: 42,
      },
      { issuer: 'Example', label: 'carol', secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', ...totp },
    ]);
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['SECRET_DEVICE_BOUND', 'row 4: Bank (dave)'],
      ['URI_TYPE', 'row 5: Odd (erin)'],
    ]);
    expect(found.problems[0]!.message).toMatch(/Transfer accounts/);
  });

  it('reads the table of old app versions, without issuer columns', async () => {
    const found = await readImportFile(googleDatabase(ROWS.slice(0, 3), OLD_SCHEMA), NAME);
    expect(found.accounts.map((a) => [a.input.issuer, a.input.label])).toEqual([
      ['GitHub', 'alice'],
      ['', 'bob@example.com'],
      ['Example', 'carol'],
    ]);
  });

  it('throws only typed errors on damaged databases (property)', async () => {
    const bytes = googleDatabase(ROWS);
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
});
