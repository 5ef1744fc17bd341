// LastPass Authenticator: its JSON export file and its lpaauth-migration:// transfer QR codes, both
// built here from the published descriptions (the apps that import them: Bitwarden Authenticator,
// 2FAS iOS, extract-otp-web), read by the importer, the scan and `add`.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../shared/account';
import { parseAccountText } from '../../../shared/import-text';
import { decodeLastPassMigrationUri } from '../../../shared/lastpass-migration';
import { parseOtpauthUri } from '../../../shared/otpauth';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import { fromQrTexts } from '../../../electron/import/found';
import { utf8 } from '../../harness/import-samples';
import { errorOf, expectAuthdeskError } from '../../harness/typed-errors';

const NAME = 'lastpass_authenticator_export.json';

/** LastPass makes time-based codes only: these are what it can carry. */
const ACCOUNTS: AccountInput[] = [
  {
    issuer: 'GitHub',
    label: 'alice',
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret: 'JBSWY3DPEHPK3PXP',
    tags: ['Work'],
  },
  {
    issuer: 'Bank',
    label: 'carol',
    type: 'totp',
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
    counter: 0,
    secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
    pinned: true,
  },
  {
    issuer: 'ヤフー',
    label: '山田太郎',
    type: 'totp',
    algorithm: 'SHA512',
    digits: 6,
    period: 30,
    counter: 0,
    secret: 'NBSWY3DPEB3W64TMMQQGC3TEEBWW64TF',
  },
];

const FOLDERS = [
  { id: 1, name: 'Favorites', isOpened: true },
  { id: 0, name: 'Other Accounts', isOpened: true },
  { id: 7, name: 'Work', isOpened: false },
];

const folderOf = (a: AccountInput) => (a.tags?.[0] === 'Work' ? 7 : a.pinned ? 1 : 0);

function fileAccount(a: AccountInput, i: number): Record<string, unknown> {
  return {
    accountID: `ID-${i}`,
    issuerName: a.issuer,
    originalIssuerName: a.issuer,
    userName: a.label,
    originalUserName: a.label,
    pushNotification: false,
    secret: a.secret,
    timeStep: a.period,
    digits: a.digits,
    creationTimestamp: 1_700_000_000_000 + i,
    isFavorite: a.pinned === true,
    algorithm: a.algorithm,
    folderData: { folderId: folderOf(a), position: i },
    lmiUserId: '',
  };
}

function lastpassFile(accounts = ACCOUNTS.map(fileAccount)): Record<string, unknown> {
  return {
    deviceId: 'device',
    deviceSecret: 'device secret',
    localDeviceId: 'local',
    deviceName: 'Pixel',
    version: 3,
    accounts,
    folders: FOLDERS,
  };
}

const bytesOf = (value: unknown) => utf8(JSON.stringify(value));
const inputs = (found: Awaited<ReturnType<typeof readImportFile>>) =>
  found.accounts.map((a) => a.input);

describe('LastPass Authenticator JSON export', () => {
  it('reads every account with its folder as a tag and favourites pinned', async () => {
    const bytes = bytesOf(lastpassFile());
    expect(detectImportFile(bytes, NAME)).toEqual({ format: 'lastpass', encrypted: false });
    const found = await readImportFile(bytes, 'export.txt');
    expect(inputs(found)).toEqual(ACCOUNTS);
    expect(found.problems).toEqual([]);
  });

  it('is recognised by the account fields alone (no device fields)', () => {
    const { accounts } = lastpassFile();
    expect(detectImportFile(bytesOf({ accounts }), 'x.json').format).toBe('lastpass');
  });

  it('names a refused account and imports the others', async () => {
    const accounts = ACCOUNTS.map(fileAccount);
    accounts.push(
      { ...fileAccount(ACCOUNTS[0]!, 3), issuerName: 'Typo', secret: 'JBSWY3DPEHPK3PX0' },
      { ...fileAccount(ACCOUNTS[0]!, 4), issuerName: 'Old', algorithm: 'MD5' },
      'not an account' as unknown as Record<string, unknown>,
    );
    const found = await readImportFile(bytesOf(lastpassFile(accounts)), NAME);
    expect(inputs(found)).toEqual(ACCOUNTS);
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['SECRET_INVALID', 'entry 4: Typo (alice)'],
      ['ALGORITHM_UNSUPPORTED', 'entry 5: Old (alice)'],
      ['ACCOUNT_INVALID', 'entry 6'],
    ]);
  });

  it('falls back to the original names when the shown ones are empty', async () => {
    const account = { ...fileAccount(ACCOUNTS[2]!, 0), issuerName: '', userName: ' ' };
    const found = await readImportFile(bytesOf(lastpassFile([account])), NAME);
    expect(inputs(found)[0]).toMatchObject({ issuer: 'ヤフー', label: '山田太郎' });
  });

  it('says a file cut short is a damaged LastPass file', () => {
    const text = JSON.stringify(lastpassFile());
    const error = errorOf(() => detectImportFile(utf8(text.slice(0, text.length / 2)), NAME));
    expect(error.code).toBe('FILE_CORRUPT');
    expect(error.message).toContain('LastPass Authenticator');
  });
});

// The transfer QR code: base64(gzip(JSON {version, batchId, batchSize, batchIndex, content})),
// content = base64(gzip(JSON {a: accounts, f: folders})), accounts with short field names.
function qrAccount(a: AccountInput, i: number): Record<string, unknown> {
  return {
    oUN: a.label,
    oIN: a.issuer,
    s: a.secret,
    a: a.algorithm,
    d: a.digits,
    tS: a.period,
    uN: a.label,
    iN: a.issuer,
    aId: `ID-${i}`,
    cT: 1_700_000_000_000,
    iF: a.pinned === true,
    pN: false,
    fD: { folderId: folderOf(a), position: i },
  };
}

const packed = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value))).toString('base64');

interface QrOptions {
  accounts?: unknown[];
  batch?: { id: string; size: number; index: number };
  version?: unknown;
  content?: unknown;
}

function lastpassLink(options: QrOptions = {}): string {
  const { id, size, index } = options.batch ?? { id: 'A1B2-UUID', size: 1, index: 0 };
  const content =
    'content' in options
      ? options.content
      : packed({
          dS: '',
          dId: '',
          a: options.accounts ?? ACCOUNTS.map(qrAccount),
          f: FOLDERS.map((f) => ({ iO: f.isOpened, i: f.id, n: f.name })),
        });
  const envelope = {
    batchId: id,
    batchSize: size,
    version: 'version' in options ? options.version : 3,
    batchIndex: index,
    content,
  };
  return `lpaauth-migration://offline?data=${encodeURIComponent(packed(envelope))}`;
}

describe('LastPass Authenticator transfer QR codes (lpaauth-migration://)', () => {
  it('are read as the accounts they carry, with folders and favourites', () => {
    const result = decodeLastPassMigrationUri(lastpassLink());
    expect(result.accounts).toEqual(ACCOUNTS);
    expect(result.problems).toEqual([]);
    expect(result.batch).toMatchObject({ size: 1, index: 0 });
  });

  it('are taken by a scan (they were "not a two-step code" before) and by add', () => {
    const found = fromQrTexts([lastpassLink()], 'shot.png');
    expect(found.problems).toEqual([]);
    expect(found.accounts.map((a) => a.input)).toEqual(ACCOUNTS);
    const parsed = parseAccountText(lastpassLink());
    expect(parsed.kind).toBe('migration');
  });

  it('carry their batch, so a missing code of a several-code export is seen', () => {
    const first = lastpassLink({ batch: { id: 'X', size: 2, index: 0 } });
    const found = fromQrTexts([first], 'shot.png');
    expect(found.batches).toEqual([{ id: expect.any(Number), index: 0, size: 2 }]);
    const second = fromQrTexts([lastpassLink({ batch: { id: 'X', size: 2, index: 1 } })], 's');
    expect(second.batches[0]!.id).toBe(found.batches[0]!.id);
  });

  it('keep a link percent-decoded once more or with spaces for "+" readable', () => {
    const link = lastpassLink();
    const data = decodeURIComponent(link.split('data=')[1]!);
    expect(decodeLastPassMigrationUri(`lpaauth-migration://offline?data=${data}`).accounts).toEqual(
      ACCOUNTS,
    );
    const spaced = `lpaauth-migration://offline?data=${data.replace(/\+/g, ' ')}`;
    expect(decodeLastPassMigrationUri(spaced).accounts).toEqual(ACCOUNTS);
  });

  it('name a refused account and read the rest', () => {
    const accounts = [...ACCOUNTS.map(qrAccount), { ...qrAccount(ACCOUNTS[0]!, 3), s: '' }, 7];
    const result = decodeLastPassMigrationUri(lastpassLink({ accounts }));
    expect(result.accounts).toEqual(ACCOUNTS);
    expect(result.problems.map((p) => [p.index, p.issuer, p.error.code])).toEqual([
      [3, 'GitHub', 'SECRET_MISSING'],
      [4, '', 'MIGRATION_MALFORMED'],
    ]);
  });

  it('refuse damaged, cut, newer or empty codes with typed errors', () => {
    const link = lastpassLink();
    const cases: [string, string][] = [
      [link.slice(0, link.length - 20), 'MIGRATION_MALFORMED'],
      ['lpaauth-migration://offline', 'MIGRATION_MALFORMED'],
      ['lpaauth-migration://online?data=AAAA', 'MIGRATION_MALFORMED'],
      ['lpaauth-migration://offline?data=%zz', 'MIGRATION_MALFORMED'],
      ['lpaauth-migration://offline?data=bm90IGd6aXA=', 'MIGRATION_MALFORMED'],
      [lastpassLink({ version: 4 }), 'MIGRATION_UNSUPPORTED'],
      [lastpassLink({ version: undefined }), 'MIGRATION_MALFORMED'],
      [lastpassLink({ content: 'H4sI' }), 'MIGRATION_MALFORMED'],
      [lastpassLink({ accounts: [] }), 'MIGRATION_MALFORMED'],
      [lastpassLink({ batch: { id: 'X', size: 2, index: 2 } }), 'MIGRATION_MALFORMED'],
    ];
    for (const [text, code] of cases) {
      expect(errorOf(() => decodeLastPassMigrationUri(text)).code, text).toBe(code);
    }
  });

  it('refuse a code that unpacks to more than any export holds, without unpacking it all', () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)).toString('base64');
    const error = errorOf(() =>
      decodeLastPassMigrationUri(`lpaauth-migration://offline?data=${encodeURIComponent(bomb)}`),
    );
    expect(error.message).toContain('far more data');
  });

  it('are read from a text file of links, one per line, as a LastPass export', async () => {
    const first = lastpassLink({ batch: { id: 'Y', size: 2, index: 0 } });
    const second = lastpassLink({
      batch: { id: 'Y', size: 2, index: 1 },
      accounts: [qrAccount(ACCOUNTS[0]!, 0)],
    });
    const bytes = utf8(`${first}\n${second}\n`);
    expect(detectImportFile(bytes, 'codes.txt')).toEqual({ format: 'lastpass', encrypted: false });
    const found = await readImportFile(bytes, 'codes.txt');
    expect(found.accounts.map((a) => a.input)).toEqual([...ACCOUNTS, ACCOUNTS[0]]);
    expect(found.batches.map((b) => [b.index, b.size])).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it('are named as an export, not a single account, by the otpauth:// reader', () => {
    const error = errorOf(() => parseOtpauthUri(lastpassLink()));
    expect(error.code).toBe('URI_SCHEME');
    expect(error.message).toContain('LastPass');
  });
});

describe('LastPass readers under damage', () => {
  it('throw only AuthdeskError for damaged files and links', async () => {
    const file = bytesOf(lastpassFile());
    const link = lastpassLink();
    const data = Buffer.from(decodeURIComponent(link.split('data=')[1]!), 'base64');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.tuple(fc.nat(file.length - 1), fc.integer({ min: 1, max: 255 })).map(([at, m]) => {
            const out = Buffer.from(file);
            out[at]! ^= m;
            return { file: new Uint8Array(out), link: undefined };
          }),
          fc.tuple(fc.nat(data.length - 1), fc.integer({ min: 1, max: 255 })).map(([at, m]) => {
            const out = Buffer.from(data);
            out[at]! ^= m;
            return {
              file: undefined,
              link: `lpaauth-migration://offline?data=${out.toString('base64')}`,
            };
          }),
          fc
            .string()
            .map((s) => ({ file: undefined, link: `lpaauth-migration://offline?data=${s}` })),
        ),
        async ({ file: bytes, link: text }) => {
          try {
            if (bytes) await readImportFile(bytes, NAME);
            if (text) decodeLastPassMigrationUri(text);
          } catch (error) {
            expectAuthdeskError(error);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
