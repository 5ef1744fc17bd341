// Key rotation through a real folder: after a device is removed, the next key reaches every
// remaining device (also one that was away across several rotations) and not the removed one,
// which learns that it was removed; a rotation sealed under another key, a forged one from the
// removed device and a wrap moved to another device are refused.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyBytes, openSyncFile } from '../../../electron/sync/folder/sealed-file';
import { syncFileName } from '../../../electron/sync/folder/names';
import { SyncFolder } from '../../../electron/sync/folder/sync-folder';
import { unwrapKey } from '../../../electron/sync/keys/key-wrap';
import type { KeyWrap } from '../../../electron/sync/keys/key-wrap';
import {
  newDeviceIdentity,
  newSyncKey,
  readRotations,
  writeRotation,
} from '../../../electron/sync/keys/sync-keys';
import type { DeviceIdentity } from '../../../electron/sync/keys/sync-keys';
import type { DeviceInfo, SyncKey } from '../../../electron/sync/types';
import { isAuthdeskError } from '../../../shared/errors';

let dir: string;
let folder: SyncFolder;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-keys-rotation-'));
  folder = new SyncFolder(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function info(identity: DeviceIdentity, name = identity.id.slice(0, 6)): DeviceInfo {
  return { id: identity.id, name, publicKey: identity.publicKey };
}

const [a, b, c, d, e] = Array.from({ length: 5 }, newDeviceIdentity) as [
  DeviceIdentity,
  DeviceIdentity,
  DeviceIdentity,
  DeviceIdentity,
  DeviceIdentity,
];
const k1 = newSyncKey(1);

async function read(me: DeviceIdentity, keys: SyncKey[]) {
  return readRotations(folder, await folder.list(), me, keys);
}

async function linksOf(device: DeviceIdentity): Promise<Buffer[]> {
  const text = (await readFile(path.join(dir, syncFileName('keys', device.id)))).toString();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => Buffer.from(line, 'base64'));
}

describe('device identity and keys', () => {
  it('are random, of the right sizes, and an identity’s public key is its private key’s', () => {
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(a.id).not.toBe(b.id);
    expect(Buffer.from(a.publicKey, 'base64')).toHaveLength(32);
    expect(Buffer.from(a.privateKey, 'base64')).toHaveLength(32);
    expect(a.privateKey).not.toBe(b.privateKey);
    const key = newSyncKey(7);
    expect(key.epoch).toBe(7);
    expect(key.id).toMatch(/^[0-9a-f]{32}$/);
    expect(keyBytes(key)).toHaveLength(32);
    expect(newSyncKey(7).key).not.toBe(key.key);
  });
});

describe('writeRotation and readRotations', () => {
  it('hands the next key to the remaining devices only; the removed one learns who removed it', async () => {
    const k2 = newSyncKey(2);
    await writeRotation(
      folder,
      a,
      k1,
      k2,
      [a, b, c, d].map((x) => info(x)),
      [c.id],
    );

    expect(await read(b, [k1])).toEqual({ adopted: [k2], removed: [c.id] });
    expect(await read(d, [k1])).toEqual({ adopted: [k2], removed: [c.id] });
    expect(await read(c, [k1])).toEqual({ adopted: [], removed: [], removedBy: a.id });
    // A device already holding the key adopts nothing; the writer reads back whom it removed.
    expect(await read(a, [k1, k2])).toEqual({ adopted: [], removed: [c.id] });
    expect(await read(b, [k1, k2])).toEqual({ adopted: [], removed: [c.id] });
    // A device that joined after the rotation (it holds both keys) is not "left out" by it.
    expect((await read(e, [k1, k2])).removedBy).toBeUndefined();
  });

  it('keeps the new key from the removed device: the file holds no wrap for it, and another’s wrap does not open for it', async () => {
    const k2 = newSyncKey(2);
    await writeRotation(
      folder,
      a,
      k1,
      k2,
      [a, b, c].map((x) => info(x)),
      [c.id],
    );
    const file = (await readFile(path.join(dir, syncFileName('keys', a.id)))).toString('latin1');
    expect(file).not.toContain(k2.key);
    const [link] = await linksOf(a);
    // The removed device holds k1, so it reads the rotation (that is how it learns it was removed)…
    const { body } = openSyncFile(link!, keyBytes(k1), { kind: 'keys', device: a.id }) as {
      body: { ephemeral: string; wraps: Record<string, KeyWrap>; next: SyncKey };
    };
    expect(Object.keys(body.wraps).sort()).toEqual([a.id, b.id].sort());
    const context = { author: a.id, fromEpoch: 1, next: body.next };
    expect(unwrapKey(b, body.ephemeral, body.wraps[b.id]!, context)).toBe(k2.key);
    // …but no wrap opens with its private key: not b's, not b's relabelled as its own.
    expect(unwrapKey(c, body.ephemeral, body.wraps[b.id]!, context)).toBeNull();
    expect(unwrapKey({ ...c, id: b.id }, body.ephemeral, body.wraps[b.id]!, context)).toBeNull();
    // And b's own wrap does not open as part of another rotation.
    expect(
      unwrapKey(b, body.ephemeral, body.wraps[b.id]!, { ...context, fromEpoch: 0 }),
    ).toBeNull();
  });

  it('brings a device that was away across two rotations by the same device up to the newest key', async () => {
    const k2 = newSyncKey(2);
    const k3 = newSyncKey(3);
    await writeRotation(
      folder,
      a,
      k1,
      k2,
      [a, b, c, d].map((x) => info(x)),
      [c.id],
    );
    await writeRotation(
      folder,
      a,
      k2,
      k3,
      [a, b, d].map((x) => info(x)),
      [d.id],
    );
    expect(await linksOf(a)).toHaveLength(2);

    expect(await read(b, [k1])).toEqual({ adopted: [k2, k3], removed: [c.id, d.id].sort() });
    // d got k2 but was removed at 3; c was removed at 2.
    expect(await read(d, [k1])).toEqual({ adopted: [k2], removed: [c.id], removedBy: a.id });
    expect(await read(c, [k1])).toEqual({ adopted: [], removed: [], removedBy: a.id });
  });

  it('follows rotations made by different devices one after the other', async () => {
    const k2 = newSyncKey(2);
    const k3 = newSyncKey(3);
    await writeRotation(
      folder,
      a,
      k1,
      k2,
      [a, b, c, e].map((x) => info(x)),
      [c.id],
    );
    await writeRotation(
      folder,
      b,
      k2,
      k3,
      [a, b, e].map((x) => info(x)),
      [d.id],
    );
    expect(await read(e, [k1])).toEqual({ adopted: [k2, k3], removed: [c.id, d.id].sort() });
    expect(await read(a, [k1, k2])).toEqual({ adopted: [k3], removed: [c.id, d.id].sort() });
  });

  it('refuses a rotation sealed under a key other than the one it names, and one under a key not held', async () => {
    const k2 = newSyncKey(2);
    const other = newSyncKey(1);
    // Sealed under `other` (a sync this device is not part of): not opened at all.
    await writeRotation(
      folder,
      a,
      other,
      k2,
      [a, b].map((x) => info(x)),
      [],
    );
    expect(await read(b, [k1])).toEqual({ adopted: [], removed: [] });

    // Sealed under `other` but naming k1 in its header: fails its check, refused.
    const [link] = await linksOf(a);
    const text = link!.toString('latin1').replace(other.id, k1.id);
    await writeFile(
      path.join(dir, syncFileName('keys', a.id)),
      `${Buffer.from(text, 'latin1').toString('base64')}\n`,
    );
    expect(await read(b, [k1])).toEqual({ adopted: [], removed: [] });
  });

  it('does not follow a counter-rotation written by the removed device with the old key', async () => {
    const k2 = newSyncKey(2);
    await writeRotation(
      folder,
      a,
      k1,
      k2,
      [a, b, c].map((x) => info(x)),
      [c.id],
    );
    // c, still holding k1, writes a key of its own for b (not removing anyone).
    const forged = newSyncKey(2);
    await writeRotation(
      folder,
      c,
      k1,
      forged,
      [a, b, c].map((x) => info(x)),
      [],
    );
    expect(await read(b, [k1])).toEqual({ adopted: [k2], removed: [c.id] });
  });

  it('when two devices remove each other, follows neither, counts both as removed and asks for another rotation', async () => {
    await writeRotation(
      folder,
      a,
      k1,
      newSyncKey(2),
      [a, b, c].map((x) => info(x)),
      [c.id],
    );
    await writeRotation(
      folder,
      c,
      k1,
      newSyncKey(2),
      [a, b, c].map((x) => info(x)),
      [a.id],
    );
    expect(await read(b, [k1])).toEqual({
      adopted: [],
      removed: [a.id, c.id].sort(),
      rotateAgain: true,
    });
  });

  it('asks for another rotation when two devices rotated at once and a key went to a removed device', async () => {
    // a removes c while b removes d, both from k1: each new key went to the device the other removed.
    const ka = newSyncKey(2);
    const kb = newSyncKey(2);
    await writeRotation(
      folder,
      a,
      k1,
      ka,
      [a, b, c, d, e].map((x) => info(x)),
      [c.id],
    );
    await writeRotation(
      folder,
      b,
      k1,
      kb,
      [a, b, c, d, e].map((x) => info(x)),
      [d.id],
    );
    const sorted = [ka, kb].sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(await read(e, [k1])).toEqual({
      adopted: sorted,
      removed: [c.id, d.id].sort(),
      rotateAgain: true,
    });
    expect(await read(a, [k1, ka])).toEqual({
      adopted: [kb],
      removed: [c.id, d.id].sort(),
      rotateAgain: true,
    });
    // Once they rotate again to the members only, nothing more is asked.
    const k3 = newSyncKey(3);
    await writeRotation(
      folder,
      a,
      sorted[1]!,
      k3,
      [a, b, e].map((x) => info(x)),
      [c.id, d.id],
    );
    const again = await read(e, [k1, ...sorted]);
    expect(again.adopted).toEqual([k3]);
    expect(again.rotateAgain).toBeUndefined();
  });

  it('reads what it can of a keys file cut short, and refuses a next key that is not later', async () => {
    const k2 = newSyncKey(2);
    const k3 = newSyncKey(3);
    await writeRotation(
      folder,
      a,
      k1,
      k2,
      [a, b].map((x) => info(x)),
      [c.id],
    );
    await writeRotation(
      folder,
      a,
      k2,
      k3,
      [a, b].map((x) => info(x)),
      [d.id],
    );
    const name = path.join(dir, syncFileName('keys', a.id));
    const whole = await readFile(name);
    await writeFile(name, whole.subarray(0, whole.length - 40));
    expect(await read(b, [k1])).toEqual({ adopted: [k2], removed: [c.id] });

    let error: unknown;
    try {
      await writeRotation(folder, a, k2, newSyncKey(2), [info(b)], []);
    } catch (caught) {
      error = caught;
    }
    expect(isAuthdeskError(error) && error.code).toBe('INVALID_ARGUMENT');
  });
});
