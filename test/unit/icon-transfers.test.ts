// Account icons through the IPC handler table main registers, on a real vault and real files: a
// picture set from bytes or main's dialog, the pictures the window fetches by hash, Aegis exports'
// icons imported (plain and encrypted; a broken one costs only the icon), Aegis exports writing them
// back as Aegis does, and backups carrying them through a restore.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeServices, type Services } from '../../electron/composition';
import { iconPictureFrom } from '../../electron/icons/icon-picture';
import { iconHash } from '../../electron/icons/icon-png';
import { dispatch } from '../../electron/ipc/dispatch';
import { aegisIconHash } from '../../electron/transfer/aegis-icons';
import type { AccountInput, AccountMeta } from '../../shared/account';
import type { ErrorCode } from '../../shared/errors';
import type { ImportPreview } from '../../shared/import';
import {
  IMPORT_FILE_MAX_BYTES,
  type Method,
  type MethodArgs,
  type MethodResults,
} from '../../shared/ipc';
import { ICON_LIMITS } from '../../shared/account-icon';
import { TestDialogs, TestImageSources } from '../harness/browser/ports';
import {
  BLUE,
  halves,
  jpegFile,
  picture,
  pixel,
  pixelsOf,
  pngFile,
  RED,
  squareSvg,
} from '../harness/icon-images';
import {
  aegisEncryptedFile,
  aegisEntry,
  aegisPlainFile,
  SAMPLE_PASSWORD,
} from '../harness/import-samples';
import { testPorts } from '../harness/test-ports';
import { REPO, sampleInput, TINY_KDF } from '../harness/vault-fixtures';

const PASSWORD = 'vault password';

const account = (n: number, extra: Partial<AccountInput> = {}): AccountInput =>
  sampleInput(n, { issuer: `Service ${n}`, label: `user${n}@example.com`, ...extra });

let dir: string;
let dialogs: TestDialogs;
let images: TestImageSources;
let services: Services;

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

async function freshVault(name: string): Promise<void> {
  services?.vault.lock();
  dialogs = new TestDialogs();
  images = new TestImageSources();
  services = composeServices(
    testPorts({ vaultPath: path.join(dir, name), dialogs, images, kdf: TINY_KDF }),
  );
  await ok('createVault', { password: PASSWORD });
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const dataUrl = (png: Uint8Array) => `data:image/png;base64,${base64(png)}`;

/** An Aegis entry for `input` carrying `icon` (base64 bytes) as `mime`. */
function withIcon(input: AccountInput, icon: string | null, mime: string | null) {
  return { ...aegisEntry(input), icon, icon_mime: mime };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-icons-'));
  await freshVault('vault.json');
});
afterEach(async () => {
  services.vault.lock();
  await rm(dir, { recursive: true, force: true });
});

describe('a picture for an account', () => {
  it('sets a picture from the window’s bytes; the window gets only its hash, then the picture by hash', async () => {
    const [added] = [await ok('addAccount', { account: account(1) })];
    const file = pngFile(halves(300, 150));
    const updated = await ok('setAccountIconImage', {
      id: added.id,
      name: 'logo.png',
      base64: base64(file),
    });
    const expected = await iconPictureFrom(file);
    expect(updated.icon).toEqual({ kind: 'image', hash: iconHash(expected) });
    expect(JSON.stringify(await ok('listAccounts'))).not.toContain(base64(expected));
    const shown = await ok('getIconImages', { hashes: [iconHash(expected), 'e'.repeat(64)] });
    expect(shown).toEqual({ [iconHash(expected)]: dataUrl(expected) });
  });

  it('refuses what is not a usable picture with its code, and changes nothing', async () => {
    const added = await ok('addAccount', { account: account(1) });
    const bad = (bytes: Uint8Array) =>
      fails('setAccountIconImage', { id: added.id, name: 'x', base64: base64(bytes) });
    expect(await bad(Buffer.from('<svg><!ENTITY x "y"></svg>'))).toBe('ICON_UNREADABLE');
    expect(await bad(Buffer.from('plain text'))).toBe('ICON_UNREADABLE');
    expect(await fails('setAccountIconImage', { id: 'nope', name: 'x', base64: 'AAAA' })).toBe(
      'ACCOUNT_NOT_FOUND',
    );
    expect((await ok('listAccounts'))[0]).not.toHaveProperty('icon');
  });

  it('picks a picture in main’s dialog; a closed dialog changes nothing', async () => {
    const added = await ok('addAccount', { account: account(1) });
    expect(await ok('pickAccountIcon', { id: added.id })).toBeNull();
    const file = path.join(dir, 'logo.svg');
    await writeFile(file, squareSvg('#1428c8'));
    images.pickedIcon = file;
    const updated = (await ok('pickAccountIcon', { id: added.id }))!;
    const hash = updated.icon?.kind === 'image' ? updated.icon.hash : '';
    const png = Buffer.from(
      (await ok('getIconImages', { hashes: [hash] }))[hash]!.split(',')[1]!,
      'base64',
    );
    expect(pixel(pixelsOf(png), 64, 64)).toEqual([20, 40, 200, 255]);
    images.pickedIcon = path.join(dir, 'missing.png');
    expect(await fails('pickAccountIcon', { id: added.id })).toBe('IO_ERROR');
  });
});

describe('Aegis exports’ icons', () => {
  let png: Uint8Array;
  let jpeg: Uint8Array;
  let svg: string;
  let entries: Record<string, unknown>[];

  beforeEach(() => {
    png = pngFile(halves(200, 100));
    jpeg = jpegFile(picture(64, 64, () => BLUE));
    svg = squareSvg('#dc141e');
    const damaged = pngFile(halves(64, 64)).slice(0, 60);
    entries = [
      withIcon(account(1), base64(png), 'image/png'),
      withIcon(account(2), base64(jpeg), 'image/jpeg'),
      withIcon(account(3), Buffer.from(svg).toString('base64'), 'image/svg+xml'),
      // The same picture as the first: kept once.
      withIcon(account(4), base64(png), 'image/png'),
      withIcon(account(5), base64(damaged), 'image/png'),
      withIcon(account(6), 'not base64!', 'image/png'),
      withIcon(account(7), null, null),
    ];
  });

  async function checkPreview(preview: ImportPreview): Promise<string[]> {
    expect(preview.items.map((item) => item.issuer)).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => `Service ${n}`),
    );
    const hashes = preview.items.map((item) => (item.icon?.kind === 'image' ? item.icon.hash : ''));
    expect(hashes.slice(4)).toEqual(['', '', '']);
    expect(hashes[0]).toBe(iconHash(await iconPictureFrom(png)));
    expect(hashes[3]).toBe(hashes[0]);
    expect(new Set(hashes.slice(0, 3)).size).toBe(3);
    // A broken icon is a problem of its own; its account is still there.
    const iconProblems = preview.problems.filter((p) => p.iconOnly);
    expect(iconProblems.map((p) => [p.code, p.detail]).sort()).toEqual([
      ['ICON_UNREADABLE', 'entry 5: Service 5 (user5@example.com)'],
      ['ICON_UNREADABLE', 'entry 6: Service 6 (user6@example.com)'],
    ]);
    expect(preview.problems).toHaveLength(2);
    // The preview shows the file's pictures before anything is added.
    const shown = await ok('getIconImages', { hashes: hashes.slice(0, 3) });
    expect(Object.keys(shown).sort()).toEqual(hashes.slice(0, 3).sort());
    const jpegIcon = pixelsOf(Buffer.from(shown[hashes[1]!]!.split(',')[1]!, 'base64'));
    expect(pixel(jpegIcon, 32, 32).map((v, i) => Math.abs(v - BLUE[i]!) <= 8)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    return hashes;
  }

  it('imports a plain export’s icons (PNG, JPEG, SVG), keeps a shared one once, and names the broken ones', async () => {
    const file = aegisPlainFile({ version: 3, entries, groups: [] });
    const result = await ok('importFileBytes', { name: 'aegis.json', base64: base64(file) });
    if (result.status !== 'preview') throw new Error('expected a preview');
    const hashes = await checkPreview(result.preview);
    const added = await ok('commitImport', {
      id: result.preview.id,
      keys: result.preview.items.map((item) => item.key),
    });
    expect(added.map((a) => (a.icon?.kind === 'image' ? a.icon.hash : ''))).toEqual(hashes);
    expect(Object.keys(services.vault.contents().icons).sort()).toEqual(
      [...new Set(hashes.filter(Boolean))].sort(),
    );
  });

  it('imports an encrypted export’s icons after its password', async () => {
    const file = aegisEncryptedFile({ version: 3, entries, groups: [] });
    const opened = await ok('importFileBytes', { name: 'aegis.json', base64: base64(file) });
    if (opened.status !== 'password') throw new Error('expected a password');
    const preview = await ok('unlockImportFile', {
      fileId: opened.fileId,
      password: SAMPLE_PASSWORD,
    });
    await checkPreview(preview);
  });

  it('writes pictures back as Aegis does (PNG, its hash of MIME type and bytes), and they come back the same', async () => {
    const a = await ok('addAccount', { account: account(1) });
    const b = await ok('addAccount', { account: account(2) });
    await ok('addAccount', { account: account(3) });
    const chosen = await ok('addAccount', { account: account(4) });
    await ok('updateAccount', {
      id: chosen.id,
      patch: { icon: { kind: 'brand', slug: 'gitlab' } },
    });
    await ok('addAccount', { account: account(5, { issuer: 'GitHub' }) });
    await ok('addAccount', { account: account(6, { issuer: 'Amazon Web Services' }) });
    const withPicture = await ok('setAccountIconImage', {
      id: a.id,
      name: 'a.png',
      base64: base64(pngFile(picture(90, 60, () => RED))),
    });
    await ok('updateAccount', { id: b.id, patch: { icon: { kind: 'letter' } } });
    const hash = withPicture.icon?.kind === 'image' ? withPicture.icon.hash : '';
    const kept = Buffer.from(services.vault.contents().icons[hash]!, 'base64');
    const files: [string, string | null][] = [
      [path.join(dir, 'plain.json'), null],
      [path.join(dir, 'sealed.json'), 'export password'],
    ];
    for (const [file, exportPassword] of files) {
      dialogs.savePath = file;
      await ok('exportAegis', { password: PASSWORD, exportPassword });
    }
    const plain = JSON.parse(await readFile(files[0]![0], 'utf8')) as {
      db: { entries: Record<string, unknown>[] };
    };
    expect(plain.db.entries[0]).toMatchObject({
      icon: kept.toString('base64'),
      icon_mime: 'image/png',
      icon_hash: aegisIconHash('image/png', kept),
    });
    // The letter chosen, no brand matched, and a brand matched but not chosen: no icon (Aegis
    // draws its letter, or matches with its own icon packs).
    for (const at of [1, 2, 4]) {
      expect(plain.db.entries[at]!.icon).toBeNull();
      expect(plain.db.entries[at]).not.toHaveProperty('icon_mime');
    }
    // A brand chosen: its SVG in its colour, with simple-icons' own path data.
    for (const [at, slug, colour] of [[3, 'gitlab', '#FC6D26']] as const) {
      const entry = plain.db.entries[at]!;
      const svg = Buffer.from(entry.icon as string, 'base64');
      expect(entry.icon_mime).toBe('image/svg+xml');
      expect(entry.icon_hash).toBe(aegisIconHash('image/svg+xml', svg));
      const official = await readFile(
        path.join(REPO, 'node_modules', 'simple-icons', 'icons', `${slug}.svg`),
        'utf8',
      );
      expect(svg.toString('utf8')).toContain(`fill="${colour}"`);
      expect(svg.toString('utf8')).toContain(/ d="([^"]+)"/.exec(official)![1]);
    }
    // Our own text badges are not the brand's logo: no icon.
    expect(plain.db.entries[5]!.icon).toBeNull();
    for (const [file, exportPassword] of files) {
      // Into another vault: the same picture, under the same name.
      await freshVault(`${path.basename(file)}.vault`);
      const text = await readFile(file);
      const opened = await ok('importFileBytes', { name: 'back.json', base64: base64(text) });
      const preview =
        opened.status === 'preview'
          ? opened.preview
          : await ok('unlockImportFile', { fileId: opened.fileId, password: exportPassword! });
      expect(preview.items[0]!.icon).toEqual({ kind: 'image', hash });
      expect(preview.items[1]).not.toHaveProperty('icon');
      expect(preview.problems).toEqual([]);
    }
  });
});

describe('backups', () => {
  it('carry the pictures through a backup and a restore (merge and replace)', async () => {
    const a = await ok('addAccount', { account: account(1) });
    const b = await ok('addAccount', { account: account(2) });
    const c = await ok('addAccount', { account: account(3) });
    const one = await ok('setAccountIconImage', {
      id: a.id,
      name: 'a.png',
      base64: base64(pngFile(halves(64, 64))),
    });
    await ok('setAccountIconImage', {
      id: b.id,
      name: 'b.png',
      base64: base64(pngFile(halves(64, 64))),
    });
    await ok('updateAccount', { id: c.id, patch: { icon: { kind: 'brand', slug: 'github' } } });
    const store = services.vault.contents().icons;
    expect(Object.keys(store)).toHaveLength(1);
    const file = path.join(dir, 'backup.authdesk');
    dialogs.savePath = file;
    await ok('exportBackup', { password: PASSWORD, backupPassword: 'backup password' });

    for (const replace of [false, true]) {
      await freshVault(`restored-${replace}.json`);
      if (replace) await ok('addAccount', { account: account(9) });
      dialogs.importFile = file;
      const opened = (await ok('openImportFile', {}))!;
      if (opened.status !== 'password') throw new Error('a backup asks for its password');
      const preview = await ok('unlockImportFile', {
        fileId: opened.fileId,
        password: 'backup password',
      });
      expect(preview.items.map((item) => item.icon)).toEqual([
        one.icon,
        one.icon,
        { kind: 'brand', slug: 'github' },
      ]);
      expect(await ok('getIconImages', { hashes: Object.keys(store) })).toEqual(
        Object.fromEntries(
          Object.entries(store).map(([h, png]) => [h, `data:image/png;base64,${png}`]),
        ),
      );
      const keys = preview.items.map((item) => item.key);
      const added: AccountMeta[] = replace
        ? (await ok('replaceWithImport', { id: preview.id, keys })).added
        : await ok('commitImport', { id: preview.id, keys });
      expect(added.map((x) => x.icon)).toEqual(preview.items.map((item) => item.icon));
      expect(services.vault.contents().icons).toEqual(store);
      expect((await ok('listAccounts')).length).toBe(3);
    }
  });
});

describe('a full icon store', () => {
  it('still makes a backup an import reads (under 20 MB), with a thousand accounts', async () => {
    // Noise does not compress: each picture is about 49 KB, as large as a kept one gets when opaque.
    const pictures = new Map<string, Uint8Array>();
    let total = 0;
    for (;;) {
      const png = await iconPictureFrom(
        pngFile({ width: 128, height: 128, data: opaqueNoise(128 * 128) }),
      );
      if (total + png.byteLength > ICON_LIMITS.maxStoreBytes) break;
      total += png.byteLength;
      pictures.set(iconHash(png), png);
    }
    const hashes = [...pictures.keys()];
    const inputs = Array.from({ length: 1000 }, (_, i) => ({
      ...account(i),
      ...(i < hashes.length && { icon: { kind: 'image' as const, hash: hashes[i]! } }),
    }));
    await services.vault.addMany(inputs, { pictures });
    expect(Object.keys(services.vault.contents().icons)).toHaveLength(hashes.length);

    const file = path.join(dir, 'full.authdesk');
    dialogs.savePath = file;
    await ok('exportBackup', { password: PASSWORD, backupPassword: 'backup password' });
    const size = (await stat(file)).size;
    expect(size).toBeLessThan(IMPORT_FILE_MAX_BYTES);
    dialogs.importFile = file;
    const opened = (await ok('openImportFile', {}))!;
    if (opened.status !== 'password') throw new Error('a backup asks for its password');
    const preview = await ok('unlockImportFile', {
      fileId: opened.fileId,
      password: 'backup password',
    });
    expect(preview.items.filter((item) => item.icon?.kind === 'image')).toHaveLength(hashes.length);
  });
});

/** Opaque random pixels (RGBA with alpha 255). */
function opaqueNoise(pixels: number): Uint8Array {
  const data = new Uint8Array(randomBytes(pixels * 4));
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return data;
}
