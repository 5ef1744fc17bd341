// Recognising an import file by its content: each format, Authdesk's own files, and files that are none of them.
import { randomBytes } from 'node:crypto';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { IMPORT_FILE_MAX_BYTES } from '../../../shared/ipc';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import {
  aegisDb,
  aegisEncryptedFile,
  aegisPlainFile,
  andotpEncryptedFile,
  andotpPlainFile,
  bitwardenCsvFile,
  bitwardenJsonFile,
  GOOGLE_SAMPLE_ACCOUNTS,
  googleExportFile,
  otpauthListFile,
  rejection,
  SAMPLE_ACCOUNTS,
  twofasEncryptedFile,
  twofasPlainFile,
  utf8,
} from '../../harness/import-samples';
import { errorOf } from '../../harness/typed-errors';

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
]);

describe('detectImportFile', () => {
  it('recognises every format by its content, whatever the file is called', () => {
    const cases: [Uint8Array, string, boolean][] = [
      [aegisPlainFile(aegisDb(SAMPLE_ACCOUNTS)), 'aegis', false],
      [aegisEncryptedFile(aegisDb(SAMPLE_ACCOUNTS)), 'aegis', true],
      [twofasPlainFile(SAMPLE_ACCOUNTS), '2fas', false],
      [twofasEncryptedFile(SAMPLE_ACCOUNTS), '2fas', true],
      [andotpPlainFile(SAMPLE_ACCOUNTS), 'andotp', false],
      [andotpEncryptedFile(SAMPLE_ACCOUNTS), 'andotp', true],
      [bitwardenJsonFile(SAMPLE_ACCOUNTS), 'bitwarden', false],
      [bitwardenCsvFile(SAMPLE_ACCOUNTS), 'bitwarden', false],
      [googleExportFile(GOOGLE_SAMPLE_ACCOUNTS), 'google', false],
      [otpauthListFile(SAMPLE_ACCOUNTS), 'otpauth-list', false],
    ];
    for (const [bytes, format, encrypted] of cases) {
      expect(detectImportFile(bytes, 'export')).toEqual({ format, encrypted });
    }
  });

  it('hands an Authdesk backup to the backup restore without parsing it further', async () => {
    const backup = utf8(
      JSON.stringify({ format: 'authdesk-backup', version: 1, slots: [], payload: {} }),
    );
    expect(detectImportFile(backup, 'vault.authdesk')).toEqual({
      format: 'authdesk-backup',
      encrypted: true,
    });
    expect(detectImportFile(utf8('{"format": "authdesk-backup", "ver'), 'cut.authdesk')).toEqual({
      format: 'authdesk-backup',
      encrypted: true,
    });
    expect((await rejection(readImportFile(backup, 'vault.authdesk', 'pw'))).code).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('says that an Authdesk vault file is not a backup', () => {
    const vault = utf8(
      JSON.stringify({ format: 'authdesk-vault', version: 1, slots: [], payload: {} }),
    );
    const error = errorOf(() => detectImportFile(vault, 'vault.json'));
    expect(error.code).toBe('FILE_UNRECOGNIZED');
    expect(error.message).toMatch(/Authdesk vault file, not a backup/);
  });

  it('does not recognise empty, image, random or unrelated files, and says what it can', () => {
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(), /empty/],
      [PNG, /PNG image/],
      [new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), /JPEG image/],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), /ZIP/],
      // Every SQLite database starts "SQLite format 3\0"; this one holds no table at all.
      [
        Buffer.concat([Buffer.from('SQLite format 3\0'), randomBytes(84)]),
        /SQLite database, but not Google Authenticator's .* or Microsoft Authenticator's/,
      ],
      [Buffer.concat([Buffer.from([0xf0, 0, 0, 0]), randomBytes(300)]), /not text/],
      [utf8('{}'), /none of the formats/],
      [utf8('[]'), /empty JSON list/],
      [utf8('[1, 2, 3]'), /none of the formats/],
      [utf8('{"hello": "world"'), /no otpauth/],
      [utf8('"just a string"'), /no otpauth/],
      [utf8('Dear diary,\nnothing here.\n'), /no otpauth/],
    ];
    for (const [bytes, message] of cases) {
      const error = errorOf(() => detectImportFile(bytes, 'file'));
      expect(error.code).toBe('FILE_UNRECOGNIZED');
      expect(error.message).toMatch(message);
    }
  });

  it('names a SQLite database that is neither Google’s nor Microsoft’s authenticator database', async () => {
    const SQL = await initSqlJs();
    const schemas = [
      'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)',
      // An accounts table of another app (a password manager's), without either app's columns.
      'CREATE TABLE accounts (id INTEGER PRIMARY KEY, site TEXT, password TEXT)',
    ];
    for (const schema of schemas) {
      const db = new SQL.Database();
      db.run(schema);
      const bytes = db.export();
      db.close();
      const error = errorOf(() => detectImportFile(bytes, 'PhoneFactor'));
      expect(error.code).toBe('FILE_UNRECOGNIZED');
      expect(error.message).toMatch(/This is a SQLite database, but not Google Authenticator's/);
    }
  });

  it('refuses a file over the size limit before looking at it', async () => {
    const big = new Uint8Array(IMPORT_FILE_MAX_BYTES + 1);
    expect(errorOf(() => detectImportFile(big, 'big.json')).code).toBe('FILE_TOO_LARGE');
    expect((await rejection(readImportFile(big, 'big.json'))).code).toBe('FILE_TOO_LARGE');
  });

  it('reads a file that is not UTF-8 (Shift_JIS comments) as a link list', async () => {
    const link = Buffer.from(Buffer.from(otpauthListFile(SAMPLE_ACCOUNTS.slice(0, 1))));
    const bytes = Buffer.concat([Buffer.from([0x23, 0x20, 0x82, 0xa0, 0x0a]), link]);
    expect(detectImportFile(bytes, 'list.txt').format).toBe('otpauth-list');
    expect((await readImportFile(bytes, 'list.txt')).accounts).toHaveLength(1);
  });
});
