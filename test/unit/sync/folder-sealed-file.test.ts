// The sealed sync file: the header is readable without the key and bound to the body as associated
// data, so a file opens only as the kind, device and number it was sealed as, with the key it was
// sealed with, whole; anything else is SYNC_FILE_DAMAGED (a newer format: SYNC_TOO_NEW).
import { createCipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isAuthdeskError } from '../../../shared/errors';
import {
  keyBytes,
  openSyncFile,
  readSyncHeader,
  sealSyncFile,
  SYNC_FILE_VERSION,
} from '../../../electron/sync/folder/sealed-file';

const DEVICE = '0123456789abcdef0123456789abcdef';
const OTHER = 'fedcba9876543210fedcba9876543210';
const KEY = randomBytes(32);
const WHO = { kind: 'journal', device: DEVICE, seq: 7, epoch: 2, keyId: 'ab'.repeat(16) } as const;
const BODY = { edits: [{ record: 'account-1', field: 'secret', value: 'JBSWY3DPEHPK3PXP' }] };

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isAuthdeskError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a failure');
}

/** The file with its header line replaced by `edit(header)`, the body left as sealed. */
function withHeader(bytes: Buffer, edit: (header: Record<string, unknown>) => void): Buffer {
  const end = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as Record<string, unknown>;
  edit(header);
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), bytes.subarray(end + 1)]);
}

describe('sealed sync files', () => {
  it('opens as sealed, and its header is readable without the key', () => {
    const bytes = sealSyncFile(BODY, KEY, WHO);
    const { header } = readSyncHeader(bytes);
    expect(header).toMatchObject({ format: 'authdesk-sync', version: SYNC_FILE_VERSION, ...WHO });
    expect(Buffer.from(header.nonce, 'base64')).toHaveLength(12);
    expect(openSyncFile(bytes, KEY, { kind: 'journal', device: DEVICE, seq: 7 }).body).toEqual(
      BODY,
    );
  });

  it('holds no plain text of the body and a fresh nonce every time', () => {
    const one = sealSyncFile(BODY, KEY, WHO);
    const two = sealSyncFile(BODY, KEY, WHO);
    expect(one.includes('JBSWY3DPEHPK3PXP')).toBe(false);
    expect(one.includes('account-1')).toBe(false);
    expect(readSyncHeader(one).header.nonce).not.toBe(readSyncHeader(two).header.nonce);
  });

  it('refuses to open as another kind, device or number than it says', () => {
    const bytes = sealSyncFile(BODY, KEY, WHO);
    expect(codeOf(() => openSyncFile(bytes, KEY, { kind: 'snapshot', device: DEVICE }))).toBe(
      'SYNC_FILE_DAMAGED',
    );
    expect(codeOf(() => openSyncFile(bytes, KEY, { kind: 'journal', device: OTHER }))).toBe(
      'SYNC_FILE_DAMAGED',
    );
    expect(
      codeOf(() => openSyncFile(bytes, KEY, { kind: 'journal', device: DEVICE, seq: 8 })),
    ).toBe('SYNC_FILE_DAMAGED');
  });

  it.each([
    ['the number', (h: Record<string, unknown>) => void (h.seq = 8)],
    ['the device', (h: Record<string, unknown>) => void (h.device = OTHER)],
    ['the kind', (h: Record<string, unknown>) => void (h.kind = 'snapshot')],
    ['the key epoch', (h: Record<string, unknown>) => void (h.epoch = 3)],
  ])('fails its check when the header is edited to change %s', (_what, edit) => {
    const forged = withHeader(sealSyncFile(BODY, KEY, WHO), edit);
    const header = readSyncHeader(forged).header;
    expect(
      codeOf(() =>
        openSyncFile(forged, KEY, { kind: header.kind, device: header.device, seq: header.seq }),
      ),
    ).toBe('SYNC_FILE_DAMAGED');
  });

  it('fails its check with another key, cut short, or with one bit changed', () => {
    const bytes = sealSyncFile(BODY, KEY, WHO);
    const expect7 = { kind: 'journal', device: DEVICE, seq: 7 } as const;
    expect(codeOf(() => openSyncFile(bytes, randomBytes(32), expect7))).toBe('SYNC_FILE_DAMAGED');
    expect(codeOf(() => openSyncFile(bytes.subarray(0, bytes.length - 1), KEY, expect7))).toBe(
      'SYNC_FILE_DAMAGED',
    );
    const headerEnd = bytes.indexOf(0x0a) + 1;
    expect(codeOf(() => openSyncFile(bytes.subarray(0, headerEnd + 5), KEY, expect7))).toBe(
      'SYNC_FILE_DAMAGED',
    );
    const flipped = Buffer.from(bytes);
    flipped[headerEnd + 3]! ^= 1;
    expect(codeOf(() => openSyncFile(flipped, KEY, expect7))).toBe('SYNC_FILE_DAMAGED');
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['cut inside its header', Buffer.from('{"format":"authdesk-sync","vers')],
    ['not JSON', Buffer.from('hello\nworld')],
    ['another format', Buffer.from('{"format":"authdesk-vault","version":1}\n')],
    [
      'a header with an extra field',
      Buffer.from(
        `${JSON.stringify({ format: 'authdesk-sync', version: 1, kind: 'journal', device: DEVICE, seq: 1, epoch: 1, keyId: '', nonce: '', extra: 1 })}\n`,
      ),
    ],
    [
      'a header with a path for a device',
      Buffer.from(
        `${JSON.stringify({ format: 'authdesk-sync', version: 1, kind: 'journal', device: '../x', seq: 1, epoch: 1, keyId: '', nonce: '' })}\n`,
      ),
    ],
  ])('says a file that is %s is damaged', (_what, bytes) => {
    expect(codeOf(() => readSyncHeader(bytes))).toBe('SYNC_FILE_DAMAGED');
  });

  it('says a file of a newer format version is too new', () => {
    const newer = withHeader(sealSyncFile(BODY, KEY, WHO), (h) => void (h.version = 2));
    expect(codeOf(() => readSyncHeader(newer))).toBe('SYNC_TOO_NEW');
  });

  it('says a file whose body opens but is not deflated JSON is damaged', () => {
    const nonce = randomBytes(12);
    const line = Buffer.from(
      `${JSON.stringify({ format: 'authdesk-sync', version: 1, ...WHO, nonce: nonce.toString('base64') })}\n`,
    );
    const seal = (plain: Buffer) => {
      const cipher = createCipheriv('aes-256-gcm', KEY, nonce).setAAD(line);
      return Buffer.concat([line, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    };
    const expect7 = { kind: 'journal', device: DEVICE, seq: 7 } as const;
    expect(codeOf(() => openSyncFile(seal(Buffer.from('not deflated')), KEY, expect7))).toBe(
      'SYNC_FILE_DAMAGED',
    );
    expect(codeOf(() => openSyncFile(seal(deflateRawSync('not json {')), KEY, expect7))).toBe(
      'SYNC_FILE_DAMAGED',
    );
    expect(openSyncFile(seal(deflateRawSync('{"ok":true}')), KEY, expect7).body).toEqual({
      ok: true,
    });
  });

  it('reads a sync key’s 32 bytes', () => {
    const key = randomBytes(32);
    expect(keyBytes({ epoch: 1, id: 'x', key: key.toString('base64') }).equals(key)).toBe(true);
  });
});
