// The sync folder's file names: ours are built and parsed back exactly (one spelling per file), and
// everything else — sync services' leftovers of each kind, other programs' files — is not ours.
import { describe, expect, it } from 'vitest';
import {
  leftoverOf,
  parseSyncFileName,
  syncFileName,
  tempNameFor,
} from '../../../electron/sync/folder/names';

const A = '0123456789abcdef0123456789abcdef';
const journal7 = `${A}.0000000007.journal`;

describe('names of our files', () => {
  it('builds each kind and parses it back', () => {
    expect(syncFileName('journal', A, 7)).toBe(journal7);
    expect(parseSyncFileName(journal7)).toEqual({ kind: 'journal', device: A, seq: 7 });
    for (const kind of ['snapshot', 'keys', 'pairing', 'password'] as const) {
      const name = syncFileName(kind, A);
      expect(name).toBe(`${A}.${kind}`);
      expect(parseSyncFileName(name)).toEqual({ kind, device: A, seq: 0 });
    }
  });

  it('pads journal numbers to ten digits so names sort in number order, and allows more', () => {
    const names = [100, 3, 9_999_999_999, 12].map((n) => syncFileName('journal', A, n));
    expect([...names].sort().map((name) => parseSyncFileName(name)?.seq)).toEqual([
      3, 12, 100, 9_999_999_999,
    ]);
    const big = syncFileName('journal', A, 10_000_000_000);
    expect(big).toBe(`${A}.10000000000.journal`);
    expect(parseSyncFileName(big)?.seq).toBe(10_000_000_000);
  });

  it('refuses to build a name from a bad device id or number', () => {
    expect(() => syncFileName('journal', A, 0)).toThrow();
    expect(() => syncFileName('journal', A, 1.5)).toThrow();
    expect(() => syncFileName('snapshot', '../etc')).toThrow();
    expect(() => syncFileName('snapshot', A.toUpperCase())).toThrow();
  });

  it.each([
    `${A}.07.journal`, // not the one spelling
    `${A}.00000000007.journal`, // eleven digits for a small number: a second spelling
    `${A}.0000000000.journal`, // change numbers start at 1
    `${A.toUpperCase()}.snapshot`,
    `${A.slice(1)}.snapshot`,
    `${A}.snapshot.bak`,
    `${A}.vault`,
    `${A}.0000000007.snapshot`,
    `../${A}.snapshot`,
    `${A}.journal`,
  ])('%s is not one of ours', (name) => {
    expect(parseSyncFileName(name)).toBeUndefined();
  });

  it('gives temporary names that start with a dot and are never ours', () => {
    const temp = tempNameFor(journal7, 'a1b2c3');
    expect(temp.startsWith('.')).toBe(true);
    expect(parseSyncFileName(temp)).toBeUndefined();
    expect(leftoverOf(temp)).toEqual({ source: 'authdesk', of: journal7 });
  });
});

describe('leftovers of sync services and systems', () => {
  it.each([
    [`.syncthing.${journal7}.tmp`, 'syncthing', journal7],
    [`~syncthing~${A}.snapshot.tmp`, 'syncthing', `${A}.snapshot`],
    [`${A}.sync-conflict-20261201-120000-ABCDEF7.snapshot`, 'syncthing', undefined],
    ['.stfolder', 'syncthing', undefined],
    [`${A} (Laptop's conflicted copy 2026-12-01).snapshot`, 'dropbox', undefined],
    [`${A}.0000000007 (conflicted copy 2026-12-01).journal`, 'dropbox', undefined],
    ['.dropbox.cache', 'dropbox', undefined],
    [`${A}-LAPTOP.snapshot`, 'onedrive', undefined],
    [`${A}.0000000007-DESKTOP-1AB2C3.journal`, 'onedrive', undefined],
    [`.${journal7}.icloud`, 'icloud', journal7],
    [`${A} (1).snapshot`, 'google-drive', undefined],
    [`${journal7}.!sync`, 'resilio', journal7],
    [`${journal7}.part`, 'download', journal7],
    [`${A}.snapshot.partial`, 'download', `${A}.snapshot`],
    [`${A}.keys.crdownload`, 'download', `${A}.keys`],
    [`${A}.pairing.tmp`, 'download', `${A}.pairing`],
    ['.DS_Store', 'system', undefined],
    ['desktop.ini', 'system', undefined],
    ['Thumbs.db', 'system', undefined],
    [`._${A}.snapshot`, 'system', undefined],
    ['notes.txt', 'other', undefined],
  ])('%s is a %s leftover', (name, source, of) => {
    expect(parseSyncFileName(name)).toBeUndefined();
    expect(leftoverOf(name)).toEqual(of === undefined ? { source } : { source, of });
  });

  it('says nothing about a name of ours', () => {
    expect(leftoverOf(journal7)).toBeUndefined();
  });
});
