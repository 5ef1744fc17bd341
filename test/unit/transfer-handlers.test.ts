// Backups, file imports and exports through the IPC handler table main registers, on a real vault
// and real files in a temp folder, with the system dialogs answered by the test.
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountInput, AccountMeta } from '../../shared/account';
import type { ErrorCode } from '../../shared/errors';
import type { ImportPreview } from '../../shared/import';
import type { Events, Method, MethodArgs, MethodResults } from '../../shared/ipc';
import { decodeMigrationUri } from '../../shared/migration';
import { parseOtpauthUri } from '../../shared/otpauth';
import type { BackupStatus, FileImportResult } from '../../shared/transfer';
import { dispatch } from '../../electron/ipc/dispatch';
import { QrDecoder } from '../../electron/qr/decoder';
import { decodeQrFromRgba } from '../../electron/qr/decode';
import { composeServices, type Services } from '../../electron/composition';
import { readImportFile } from '../../electron/import/formats';
import { renderQrRgba } from '../../electron/transfer/device-export';
import { Vault } from '../../electron/vault/vault';
import { ManualTime } from '../harness/manual-timers';
import { TestDialogs } from '../harness/browser/ports';
import { FOLDER_CHOICE_MS } from '../../electron/use-cases/backup-folder';
import { testPorts } from '../harness/test-ports';
import { TINY_KDF } from '../harness/vault-fixtures';

const PASSWORD = 'vault password';
const BACKUP_PASSWORD = 'another backup password';

const base = {
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
} as const;
const ACCOUNTS: AccountInput[] = [
  {
    ...base,
    issuer: 'Amazon Web Services',
    label: 'root@123456789012',
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    tags: ['Work', 'AWS'],
    note: 'MFA device 1',
    awsSerial: 'arn:aws:iam::123456789012:mfa/root',
  },
  {
    ...base,
    issuer: 'GitHub',
    label: 'alice',
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  },
  { ...base, issuer: 'さくらのクラウド', label: '山田', secret: 'MFRGGZDFMZTWQ2LK' },
  { ...base, type: 'hotp', issuer: 'Bank', label: 'card', counter: 42, secret: 'KRSXG5CTMVRXEZLU' },
];

let dir: string;
let time: ManualTime;
let dialogs: TestDialogs;
let decoder: QrDecoder;
let services: Services;
let statuses: BackupStatus[];

function compose(vaultPath: string): Services {
  return composeServices(
    testPorts({
      vaultPath,
      clock: time,
      timers: time,
      dialogs,
      decoder,
      push: <E extends keyof Events>(name: E, payload: Events[E]) => {
        if (name === 'backupStatus') statuses.push(payload as BackupStatus);
      },
      version: '1.2.3-test',
      kdf: TINY_KDF,
    }),
  );
}

async function ok<M extends Method>(method: M, args?: MethodArgs[M]): Promise<MethodResults[M]> {
  const result = await dispatch(services.handlers, method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as MethodResults[M];
}

async function fails<M extends Method>(method: M, args?: MethodArgs[M]): Promise<ErrorCode> {
  const result = await dispatch(services.handlers, method, args);
  if (result.ok) throw new Error(`${method} succeeded; expected an error`);
  return result.error.code;
}

const names = (list: readonly { issuer: string; label: string }[]) =>
  list.map((a) => `${a.issuer}/${a.label}`).sort();

/** The fields an account keeps through a backup and a restore (not its id or timestamps). */
const kept = (a: AccountInput) => ({
  issuer: a.issuer,
  label: a.label,
  type: a.type,
  algorithm: a.algorithm,
  digits: a.digits,
  period: a.period,
  counter: a.counter,
  secret: a.secret,
  tags: a.tags,
  note: a.note,
  awsSerial: a.awsSerial,
});
const byName = (a: { issuer: string }, b: { issuer: string }) => a.issuer.localeCompare(b.issuer);

async function backUp(file: string): Promise<void> {
  dialogs.savePath = file;
  const result = await ok('exportBackup', { password: PASSWORD, backupPassword: BACKUP_PASSWORD });
  expect(result).toEqual({ path: file, count: ACCOUNTS.length });
}

async function openFile(file: string): Promise<FileImportResult> {
  dialogs.importFile = file;
  const result = await ok('openImportFile', {});
  if (result === null) throw new Error('the open dialog was answered');
  return result;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-transfer-'));
  time = new ManualTime(Date.UTC(2026, 10, 29, 9, 0, 0));
  dialogs = new TestDialogs();
  decoder = new QrDecoder();
  statuses = [];
  const vault = await Vault.create(path.join(dir, 'vault.json'), PASSWORD, { kdf: TINY_KDF });
  await vault.addMany(ACCOUNTS);
  vault.lock();
  services = compose(path.join(dir, 'vault.json'));
  await ok('unlock', { password: PASSWORD });
});

afterEach(async () => {
  services.autoBackup.stop();
  services.vault.lock('user');
  await decoder.close();
  await rm(dir, { recursive: true, force: true });
});

describe('encrypted backup and restore', () => {
  it('asks for the vault password before anything, and a closed save dialog writes nothing', async () => {
    expect(await fails('exportBackup', { password: 'wrong', backupPassword: 'x' })).toBe(
      'WRONG_PASSWORD',
    );
    expect(dialogs.saves).toEqual([]);
    dialogs.savePath = null;
    expect(await ok('exportBackup', { password: PASSWORD, backupPassword: 'x' })).toBeNull();
    expect(dialogs.saves).toEqual([
      { kind: 'backup', defaultName: 'authdesk-2026-11-29.authdesk' },
    ]);
    expect((await readdir(dir)).filter((f) => !f.startsWith('vault.json'))).toEqual([]);
  });

  it('restores a backup on a fresh vault with every account as it was', async () => {
    const file = path.join(dir, 'backup.authdesk');
    await backUp(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    // Another machine: a new, empty vault with its own password.
    services.vault.lock('user');
    await mkdir(path.join(dir, 'new'));
    services = compose(path.join(dir, 'new', 'vault.json'));
    await ok('createVault', { password: 'new machine' });

    const opened = await openFile(file);
    expect(opened).toMatchObject({
      status: 'password',
      name: 'backup.authdesk',
      format: 'authdesk-backup',
    });
    if (opened.status !== 'password') return;
    expect(await fails('unlockImportFile', { fileId: opened.fileId, password: 'wrong' })).toBe(
      'WRONG_PASSWORD',
    );
    // A wrong password keeps the file: the user tries again.
    const preview = await ok('unlockImportFile', {
      fileId: opened.fileId,
      password: BACKUP_PASSWORD,
    });
    expect(preview.backup).toEqual({
      createdAt: '2026-11-29T09:00:00.000Z',
      appVersion: '1.2.3-test',
      count: ACCOUNTS.length,
    });
    expect(preview.items.every((i) => i.duplicateOf === null)).toBe(true);
    expect(JSON.stringify(preview)).not.toContain(ACCOUNTS[0]!.secret);

    await ok('commitImport', { id: preview.id, keys: preview.items.map((i) => i.key) });
    const restored = services.vault.list();
    expect(restored.map(kept).sort(byName)).toEqual(ACCOUNTS.map(kept).sort(byName));
  });

  it('flags the accounts already there as duplicates when merging', async () => {
    const file = path.join(dir, 'backup.authdesk');
    await backUp(file);
    const github = services.vault.list().find((a) => a.issuer === 'GitHub')!;
    await ok('removeAccount', { id: github.id });

    const opened = await openFile(file);
    if (opened.status !== 'password') throw new Error('expected a password request');
    const preview = await ok('unlockImportFile', {
      fileId: opened.fileId,
      password: BACKUP_PASSWORD,
    });
    const fresh = preview.items.filter((i) => i.duplicateOf === null);
    expect(names(fresh)).toEqual(['GitHub/alice']);
    await ok('commitImport', { id: preview.id, keys: fresh.map((i) => i.key) });
    expect(names(services.vault.list())).toEqual(names(ACCOUNTS));
  });

  it('replaces everything only after keeping the vault as it was', async () => {
    const file = path.join(dir, 'backup.authdesk');
    await backUp(file);
    const extra = { ...base, issuer: 'Added later', label: 'x', secret: 'ORSXG5BRGIZTINJW' };
    await ok('addAccount', { account: extra });

    const opened = await openFile(file);
    if (opened.status !== 'password') throw new Error('expected a password request');
    const preview = await ok('unlockImportFile', {
      fileId: opened.fileId,
      password: BACKUP_PASSWORD,
    });
    const { added, keptCopy } = await ok('replaceWithImport', {
      id: preview.id,
      keys: preview.items.map((i) => i.key),
    });
    expect(names(added)).toEqual(names(ACCOUNTS));
    expect(names(services.vault.list())).toEqual(names(ACCOUNTS));
    expect(path.dirname(keptCopy)).toBe(dir);

    const before = await Vault.open(keptCopy);
    await before.unlock(PASSWORD);
    expect(names(before.list())).toEqual(names([...ACCOUNTS, extra]));
    before.lock();
  });

  it('gives each broken file its own error and changes nothing', async () => {
    const file = path.join(dir, 'backup.authdesk');
    await backUp(file);
    const text = await readFile(file, 'utf8');
    const before = names(services.vault.list());

    const truncated = path.join(dir, 'truncated.authdesk');
    await writeFile(truncated, text.slice(0, Math.floor(text.length / 2)));
    const random = path.join(dir, 'random.bin');
    await writeFile(random, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff)));
    const newer = path.join(dir, 'newer.authdesk');
    await writeFile(newer, text.replace('"version": 1', '"version": 2'));

    // Each is refused before any password is asked for.
    for (const [bad, code] of [
      [random, 'FILE_UNRECOGNIZED'],
      [truncated, 'FILE_CORRUPT'],
      [newer, 'FILE_TOO_NEW'],
    ] as const) {
      dialogs.importFile = bad;
      expect(await fails('openImportFile', {})).toBe(code);
    }
    expect(services.files.size).toBe(0);
    expect(names(services.vault.list())).toEqual(before);
  });

  it('forgets a file waiting for its password when the vault locks', async () => {
    const file = path.join(dir, 'backup.authdesk');
    await backUp(file);
    const opened = await openFile(file);
    if (opened.status !== 'password') throw new Error('expected a password request');
    await ok('lock');
    expect(services.files.size).toBe(0);
    await ok('unlock', { password: PASSWORD });
    expect(
      await fails('unlockImportFile', { fileId: opened.fileId, password: BACKUP_PASSWORD }),
    ).toBe('IMPORT_EXPIRED');
  });
});

describe('files dropped on the window', () => {
  it('imports a list of otpauth links and names the bad line', async () => {
    const text = [
      '# exported by hand',
      'otpauth://totp/Example:new@example.com?secret=GEZDGNBVGY3TQOJQ&issuer=Example',
      'not a link',
      '',
    ].join('\n');
    const result = await ok('importFileBytes', {
      name: 'accounts.txt',
      base64: Buffer.from(text).toString('base64'),
    });
    expect(result.status).toBe('preview');
    const preview = (result as { preview: ImportPreview }).preview;
    expect(names(preview.items)).toEqual(['Example/new@example.com']);
    expect(preview.problems).toHaveLength(1);
    expect(preview.problems[0]!.detail).toContain('3');
  });

  it('refuses a file that is not one Authdesk imports, and one far too large', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect(await fails('importFileBytes', { name: 'x.png', base64: png.toString('base64') })).toBe(
      'FILE_UNRECOGNIZED',
    );
    const big = path.join(dir, 'big.json');
    await writeFile(big, Buffer.alloc(21 * 1024 * 1024, 0x20));
    dialogs.importFile = big;
    expect(await fails('openImportFile', {})).toBe('FILE_TOO_LARGE');
  });
});

describe('export to another device', () => {
  const metas = () => services.vault.list();

  it('reveals one account only with the vault password, as a QR code that scans back', async () => {
    const aws = metas().find((a) => a.issuer === 'Amazon Web Services')!;
    expect(await fails('revealAccount', { id: aws.id, password: 'nope' })).toBe('WRONG_PASSWORD');
    const shown = await ok('revealAccount', { id: aws.id, password: PASSWORD });
    expect(shown.secret).toBe(aws.secret);
    expect(shown.hidesAt).toBe(time.now() + 60_000);
    expect(parseOtpauthUri(shown.uri)).toMatchObject({
      issuer: aws.issuer,
      label: aws.label,
      secret: aws.secret,
    });
    const [text] = await decodeQrFromRgba(renderQrRgba(shown.qr, 4));
    expect(text).toBe(shown.uri);
  });

  it('exports chosen accounts as Google Authenticator codes that decode to the same accounts', async () => {
    const ids = metas().map((a: AccountMeta) => a.id);
    expect(await fails('exportGoogleCodes', { ids, password: 'nope' })).toBe('WRONG_PASSWORD');
    const { codes, skipped } = await ok('exportGoogleCodes', { ids, password: PASSWORD });
    // Google's export has no period field: a 60-second account cannot go, and says why.
    const github = metas().find((a) => a.issuer === 'GitHub')!;
    expect(skipped).toEqual([{ id: github.id, reason: expect.stringContaining('30-second') }]);
    expect(codes).toHaveLength(1);
    const plain = (a: AccountInput) =>
      kept({ ...a, tags: undefined, note: undefined, awsSerial: undefined });
    const decoded = decodeMigrationUri(codes[0]!.text);
    expect(decoded.accounts.map(plain).sort(byName)).toEqual(
      ACCOUNTS.filter((a) => a.issuer !== 'GitHub')
        .map(plain)
        .sort(byName),
    );
  });

  it('writes the plain-text list only after the password, where the user chose', async () => {
    const file = path.join(dir, 'accounts.txt');
    dialogs.savePath = file;
    expect(await fails('exportOtpauthList', { password: 'nope' })).toBe('WRONG_PASSWORD');
    expect(dialogs.saves).toEqual([]);
    expect(await ok('exportOtpauthList', { password: PASSWORD })).toEqual({ path: file, count: 4 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const lines = (await readFile(file, 'utf8'))
      .split('\n')
      .filter((l) => l.startsWith('otpauth://'));
    expect(lines.map(parseOtpauthUri).map(kept).sort(byName)).toEqual(
      ACCOUNTS.map((a) =>
        kept({ ...a, tags: undefined, note: undefined, awsSerial: undefined }),
      ).sort(byName),
    );
  });
});

describe('export to Aegis', () => {
  const EXPORT_PASSWORD = 'aegis export password';
  const read = async (file: string, password?: string) =>
    (await readImportFile(await readFile(file), 'aegis.json', password)).accounts.map(
      (a) => a.input,
    );

  it('asks the vault password first, then writes an encrypted Aegis vault the importer reads back', async () => {
    const file = path.join(dir, 'aegis.json');
    dialogs.savePath = file;
    expect(await fails('exportAegis', { password: 'nope', exportPassword: EXPORT_PASSWORD })).toBe(
      'WRONG_PASSWORD',
    );
    expect(dialogs.saves).toEqual([]);
    expect(
      await ok('exportAegis', { password: PASSWORD, exportPassword: EXPORT_PASSWORD }),
    ).toEqual({ path: file, count: 4 });
    expect(dialogs.saves).toEqual([
      { kind: 'aegis', defaultName: expect.stringMatching(/^authdesk-aegis-.*\.json$/) },
    ]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    for (const a of ACCOUNTS) expect(text).not.toContain(a.secret);
    expect((await read(file, EXPORT_PASSWORD)).map(kept).sort(byName)).toEqual(
      ACCOUNTS.map((a) => kept({ ...a, awsSerial: undefined })).sort(byName),
    );
  });

  it('writes the chosen accounts, plain, with only their groups; a closed save dialog writes nothing', async () => {
    const chosen = (await ok('listAccounts')).filter((a) => a.issuer !== 'GitHub');
    const ids = chosen.map((a) => a.id);
    dialogs.savePath = null;
    expect(await ok('exportAegis', { ids, password: PASSWORD, exportPassword: null })).toBeNull();
    expect(await readdir(dir)).not.toContain('plain.json');
    const file = path.join(dir, 'plain.json');
    dialogs.savePath = file;
    expect(await ok('exportAegis', { ids, password: PASSWORD, exportPassword: null })).toEqual({
      path: file,
      count: 3,
    });
    const db = JSON.parse(await readFile(file, 'utf8')).db;
    expect(db.groups.map((g: { name: string }) => g.name)).toEqual(['Work', 'AWS']);
    expect((await read(file)).map(kept).sort(byName)).toEqual(
      ACCOUNTS.filter((a) => a.issuer !== 'GitHub')
        .map((a) => kept({ ...a, awsSerial: undefined }))
        .sort(byName),
    );
  });
});

describe('automatic backups', () => {
  const backups = async (folder: string) =>
    (await readdir(folder)).filter((f) => f.endsWith('.authdesk')).sort();

  it('turns on only with the vault password, then backs up after every change', async () => {
    const folder = path.join(dir, 'synced');
    await mkdir(folder);
    dialogs.folder = folder;
    const chosen = await ok('chooseBackupFolder');
    expect(chosen).toMatchObject({ folder });
    const request = {
      folderHandle: chosen!.handle,
      keep: 2,
      password: 'nope',
      backupPassword: BACKUP_PASSWORD,
    };
    expect(await fails('enableAutoBackup', request)).toBe('WRONG_PASSWORD');
    expect((await ok('getBackupStatus')).enabled).toBe(false);

    const on = await ok('enableAutoBackup', { ...request, password: PASSWORD });
    expect(on).toMatchObject({ enabled: true, folder, keep: 2, error: null });
    expect(await backups(folder)).toHaveLength(1);

    for (const label of ['one', 'two']) {
      await ok('addAccount', {
        account: { ...base, issuer: 'New', label, secret: 'ORSXG5BRGIZTINJW' },
        allowDuplicate: true,
      });
      time.advance(1_500); // past the quiet time: the debounced write starts
      await services.autoBackup.settled();
    }
    const files = await backups(folder);
    expect(files).toHaveLength(2); // keep: 2
    dialogs.importFile = path.join(folder, files.at(-1)!);
    const opened = await ok('openImportFile', {});
    if (opened?.status !== 'password') throw new Error('expected a password request');
    const preview = await ok('unlockImportFile', {
      fileId: opened.fileId,
      password: BACKUP_PASSWORD,
    });
    expect(preview.items).toHaveLength(ACCOUNTS.length + 2);
  });

  it('reports a failing folder instead of swallowing it, and can be turned off', async () => {
    const folder = path.join(dir, 'gone');
    await mkdir(folder);
    dialogs.folder = folder;
    const { handle } = (await ok('chooseBackupFolder'))!;
    await ok('enableAutoBackup', {
      folderHandle: handle,
      keep: 10,
      password: PASSWORD,
      backupPassword: 'b',
    });
    await rm(folder, { recursive: true });
    const status = await ok('backupNow');
    expect(status.error?.code).toBe('IO_ERROR');
    expect(statuses.at(-1)?.error?.code).toBe('IO_ERROR');
    const off = await ok('disableAutoBackup');
    expect(off.enabled).toBe(false);
    expect(services.settings.get().autoBackupFolder).toBeNull();
  });

  it('takes only a folder main’s dialog returned, by its handle, and only for 10 minutes', async () => {
    const folder = path.join(dir, 'picked');
    await mkdir(folder);
    const enable = (folderHandle: string) =>
      fails('enableAutoBackup', {
        folderHandle,
        keep: 2,
        password: PASSWORD,
        backupPassword: BACKUP_PASSWORD,
      });
    // A path where a handle belongs, or a handle main never gave out, is refused.
    expect(await enable(folder)).toBe('FOLDER_CHOICE_EXPIRED');
    expect(await enable('00000000-0000-4000-8000-000000000000')).toBe('FOLDER_CHOICE_EXPIRED');
    // A real one, once 10 minutes have passed, too.
    dialogs.folder = folder;
    const old = (await ok('chooseBackupFolder'))!;
    time.advance(FOLDER_CHOICE_MS + 1);
    expect(await enable(old.handle)).toBe('FOLDER_CHOICE_EXPIRED');
    // A fresh one works once; the handle is then used up.
    const fresh = (await ok('chooseBackupFolder'))!;
    const on = await ok('enableAutoBackup', {
      folderHandle: fresh.handle,
      keep: 2,
      password: PASSWORD,
      backupPassword: BACKUP_PASSWORD,
    });
    expect(on).toMatchObject({ enabled: true, folder });
    expect(await enable(fresh.handle)).toBe('FOLDER_CHOICE_EXPIRED');
    expect(services.settings.get().autoBackupFolder).toBe(folder);
  });

  it('refuses a network or device path even when the dialog returned it', async () => {
    for (const folder of [
      '\\\\fileserver\\share',
      '//fileserver/share',
      '\\\\?\\UNC\\fileserver\\share',
      '\\\\.\\pipe\\x',
    ]) {
      dialogs.folder = folder;
      expect(await fails('chooseBackupFolder'), folder).toBe('FOLDER_NOT_LOCAL');
    }
    expect(services.settings.get().autoBackupFolder).toBeNull();
  });
});
