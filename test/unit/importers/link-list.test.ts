// Text files of links: otpauth:// lists and Google Authenticator export links, one per line.
import { describe, expect, it } from 'vitest';
import { encodeMigrationUris } from '../../../shared/migration';
import { formatOtpauthUri } from '../../../shared/otpauth';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import {
  GOOGLE_SAMPLE_ACCOUNTS,
  googleExportFile,
  otpauthListFile,
  SAMPLE_ACCOUNTS,
  utf8,
  withoutExtras,
} from '../../harness/import-samples';
import { errorOf } from '../../harness/typed-errors';

const EXPECTED = withoutExtras(SAMPLE_ACCOUNTS);
/** The accounts Google Authenticator can hold (no Steam, no 60-second period). */
const GOOGLE = withoutExtras(GOOGLE_SAMPLE_ACCOUNTS);
const inputs = (found: Awaited<ReturnType<typeof readImportFile>>) =>
  found.accounts.map((a) => a.input);

describe('otpauth:// lists', () => {
  it('reads one account per link, past a BOM, CRLF line ends, blank lines and comments', async () => {
    const bytes = otpauthListFile(SAMPLE_ACCOUNTS, { bom: true, crlf: true, comments: true });
    expect(detectImportFile(bytes, 'accounts.txt')).toEqual({
      format: 'otpauth-list',
      encrypted: false,
    });
    const found = await readImportFile(bytes, 'accounts.txt');
    expect(inputs(found)).toEqual(EXPECTED);
    expect(found.accounts.every((a) => a.source === 'accounts.txt' && a.batch === null)).toBe(true);
    expect(found.problems).toEqual([]);
  });

  it('reads a UTF-16 list as Windows Notepad saves it', async () => {
    const text = `\uFEFF${SAMPLE_ACCOUNTS.map((a) => formatOtpauthUri(a)).join('\r\n')}`;
    const bytes = new Uint8Array(Buffer.from(text, 'utf16le'));
    expect(inputs(await readImportFile(bytes, 'accounts.txt'))).toEqual(EXPECTED);
  });

  it('imports the good lines and names every bad one by its line, without echoing it', async () => {
    const lines = [
      formatOtpauthUri(SAMPLE_ACCOUNTS[0]!),
      'JBSWY3DPEHPK3PXP',
      'otpauth://totp/Bad:x?secret=JBSWY3DPEHPK3PX1',
      '',
      'otpauth://totp/?secret=JBSWY3DPEHPK3PXP',
      'otpauth://yandex/Y:z?secret=JBSWY3DPEHPK3PXP',
      formatOtpauthUri(SAMPLE_ACCOUNTS[1]!),
    ];
    const found = await readImportFile(utf8(lines.join('\n')), 'mixed.txt');
    expect(inputs(found)).toEqual(EXPECTED.slice(0, 2));
    expect(found.problems).toEqual([
      { source: 'mixed.txt', code: 'URI_SCHEME', message: expect.any(String), detail: 'line 2' },
      {
        source: 'mixed.txt',
        code: 'SECRET_INVALID',
        message: expect.any(String),
        detail: 'line 3',
      },
      {
        source: 'mixed.txt',
        code: 'ACCOUNT_INVALID',
        message: expect.any(String),
        detail: 'line 5',
      },
      { source: 'mixed.txt', code: 'URI_TYPE', message: expect.any(String), detail: 'line 6' },
    ]);
    expect(JSON.stringify(found.problems)).not.toMatch(/JBSWY3DPEHPK3PX/);
  });

  it('is not recognised when no line is a link', () => {
    expect(errorOf(() => detectImportFile(utf8('hello\nworld\n'), 'notes.txt')).code).toBe(
      'FILE_UNRECOGNIZED',
    );
  });
});

describe('Google Authenticator exports', () => {
  it('reads every batch with its batch info', async () => {
    const bytes = googleExportFile(GOOGLE, 2);
    expect(detectImportFile(bytes, 'google.txt')).toEqual({ format: 'google', encrypted: false });
    const found = await readImportFile(bytes, 'google.txt');
    expect(inputs(found)).toEqual(GOOGLE);
    const size = Math.ceil(GOOGLE.length / 2);
    expect(found.batches).toEqual(
      Array.from({ length: size }, (_, index) => ({ id: 1234, index, size })),
    );
    expect(found.accounts[2]!.batch).toEqual({ id: 1234, index: 1, size });
    expect(found.problems).toEqual([]);
  });

  it('is an otpauth list once a single line is a plain link', () => {
    const [migration] = encodeMigrationUris(GOOGLE, { batchId: 1 });
    const bytes = utf8(`${migration}\n${formatOtpauthUri(SAMPLE_ACCOUNTS[0]!)}\n`);
    expect(detectImportFile(bytes, 'mixed.txt').format).toBe('otpauth-list');
  });

  it('names a damaged export link by its line and keeps the other batches', async () => {
    const [first, second] = encodeMigrationUris(GOOGLE, { perBatch: 3, batchId: 5 });
    const bytes = utf8(`${first}\n${second!.slice(0, 40)}\n`);
    const found = await readImportFile(bytes, 'google.txt');
    expect(inputs(found)).toEqual(GOOGLE.slice(0, 3));
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['MIGRATION_MALFORMED', 'line 2'],
    ]);
  });
});
