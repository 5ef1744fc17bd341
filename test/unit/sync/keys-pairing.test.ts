// Pairing through a real folder: the first device's offer opens with the code it shows (typed in
// any form, or read from its QR code) until it expires, and with nothing else: a wrong code,
// another folder's code, a withdrawn offer, an empty folder and a tampered offer are all refused
// with their own error.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeQrFromRgba } from '../../../electron/qr/decode';
import { syncFileName } from '../../../electron/sync/folder/names';
import { SyncFolder } from '../../../electron/sync/folder/sync-folder';
import { newPairingCode } from '../../../electron/sync/keys/pairing';
import {
  newDeviceIdentity,
  newSyncKey,
  offerPairing,
  openPairing,
  pairingQrSvg,
  withdrawPairing,
  writeRotation,
} from '../../../electron/sync/keys/sync-keys';
import type { DeviceInfo } from '../../../electron/sync/types';
import { renderQrRgba } from '../../../electron/transfer/device-export';
import { watchKdfRuns } from '../../../electron/vault/kdf';
import { isAuthdeskError } from '../../../shared/errors';
import { normalisePairingCode, PAIRING_CODE_TTL_MS } from '../../../shared/sync';

const NOW = Date.parse('2026-12-02T12:00:00.000Z');
const dirs: string[] = [];

async function newFolder(): Promise<SyncFolder> {
  const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-keys-pairing-'));
  dirs.push(dir);
  return new SyncFolder(dir);
}

function device(name: string): DeviceInfo {
  const { id, publicKey } = newDeviceIdentity();
  return { id, name, publicKey };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAuthdeskError(error)) return error.code;
    throw error;
  }
  throw new Error('expected an AuthdeskError');
}

let folder: SyncFolder;
const laptop = device('Laptop');
const keys = [newSyncKey(1), newSyncKey(2)];
let runs: number;
let stopWatching: () => void;

beforeEach(async () => {
  folder = await newFolder();
  runs = 0;
  stopWatching = watchKdfRuns(() => {
    runs += 1;
  });
});
afterEach(async () => {
  stopWatching();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('pairing codes', () => {
  it('are 20 Crockford base32 characters that differ every time', () => {
    const codes = new Set(Array.from({ length: 200 }, newPairingCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(normalisePairingCode(code)).toBe(code);
    // The last character varies as much as the others: the random bits reach the end of the code.
    const last = new Set([...codes].map((code) => code[19]));
    expect(last.size).toBeGreaterThan(16);
  });
});

describe('offerPairing and openPairing', () => {
  it('hands the keys to a device that types the code, shown in groups of four, before it expires', async () => {
    const { code, expiresAt } = await offerPairing(folder, laptop, keys, NOW);
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(Date.parse(expiresAt)).toBe(NOW + PAIRING_CODE_TTL_MS);

    const file = await readFile(path.join(folder.path, syncFileName('pairing', laptop.id)));
    // The folder shows whose offer it is and how it is derived, never the keys or the code.
    expect(file.toString('latin1')).not.toContain(keys[0]!.key);
    expect(file.toString('latin1')).not.toContain(code.replace(/-/g, ''));
    expect(file.subarray(0, file.indexOf('\n')).toString()).toContain('"keyId":"scrypt:14:8:1:');

    const listing = await folder.list();
    const joined = await openPairing(folder, listing, code, NOW + PAIRING_CODE_TTL_MS - 1);
    expect(joined).toEqual({ keys, offeredBy: laptop.id });
    // Typed in lower case, without dashes, with Crockford's look-alikes, or as the QR code's text.
    const plain = code.replace(/-/g, '');
    for (const typed of [
      plain.toLowerCase(),
      ` ${code.slice(0, 9)} ${code.slice(9)} `,
      `authdesk-pair:${plain}`,
      plain.replace(/1/g, 'l').replace(/0/g, 'o'),
    ]) {
      expect(await openPairing(folder, listing, typed, NOW)).toEqual(joined);
    }
  });

  it('refuses a wrong code, and a code that is not one, without opening anything', async () => {
    const { code } = await offerPairing(folder, laptop, keys, NOW);
    const listing = await folder.list();
    const other = newPairingCode();
    expect(other).not.toBe(code.replace(/-/g, ''));
    runs = 0;
    expect(await codeOf(openPairing(folder, listing, other, NOW))).toBe('SYNC_PAIRING_WRONG');
    expect(runs).toBe(1);
    // One character off.
    const plain = code.replace(/-/g, '');
    const typo = `${plain.slice(0, 19)}${plain[19] === 'A' ? 'B' : 'A'}`;
    expect(await codeOf(openPairing(folder, listing, typo, NOW))).toBe('SYNC_PAIRING_WRONG');
    runs = 0;
    expect(await codeOf(openPairing(folder, listing, 'HELLO', NOW))).toBe('SYNC_PAIRING_WRONG');
    expect(await codeOf(openPairing(folder, listing, `${plain}U`, NOW))).toBe('SYNC_PAIRING_WRONG');
    expect(runs).toBe(0);
  });

  it('refuses the right code once it expired, with its own error', async () => {
    const { code } = await offerPairing(folder, laptop, keys, NOW);
    const listing = await folder.list();
    const late = NOW + PAIRING_CODE_TTL_MS + 1;
    expect(await codeOf(openPairing(folder, listing, code, late))).toBe('SYNC_PAIRING_EXPIRED');
  });

  it('says there is nothing to join in an empty folder, and refuses another folder’s code', async () => {
    expect(await codeOf(openPairing(folder, await folder.list(), newPairingCode(), NOW))).toBe(
      'SYNC_NOTHING_TO_JOIN',
    );
    const elsewhere = await newFolder();
    const { code } = await offerPairing(elsewhere, laptop, keys, NOW);
    const desktop = device('Desktop');
    await offerPairing(folder, desktop, [newSyncKey(1)], NOW);
    expect(await codeOf(openPairing(folder, await folder.list(), code, NOW))).toBe(
      'SYNC_PAIRING_WRONG',
    );
  });

  it('refuses an offer holding only keys from before a device was removed', async () => {
    const desktop = newDeviceIdentity();
    const { code } = await offerPairing(folder, laptop, keys, NOW);
    await writeRotation(folder, desktop, keys[1]!, newSyncKey(3), [laptop], [desktop.id]);
    expect(await codeOf(openPairing(folder, await folder.list(), code, NOW))).toBe(
      'SYNC_PAIRING_EXPIRED',
    );
  });

  it('finds the right offer among several devices', async () => {
    const desktop = device('Desktop');
    const desktopKeys = [newSyncKey(1)];
    const { code: laptopCode } = await offerPairing(folder, laptop, keys, NOW);
    const { code: desktopCode } = await offerPairing(folder, desktop, desktopKeys, NOW);
    const listing = await folder.list();
    expect(await openPairing(folder, listing, laptopCode, NOW)).toEqual({
      keys,
      offeredBy: laptop.id,
    });
    expect(await openPairing(folder, listing, desktopCode, NOW)).toEqual({
      keys: desktopKeys,
      offeredBy: desktop.id,
    });
  });

  it('a new offer replaces the older one, and a withdrawn offer no longer opens', async () => {
    const first = await offerPairing(folder, laptop, keys, NOW);
    const second = await offerPairing(folder, laptop, keys, NOW);
    expect(second.code).not.toBe(first.code);
    let listing = await folder.list();
    expect(await codeOf(openPairing(folder, listing, first.code, NOW))).toBe('SYNC_PAIRING_WRONG');
    expect((await openPairing(folder, listing, second.code, NOW)).keys).toEqual(keys);

    await withdrawPairing(folder, laptop.id);
    await withdrawPairing(folder, laptop.id); // already gone: fine
    listing = await folder.list();
    expect(listing.devices.get(laptop.id)?.pairing).toBeUndefined();
    // A device of the sync still writes there (its snapshot), but offers nothing now.
    await writeFile(path.join(folder.path, syncFileName('snapshot', laptop.id)), 'sealed');
    listing = await folder.list();
    expect(await codeOf(openPairing(folder, listing, second.code, NOW))).toBe('SYNC_PAIRING_WRONG');
  });

  it('refuses a changed offer, one asking for a costly derivation (before deriving) and one a newer Authdesk wrote (saying so)', async () => {
    const { code } = await offerPairing(folder, laptop, keys, NOW);
    const name = path.join(folder.path, syncFileName('pairing', laptop.id));
    const original = await readFile(name);
    const end = original.indexOf('\n');

    // One byte of the sealed body flipped.
    const flipped = Buffer.from(original);
    flipped[flipped.length - 20]! ^= 1;
    await writeFile(name, flipped);
    expect(await codeOf(openPairing(folder, await folder.list(), code, NOW))).toBe(
      'SYNC_PAIRING_WRONG',
    );

    // The expiry is inside the sealed body: a header edited to another derivation no longer opens,
    // and one asking for N=2^20 is not even derived.
    const header = original.subarray(0, end).toString();
    const costly = header.replace(/"keyId":"scrypt:14:/, '"keyId":"scrypt:20:');
    await writeFile(name, Buffer.concat([Buffer.from(costly), original.subarray(end)]));
    runs = 0;
    expect(await codeOf(openPairing(folder, await folder.list(), code, NOW))).toBe(
      'SYNC_PAIRING_WRONG',
    );
    expect(runs).toBe(0);

    // Written by a newer Authdesk: says so rather than "wrong code".
    const newer = header.replace('"version":1', '"version":2');
    await writeFile(name, Buffer.concat([Buffer.from(newer), original.subarray(end)]));
    expect(await codeOf(openPairing(folder, await folder.list(), code, NOW))).toBe('SYNC_TOO_NEW');

    // Cut short, as while the sync service still copies it.
    await writeFile(name, original.subarray(0, end - 5));
    expect(await codeOf(openPairing(folder, await folder.list(), code, NOW))).toBe(
      'SYNC_PAIRING_WRONG',
    );
    await writeFile(name, original);
    expect((await openPairing(folder, await folder.list(), code, NOW)).keys).toEqual(keys);
  });
});

/** The dark modules of qrcode's SVG (`M x y.5 h n m dx dy h n …` along each row), as a QrMatrix. */
function svgToMatrix(svg: string): { size: number; modules: string } {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const grid = Array.from({ length: size }, () => Array<string>(size).fill('0'));
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)![1]!;
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of d.matchAll(/([MmhH])([\d.]+)(?: ([\d.]+))?/g)) {
    if (op === 'M') [x, y] = [Number(a), Number(b) - 0.5];
    else if (op === 'm') [x, y] = [x + Number(a), y + Number(b)];
    else for (let i = 0; i < Number(a); i++) grid[y]![x++] = '1';
  }
  return { size, modules: grid.map((row) => row.join('')).join('') };
}

describe('pairingQrSvg', () => {
  it('is an SVG document that our QR decoder reads back as authdesk-pair:<code>', async () => {
    const { code } = await offerPairing(folder, laptop, keys, NOW);
    const svg = await pairingQrSvg(code);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
    const [text] = await decodeQrFromRgba(renderQrRgba(svgToMatrix(svg), 4));
    expect(text).toBe(`authdesk-pair:${code.replace(/-/g, '')}`);
    // What a phone's camera reads is a code openPairing takes.
    expect((await openPairing(folder, await folder.list(), text!, NOW)).keys).toEqual(keys);
  });

  it('refuses text that is not a pairing code', async () => {
    expect(await codeOf(pairingQrSvg('not a code'))).toBe('INVALID_ARGUMENT');
  });
});
