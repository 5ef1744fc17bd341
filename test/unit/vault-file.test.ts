// The envelope on disk: its exact shape, and every way a file can be unreadable, reported as VAULT_CORRUPT.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newMasterKey, sealPayload, type EnvelopeContext } from '../../electron/vault/envelope';
import { passwordSlot } from '../../electron/vault/password-slot';
import {
  parseEnvelope,
  readEnvelope,
  serializeEnvelope,
  type Envelope,
} from '../../electron/vault/vault-file';
import { TINY_KDF, makeTempDir, removeTempDir } from '../harness/vault-fixtures';

const VAULT: EnvelopeContext = { format: 'authdesk-vault', version: 1 };
let dir: string;
let envelope: Envelope;
let text: string;

beforeEach(async () => {
  dir = await makeTempDir();
  const key = newMasterKey();
  envelope = {
    ...VAULT,
    slots: [await passwordSlot(TINY_KDF).wrap(key, 'pw', VAULT)],
    payload: sealPayload(Buffer.from('{}'), key, VAULT),
  };
  text = serializeEnvelope(envelope);
});
afterEach(() => removeTempDir(dir));

function corruptMessage(
  input: string,
  format: 'authdesk-vault' | 'authdesk-backup' = 'authdesk-vault',
) {
  try {
    parseEnvelope(input, format);
  } catch (error) {
    expect(error).toMatchObject({ code: 'VAULT_CORRUPT' });
    return (error as Error).message;
  }
  throw new Error('parsed without error');
}

/** The file as JSON, loosely typed so that tests can break it in any way. */
interface FileJson {
  format: unknown;
  version: unknown;
  slots: { type: string; kdf?: Record<string, unknown>; key?: string; [field: string]: unknown }[];
  payload?: { nonce: string; data: string };
}

function edit(change: (json: FileJson) => void): string {
  const json = JSON.parse(text) as FileJson;
  change(json);
  return JSON.stringify(json);
}

describe('the envelope format', () => {
  it('has exactly the fields of DESIGN.md §4 and round-trips', () => {
    const json = JSON.parse(text);
    expect(Object.keys(json)).toEqual(['format', 'version', 'slots', 'payload']);
    expect(json.format).toBe('authdesk-vault');
    expect(json.version).toBe(1);
    expect(Object.keys(json.slots[0])).toEqual(['type', 'kdf', 'nonce', 'key']);
    expect(Object.keys(json.slots[0].kdf)).toEqual(['name', 'N', 'r', 'p', 'salt']);
    expect(Object.keys(json.payload)).toEqual(['nonce', 'data']);
    expect(Buffer.from(json.payload!.nonce, 'base64')).toHaveLength(12);
    expect(serializeEnvelope(parseEnvelope(text, 'authdesk-vault'))).toBe(text);
  });

  it('keeps a slot type it does not know exactly as it was', () => {
    const future = { type: 'system', key: 'c2VjcmV0', extra: { nested: [1, 2] } };
    const withFuture = edit((json) => json.slots.push(future));
    const parsed = parseEnvelope(withFuture, 'authdesk-vault');
    expect(JSON.parse(serializeEnvelope(parsed)).slots[1]).toEqual(future);
  });
});

describe('an unreadable file is VAULT_CORRUPT, saying why', () => {
  it.each([
    ['an empty file', '', /empty/],
    ['text that is not JSON', 'hello', /not valid JSON/],
    ['a JSON array', '[]', /not an Authdesk file/],
    ["another program's JSON", '{"vault":true}', /not an Authdesk vault/],
  ])('%s', (_what, input, message) => {
    expect(corruptMessage(input)).toMatch(message);
  });

  it('a file from a newer Authdesk says so', () => {
    expect(corruptMessage(edit((json) => (json.version = 2)))).toMatch(/made by a newer Authdesk/);
  });

  it('an unknown older or malformed version', () => {
    expect(corruptMessage(edit((json) => (json.version = 0)))).toMatch(/unknown format version/);
    expect(corruptMessage(edit((json) => (json.version = '1')))).toMatch(/unknown format version/);
  });

  it('a backup where a vault was expected, and the reverse', () => {
    expect(corruptMessage(edit((json) => (json.format = 'authdesk-backup')))).toMatch(
      /is an Authdesk backup, not a vault/,
    );
    expect(corruptMessage(text, 'authdesk-backup')).toMatch(/is an Authdesk vault, not a backup/);
  });

  it('a backup holding a non-password slot', () => {
    const backup = edit((json) => {
      json.format = 'authdesk-backup';
      json.slots.push({ type: 'system', key: 'AAAA' });
    });
    expect(corruptMessage(backup, 'authdesk-backup')).toMatch(/password only/);
  });

  it.each([
    ['no slots', (json: FileJson) => (json.slots = [])],
    ['no password slot', (json: FileJson) => (json.slots = [{ type: 'system' }])],
    [
      'a payload nonce of 11 bytes',
      (json: FileJson) => (json.payload!.nonce = Buffer.alloc(11).toString('base64')),
    ],
    ['payload data shorter than a tag', (json: FileJson) => (json.payload!.data = 'AAAA')],
    [
      'payload data that is not base64',
      (json: FileJson) => (json.payload!.data = '!!!!' + json.payload!.data),
    ],
    ['a missing payload', (json: FileJson) => delete json.payload],
    [
      'a slot salt of 31 bytes',
      (json: FileJson) => (json.slots[0]!.kdf!.salt = Buffer.alloc(31).toString('base64')),
    ],
    [
      'a slot key without its tag',
      (json: FileJson) => (json.slots[0]!.key = Buffer.alloc(32).toString('base64')),
    ],
    ['a slot without kdf', (json: FileJson) => delete json.slots[0]!.kdf],
    ['an unknown KDF', (json: FileJson) => (json.slots[0]!.kdf!.name = 'pbkdf2')],
    ['N=2^30', (json: FileJson) => (json.slots[0]!.kdf!.N = 2 ** 30)],
    ['r=1e6', (json: FileJson) => (json.slots[0]!.kdf!.r = 1e6)],
  ])('%s', (_what, change) => {
    corruptMessage(edit(change));
  });

  it('every truncation of a vault file', () => {
    const content = text.trimEnd(); // dropping only the final newline leaves a complete file
    for (let cut = 0; cut < content.length; cut++) {
      expect(() => parseEnvelope(content.slice(0, cut), 'authdesk-vault')).toThrow(
        expect.objectContaining({ code: 'VAULT_CORRUPT' }),
      );
    }
  });
});

describe('readEnvelope', () => {
  it('reports a missing file as VAULT_NOT_FOUND', async () => {
    await expect(readEnvelope(path.join(dir, 'none.json'), 'authdesk-vault')).rejects.toMatchObject(
      {
        code: 'VAULT_NOT_FOUND',
      },
    );
  });

  it('reports a folder in place of the file as IO_ERROR', async () => {
    const folder = path.join(dir, 'vault.json');
    await mkdir(folder);
    await expect(readEnvelope(folder, 'authdesk-vault')).rejects.toMatchObject({
      code: 'IO_ERROR',
    });
  });

  it('reads what was written, and names the file in errors', async () => {
    const file = path.join(dir, 'vault.json');
    await writeFile(file, text);
    expect(serializeEnvelope(await readEnvelope(file, 'authdesk-vault'))).toBe(text);
    await writeFile(file, text.slice(0, 40));
    await expect(readEnvelope(file, 'authdesk-vault')).rejects.toThrow(file);
  });
});
