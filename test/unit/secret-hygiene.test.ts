// Secret hygiene: the TOTP secrets of a vault (and of the files being imported) never show up in logs,
// error messages, crash output or anything main sends the renderer, except the re-authenticated reveal
// and export-to-device results; the master key and the bytes of files waiting for a password are
// zeroed on lock. Main's flows run through the handler table main registers (composeServices).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { format, inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountInput } from '../../shared/account';
import { decodeBase32 } from '../../shared/base32';
import type { Events, Method, MethodArgs, MethodResults, Result } from '../../shared/ipc';
import { encodeMigrationUris } from '../../shared/migration';
import { formatOtpauthUri } from '../../shared/otpauth';
import { dispatch } from '../../electron/ipc/dispatch';
import type { Handlers } from '../../electron/ipc/handlers';
import { QrDecoder } from '../../electron/qr/decoder';
import { composeServices, type Services } from '../../electron/composition';
import { Vault, masterKeyForTests } from '../../electron/vault/vault';
import { runCli } from '../harness/cli';
import { MemoryClipboard, MemorySettings, TestDialogs } from '../harness/browser/ports';
import {
  CHEAP_ITERATIONS,
  SAMPLE_ACCOUNTS,
  SAMPLE_PASSWORD,
  aegisDb,
  aegisEncryptedFile,
  aegisPlainFile,
  andotpEncryptedFile,
  bitwardenCsvFile,
  twofasEncryptedFile,
} from '../harness/import-samples';
import { ManualTime } from '../harness/manual-timers';
import { qrPng } from '../harness/qr-images';
import { testPorts } from '../harness/test-ports';
import { TINY_KDF } from '../harness/vault-fixtures';

const PASSWORD = 'vault password';
const BACKUP_PASSWORD = 'backup password';
const base = { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const;

/** The vault's accounts: AWS's 64-character key, a 10-byte key as real services issue, HOTP, Steam. */
const VAULT_ACCOUNTS: AccountInput[] = [
  {
    ...base,
    issuer: 'Amazon Web Services',
    label: 'root@123456789012',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    awsSerial: 'arn:aws:iam::123456789012:mfa/root',
  },
  { ...base, issuer: 'GitHub', label: 'alice', secret: 'MFRGGZDFMZTWQ2LK' },
  { ...base, type: 'hotp', issuer: 'Bank', label: 'card', counter: 7, secret: 'KRSXG5CTMVRXEZLU' },
  {
    ...base,
    type: 'steam',
    digits: 5,
    issuer: 'Steam',
    label: 'gamer',
    secret: 'ONSWG4TFORQWY2LDMVZXIZLSMVXGG5DF',
  },
];
/** Accounts that only the files and links being imported hold. */
const NEW_ACCOUNT: AccountInput = {
  ...base,
  issuer: 'Imported',
  label: 'bob',
  secret: 'NBSWY3DPEB3W64TMMQQGC3TEEBWW64TF',
};
const MIGRATED: AccountInput = {
  ...base,
  issuer: 'Google',
  label: 'carol',
  secret: 'ORSXG5BRGIZTINJW',
};
const QR_ACCOUNT: AccountInput = {
  ...base,
  issuer: 'Scanned',
  label: 'dave',
  secret: 'GAYTEMZUGU3DOOBZ',
};

const ALL_SECRETS = [...VAULT_ACCOUNTS, ...SAMPLE_ACCOUNTS, NEW_ACCOUNT, MIGRATED, QR_ACCOUNT].map(
  (a) => a.secret,
);

/** Every way a secret could be written out: base32 either case, its bytes as hex and base64. */
function spellings(secret: string): string[] {
  const bytes = Buffer.from(decodeBase32(secret));
  return [
    secret,
    secret.toLowerCase(),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
  ];
}
const FORBIDDEN = [...new Set(ALL_SECRETS.flatMap(spellings))];

/** Everything the checks look at, labelled by where it came from. */
let seen: { where: string; text: string }[];
const see = (where: string, value: unknown) =>
  seen.push({ where, text: typeof value === 'string' ? value : inspect(value, { depth: 12 }) });

function expectNoSecretSeen(): void {
  const leaks = seen.flatMap(({ where, text }) =>
    FORBIDDEN.filter((s) => text.includes(s)).map(
      (s) =>
        `${where}: …${text.slice(Math.max(0, text.indexOf(s) - 60), text.indexOf(s) + s.length + 20)}…`,
    ),
  );
  expect(leaks).toEqual([]);
}

// --------------------------------------------------------------------------------------------
// Capture: console, stdout/stderr, pushed events, every result, every thrown error (as a crash
// would print it), the clipboard, settings and the files main writes (other than explicit exports).

let dir: string;
let time: ManualTime;
let dialogs: TestDialogs;
let decoder: QrDecoder;
let clipboard: MemoryClipboard;
let settingsStorage: MemorySettings;
let services: Services;
/** Results of these methods carry secrets on purpose: they follow a fresh password check. */
const EXEMPT: Method[] = ['revealAccount', 'exportGoogleCodes'];

function compose(vaultPath: string): Services {
  return composeServices(
    testPorts({
      vaultPath,
      clock: time,
      timers: time,
      clipboard,
      dialogs,
      decoder,
      settingsStorage,
      push: <E extends keyof Events>(name: E, payload: Events[E]) => see(`event ${name}`, payload),
      version: '1.2.3-hygiene',
      kdf: TINY_KDF,
    }),
  );
}

/** The handler table with every thrown error recorded as an uncaught one would be printed. */
function recorded(handlers: Handlers): Handlers {
  const wrapped: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const [method, handler] of Object.entries(handlers)) {
    wrapped[method] = async (args: unknown) => {
      try {
        return await (handler as (a: unknown) => Promise<unknown>)(args);
      } catch (error) {
        see(`thrown by ${method}`, error);
        throw error;
      }
    };
  }
  return wrapped as Handlers;
}

/** One IPC call as the renderer makes it; main logs unexpected errors as electron/system/ipc-binding.ts does. */
async function call<M extends Method>(
  method: M,
  args?: MethodArgs[M],
): Promise<Result<MethodResults[M]>> {
  const result = (await dispatch(recorded(services.handlers), method, args, (error) =>
    console.error(`ipc ${method}:`, error),
  )) as Result<MethodResults[M]>;
  if (!result.ok || !EXEMPT.includes(method)) see(`result of ${method}`, JSON.stringify(result));
  return result;
}
async function ok<M extends Method>(method: M, args?: MethodArgs[M]): Promise<MethodResults[M]> {
  const result = await call(method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}
async function fails<M extends Method>(method: M, args?: MethodArgs[M]): Promise<string> {
  const result = await call(method, args);
  if (result.ok) throw new Error(`${method} succeeded; expected an error`);
  return result.error.code;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

beforeEach(async () => {
  seen = [];
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-hygiene-'));
  time = new ManualTime(Date.UTC(2026, 10, 29, 9, 0, 0));
  dialogs = new TestDialogs();
  decoder = new QrDecoder();
  clipboard = new MemoryClipboard();
  settingsStorage = new MemorySettings();
  const vault = await Vault.create(path.join(dir, 'vault.json'), PASSWORD, { kdf: TINY_KDF });
  await vault.addMany(VAULT_ACCOUNTS);
  vault.lock();
  services = compose(path.join(dir, 'vault.json'));
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) =>
      see(`console.${level}`, format(...args)),
    );
  }
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      see(stream === process.stdout ? 'stdout' : 'stderr', String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }
});

afterEach(async () => {
  vi.restoreAllMocks();
  services.autoBackup.stop();
  services.vault.lock('user');
  await decoder.close();
  await rm(dir, { recursive: true, force: true });
});

/** The files FileImports holds while they wait for a password (a private field). */
const heldFiles = () => [
  ...(services.files as unknown as { held: Map<string, { bytes: Uint8Array }> }).held.values(),
];
const allZero = (bytes: Uint8Array) => bytes.length > 0 && bytes.every((b) => b === 0);

describe('no secret leaves main except by an explicit, re-authenticated reveal or export', () => {
  it('unlock, codes, copy, accounts and every kind of error', async () => {
    await ok('status');
    expect(await fails('unlock', { password: 'wrong' })).toBe('WRONG_PASSWORD');
    expect(await fails('unlock', { password: '' })).toBe('INVALID_ARGUMENT');
    await ok('unlock', { password: PASSWORD });
    const accounts = await ok('listAccounts');
    await ok('getCodes');
    time.advance(30_000);
    await ok('getCodes');
    const github = accounts.find((a) => a.issuer === 'GitHub')!;
    const bank = accounts.find((a) => a.issuer === 'Bank')!;
    await ok('copyCode', { id: github.id, which: 'current' });
    see('clipboard', clipboard.text);
    await ok('copyCode', { id: github.id, which: 'next' });
    see('clipboard', clipboard.text);
    await ok('nextHotpCode', { id: bank.id });
    expect(await fails('nextHotpCode', { id: github.id })).toBe('INVALID_ARGUMENT');

    // Refused accounts: a duplicate key, keys with a typo, too short, too long, not text at all.
    const aws = VAULT_ACCOUNTS[0]!;
    expect(await fails('addAccount', { account: { ...aws, issuer: 'Other', label: 'x' } })).toBe(
      'ACCOUNT_DUPLICATE',
    );
    for (const secret of [
      `${NEW_ACCOUNT.secret.slice(0, 10)}0${NEW_ACCOUNT.secret.slice(11)}`,
      `${NEW_ACCOUNT.secret}1`,
      NEW_ACCOUNT.secret.slice(0, 3),
      NEW_ACCOUNT.secret.repeat(40),
      `${NEW_ACCOUNT.secret} ${NEW_ACCOUNT.secret}=x`,
    ]) {
      expect(await fails('addAccount', { account: { ...NEW_ACCOUNT, secret } })).toMatch(
        /ACCOUNT_INVALID|INVALID_ARGUMENT|SECRET_INVALID/,
      );
    }
    await ok('addAccount', { account: NEW_ACCOUNT });
    await ok('updateAccount', { id: github.id, patch: { note: 'work laptop' } });
    expect(await fails('removeAccount', { id: '00000000-0000-4000-8000-000000000000' })).toBe(
      'ACCOUNT_NOT_FOUND',
    );
    expect(await fails('reorderAccounts', { ids: [github.id] })).toBe('INVALID_ARGUMENT');
    expect(await fails('changePassword', { oldPassword: 'wrong', newPassword: 'x' })).toBe(
      'WRONG_PASSWORD',
    );
    expect(await fails('revealAccount', { id: github.id, password: 'wrong' })).toBe(
      'WRONG_PASSWORD',
    );
    // The exempt results do hold the secret (so the check above is not vacuous for them).
    const revealed = await ok('revealAccount', { id: github.id, password: PASSWORD });
    expect(revealed.secret).toBe(VAULT_ACCOUNTS[1]!.secret);
    await ok('exportGoogleCodes', { ids: [github.id], password: PASSWORD });

    // A failure main did not expect is logged with its stack, and the renderer sees only its code.
    dialogs.pickSavePath = async () => {
      throw new Error('the save dialog crashed');
    };
    expect(await fails('exportBackup', { password: PASSWORD, backupPassword: 'x' })).toBe(
      'INTERNAL_ERROR',
    );
    expect(seen.some((s) => s.where === 'console.error' && s.text.includes('dialog crashed'))).toBe(
      true,
    );

    // A vault file damaged or replaced on disk, found at the next unlock.
    await ok('lock');
    const file = path.join(dir, 'vault.json');
    const intact = await readFile(file, 'utf8');
    const json = JSON.parse(intact) as { payload: { data: string } };
    const data = Buffer.from(json.payload.data, 'base64');
    data[5]! ^= 1;
    json.payload.data = data.toString('base64');
    for (const damaged of [JSON.stringify(json), intact.slice(0, intact.length / 2), '']) {
      await writeFile(file, damaged);
      expect(await fails('unlock', { password: PASSWORD })).toBe('VAULT_CORRUPT');
    }
    await rm(file);
    expect(await fails('unlock', { password: PASSWORD })).toBe('VAULT_NOT_FOUND');
    await writeFile(file, intact);
    await ok('unlock', { password: PASSWORD });

    expect(seen.length).toBeGreaterThan(40);
    expectNoSecretSeen();
  });

  it('import previews from text, export links, a QR image and other apps’ files, plain and encrypted, broken and wrong-password', async () => {
    await ok('unlock', { password: PASSWORD });

    // Links: good ones, and broken ones that carry a secret in the part that is wrong.
    const uri = formatOtpauthUri(NEW_ACCOUNT);
    const [migration] = encodeMigrationUris([MIGRATED]);
    for (const text of [
      uri,
      migration!,
      `${uri}\n${migration!}`,
      uri.replace('secret=', 'secret=%E0%A4'),
      `${uri}%2`,
      uri.replace('digits=6', 'digits=12'),
      uri.replace('algorithm=SHA1', 'algorithm=MD5'),
      uri.replace('otpauth://totp/', 'otpauth://yotp/'),
      uri.replace(NEW_ACCOUNT.secret, `${NEW_ACCOUNT.secret}0`),
      NEW_ACCOUNT.secret,
      `not a link ${NEW_ACCOUNT.secret}`,
      migration!.slice(0, -6),
    ]) {
      const preview = await call('importText', { text });
      if (preview.ok) await ok('cancelImport', { id: preview.value.id });
    }

    // A QR code in an image, the way a dropped screenshot arrives.
    const qr = await qrPng(formatOtpauthUri(QR_ACCOUNT));
    const scanned = await ok('importImages', {
      images: [{ name: 'shot.png', base64: base64(qr) }],
    });
    expect(scanned.items).toHaveLength(1);
    await ok('commitImport', { id: scanned.id, keys: scanned.items.map((i) => i.key) });

    // Other apps' files: plain ones straight to a preview; encrypted ones wait for their password.
    const files: [string, Uint8Array][] = [
      ['aegis.json', aegisPlainFile(aegisDb(SAMPLE_ACCOUNTS))],
      ['aegis-encrypted.json', aegisEncryptedFile(aegisDb(SAMPLE_ACCOUNTS))],
      ['backup.2fas', twofasEncryptedFile(SAMPLE_ACCOUNTS)],
      ['andotp.json.aes', andotpEncryptedFile(SAMPLE_ACCOUNTS, SAMPLE_PASSWORD, CHEAP_ITERATIONS)],
      ['bitwarden.csv', bitwardenCsvFile(SAMPLE_ACCOUNTS)],
    ];
    for (const [name, bytes] of files) {
      const opened = await ok('importFileBytes', { name, base64: base64(bytes) });
      if (opened.status === 'preview') {
        await ok('cancelImport', { id: opened.preview.id });
        continue;
      }
      expect(
        await fails('unlockImportFile', { fileId: opened.fileId, password: 'wrong password' }),
      ).toBe('WRONG_PASSWORD');
      const preview = await ok('unlockImportFile', {
        fileId: opened.fileId,
        password: SAMPLE_PASSWORD,
      });
      expect(preview.items.length).toBeGreaterThan(0);
      await ok('cancelImport', { id: preview.id });
      // Cut short, or changed: refused with a typed error.
      const cut = bytes.subarray(0, Math.floor(bytes.length * 0.7));
      const changed = Uint8Array.from(bytes, (b, i) => (i === bytes.length - 40 ? b ^ 4 : b));
      for (const damaged of [cut, changed]) {
        const result = await call('importFileBytes', { name, base64: base64(damaged) });
        if (result.ok && result.value.status === 'password') {
          await call('unlockImportFile', {
            fileId: result.value.fileId,
            password: SAMPLE_PASSWORD,
          });
        }
      }
    }

    expect(seen.length).toBeGreaterThan(40);
    expectNoSecretSeen();
  });

  it('backup export, automatic backups and restore, with wrong passwords and damaged backups', async () => {
    await ok('unlock', { password: PASSWORD });
    const backup = path.join(dir, 'saved.authdesk');
    dialogs.savePath = backup;
    expect(
      await fails('exportBackup', { password: 'wrong', backupPassword: BACKUP_PASSWORD }),
    ).toBe('WRONG_PASSWORD');
    await ok('exportBackup', { password: PASSWORD, backupPassword: BACKUP_PASSWORD });
    see('the backup file', await readFile(backup, 'utf8'));

    const folder = path.join(dir, 'auto');
    await mkdir(folder);
    dialogs.folder = folder;
    const chosen = await ok('chooseBackupFolder');
    await ok('enableAutoBackup', {
      folderHandle: chosen!.handle,
      keep: 2,
      password: PASSWORD,
      backupPassword: BACKUP_PASSWORD,
    });
    await ok('backupNow');
    await ok('getBackupStatus');
    for (const name of await readdir(folder))
      see('an automatic backup', await readFile(path.join(folder, name), 'utf8'));
    see('settings', settingsStorage.value);

    // Restore: wrong password, then a preview, then replace (the old vault is kept as a copy).
    dialogs.importFile = backup;
    const opened = await ok('openImportFile', {});
    if (opened?.status !== 'password') throw new Error('expected a password request');
    expect(await fails('unlockImportFile', { fileId: opened.fileId, password: 'wrong' })).toBe(
      'WRONG_PASSWORD',
    );
    const preview = await ok('unlockImportFile', {
      fileId: opened.fileId,
      password: BACKUP_PASSWORD,
    });
    const { keptCopy } = await ok('replaceWithImport', {
      id: preview.id,
      keys: preview.items.map((i) => i.key),
    });
    see('the kept copy', await readFile(keptCopy, 'utf8'));

    // Damaged backups: cut short, a changed payload, a newer version, a vault where a backup goes.
    const text = await readFile(backup, 'utf8');
    const json = JSON.parse(text) as { payload: { data: string } };
    const data = Buffer.from(json.payload.data, 'base64');
    data[3]! ^= 1;
    json.payload.data = data.toString('base64');
    const damaged: [string, string][] = [
      ['cut.authdesk', text.slice(0, text.length / 2)],
      ['changed.authdesk', JSON.stringify(json)],
      ['newer.authdesk', text.replace('"version": 1', '"version": 2')],
      ['vault.authdesk', await readFile(path.join(dir, 'vault.json'), 'utf8')],
    ];
    for (const [name, content] of damaged) {
      await writeFile(path.join(dir, name), content);
      dialogs.importFile = path.join(dir, name);
      const result = await call('openImportFile', {});
      if (result.ok && result.value?.status === 'password') {
        await call('unlockImportFile', { fileId: result.value.fileId, password: BACKUP_PASSWORD });
      }
    }
    // The plain-text export is a deliberate export to a device; only its result is checked.
    dialogs.savePath = path.join(dir, 'accounts.txt');
    await ok('exportOtpauthList', { password: PASSWORD });
    await ok('disableAutoBackup');

    expect(seen.length).toBeGreaterThan(20);
    expectNoSecretSeen();
  });

  const cliBuilt = existsSync(
    path.join(import.meta.dirname, '..', '..', 'dist', 'cli', 'authdesk.js'),
  );
  if (!cliBuilt)
    console.log('secret-hygiene: the CLI part is skipped: the CLI is not built (npm run build)');
  it.runIf(cliBuilt)('the built CLI: list, list --json, code, and its errors', async () => {
    const file = path.join(dir, 'vault.json');
    const cli = (args: string[], password = PASSWORD) =>
      runCli(['--vault', file, '--password-stdin', ...args], { stdin: `${password}\n` });
    const runs = [
      await cli(['list', '--json']),
      await cli(['list']),
      await cli(['code', 'GitHub']),
      await cli(['code', 'GitHub', '--next']),
      await cli(['code', 'nothing-like-this']),
      await cli(['list'], 'wrong password'),
    ];
    expect(runs.map((r) => r.status)).toEqual([0, 0, 0, 0, expect.any(Number), expect.any(Number)]);
    await writeFile(file, (await readFile(file, 'utf8')).slice(0, 200));
    runs.push(await cli(['list', '--json']));
    runs.push(await cli(['list', '--json', '--vault', path.join(dir, 'missing.json')]));
    for (const [i, run] of runs.entries()) {
      see(`cli run ${i} stdout`, run.stdout);
      see(`cli run ${i} stderr`, run.stderr);
    }
    expect(runs.slice(4).every((r) => r.status !== 0 && r.stderr.length > 0)).toBe(true);
    expectNoSecretSeen();
  });
});

describe('zeroed on lock', () => {
  it('every master key the app held (after unlocks, a re-unlock, a restore and each kind of lock) is all zeros', async () => {
    const keys: Buffer[] = [];
    const take = () => keys.push(services.vault[masterKeyForTests]()!);
    await ok('unlock', { password: PASSWORD });
    take();
    await ok('unlock', { password: PASSWORD }); // a second unlock replaces the first session
    take();
    expect(allZero(keys[0]!)).toBe(true);
    expect(allZero(keys[1]!)).toBe(false);
    await ok('lock');
    for (const reason of ['idle', 'system'] as const) {
      await ok('unlock', { password: PASSWORD });
      take();
      services.vault.lock(reason);
    }
    await ok('unlock', { password: PASSWORD });
    take();
    await ok('enableKeychainUnlock', { password: PASSWORD });
    await ok('lock');
    await ok('unlockWithKeychain');
    take();
    await ok('lock');
    expect(keys).toHaveLength(6);
    for (const key of keys) {
      expect(key.length).toBe(32);
      expect(allZero(key)).toBe(true);
    }
    expect(services.vault[masterKeyForTests]()).toBeNull();
  });

  it('the bytes of every file waiting for its password (a backup, encrypted exports) are zeroed on lock, and once opened', async () => {
    await ok('unlock', { password: PASSWORD });
    dialogs.savePath = path.join(dir, 'b.authdesk');
    await ok('exportBackup', { password: PASSWORD, backupPassword: BACKUP_PASSWORD });
    const backupBytes = new Uint8Array(await readFile(path.join(dir, 'b.authdesk')));
    const aegis = aegisEncryptedFile(aegisDb(SAMPLE_ACCOUNTS));

    // Through the public API, with bytes the test owns…
    const own = [Uint8Array.from(backupBytes), Uint8Array.from(aegis)];
    const byApi = await Promise.all([
      services.files.open('b.authdesk', own[0]!),
      services.files.open('aegis.json', own[1]!),
    ]);
    expect(byApi.map((o) => o.status)).toEqual(['password', 'password']);
    // …through IPC (bytes decoded in main) and the open dialog (bytes read from disk).
    await ok('importFileBytes', {
      name: 'andotp.json.aes',
      base64: base64(andotpEncryptedFile(SAMPLE_ACCOUNTS)),
    });
    dialogs.importFile = path.join(dir, 'b.authdesk');
    const fromDialog = await ok('openImportFile', {});
    const held = heldFiles().map((h) => h.bytes);
    expect(held).toHaveLength(4);
    expect(held.every((bytes) => !allZero(bytes))).toBe(true);

    // One opened with its password is let go at once.
    if (fromDialog?.status !== 'password') throw new Error('expected a password request');
    const opened = heldFiles().at(-1)!.bytes;
    await ok('unlockImportFile', { fileId: fromDialog.fileId, password: BACKUP_PASSWORD });
    expect(allZero(opened)).toBe(true);

    await ok('lock');
    expect(services.files.size).toBe(0);
    for (const bytes of [...own, ...held]) expect(allZero(bytes)).toBe(true);
  });
});
