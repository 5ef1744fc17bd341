// The sync password through a real folder: `<device>.password` opens with the password and nothing
// else; a folder without one, an empty folder, a short password and a file asking for more work
// than allowed each get their own answer. Tests use a low scrypt cost except where the production
// cost itself is what is proven.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncFileName } from '../../../electron/sync/folder/names';
import { SyncFolder } from '../../../electron/sync/folder/sync-folder';
import {
  newDeviceIdentity,
  newSyncKey,
  offerPairing,
  openPasswordJoin,
  removePasswordJoin,
  writePasswordJoin,
  writeRotation,
} from '../../../electron/sync/keys/sync-keys';
import { watchKdfRuns } from '../../../electron/vault/kdf';
import type { KdfRun } from '../../../electron/vault/kdf';
import { isAuthdeskError } from '../../../shared/errors';

const LOW = { N: 2 ** 10 };
const PASSWORD = 'correct horse battery';

let dir: string;
let folder: SyncFolder;
let runs: KdfRun[];
let stopWatching: () => void;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-keys-password-'));
  folder = new SyncFolder(dir);
  runs = [];
  stopWatching = watchKdfRuns((run) => {
    runs.push(run);
  });
});
afterEach(async () => {
  stopWatching();
  await rm(dir, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAuthdeskError(error)) return error.code;
    throw error;
  }
  throw new Error('expected an AuthdeskError');
}

const laptop = newDeviceIdentity();
const keys = [newSyncKey(1), newSyncKey(2)];

describe('the sync password file', () => {
  it('opens with the password at the production cost (scrypt N=2^17, r=8, p=1)', async () => {
    await writePasswordJoin(folder, laptop.id, keys, PASSWORD);
    const file = await readFile(path.join(dir, syncFileName('password', laptop.id)));
    expect(file.toString('latin1')).not.toContain(keys[1]!.key);
    expect(await openPasswordJoin(folder, await folder.list(), PASSWORD)).toEqual({ keys });
    expect(runs).toEqual([
      { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 },
      { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 },
    ]);
  });

  it('refuses a wrong password, also one that differs by a letter’s case', async () => {
    await writePasswordJoin(folder, laptop.id, keys, PASSWORD, LOW);
    const listing = await folder.list();
    expect(await codeOf(openPasswordJoin(folder, listing, 'wrong horse battery'))).toBe(
      'SYNC_PASSWORD_WRONG',
    );
    expect(await codeOf(openPasswordJoin(folder, listing, 'Correct horse battery'))).toBe(
      'SYNC_PASSWORD_WRONG',
    );
    // The same password, composed differently (NFD), is the same password.
    await writePasswordJoin(folder, laptop.id, keys, 'パスワードはここにあるよ', LOW);
    expect(
      await openPasswordJoin(
        folder,
        await folder.list(),
        'パスワードはここにあるよ'.normalize('NFD'),
      ),
    ).toEqual({ keys });
  });

  it('says no password is set when devices sync there but none set one, and nothing to join in an empty folder', async () => {
    expect(await codeOf(openPasswordJoin(folder, await folder.list(), PASSWORD))).toBe(
      'SYNC_NOTHING_TO_JOIN',
    );
    await offerPairing(
      folder,
      { id: laptop.id, name: 'Laptop', publicKey: laptop.publicKey },
      keys,
      Date.now(),
    );
    expect(await codeOf(openPasswordJoin(folder, await folder.list(), PASSWORD))).toBe(
      'SYNC_NO_PASSWORD',
    );
    await writePasswordJoin(folder, laptop.id, keys, PASSWORD, LOW);
    expect((await openPasswordJoin(folder, await folder.list(), PASSWORD)).keys).toEqual(keys);
    await removePasswordJoin(folder, laptop.id);
    await removePasswordJoin(folder, laptop.id); // already gone: fine
    expect(await codeOf(openPasswordJoin(folder, await folder.list(), PASSWORD))).toBe(
      'SYNC_NO_PASSWORD',
    );
  });

  it('does not count a password file from before a device was removed (it holds only the old keys)', async () => {
    const desktop = newDeviceIdentity();
    await writePasswordJoin(folder, laptop.id, keys, PASSWORD, LOW);
    const k3 = newSyncKey(3);
    await writeRotation(
      folder,
      desktop,
      keys[1]!,
      k3,
      [laptop, desktop].map((d) => ({ id: d.id, name: d.id, publicKey: d.publicKey })),
      [newDeviceIdentity().id],
    );
    expect(await codeOf(openPasswordJoin(folder, await folder.list(), PASSWORD))).toBe(
      'SYNC_NO_PASSWORD',
    );
    // Set again with the new key, it counts.
    await writePasswordJoin(folder, laptop.id, [...keys, k3], PASSWORD, LOW);
    expect((await openPasswordJoin(folder, await folder.list(), PASSWORD)).keys).toEqual([
      ...keys,
      k3,
    ]);
  });

  it('refuses a password shorter than 12 characters and writes nothing', async () => {
    expect(await codeOf(writePasswordJoin(folder, laptop.id, keys, 'short pass!', LOW))).toBe(
      'PASSWORD_INVALID',
    );
    expect((await folder.list()).devices.size).toBe(0);
    expect(runs).toEqual([]);
  });

  it('opens the file holding the newest keys when devices set different passwords', async () => {
    const desktop = newDeviceIdentity();
    const newer = [...keys, newSyncKey(3)];
    await writePasswordJoin(folder, laptop.id, keys, PASSWORD, LOW);
    await writePasswordJoin(folder, desktop.id, newer, 'another long password', LOW);
    const listing = await folder.list();
    expect(await openPasswordJoin(folder, listing, PASSWORD)).toEqual({ keys });
    expect(await openPasswordJoin(folder, listing, 'another long password')).toEqual({
      keys: newer,
    });
    expect(runs.at(-1)).toEqual({ name: 'scrypt', N: 2 ** 10, r: 8, p: 1 });
  });

  it('does not derive for a file asking for more than the production cost, says when a newer Authdesk wrote it or it is incomplete, nor opens a changed one', async () => {
    await writePasswordJoin(folder, laptop.id, keys, PASSWORD, LOW);
    const name = path.join(dir, syncFileName('password', laptop.id));
    const original = await readFile(name);
    const end = original.indexOf('\n');
    const header = original.subarray(0, end).toString();
    expect(header).toContain('"kind":"password"');
    expect(header).toMatch(/"keyId":"scrypt:10:8:1:[A-Za-z0-9_-]{43}"/);

    for (const costly of ['scrypt:18:8:1:', 'scrypt:17:16:1:', 'scrypt:17:8:4:']) {
      const edited = header.replace('scrypt:10:8:1:', costly);
      await writeFile(name, Buffer.concat([Buffer.from(edited), original.subarray(end)]));
      runs = [];
      expect(await codeOf(openPasswordJoin(folder, await folder.list(), PASSWORD))).toBe(
        'SYNC_PASSWORD_WRONG',
      );
      expect(runs).toEqual([]);
    }
    // Written by a newer Authdesk: says so. Cut short inside its header: not complete yet.
    const newer = header.replace('"version":1', '"version":2');
    await writeFile(name, Buffer.concat([Buffer.from(newer), original.subarray(end)]));
    expect(await codeOf(openPasswordJoin(folder, await folder.list(), PASSWORD))).toBe(
      'SYNC_TOO_NEW',
    );
    await writeFile(name, original.subarray(0, end - 3));
    expect(await codeOf(openPasswordJoin(folder, await folder.list(), PASSWORD))).toBe(
      'SYNC_WAITING',
    );
    // A cheaper derivation than written: derived, and refused (the header is bound into the check).
    const cheaper = header.replace('scrypt:10:8:1:', 'scrypt:10:4:1:');
    await writeFile(name, Buffer.concat([Buffer.from(cheaper), original.subarray(end)]));
    expect(await codeOf(openPasswordJoin(folder, await folder.list(), PASSWORD))).toBe(
      'SYNC_PASSWORD_WRONG',
    );
  });
});
