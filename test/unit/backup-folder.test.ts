// Where automatic backups may go: local folders only (no UNC, device or relative paths) on every
// platform's rules, and a settings file edited by hand cannot send them to a network host either.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkLocalFolder,
  FolderChoices,
  FOLDER_CHOICE_MS,
} from '../../electron/use-cases/backup-folder';
import { AutoBackup } from '../../electron/use-cases/auto-backup';
import { newBackupKey } from '../../electron/transfer/backup-file';
import { Vault } from '../../electron/vault/vault';
import { ManualTime } from '../harness/manual-timers';
import {
  PASSWORD,
  TINY_KDF,
  makeTempDir,
  removeTempDir,
  sampleInput,
} from '../harness/vault-fixtures';

const codeOf = (folder: string, platform: string): string => {
  try {
    checkLocalFolder(folder, platform);
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('checkLocalFolder', () => {
  it('refuses UNC, device and long-path forms on every platform, with the reason', () => {
    const network = [
      '\\\\host\\share',
      '\\\\host\\share\\backups',
      '//host/share',
      '\\/host/share',
      '/\\host\\share',
      '\\\\?\\UNC\\host\\share',
      '\\\\?\\C:\\backups',
      '\\\\.\\C:\\backups',
      '\\\\.\\pipe\\authdesk',
      '\\\\host@SSL\\DavWWWRoot\\x',
    ];
    for (const platform of ['win32', 'linux', 'darwin']) {
      for (const folder of network)
        expect(codeOf(folder, platform), folder).toBe('FOLDER_NOT_LOCAL');
    }
    expect(() => checkLocalFolder('\\\\host\\share', 'win32')).toThrow(/network or device path/);
  });

  it('takes local folders: a drive on Windows, an absolute path elsewhere', () => {
    expect(codeOf('C:\\Users\\ann\\Backups', 'win32')).toBe('ok');
    expect(codeOf('d:/backups', 'win32')).toBe('ok');
    expect(codeOf('/home/ann/backups', 'linux')).toBe('ok');
    expect(codeOf('/Volumes/USB/backups', 'darwin')).toBe('ok');
  });

  it('refuses relative paths, a drive without its root, and NUL', () => {
    expect(codeOf('backups', 'linux')).toBe('INVALID_ARGUMENT');
    expect(codeOf('C:backups', 'win32')).toBe('INVALID_ARGUMENT');
    expect(codeOf('\\backups', 'win32')).toBe('INVALID_ARGUMENT');
    expect(codeOf('/home/ann/back\0ups', 'linux')).toBe('INVALID_ARGUMENT');
  });
});

describe('FolderChoices', () => {
  it('hands out a new handle per choice, keeps the last 8, and forgets them after 10 minutes', () => {
    const time = new ManualTime(0);
    const choices = new FolderChoices(time);
    const handles = Array.from({ length: 9 }, (_, i) => choices.add(`/f${i}`).handle);
    expect(new Set(handles).size).toBe(9);
    expect(() => choices.folder(handles[0]!)).toThrow(
      expect.objectContaining({ code: 'FOLDER_CHOICE_EXPIRED' }),
    );
    expect(choices.folder(handles[8]!)).toBe('/f8');
    time.advance(FOLDER_CHOICE_MS);
    expect(choices.folder(handles[8]!)).toBe('/f8');
    time.advance(1);
    expect(() => choices.folder(handles[8]!)).toThrow(/Choose the backup folder again/);
  });
});

describe('automatic backups into a folder from a hand-edited settings file', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await removeTempDir(dir);
  });

  it('a UNC folder is refused before anything touches it, and the status says why', async () => {
    dir = await makeTempDir();
    const vault = await Vault.create(path.join(dir, 'vault.json'), PASSWORD, { kdf: TINY_KDF });
    await vault.add(sampleInput(1));
    await vault.setBackupKey(await newBackupKey('backup password', TINY_KDF));
    const touched: string[] = [];
    const time = new ManualTime(0);
    const backups = new AutoBackup({
      clock: time,
      timers: time,
      folder: () => '//fileserver/share',
      keep: () => 2,
      source: () => ({ ...vault.contents(), key: vault.backupKey() }),
      appVersion: 'test',
      platform: 'win32',
      onStatus: () => {},
      fs: {
        stat: async (p: unknown) => {
          touched.push(String(p));
          throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
        },
      } as never,
    });
    const status = await backups.runNow();
    expect(status.error).toMatchObject({ code: 'FOLDER_NOT_LOCAL' });
    expect(touched).toEqual([]);
    vault.lock();
  });
});
