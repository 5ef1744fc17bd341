// The vault's icon store (electron/vault/icon-store.ts) on real vault files: a picture is kept once
// inside the encrypted payload however many accounts use it, dropped when no account does, bounded;
// the window sees only hashes; patches name only kept pictures; imports and restores bring theirs;
// a vault without pictures is written as before, and an odd `icons` field never stops a vault opening.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iconPictureFrom } from '../../electron/icons/icon-picture';
import { iconHash } from '../../electron/icons/icon-png';
import { ENVELOPE_VERSION, openPayload, sealPayload } from '../../electron/vault/envelope';
import { keepUsedIcons, type IconHolder } from '../../electron/vault/icon-store';
import { Vault, masterKeyForTests } from '../../electron/vault/vault';
import { readEnvelope, writeEnvelope } from '../../electron/vault/vault-file';
import { toMeta } from '../../shared/account';
import { ICON_LIMITS } from '../../shared/account-icon';
import { AuthdeskError, type ErrorCode } from '../../shared/errors';
import { halves, picture, pngFile, RED } from '../harness/icon-images';
import {
  FAST_KDF,
  PASSWORD,
  openUnlocked,
  removeTempDir,
  sampleInput,
  tempVaultFile,
} from '../harness/vault-fixtures';

const CONTEXT = { format: 'authdesk-vault', version: ENVELOPE_VERSION } as const;

let dir: string;
let file: string;
let vault: Vault;
let red: Buffer;
let blue: Buffer;

/** The decrypted payload as the file holds it now. */
async function payloadOnDisk(): Promise<Record<string, unknown>> {
  const envelope = await readEnvelope(file, 'authdesk-vault');
  const plain = openPayload(envelope.payload, vault[masterKeyForTests]()!, CONTEXT);
  return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
}

/** Writes `payload` as the next revision of the file, sealed under the vault's key (another writer). */
async function writePayload(payload: Record<string, unknown>): Promise<void> {
  const envelope = await readEnvelope(file, 'authdesk-vault');
  const key = vault[masterKeyForTests]()!;
  const sealed = sealPayload(Buffer.from(JSON.stringify(payload)), key, CONTEXT);
  await writeEnvelope(file, { ...envelope, payload: sealed });
}

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode> {
  const error = await promise.then(
    () => expect.fail('expected an AuthdeskError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthdeskError);
  return (error as AuthdeskError).code;
}

beforeEach(async () => {
  ({ dir, file } = await tempVaultFile());
  vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
  red = await iconPictureFrom(pngFile(picture(40, 40, () => RED)));
  blue = await iconPictureFrom(pngFile(halves(64, 32)));
});
afterEach(async () => {
  vault.lock();
  await removeTempDir(dir);
});

describe('the icon store', () => {
  it('keeps a picture inside the encrypted payload, names it by its SHA-256, and gives the window only the hash', async () => {
    const account = await vault.add(sampleInput(1));
    const updated = await vault.setIconPicture(account.id, red);
    const hash = iconHash(red);
    expect(updated.icon).toEqual({ kind: 'image', hash });
    expect(toMeta(updated).icon).toEqual({ kind: 'image', hash });
    expect(JSON.stringify(vault.list().map(toMeta))).not.toContain(red.toString('base64'));
    expect(vault.iconImages([hash, 'f'.repeat(64)])).toEqual({
      [hash]: `data:image/png;base64,${red.toString('base64')}`,
    });
    expect((await payloadOnDisk()).icons).toEqual({ [hash]: red.toString('base64') });
    // Encrypted: the picture's bytes are nowhere in the file as written.
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(red.toString('base64').slice(0, 40));
    // Another process (the next start) reads it back.
    const again = await openUnlocked(file);
    expect(again.iconImages([hash])[hash]).toBe(`data:image/png;base64,${red.toString('base64')}`);
    again.lock();
  });

  it('keeps a picture several accounts use once, and drops it when the last one stops using it', async () => {
    const a = await vault.add(sampleInput(1));
    const b = await vault.add(sampleInput(2));
    await vault.setIconPicture(a.id, red);
    await vault.setIconPicture(b.id, red);
    expect(Object.keys((await payloadOnDisk()).icons as object)).toEqual([iconHash(red)]);
    await vault.setIconPicture(a.id, blue);
    expect(Object.keys(vault.contents().icons).sort()).toEqual(
      [iconHash(red), iconHash(blue)].sort(),
    );
    await vault.update(b.id, { icon: { kind: 'brand', slug: 'github' } });
    expect(Object.keys(vault.contents().icons)).toEqual([iconHash(blue)]);
    await vault.remove(a.id);
    // No picture left: the payload has no `icons` field, as a vault from before icons.
    expect(await payloadOnDisk()).not.toHaveProperty('icons');
    expect(vault.contents().icons).toEqual({});
  });

  it('takes brand, letter and automatic (null) icons in a patch, and a picture only when the vault keeps it', async () => {
    const a = await vault.add(sampleInput(1));
    expect((await vault.update(a.id, { icon: { kind: 'letter' } })).icon).toEqual({
      kind: 'letter',
    });
    expect((await vault.update(a.id, { icon: { kind: 'brand', slug: 'aws' } })).icon).toEqual({
      kind: 'brand',
      slug: 'aws',
    });
    expect(await vault.update(a.id, { icon: null })).not.toHaveProperty('icon');
    const unknown = { kind: 'image', hash: iconHash(red) } as const;
    expect(await codeOf(vault.update(a.id, { icon: unknown }))).toBe('ACCOUNT_INVALID');
    const b = await vault.add(sampleInput(2));
    await vault.setIconPicture(b.id, red);
    expect((await vault.update(a.id, { icon: unknown })).icon).toEqual(unknown);
  });

  it('refuses what is not a picture the store may hold (ICON_UNREADABLE), and changes nothing', async () => {
    const a = await vault.add(sampleInput(1));
    const revision = vault.revision;
    const tooBig = pngFile(picture(129, 10, () => RED));
    for (const png of [tooBig, Buffer.from('not a png'), new Uint8Array(0)]) {
      expect(await codeOf(vault.setIconPicture(a.id, png))).toBe('ICON_UNREADABLE');
    }
    expect(vault.revision).toBe(revision);
    expect(vault.get(a.id)).not.toHaveProperty('icon');
  });

  it('adds an import with the pictures its accounts name; one whose picture is missing or unfit comes without its icon', async () => {
    const withRed = { ...sampleInput(1), icon: { kind: 'image', hash: iconHash(red) } } as const;
    const missing = { ...sampleInput(2), icon: { kind: 'image', hash: 'a'.repeat(64) } } as const;
    const lying = { ...sampleInput(3), icon: { kind: 'image', hash: 'b'.repeat(64) } } as const;
    const brand = { ...sampleInput(4), icon: { kind: 'brand', slug: 'github' } } as const;
    const pictures = new Map<string, Uint8Array>([
      [iconHash(red), red],
      // Offered under a name that is not its hash: kept under its real hash, which nobody names.
      ['b'.repeat(64), blue],
      ['c'.repeat(64), Buffer.from('not a png')],
    ]);
    const { added } = await vault.addMany([withRed, missing, lying, brand], { pictures });
    expect(added.map((a) => a.icon)).toEqual([withRed.icon, undefined, undefined, brand.icon]);
    expect(Object.keys((await payloadOnDisk()).icons as object)).toEqual([iconHash(red)]);
  });

  it('restores (replace) with the backup’s pictures', async () => {
    await vault.add(sampleInput(9));
    const input = { ...sampleInput(1), icon: { kind: 'image', hash: iconHash(blue) } } as const;
    const { added } = await vault.replaceAll([input], [], new Map([[iconHash(blue), blue]]));
    expect(added[0]!.icon).toEqual(input.icon);
    expect(Object.keys(vault.contents().icons)).toEqual([iconHash(blue)]);
  });
});

describe('vaults from before icons, and from other versions', () => {
  it('reads a vault whose payload has no `icons` field, and writes none while there is no picture', async () => {
    await vault.add(sampleInput(1));
    expect(await payloadOnDisk()).not.toHaveProperty('icons');
    const again = await openUnlocked(file);
    expect(again.list()).toHaveLength(1);
    expect(again.contents().icons).toEqual({});
    again.lock();
  });

  it('opens a vault whose `icons` field is odd, keeping only well-formed entries, and keeps a future icon kind through edits', async () => {
    const a = await vault.add(sampleInput(1));
    await vault.setIconPicture(a.id, red);
    const payload = await payloadOnDisk();
    const accounts = payload.accounts as Record<string, unknown>[];
    const b = await vault.add(sampleInput(2));
    accounts.push({ ...vault.get(b.id), icon: { kind: 'emoji', text: '🔑' } });
    await writePayload({
      ...payload,
      accounts,
      revision: (payload.revision as number) + 5,
      icons: { ...(payload.icons as object), 'not-a-hash': 'x', ['d'.repeat(64)]: 42 },
      stickers: ['a newer Authdesk’s field'],
    });
    const again = await openUnlocked(file);
    expect(again.contents().icons).toEqual({ [iconHash(red)]: red.toString('base64') });
    // An icon of a kind this version does not know does not stop edits and is kept through them
    // (the window shows the automatic match for it); setting an icon replaces it.
    const emoji = { kind: 'emoji', text: '🔑' };
    expect((await again.update(b.id, { note: 'edited' })).icon).toEqual(emoji);
    expect(await again.update(b.id, { icon: null })).not.toHaveProperty('icon');
    // A field this version does not know survives its writes (as `icons` does in older versions).
    vault.lock();
    vault = again;
    expect(await payloadOnDisk()).toHaveProperty('stickers', ['a newer Authdesk’s field']);
  });
});

describe('limits', () => {
  const holder = (pngs: string[], used = pngs.length): IconHolder => ({
    accounts: pngs.slice(0, used).map((_, i) => ({ icon: { kind: 'image', hash: hashOf(i) } })),
    icons: Object.fromEntries(pngs.map((png, i) => [hashOf(i), png])),
  });
  const hashOf = (i: number) => i.toString(16).padStart(64, '0');

  it('refuses a change that grows the store past its count or its bytes (ICON_TOO_LARGE)', () => {
    const tiny = Buffer.alloc(40).toString('base64');
    const many = holder(Array.from({ length: ICON_LIMITS.maxStored + 1 }, () => tiny));
    expect(() => keepUsedIcons(many, { accounts: [] })).toThrow(
      expect.objectContaining({ code: 'ICON_TOO_LARGE' }),
    );
    const big = randomBytes(ICON_LIMITS.maxStoredBytes).toString('base64');
    const heavy = holder(Array.from({ length: 129 }, () => big));
    expect(() => keepUsedIcons(heavy, { accounts: [] })).toThrow(
      expect.objectContaining({ code: 'ICON_TOO_LARGE' }),
    );
    // Exactly at the limits is fine.
    expect(() =>
      keepUsedIcons(holder(Array.from({ length: 128 }, () => big)), { accounts: [] }),
    ).not.toThrow();
  });

  it('never refuses a change that does not grow a store already past them, and drops unused pictures first', () => {
    const big = randomBytes(ICON_LIMITS.maxStoredBytes).toString('base64');
    const before = holder(Array.from({ length: 200 }, () => big));
    const after = holder(
      Array.from({ length: 200 }, () => big),
      150,
    );
    expect(() => keepUsedIcons(after, before)).not.toThrow();
    expect(Object.keys(after.icons!)).toHaveLength(150);
  });
});
