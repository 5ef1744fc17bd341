// The Aegis importer on plain and encrypted vault exports built to docs/vault.md, and on damaged ones.
import { describe, expect, it } from 'vitest';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import {
  AEGIS_DEFAULT_SCRYPT,
  aegisDb,
  aegisEncryptedFile,
  aegisEntry,
  aegisPlainFile,
  SAMPLE_ACCOUNTS,
  jsonOf,
  rejection,
  SAMPLE_PASSWORD,
  utf8,
} from '../../harness/import-samples';
import { errorOf } from '../../harness/typed-errors';

const NAME = 'aegis-export.json';

const inputs = (found: Awaited<ReturnType<typeof readImportFile>>) =>
  found.accounts.map((a) => a.input);

describe('plain Aegis exports', () => {
  it('reads every kind of account with its groups (as tags) and note, named by the file', async () => {
    const bytes = aegisPlainFile(aegisDb(SAMPLE_ACCOUNTS));
    expect(detectImportFile(bytes, NAME)).toEqual({ format: 'aegis', encrypted: false });
    const found = await readImportFile(bytes, NAME);
    expect(inputs(found)).toEqual(SAMPLE_ACCOUNTS);
    expect(found.accounts.every((a) => a.source === NAME && a.batch === null)).toBe(true);
    expect(found.problems).toEqual([]);
    expect(found.batches).toEqual([]);
  });

  it('takes the group name of db versions 1 and 2 as a tag, and a favourite as pinned', async () => {
    const entry: Record<string, unknown> = {
      ...aegisEntry(SAMPLE_ACCOUNTS[0]!),
      favorite: true,
      group: 'Old group',
    };
    delete entry.groups;
    const found = await readImportFile(aegisPlainFile({ version: 2, entries: [entry] }), NAME);
    expect(inputs(found)).toEqual([{ ...SAMPLE_ACCOUNTS[0], tags: ['Old group'], pinned: true }]);
  });

  it('maps every group uuid of an entry to its name, in the entry order, and passes over unknown ones', async () => {
    const groups = [
      { uuid: '0f3b6a4e-8f7e-4c53-9d38-6b2f4d0f0a11', name: 'Work' },
      { uuid: '5c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e', name: 'Finance ' },
      { uuid: '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b', name: 'work' },
    ];
    const entry = {
      ...aegisEntry(SAMPLE_ACCOUNTS[2]!),
      groups: [groups[1]!.uuid, 'not-a-group', groups[0]!.uuid, groups[2]!.uuid, 7],
    };
    const found = await readImportFile(
      aegisPlainFile({ version: 3, entries: [entry], groups }),
      NAME,
    );
    // "work" is the same tag as "Work" (shared/tags.ts): the account holds it once.
    expect(inputs(found)[0]!.tags).toEqual(['Finance', 'Work']);
  });

  it('reports Yandex and mOTP entries and a broken one as problems and imports the rest', async () => {
    const db = aegisDb(SAMPLE_ACCOUNTS.slice(0, 1));
    const entries = db.entries as Record<string, unknown>[];
    const yandex = {
      ...aegisEntry(SAMPLE_ACCOUNTS[0]!),
      type: 'yandex',
      issuer: 'Yandex',
      name: 'ivan',
    };
    const motp = { ...aegisEntry(SAMPLE_ACCOUNTS[0]!), type: 'motp', issuer: 'VPN', name: 'mo' };
    const md5 = aegisEntry(SAMPLE_ACCOUNTS[2]!);
    (md5.info as Record<string, unknown>).algo = 'MD5';
    const noSecret = aegisEntry(SAMPLE_ACCOUNTS[3]!);
    delete (noSecret.info as Record<string, unknown>).secret;
    entries.push(yandex, motp, md5, noSecret, 42 as never);
    const found = await readImportFile(aegisPlainFile(db), NAME);
    expect(inputs(found)).toEqual([SAMPLE_ACCOUNTS[0]]);
    expect(found.problems).toEqual([
      {
        source: NAME,
        code: 'URI_TYPE',
        message: expect.stringContaining('Yandex'),
        detail: 'entry 2: Yandex (ivan)',
      },
      {
        source: NAME,
        code: 'URI_TYPE',
        message: expect.stringContaining('mOTP'),
        detail: 'entry 3: VPN (mo)',
      },
      {
        source: NAME,
        code: 'ALGORITHM_UNSUPPORTED',
        message: expect.any(String),
        detail: 'entry 4: Bank (carol)',
      },
      {
        source: NAME,
        code: 'SECRET_MISSING',
        message: expect.any(String),
        detail: 'entry 5: Cloud (dave)',
      },
      { source: NAME, code: 'ACCOUNT_INVALID', message: expect.any(String), detail: 'entry 6' },
    ]);
  });

  it('never puts a secret in a problem', async () => {
    const entry = aegisEntry(SAMPLE_ACCOUNTS[0]!);
    (entry.info as Record<string, unknown>).digits = 12;
    const found = await readImportFile(
      aegisPlainFile({ version: 3, entries: [entry], groups: [] }),
      NAME,
    );
    expect(found.problems).toHaveLength(1);
    expect(found.problems[0]!.code).toBe('DIGITS_INVALID');
    expect(JSON.stringify(found.problems)).not.toContain(SAMPLE_ACCOUNTS[0]!.secret);
  });

  it('cuts a long note and group to the vault limits instead of refusing the account', async () => {
    const tags = ['g'.repeat(300), ...Array.from({ length: 30 }, (_, i) => `tag ${i}`)];
    const long = { ...SAMPLE_ACCOUNTS[0]!, note: 'n'.repeat(15_000), tags };
    const found = await readImportFile(aegisPlainFile(aegisDb([long])), NAME);
    expect(found.problems).toEqual([]);
    expect(found.accounts[0]!.input.note).toHaveLength(10_000);
    // A name past the limit is cut; past 20 tags on one account, the first 20 are kept.
    expect(found.accounts[0]!.input.tags![0]).toHaveLength(100);
    expect(found.accounts[0]!.input.tags).toHaveLength(20);
  });

  it('refuses a db version newer than it knows, and a file without entries', async () => {
    expect(
      errorOf(() => detectImportFile(aegisPlainFile({ version: 4, entries: [] }), NAME)).code,
    ).toBe('FILE_UNRECOGNIZED');
    expect(errorOf(() => detectImportFile(aegisPlainFile({ version: 3 }), NAME)).code).toBe(
      'FILE_CORRUPT',
    );
    const wrongTypes = jsonOf(aegisPlainFile(aegisDb(SAMPLE_ACCOUNTS)));
    wrongTypes.db.entries = 'none';
    expect((await rejection(readImportFile(utf8(JSON.stringify(wrongTypes)), NAME))).code).toBe(
      'FILE_CORRUPT',
    );
  });

  it('reports a cut-short file as damaged, not as unknown', async () => {
    const bytes = aegisPlainFile(aegisDb(SAMPLE_ACCOUNTS));
    const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
    expect(errorOf(() => detectImportFile(cut, NAME)).code).toBe('FILE_CORRUPT');
    expect((await rejection(readImportFile(cut, NAME))).code).toBe('FILE_CORRUPT');
  });
});

describe('encrypted Aegis exports', () => {
  const db = aegisDb(SAMPLE_ACCOUNTS);
  const bytes = aegisEncryptedFile(db);

  it('is detected as encrypted and opens with its password', async () => {
    expect(detectImportFile(bytes, NAME)).toEqual({ format: 'aegis', encrypted: true });
    expect(inputs(await readImportFile(bytes, NAME, SAMPLE_PASSWORD))).toEqual(SAMPLE_ACCOUNTS);
  });

  it('asks for the password when none is given, and refuses a wrong one', async () => {
    expect((await rejection(readImportFile(bytes, NAME))).code).toBe('PASSWORD_REQUIRED');
    expect((await rejection(readImportFile(bytes, NAME, ''))).code).toBe('PASSWORD_REQUIRED');
    expect((await rejection(readImportFile(bytes, NAME, 'not it'))).code).toBe('WRONG_PASSWORD');
  });

  it('skips a biometric slot and tries every password slot', async () => {
    const file = aegisEncryptedFile(db, 'first', {
      biometricSlot: true,
      morePasswords: ['second ключ'],
    });
    expect(inputs(await readImportFile(file, NAME, 'second ключ'))).toEqual(SAMPLE_ACCOUNTS);
    expect(inputs(await readImportFile(file, NAME, 'first'))).toHaveLength(SAMPLE_ACCOUNTS.length);
  });

  it('accepts a password typed in decomposed Unicode for one set in composed form', async () => {
    const file = aegisEncryptedFile(db, 'café');
    expect(inputs(await readImportFile(file, NAME, 'cafe\u0301'))).toHaveLength(
      SAMPLE_ACCOUNTS.length,
    );
  });

  it('opens a vault at Aegis’ own scrypt cost (N=2^15, r=8) in well under two seconds', async () => {
    const file = aegisEncryptedFile(aegisDb(SAMPLE_ACCOUNTS.slice(0, 1)), SAMPLE_PASSWORD, {
      scrypt: AEGIS_DEFAULT_SCRYPT,
    });
    const started = performance.now();
    expect(inputs(await readImportFile(file, NAME, SAMPLE_PASSWORD))).toEqual([SAMPLE_ACCOUNTS[0]]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('calls a changed db byte damage once the password has opened a slot', async () => {
    const file = jsonOf(bytes);
    const data = Buffer.from(file.db as string, 'base64');
    data[5]! ^= 0x01;
    file.db = data.toString('base64');
    const error = await rejection(
      readImportFile(utf8(JSON.stringify(file)), NAME, SAMPLE_PASSWORD),
    );
    expect(error.code).toBe('FILE_CORRUPT');
  });

  it('cannot tell a changed wrapped key from a wrong password', async () => {
    const file = jsonOf(bytes);
    const key = file.header.slots[0].key as string;
    file.header.slots[0].key = `${key[0] === '0' ? '1' : '0'}${key.slice(1)}`;
    const error = await rejection(
      readImportFile(utf8(JSON.stringify(file)), NAME, SAMPLE_PASSWORD),
    );
    expect(error.code).toBe('WRONG_PASSWORD');
  });

  it('refuses absurd scrypt parameters at once, before deriving anything', async () => {
    for (const [n, r, p] of [
      [2 ** 31, 8, 1],
      [3000, 8, 1],
      [2 ** 20, 1024, 1],
      [2 ** 20, 8, 1_000_000],
      [2 ** 20, 8, 16],
      ['32768', 8, 1],
    ]) {
      const file = jsonOf(bytes);
      Object.assign(file.header.slots[0], { n, r, p });
      const tampered = utf8(JSON.stringify(file));
      const started = performance.now();
      expect(errorOf(() => detectImportFile(tampered, NAME)).code).toBe('FILE_CORRUPT');
      expect((await rejection(readImportFile(tampered, NAME, SAMPLE_PASSWORD))).code).toBe(
        'FILE_CORRUPT',
      );
      expect(performance.now() - started).toBeLessThan(200);
    }
  });

  it('reports bad hex, bad base64 and missing params as damage', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const cases: ((file: any) => void)[] = [
      (f) => (f.header.slots[0].salt = 'zz'),
      (f) => (f.header.slots[0].key_params.nonce = 'abc'),
      (f) => (f.header.params.tag = '00'),
      (f) => (f.header.params = null),
      (f) => (f.db = '%%% not base64 %%%'),
      (f) => (f.header.slots = 'none'),
      (f) => (f.header = []),
      (f) => (f.version = 'one'),
    ];
    for (const change of cases) {
      const file = jsonOf(bytes);
      change(file);
      expect(errorOf(() => detectImportFile(utf8(JSON.stringify(file)), NAME)).code).toBe(
        'FILE_CORRUPT',
      );
    }
  });

  it('explains a vault that has only a biometric slot', () => {
    const file = jsonOf(aegisEncryptedFile(db, SAMPLE_PASSWORD, { biometricSlot: true }));
    file.header.slots = file.header.slots.filter((s: { type: number }) => s.type === 2);
    const error = errorOf(() => detectImportFile(utf8(JSON.stringify(file)), NAME));
    expect(error.code).toBe('FILE_UNRECOGNIZED');
    expect(error.message).toMatch(/password slot/);
  });
});
