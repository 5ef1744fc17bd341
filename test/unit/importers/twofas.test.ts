// The 2FAS importer on .2fas backups built as 2fas-android writes them (schema 4), plain and encrypted.
import { describe, expect, it } from 'vitest';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import {
  jsonOf,
  rejection,
  SAMPLE_ACCOUNTS,
  SAMPLE_PASSWORD,
  twofasEncryptedFile,
  twofasPlainFile,
  twofasService,
  utf8,
  withoutExtras,
} from '../../harness/import-samples';
import { errorOf } from '../../harness/typed-errors';

const NAME = '2fas-backup-20240501.2fas';
const EXPECTED = withoutExtras(SAMPLE_ACCOUNTS, { tags: 'first' });
const inputs = (found: Awaited<ReturnType<typeof readImportFile>>) =>
  found.accounts.map((a) => a.input);

describe('plain 2FAS backups', () => {
  it('reads TOTP, HOTP and Steam services with their groups as tags', async () => {
    const bytes = twofasPlainFile(SAMPLE_ACCOUNTS);
    expect(detectImportFile(bytes, NAME)).toEqual({ format: '2fas', encrypted: false });
    const found = await readImportFile(bytes, NAME);
    expect(inputs(found)).toEqual(EXPECTED);
    expect(found.problems).toEqual([]);
  });

  it('is recognised by its content under any name', () => {
    expect(detectImportFile(twofasPlainFile(SAMPLE_ACCOUNTS), 'backup.json').format).toBe('2fas');
  });

  it('shows the service name 2FAS shows, and reads an old service without otp details as TOTP', async () => {
    const renamed = twofasService(SAMPLE_ACCOUNTS[0]!, 0);
    renamed.name = 'Work GitHub';
    const old = {
      name: 'Old',
      secret: 'JBSWY3DPEHPK3PXP',
      otp: { account: 'me' },
      order: { position: 1 },
    };
    const file = jsonOf(twofasPlainFile([]));
    file.services = [renamed, old];
    const found = await readImportFile(utf8(JSON.stringify(file)), NAME);
    expect(inputs(found)).toEqual([
      { ...withoutExtras(SAMPLE_ACCOUNTS.slice(0, 1))[0], issuer: 'Work GitHub' },
      {
        issuer: 'Old',
        label: 'me',
        type: 'totp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        secret: 'JBSWY3DPEHPK3PXP',
      },
    ]);
  });

  it('reports a service of an unknown kind or with a bad secret and imports the rest', async () => {
    const file = jsonOf(twofasPlainFile(SAMPLE_ACCOUNTS.slice(0, 1)));
    file.services.push(
      {
        ...twofasService(SAMPLE_ACCOUNTS[0]!, 1),
        name: 'Yandex',
        otp: { tokenType: 'YANDEX', account: 'y' },
      },
      { ...twofasService(SAMPLE_ACCOUNTS[0]!, 2), name: 'Typo', secret: 'JBSWY3DPEHPK3PX0' },
      'not a service',
    );
    const found = await readImportFile(utf8(JSON.stringify(file)), NAME);
    expect(inputs(found)).toEqual(EXPECTED.slice(0, 1));
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['URI_TYPE', 'entry 2: Yandex (y)'],
      ['SECRET_INVALID', 'entry 3: Typo (alice)'],
      ['ACCOUNT_INVALID', 'entry 4'],
    ]);
  });

  it('reports a file without services, or cut short, as damaged', async () => {
    expect(
      errorOf(() => detectImportFile(utf8('{"schemaVersion":4,"services":7}'), 'x.json')).code,
    ).toBe('FILE_CORRUPT');
    expect(errorOf(() => detectImportFile(utf8('{}'), NAME)).code).toBe('FILE_CORRUPT');
    const bytes = twofasPlainFile(SAMPLE_ACCOUNTS);
    const cut = bytes.subarray(0, bytes.length - 30);
    expect(errorOf(() => detectImportFile(cut, 'x.json')).code).toBe('FILE_CORRUPT');
    expect((await rejection(readImportFile(cut, NAME))).code).toBe('FILE_CORRUPT');
  });
});

describe('encrypted 2FAS backups', () => {
  const bytes = twofasEncryptedFile(SAMPLE_ACCOUNTS);

  it('opens with its password (PBKDF2-SHA256 at 2FAS’ fixed 10 000 iterations)', async () => {
    expect(detectImportFile(bytes, NAME)).toEqual({ format: '2fas', encrypted: true });
    expect(inputs(await readImportFile(bytes, NAME, SAMPLE_PASSWORD))).toEqual(EXPECTED);
  });

  it('asks for a password, and refuses a wrong one, with or without the reference', async () => {
    expect((await rejection(readImportFile(bytes, NAME))).code).toBe('PASSWORD_REQUIRED');
    expect((await rejection(readImportFile(bytes, NAME, ''))).code).toBe('PASSWORD_REQUIRED');
    expect((await rejection(readImportFile(bytes, NAME, 'wrong'))).code).toBe('WRONG_PASSWORD');
    const noReference = twofasEncryptedFile(SAMPLE_ACCOUNTS, SAMPLE_PASSWORD, { reference: false });
    expect((await rejection(readImportFile(noReference, NAME, 'wrong'))).code).toBe(
      'WRONG_PASSWORD',
    );
    expect(inputs(await readImportFile(noReference, NAME, SAMPLE_PASSWORD))).toEqual(EXPECTED);
  });

  it('calls a changed services byte damage when the reference proves the password right', async () => {
    const flip = (withReference: boolean) => {
      const file = jsonOf(
        twofasEncryptedFile(SAMPLE_ACCOUNTS, SAMPLE_PASSWORD, { reference: withReference }),
      );
      const [data, salt, iv] = (file.servicesEncrypted as string).split(':');
      const bytes = Buffer.from(data!, 'base64');
      bytes[3]! ^= 0x80;
      file.servicesEncrypted = [bytes.toString('base64'), salt, iv].join(':');
      return utf8(JSON.stringify(file));
    };
    expect((await rejection(readImportFile(flip(true), NAME, SAMPLE_PASSWORD))).code).toBe(
      'FILE_CORRUPT',
    );
    expect((await rejection(readImportFile(flip(false), NAME, SAMPLE_PASSWORD))).code).toBe(
      'WRONG_PASSWORD',
    );
  });

  it('reports decrypted content that is not a list of services as damage', async () => {
    const file = twofasEncryptedFile([], SAMPLE_PASSWORD, { services: { not: 'a list' } as never });
    expect((await rejection(readImportFile(file, NAME, SAMPLE_PASSWORD))).code).toBe(
      'FILE_CORRUPT',
    );
  });

  it('reports a malformed encrypted field as damage before asking for a password', () => {
    const cases = [
      'onlyonepart',
      'a:b:c:d',
      '!!!:AAAA:AAAAAAAAAAAAAAAA',
      'AAAA:AAAA:AAAAAAAAAAAAAAAA',
      `${Buffer.alloc(32).toString('base64')}:${Buffer.alloc(100_000).toString('base64')}:${Buffer.alloc(12).toString('base64')}`,
      `${Buffer.alloc(32).toString('base64')}:AAAA:${Buffer.alloc(16).toString('base64')}`,
      42,
    ];
    for (const servicesEncrypted of cases) {
      const file = jsonOf(bytes);
      file.servicesEncrypted = servicesEncrypted;
      expect(errorOf(() => detectImportFile(utf8(JSON.stringify(file)), NAME)).code).toBe(
        'FILE_CORRUPT',
      );
    }
  });
});
