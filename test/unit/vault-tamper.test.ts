// A damaged or tampered vault file: every flipped byte and every cut is refused cleanly, never misread.
import { readFile, writeFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/account';
import { isAuthdeskError } from '../../shared/errors';
import { Vault } from '../../electron/vault/vault';
import {
  PASSWORD,
  TINY_KDF,
  removeTempDir,
  sampleInput,
  tempVaultFile,
} from '../harness/vault-fixtures';

let dir: string;
let file: string;
let original: string;
let accounts: Account[];

beforeAll(async () => {
  ({ dir, file } = await tempVaultFile());
  const vault = await Vault.create(file, PASSWORD, { kdf: TINY_KDF });
  await vault.add(sampleInput(1));
  accounts = vault.list();
  original = await readFile(file, 'utf8');
});
afterAll(() => removeTempDir(dir));

/** Opens and unlocks `text` as the vault file: the accounts, or the error code. */
async function outcome(text: string | Buffer): Promise<Account[] | string> {
  await writeFile(file, text);
  try {
    const vault = await Vault.open(file);
    await vault.unlock(PASSWORD);
    return vault.list();
  } catch (error) {
    if (!isAuthdeskError(error)) throw error; // a crash, not a clean refusal
    return error.code;
  }
}

type Json = {
  slots: { nonce: string; key: string; kdf: Record<string, unknown> & { salt: string } }[];
  payload: { nonce: string; data: string };
  version: unknown;
};
type Field = { get(json: Json): string; set(json: Json, value: string): void };

const FIELDS: [string, string, Field][] = [
  [
    'payload data',
    'VAULT_CORRUPT',
    { get: (j) => j.payload.data, set: (j, v) => (j.payload.data = v) },
  ],
  [
    'payload nonce',
    'VAULT_CORRUPT',
    { get: (j) => j.payload.nonce, set: (j, v) => (j.payload.nonce = v) },
  ],
  [
    'slot nonce',
    'WRONG_PASSWORD',
    { get: (j) => j.slots[0]!.nonce, set: (j, v) => (j.slots[0]!.nonce = v) },
  ],
  [
    'slot key',
    'WRONG_PASSWORD',
    { get: (j) => j.slots[0]!.key, set: (j, v) => (j.slots[0]!.key = v) },
  ],
  [
    'salt',
    'WRONG_PASSWORD',
    { get: (j) => j.slots[0]!.kdf.salt, set: (j, v) => (j.slots[0]!.kdf.salt = v) },
  ],
];

describe('a flipped byte', () => {
  it.each(FIELDS)(
    'at every position of the decoded %s is refused as %s',
    async (_name, code, field) => {
      const bytes = Buffer.from(field.get(JSON.parse(original)), 'base64');
      expect(bytes.length).toBeGreaterThan(0);
      for (let i = 0; i < bytes.length; i++) {
        const json = JSON.parse(original) as Json;
        const flipped = Buffer.from(bytes);
        flipped[i]! ^= 1 + (i % 255);
        field.set(json, flipped.toString('base64'));
        expect(await outcome(JSON.stringify(json)), `byte ${i}`).toBe(code);
      }
    },
  );

  it('in the KDF parameters (within range) is refused as WRONG_PASSWORD', async () => {
    for (const change of [{ N: 2048 }, { r: 7 }, { p: 2 }]) {
      const json = JSON.parse(original) as Json;
      Object.assign(json.slots[0]!.kdf, change);
      expect(await outcome(JSON.stringify(json))).toBe('WRONG_PASSWORD');
    }
  });

  it('anywhere in the file is refused cleanly or, where JSON ignores it, changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: original.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (position, mask) => {
          const raw = Buffer.from(original, 'utf8');
          raw[position]! ^= mask;
          const result = await outcome(raw);
          if (typeof result === 'string')
            expect(['VAULT_CORRUPT', 'WRONG_PASSWORD']).toContain(result);
          else expect(result).toEqual(accounts);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a damaged file', () => {
  it('every truncation is VAULT_CORRUPT', async () => {
    const content = original.trimEnd();
    for (let cut = 0; cut < content.length; cut++) {
      expect(await outcome(content.slice(0, cut)), `cut at ${cut}`).toBe('VAULT_CORRUPT');
    }
  });

  it('text that is not JSON, or a newer version, is VAULT_CORRUPT', async () => {
    expect(await outcome('not json at all')).toBe('VAULT_CORRUPT');
    const newer = JSON.parse(original) as Json;
    newer.version = 2;
    expect(await outcome(JSON.stringify(newer))).toBe('VAULT_CORRUPT');
    await expect(Vault.open(file)).rejects.toThrow(/made by a newer Authdesk/);
  });

  it('tampered KDF cost (N=2^30, r=1e6) is refused when the file is opened, before any KDF runs', async () => {
    for (const change of [{ N: 2 ** 30 }, { r: 1e6 }, { name: 'argon2id' }]) {
      const json = JSON.parse(original) as Json;
      Object.assign(json.slots[0]!.kdf, change);
      await writeFile(file, JSON.stringify(json));
      const started = Date.now();
      await expect(Vault.open(file)).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
      expect(Date.now() - started).toBeLessThan(100);
    }
  });

  it('the untouched file still opens (the harness itself is sound)', async () => {
    expect(await outcome(original)).toEqual(accounts);
  });
});
