// Pending imports through the handler table main registers: real QR PNGs, the real decoder, a real
// vault in a temp folder, and a clock the test moves (expiry), a lock (drop), duplicates and Google batches.
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountInput, AccountMeta } from '../../shared/account';
import { IMPORT_TTL_MS, type ImportPreview } from '../../shared/import';
import type { Method, MethodArgs, MethodResults } from '../../shared/ipc';
import { encodeMigrationUris } from '../../shared/migration';
import { formatOtpauthUri } from '../../shared/otpauth';
import { dispatch } from '../../electron/ipc/dispatch';
import { QrDecoder } from '../../electron/qr/decoder';
import { composeServices, type Services } from '../../electron/composition';
import { MemoryClipboard, TestImageSources } from '../harness/browser/ports';
import { ManualTime } from '../harness/manual-timers';
import { sampleInput } from '../harness/vault-fixtures';
import { blankPng, qrPng, screenWith } from '../harness/qr-images';
import { testPorts } from '../harness/test-ports';

const totp = (issuer: string, label: string, secret: string): AccountInput =>
  sampleInput(label, { issuer, label, secret });

const AWS = totp('Amazon Web Services', 'root@123456789012', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
const GITHUB = totp('GitHub', 'alice', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
/** Six accounts, two per QR code: a Google export in three batches. */
const GOOGLE_ACCOUNTS = Array.from({ length: 6 }, (_, i) =>
  totp(
    `Service ${i + 1}`,
    `user${i + 1}@example.com`,
    `MFRGGZDFMZTWQ2LK${'ABCDEFGH'[i]}${'A'.repeat(7)}`,
  ),
);
const OTHER_KEYS = ['MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK', 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU'];
const SECRETS = [...[AWS, GITHUB, ...GOOGLE_ACCOUNTS].map((a) => a.secret), ...OTHER_KEYS];

let dir: string;
let time: ManualTime;
let images: TestImageSources;
let clipboard: MemoryClipboard;
let decoder: QrDecoder;
let services: Services;
const previews: unknown[] = [];

/** Calls a method as the renderer would; resolves with its value or rejects with its error code. */
async function call<M extends Method>(method: M, args?: MethodArgs[M]): Promise<MethodResults[M]> {
  const result = await dispatch(services.handlers, method, args);
  previews.push(result);
  if (!result.ok) throw new Error(result.error.code);
  return result.value as MethodResults[M];
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
async function importPng(text: string, name = 'code.png', into?: string): Promise<ImportPreview> {
  const image = { name, base64: b64(await qrPng(text)) };
  return call('importImages', { images: [image], ...(into && { into }) });
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-import-'));
  time = new ManualTime(Date.UTC(2025, 0, 15, 9, 0, 0));
  images = new TestImageSources();
  clipboard = new MemoryClipboard();
  decoder = new QrDecoder();
  previews.length = 0;
  services = composeServices(
    testPorts({
      vaultPath: path.join(dir, 'vault.json'),
      clock: time,
      timers: time,
      clipboard,
      images,
      decoder,
    }),
  );
  await call('createVault', { password: 'pw' });
  await call('addAccount', { account: AWS });
});

afterEach(async () => {
  // No preview, result or error sent to the renderer carries a secret.
  const sent = JSON.stringify(previews);
  for (const secret of SECRETS) expect(sent).not.toContain(secret);
  services.vault.lock('user');
  await decoder.close();
  await rm(dir, { recursive: true, force: true });
});

describe('pending imports', () => {
  it('previews a QR code without its secret and commits it into the vault', async () => {
    const preview = await importPng(formatOtpauthUri(GITHUB), 'github.png');
    expect(preview.items).toEqual([
      expect.objectContaining({
        issuer: 'GitHub',
        label: 'alice',
        type: 'totp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        duplicateOf: null,
        source: 'github.png',
        batch: null,
      }),
    ]);
    expect(preview.expiresAt).toBe(time.now() + IMPORT_TTL_MS);
    const added = await call('commitImport', { id: preview.id, keys: [preview.items[0]!.key] });
    expect(added.map((a: AccountMeta) => a.label)).toEqual(['alice']);
    expect(services.vault.list().find((a) => a.label === 'alice')?.secret).toBe(GITHUB.secret);
    // Committed means closed: a second commit cannot add it twice.
    await expect(call('commitImport', { id: preview.id, keys: [] })).rejects.toThrow(
      'IMPORT_EXPIRED',
    );
  });

  it('flags a duplicate of a vault account and adds only what is ticked', async () => {
    const renamed = { ...AWS, label: 'another name' };
    const text = [formatOtpauthUri(renamed), formatOtpauthUri(GITHUB)].join('\n');
    const preview = await call('importText', { text });
    const [dup, fresh] = preview.items;
    expect(dup?.duplicateOf).toBe(services.vault.list()[0]!.id);
    expect(fresh?.duplicateOf).toBeNull();
    await call('commitImport', { id: preview.id, keys: [fresh!.key] });
    expect(services.vault.list().map((a) => a.label)).toEqual(['root@123456789012', 'alice']);
  });

  it('keeps entries that differ in anything, names repeats, and notes a same name with another key', async () => {
    const sameNameAsAws = { ...AWS, secret: OTHER_KEYS[0]! };
    const twin = { ...GITHUB, secret: OTHER_KEYS[1]! };
    const hotp = { ...GITHUB, type: 'hotp' as const, counter: 2 };
    const text = [sameNameAsAws, GITHUB, twin, GITHUB, hotp].map(formatOtpauthUri).join('\n');
    const preview = await call('importText', { text });
    const aws = services.vault.list()[0]!;
    expect(
      preview.items.map(({ issuer, type, duplicateOf, sameNameAs, repeats }) => ({
        issuer,
        type,
        duplicateOf,
        sameNameAs,
        repeats,
      })),
    ).toEqual([
      { issuer: AWS.issuer, type: 'totp', duplicateOf: null, sameNameAs: aws.id, repeats: 0 },
      { issuer: 'GitHub', type: 'totp', duplicateOf: null, sameNameAs: null, repeats: 1 },
      { issuer: 'GitHub', type: 'totp', duplicateOf: null, sameNameAs: null, repeats: 0 },
      { issuer: 'GitHub', type: 'hotp', duplicateOf: null, sameNameAs: null, repeats: 0 },
    ]);
    // The same text pasted again is the same entries: nothing new, the repeat count stays.
    const again = await call('importText', { text, into: preview.id });
    expect(again.items.map((i) => i.repeats)).toEqual([0, 1, 0, 0]);
    await call('commitImport', { id: preview.id, keys: again.items.map((i) => i.key) });
    expect(services.vault.list()).toHaveLength(5);
  });

  it('adds a duplicate when the user ticks it', async () => {
    const preview = await call('importText', { text: formatOtpauthUri(AWS) });
    await call('commitImport', { id: preview.id, keys: preview.items.map((i) => i.key) });
    expect(services.vault.list()).toHaveLength(2);
  });

  it('refuses a key that is not part of the import and keeps the import open', async () => {
    const preview = await call('importText', { text: formatOtpauthUri(GITHUB) });
    await expect(call('commitImport', { id: preview.id, keys: ['999'] })).rejects.toThrow(
      'INVALID_ARGUMENT',
    );
    await call('commitImport', { id: preview.id, keys: [preview.items[0]!.key] });
    expect(services.vault.list()).toHaveLength(2);
  });

  it('expires after ten minutes, unless another scan was added meanwhile', async () => {
    const first = await call('importText', { text: formatOtpauthUri(GITHUB) });
    time.advance(IMPORT_TTL_MS - 60_000);
    // Adding to an import restarts its clock: the user is still at it.
    await call('importText', { text: formatOtpauthUri(GOOGLE_ACCOUNTS[0]!), into: first.id });
    time.advance(IMPORT_TTL_MS - 60_000);
    const still = await call('importText', { text: formatOtpauthUri(GITHUB), into: first.id });
    expect(still.items).toHaveLength(2);
    time.advance(IMPORT_TTL_MS);
    expect(services.imports.size).toBe(0);
    await expect(call('commitImport', { id: first.id, keys: ['1'] })).rejects.toThrow(
      'IMPORT_EXPIRED',
    );
    await expect(
      call('importText', { text: formatOtpauthUri(GITHUB), into: first.id }),
    ).rejects.toThrow('IMPORT_EXPIRED');
    await expect(call('commitImport', { id: 'no-such-import', keys: [] })).rejects.toThrow(
      'IMPORT_EXPIRED',
    );
  });

  it('treats an import as expired once its time has passed, even if the timer has not fired', async () => {
    const preview = await call('importText', { text: formatOtpauthUri(GITHUB) });
    time.jump(IMPORT_TTL_MS); // a suspended laptop: the clock moved, the timer did not run
    await expect(call('commitImport', { id: preview.id, keys: ['1'] })).rejects.toThrow(
      'IMPORT_EXPIRED',
    );
  });

  it('drops every pending import when the vault locks, including a scan still running', async () => {
    const preview = await call('importText', { text: formatOtpauthUri(GITHUB) });
    const image = { name: 'late.png', base64: b64(await qrPng(formatOtpauthUri(GITHUB))) };
    const running = call('importImages', { images: [image] }); // decoding in its worker…
    await call('lock'); // …when the vault locks
    await expect(running).rejects.toThrow('IMPORT_EXPIRED');
    expect(services.imports.size).toBe(0);
    await call('unlock', { password: 'pw' });
    await expect(call('commitImport', { id: preview.id, keys: ['1'] })).rejects.toThrow(
      'IMPORT_EXPIRED',
    );
    await call('lock');
    await expect(call('importText', { text: formatOtpauthUri(GITHUB) })).rejects.toThrow(
      'VAULT_LOCKED',
    );
  });

  it('collects a Google export batch by batch; a batch scanned twice adds nothing twice', async () => {
    const [one, two, three] = encodeMigrationUris(GOOGLE_ACCOUNTS, { perBatch: 2, batchId: 42 });
    let preview = await importPng(one!, 'export-1.png');
    expect(preview.google).toEqual([{ id: 42, size: 3, scanned: [0] }]);
    expect(preview.items.map((i) => i.batch)).toEqual([
      { id: 42, index: 0, size: 3 },
      { id: 42, index: 0, size: 3 },
    ]);
    images.screens = [await screenWith([one!])];
    preview = await call('captureScreen', { into: preview.id });
    expect(preview.items).toHaveLength(2);
    expect(preview.google).toEqual([{ id: 42, size: 3, scanned: [0] }]);
    // The other two on one screen (a phone mirrored next to the console).
    images.screens = [await screenWith([two!, three!])];
    preview = await call('captureScreen', { into: preview.id });
    expect(preview.google).toEqual([{ id: 42, size: 3, scanned: [0, 1, 2] }]);
    expect(preview.items.map((i) => i.label)).toEqual(GOOGLE_ACCOUNTS.map((a) => a.label));
    expect(preview.items.slice(2).every((i) => i.source === 'screen')).toBe(true);
    await call('commitImport', { id: preview.id, keys: preview.items.map((i) => i.key) });
    expect(services.vault.list()).toHaveLength(7);
  });

  it('names what a non-OTP code held only when that is safe, and imports none of it', async () => {
    const preview = await call('importImages', {
      images: [
        { name: 'site.png', base64: b64(await qrPng('https://user:pw@example.com/login?x=1')) },
        { name: 'wifi.png', base64: b64(await qrPng('WIFI:S:home;T:WPA;P:hunter2hunter2;;')) },
        { name: 'note.png', base64: b64(await qrPng('just some words')) },
      ],
    });
    expect(preview.items).toEqual([]);
    expect(preview.problems).toEqual([
      expect.objectContaining({
        source: 'site.png',
        code: 'QR_NOT_OTP',
        detail: 'https://example.com/login?x=1',
      }),
      expect.objectContaining({ source: 'wifi.png', code: 'QR_NOT_OTP', detail: 'WIFI:…' }),
      expect.objectContaining({ source: 'note.png', code: 'QR_NOT_OTP' }),
    ]);
    expect(preview.problems[2]).not.toHaveProperty('detail');
    expect(JSON.stringify(preview)).not.toContain('hunter2');
    expect(JSON.stringify(preview)).not.toContain('words');
  });

  it('explains an image with no code, a file that is not an image, and one over 50 MB unread', async () => {
    const big = path.join(dir, 'huge.png');
    await writeFile(big, await qrPng(formatOtpauthUri(GITHUB)));
    await truncate(big, 51 * 1024 * 1024); // sparse: the size is there, the bytes were never written
    const text = path.join(dir, 'notes.txt');
    await writeFile(text, 'not an image at all');
    const blank = path.join(dir, 'blank.png');
    await writeFile(blank, blankPng());
    images.pickedFiles = [big, text, blank, path.join(dir, 'gone.png')];
    const preview = await call('pickImageFiles', {});
    expect(preview?.problems.map((p) => [p.source, p.code])).toEqual([
      ['huge.png', 'IMAGE_TOO_LARGE'],
      ['notes.txt', 'IMAGE_UNREADABLE'],
      ['blank.png', 'QR_NOT_FOUND'],
      ['gone.png', 'IMAGE_UNREADABLE'],
    ]);
  });

  it('returns null when the file dialog is closed without choosing', async () => {
    images.pickedFiles = null;
    expect(await call('pickImageFiles', {})).toBeNull();
    expect(services.imports.size).toBe(0);
  });

  it('reads the clipboard image, or a setup link copied as text, or says it holds neither', async () => {
    images.clipboardImage = await qrPng(formatOtpauthUri(GITHUB));
    expect((await call('importClipboardImage', {})).items[0]).toMatchObject({
      label: 'alice',
      source: 'clipboard',
    });
    images.clipboardImage = null;
    clipboard.text = formatOtpauthUri(GOOGLE_ACCOUNTS[0]!);
    expect((await call('importClipboardImage', {})).items[0]).toMatchObject({
      label: 'user1@example.com',
    });
    clipboard.text = 'hello';
    expect((await call('importClipboardImage', {})).problems).toEqual([
      expect.objectContaining({ source: 'clipboard', code: 'QR_NOT_FOUND' }),
    ]);
  });

  it('fails a refused screen capture as a whole and leaves the open import as it was', async () => {
    const preview = await call('importText', { text: formatOtpauthUri(GITHUB) });
    images.screens = 'denied';
    await expect(call('captureScreen', { into: preview.id })).rejects.toThrow(
      'SCREEN_CAPTURE_DENIED',
    );
    images.screens = [await screenWith([])];
    const after = await call('captureScreen', { into: preview.id });
    expect(after.items).toHaveLength(1);
    expect(after.problems).toEqual([
      expect.objectContaining({ source: 'screen', code: 'QR_NOT_FOUND' }),
    ]);
  });

  it('forgets a cancelled import', async () => {
    const preview = await call('importText', { text: formatOtpauthUri(GITHUB) });
    await call('cancelImport', { id: preview.id });
    await expect(call('commitImport', { id: preview.id, keys: ['1'] })).rejects.toThrow(
      'IMPORT_EXPIRED',
    );
  });
});
