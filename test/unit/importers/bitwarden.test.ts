// The Bitwarden importer on unencrypted JSON and CSV exports; encrypted exports are refused with advice.
import { describe, expect, it } from 'vitest';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import {
  bitwardenCsvFile,
  bitwardenEncryptedJsonFile,
  bitwardenJsonFile,
  jsonOf,
  rejection,
  SAMPLE_ACCOUNTS,
  utf8,
  withoutExtras,
} from '../../harness/import-samples';
import { errorOf } from '../../harness/typed-errors';

const NAME = 'bitwarden_export_20240501.json';
const CSV_NAME = 'bitwarden_export_20240501.csv';
const EXPECTED = withoutExtras(SAMPLE_ACCOUNTS, { tags: 'first', note: true });
/** Plain SHA1, 6-digit, 30-second TOTP accounts: the ones a bare secret describes fully. */
const SIMPLE = SAMPLE_ACCOUNTS.filter(
  (a) => a.type === 'totp' && a.algorithm === 'SHA1' && a.digits === 6 && a.period === 30,
);
const inputs = (found: Awaited<ReturnType<typeof readImportFile>>) =>
  found.accounts.map((a) => a.input);

describe('Bitwarden JSON exports', () => {
  it('reads otpauth:// links and steam:// keys with folders and notes, passing over items without a TOTP', async () => {
    const bytes = bitwardenJsonFile(SAMPLE_ACCOUNTS);
    expect(detectImportFile(bytes, NAME)).toEqual({ format: 'bitwarden', encrypted: false });
    const found = await readImportFile(bytes, NAME);
    expect(inputs(found)).toEqual(EXPECTED);
    expect(found.problems).toEqual([]);
  });

  it('names an account with a bare secret after the item and its username', async () => {
    const found = await readImportFile(bitwardenJsonFile(SIMPLE, { style: 'secret' }), NAME);
    expect(inputs(found)).toEqual(withoutExtras(SIMPLE, { tags: 'first', note: true }));
  });

  it('fills a link’s missing issuer and account name from the item', async () => {
    const item = {
      type: 1,
      name: 'Example Corp',
      login: { username: 'zoe', totp: 'otpauth://totp/?secret=JBSWY3DPEHPK3PXP' },
    };
    const found = await readImportFile(bitwardenJsonFile([], { extraItems: [item] }), NAME);
    expect(inputs(found).map((a) => [a.issuer, a.label])).toEqual([['Example Corp', 'zoe']]);
  });

  it('reports unusable TOTP fields by item and imports the rest', async () => {
    const items = [
      { type: 1, name: 'Typo', login: { username: 'a', totp: 'JBSWY3DPEHPK3PX1' } },
      { type: 1, name: 'Web', login: { username: 'b', totp: 'https://example.com/2fa' } },
      { type: 1, name: 'Bad link', login: { username: 'c', totp: 'otpauth://totp/X?secret=' } },
    ];
    const found = await readImportFile(bitwardenJsonFile(SIMPLE, { extraItems: items }), NAME);
    expect(found.accounts).toHaveLength(SIMPLE.length);
    const first = SIMPLE.length + 3;
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['SECRET_INVALID', `entry ${first}: Typo (a)`],
      ['URI_SCHEME', `entry ${first + 1}: Web (b)`],
      ['SECRET_MISSING', `entry ${first + 2}: Bad link (c)`],
    ]);
    expect(JSON.stringify(found.problems)).not.toContain('JBSWY3DPEHPK3PX1');
  });

  it('refuses an encrypted export with the advice to export unencrypted JSON', () => {
    const error = errorOf(() => detectImportFile(bitwardenEncryptedJsonFile(), NAME));
    expect(error.code).toBe('FILE_UNRECOGNIZED');
    expect(error.message).toMatch(/encrypted Bitwarden export/);
    expect(error.message).toMatch(/\.json/);
    const accountRestricted = {
      encrypted: true,
      encKeyValidation_DO_NOT_EDIT: '2.x|y|z',
      folders: [],
      items: [],
    };
    expect(
      errorOf(() => detectImportFile(utf8(JSON.stringify(accountRestricted)), NAME)).code,
    ).toBe('FILE_UNRECOGNIZED');
  });

  it('reports an export whose items are not a list, or that is cut short, as damaged', async () => {
    const file = jsonOf(bitwardenJsonFile(SAMPLE_ACCOUNTS));
    file.items = { 0: file.items[0] };
    expect((await rejection(readImportFile(utf8(JSON.stringify(file)), NAME))).code).toBe(
      'FILE_CORRUPT',
    );
    // Cut inside the first item: its start is recognised, its end is missing.
    const bytes = bitwardenJsonFile(SAMPLE_ACCOUNTS);
    const cut = Buffer.from(bytes).indexOf('"revisionDate"') + 20;
    expect(errorOf(() => detectImportFile(bytes.subarray(0, cut), NAME)).code).toBe('FILE_CORRUPT');
  });
});

describe('Bitwarden organisation exports', () => {
  it('takes the collections an item is in as tags, after its folder, and passes over unknown ones', async () => {
    // An organisation's export (bitwarden/clients OrganizationVaultExportService): collections
    // beside the items, each item listing its collectionIds; folders empty.
    const file = {
      encrypted: false,
      collections: [
        {
          id: 'c1f0e3a2-6b7d-4c1e-9f00-aa0000000001',
          organizationId: 'org',
          name: 'Engineering',
          externalId: null,
        },
        {
          id: 'c1f0e3a2-6b7d-4c1e-9f00-aa0000000002',
          organizationId: 'org',
          name: 'Shared/AWS',
          externalId: null,
        },
      ],
      items: [
        {
          id: 'i1',
          organizationId: 'org',
          folderId: null,
          type: 1,
          name: 'AWS',
          notes: null,
          login: { username: 'root', totp: 'JBSWY3DPEHPK3PXP' },
          collectionIds: [
            'c1f0e3a2-6b7d-4c1e-9f00-aa0000000002',
            'gone',
            'c1f0e3a2-6b7d-4c1e-9f00-aa0000000001',
          ],
        },
        {
          id: 'i2',
          organizationId: 'org',
          folderId: null,
          type: 1,
          name: 'GitHub',
          login: { username: 'ci', totp: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U' },
          collectionIds: null,
        },
      ],
    };
    const found = await readImportFile(utf8(JSON.stringify(file)), NAME);
    expect(found.problems).toEqual([]);
    expect(inputs(found).map((a) => a.tags)).toEqual([['Shared/AWS', 'Engineering'], undefined]);
  });

  it('reads the CSV collections column (names joined by commas) after the folder', async () => {
    const csv = [
      'collections,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp',
      '"Engineering,Shared/AWS",login,AWS,,,0,,root,pw,JBSWY3DPEHPK3PXP',
      ',login,GitHub,,,0,,ci,pw,MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
    ].join('\n');
    const found = await readImportFile(utf8(`${csv}\n`), CSV_NAME);
    expect(found.problems).toEqual([]);
    expect(inputs(found).map((a) => a.tags)).toEqual([['Engineering', 'Shared/AWS'], undefined]);
  });
});

describe('Bitwarden CSV exports', () => {
  it('reads the login_totp column, with folder and notes, past a quoted multi-line note', async () => {
    const bytes = bitwardenCsvFile(SAMPLE_ACCOUNTS);
    expect(detectImportFile(bytes, CSV_NAME)).toEqual({ format: 'bitwarden', encrypted: false });
    const found = await readImportFile(bytes, CSV_NAME);
    expect(inputs(found)).toEqual(EXPECTED);
    expect(found.problems).toEqual([]);
  });

  it('names problems by the line their row starts on', async () => {
    const text = Buffer.from(bitwardenCsvFile(SIMPLE, 'secret')).toString('utf8');
    const bytes = utf8(`${text}Work,,login,Broken,"a\nb",,0,,u,p,NOT-BASE32!\n`);
    const found = await readImportFile(bytes, CSV_NAME);
    expect(found.accounts).toHaveLength(SIMPLE.length);
    const line = text.split('\n').length;
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['SECRET_INVALID', `line ${line}: Broken (u)`],
    ]);
  });

  it('reports a quoted field that never ends as damage', () => {
    const bytes = utf8('name,login_username,login_totp\n"GitHub,alice,JBSWY3DPEHPK3PXP\n');
    expect(errorOf(() => detectImportFile(bytes, CSV_NAME)).code).toBe('FILE_CORRUPT');
  });
});
