// Files with many password slots (issue 11, item 1): a backup, a vault or an Aegis export is refused
// before any key derivation, or costs at most twice the KDF work of the same file with one slot.
// The work is counted, not timed: node:crypto's scrypt and pbkdf2 are wrapped (the real ones still
// run) and every derivation's N·r·p (PBKDF2: iterations) is added up. Timings are in `npm run bench`.
import type * as NodeCrypto from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { isAuthdeskError } from '../../shared/errors';
import { IMPORT_FILE_MAX_BYTES } from '../../shared/ipc';
import { detectImportFile, readImportFile } from '../../electron/import/formats';
import { decodeBackup, encodeBackup, newBackupKey } from '../../electron/transfer/backup-file';
import { ENVELOPE_VERSION, unwrapMasterKey } from '../../electron/vault/envelope';
import { passwordSlot } from '../../electron/vault/password-slot';
import { Vault, masterKeyForTests } from '../../electron/vault/vault';
import { aegisDb, aegisEncryptedFile, SAMPLE_ACCOUNTS } from '../harness/import-samples';
import { PASSWORD, TINY_KDF, makeTempDir, removeTempDir } from '../harness/vault-fixtures';

const kdf = vi.hoisted(() => ({ runs: 0, work: 0, onRun: null as null | (() => void) }));

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof NodeCrypto>();
  const count = (work: number) => {
    kdf.runs += 1;
    kdf.work += work;
    kdf.onRun?.();
  };
  return {
    ...real,
    scrypt: ((...args: Parameters<typeof real.scrypt>) => {
      const options = args[3] as { N: number; r: number; p: number };
      count(options.N * options.r * options.p);
      return (real.scrypt as (...a: unknown[]) => void)(...args);
    }) as typeof real.scrypt,
    pbkdf2: ((...args: Parameters<typeof real.pbkdf2>) => {
      count(args[2]);
      return real.pbkdf2(...args);
    }) as typeof real.pbkdf2,
  };
});

const WRONG = 'not the password';
const BACKUP_PASSWORD = 'backup password';
const VAULT_CONTEXT = { format: 'authdesk-vault', version: ENVELOPE_VERSION } as const;
/** Crafted files: two or three slots, a few more than the caps, and a 20 MB file's worth (about 70,000). */
const MANY = [2, 3, 4, 5, 64, Infinity];
const MB20 = IMPORT_FILE_MAX_BYTES;

/** As many copies of a slot as fill a file of `total` bytes that holds one in `text`. */
function slotsToFill(text: string, slot: unknown, total = MB20): number {
  const each = JSON.stringify(slot).length + 1;
  return Math.floor((total - text.length) / each) + 1;
}

beforeEach(() => {
  kdf.runs = 0;
  kdf.work = 0;
  kdf.onRun = null;
});

/** What `attempt` costs in KDF work, and how it ended (an error code, or 'opened'). */
async function measure(attempt: () => Promise<unknown>): Promise<{ work: number; end: string }> {
  const before = kdf.work;
  let end = 'opened';
  try {
    await attempt();
  } catch (error) {
    if (!isAuthdeskError(error)) throw error;
    end = error.code;
  }
  return { work: kdf.work - before, end };
}

/** `count` copies of a slot, each with its own salt (so none could share a derivation). */
function copies<T>(slot: T, count: number, salt: (copy: T) => void): T[] {
  return Array.from({ length: count }, () => {
    const copy = structuredClone(slot);
    salt(copy);
    return copy;
  });
}

type JsonSlot = { type: string; kdf: { salt: string; N: number }; [field: string]: unknown };

describe('an Authdesk backup', () => {
  let text = '';
  const withSlots = (wanted: number) => {
    const json = JSON.parse(text) as { slots: JsonSlot[] };
    const count = Math.min(wanted, slotsToFill(text, json.slots[0]));
    json.slots = copies(json.slots[0]!, count, (s) => {
      s.kdf.salt = randomBytes(32).toString('base64');
    });
    return Buffer.from(JSON.stringify(json));
  };

  beforeAll(async () => {
    const key = await newBackupKey(BACKUP_PASSWORD, TINY_KDF);
    text = encodeBackup({ accounts: [], groups: [] }, key, {
      appVersion: '1.0.0',
      now: new Date('2026-12-01T00:00:00Z'),
    });
  });

  it('with more than one password slot is FILE_CORRUPT before any key is derived', async () => {
    for (const count of MANY) {
      const { work, end } = await measure(() => decodeBackup(withSlots(count), WRONG));
      expect({ count, work, end }).toEqual({ count, work: 0, end: 'FILE_CORRUPT' });
    }
    const error = await decodeBackup(withSlots(3), BACKUP_PASSWORD).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /3 password slots; an Authdesk backup has exactly one/,
    );
  });

  it('refuses a wrong password in at most twice the work of the one-slot backup, however many slots', async () => {
    const one = await measure(() => decodeBackup(withSlots(1), WRONG));
    expect(one).toMatchObject({ end: 'WRONG_PASSWORD' });
    expect(one.work).toBeGreaterThan(0);
    for (const count of MANY) {
      const { work } = await measure(() => decodeBackup(withSlots(count), WRONG));
      expect({ count, work: work <= 2 * one.work }).toEqual({ count, work: true });
    }
  });

  it('a 20 MB file of crafted slots is refused without a derivation', async () => {
    const bytes = withSlots(Infinity);
    expect(bytes.length).toBeGreaterThan(MB20 - 1000);
    expect(bytes.length).toBeLessThanOrEqual(MB20);
    expect(await measure(() => decodeBackup(bytes, WRONG))).toEqual({
      work: 0,
      end: 'FILE_CORRUPT',
    });
  });
});

describe('the vault', () => {
  let dir = '';
  let file = '';
  let original = '';
  let master = Buffer.alloc(0);
  /** The vault with its password slot followed by `more` slots wrapping the same key. */
  let withExtra: (more: JsonSlot[]) => Promise<void>;
  const extraSlot = async (password: string, cost: { N: number } = TINY_KDF) =>
    (await passwordSlot(cost).wrap(master, password, VAULT_CONTEXT)) as JsonSlot;
  const withSlots = async (wanted: number) => {
    const json = JSON.parse(original) as { slots: JsonSlot[] };
    const count = Math.min(wanted, slotsToFill(original, json.slots[0]));
    json.slots = copies(json.slots[0]!, count, (s) => {
      s.kdf.salt = randomBytes(32).toString('base64');
    });
    await writeFile(file, JSON.stringify(json));
  };
  const unlockWrong = () => measure(async () => (await Vault.open(file)).unlock(WRONG));

  beforeAll(async () => {
    dir = await makeTempDir();
    file = path.join(dir, 'vault.json');
    const vault = await Vault.create(file, PASSWORD, { kdf: TINY_KDF });
    master = Buffer.from(vault[masterKeyForTests]()!);
    vault.lock();
    original = await readFile(file, 'utf8');
    withExtra = async (more) => {
      const json = JSON.parse(original) as { slots: JsonSlot[] };
      json.slots.push(...more);
      await writeFile(file, JSON.stringify(json));
    };
  });
  afterAll(() => removeTempDir(dir));

  it('with more than four password slots is VAULT_CORRUPT before any key is derived', async () => {
    for (const count of [5, 64, Infinity]) {
      await withSlots(count);
      expect({ count, ...(await unlockWrong()) }).toEqual({ count, work: 0, end: 'VAULT_CORRUPT' });
    }
    await withSlots(5);
    const error = await Vault.open(file).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/5 password slots; an Authdesk vault has at most 4/);
  });

  it('whose password slots together cost more than twice its costliest one is VAULT_CORRUPT before any key is derived', async () => {
    for (const count of [3, 4]) {
      await withSlots(count);
      expect({ count, ...(await unlockWrong()) }).toEqual({ count, work: 0, end: 'VAULT_CORRUPT' });
    }
    // The same slot at 2^14 and three cheaper ones at 2^13 cost 2.5 times the dearest.
    await withExtra(await Promise.all(['b', 'c', 'd'].map((p) => extraSlot(p, { N: 2 ** 13 }))));
    const json = JSON.parse(await readFile(file, 'utf8')) as { slots: JsonSlot[] };
    json.slots[0] = await extraSlot(PASSWORD, { N: 2 ** 14 });
    await writeFile(file, JSON.stringify(json));
    expect(await unlockWrong()).toEqual({ work: 0, end: 'VAULT_CORRUPT' });
  });

  it('refuses a wrong password in at most twice the work of the one-slot vault, however many slots', async () => {
    await withSlots(1);
    const one = await unlockWrong();
    expect(one).toMatchObject({ end: 'WRONG_PASSWORD' });
    expect(one.work).toBeGreaterThan(0);
    for (const count of MANY) {
      await withSlots(count);
      const { work } = await unlockWrong();
      expect({ count, work: work <= 2 * one.work }).toEqual({ count, work: true });
    }
  });

  it('still opens with either of two password slots, and with a cheap extra slot beside an expensive one', async () => {
    await withExtra([await extraSlot('second password')]);
    for (const password of [PASSWORD, 'second password']) {
      const vault = await Vault.open(file);
      await vault.unlock(password);
      expect(vault.isUnlocked).toBe(true);
      vault.lock();
    }
    // An expensive slot first and three at the cheapest cost: 1.375 times the dearest together.
    const json = JSON.parse(original) as { slots: JsonSlot[] };
    json.slots = [
      await extraSlot(PASSWORD, { N: 2 ** 13 }),
      ...(await Promise.all(['b', 'c', 'd'].map((p) => extraSlot(p)))),
    ];
    await writeFile(file, JSON.stringify(json));
    const vault = await Vault.open(file);
    await vault.unlock('d');
    expect(vault.isUnlocked).toBe(true);
    vault.lock();
  });
});

describe('an Aegis export', () => {
  const NAME = 'aegis-export.json';
  const db = aegisDb(SAMPLE_ACCOUNTS.slice(0, 2));
  type AegisSlot = { type: number; salt: string; n: number };
  const withSlots = (wanted: number, biometric = 0) => {
    const text = Buffer.from(aegisEncryptedFile(db, 'aegis pw')).toString();
    const json = JSON.parse(text) as { header: { slots: AegisSlot[] } };
    const [slot] = json.header.slots;
    const count = Math.min(wanted, slotsToFill(text, slot));
    const bio = { type: 2, uuid: 'b', key: slot!.salt, key_params: {} };
    json.header.slots = [
      ...Array.from({ length: biometric }, () => bio as unknown as AegisSlot),
      ...copies(slot!, count, (s) => {
        s.salt = randomBytes(32).toString('hex');
      }),
    ];
    return Buffer.from(JSON.stringify(json));
  };

  it('with more than four password slots, or slots that together cost more than twice the costliest, is FILE_CORRUPT before any key is derived', async () => {
    for (const count of [3, 4, 5, 64, Infinity]) {
      const bytes = withSlots(count);
      expect({ count, ...(await measure(async () => detectImportFile(bytes, NAME))) }).toEqual({
        count,
        work: 0,
        end: 'FILE_CORRUPT',
      });
      expect({ count, ...(await measure(() => readImportFile(bytes, NAME, WRONG))) }).toEqual({
        count,
        work: 0,
        end: 'FILE_CORRUPT',
      });
    }
  });

  it('refuses a wrong password in at most twice the work of the one-slot file, however many slots', async () => {
    const one = await measure(() => readImportFile(withSlots(1), NAME, WRONG));
    expect(one).toMatchObject({ end: 'WRONG_PASSWORD' });
    expect(one.work).toBeGreaterThan(0);
    for (const count of MANY) {
      const { work } = await measure(() => readImportFile(withSlots(count), NAME, WRONG));
      expect({ count, work: work <= 2 * one.work }).toEqual({ count, work: true });
    }
  });

  it('skips biometric slots without a derivation, however many, and a real two-password file still imports', async () => {
    const one = await measure(() => readImportFile(withSlots(1), NAME, WRONG));
    const bio = await measure(() => readImportFile(withSlots(1, 5000), NAME, WRONG));
    expect(bio).toEqual(one);
    const real = aegisEncryptedFile(db, 'phone password', {
      biometricSlot: true,
      morePasswords: ['backup password'],
    });
    for (const password of ['phone password', 'backup password']) {
      const found = await readImportFile(real, NAME, password);
      expect(found.accounts).toHaveLength(2);
    }
  });
});

describe('cancelling', () => {
  const NAME = 'aegis-export.json';

  it('an aborted signal stops before the first derivation: CANCELLED, no work', async () => {
    const key = await newBackupKey(BACKUP_PASSWORD, TINY_KDF);
    const backup = encodeBackup({ accounts: [], groups: [] }, key, {
      appVersion: '1.0.0',
      now: new Date(),
    });
    const aegis = aegisEncryptedFile(aegisDb(SAMPLE_ACCOUNTS.slice(0, 1)), 'pw');
    const signal = AbortSignal.abort();
    expect(await measure(() => decodeBackup(Buffer.from(backup), BACKUP_PASSWORD, signal))).toEqual(
      { work: 0, end: 'CANCELLED' },
    );
    expect(await measure(() => readImportFile(aegis, NAME, 'pw', signal))).toEqual({
      work: 0,
      end: 'CANCELLED',
    });
  });

  it('while a key is derived: the derivation ends, its key is discarded, and no further slot is tried', async () => {
    // The right password is in the second slot; the run is cancelled while the first is derived.
    const aegis = aegisEncryptedFile(aegisDb(SAMPLE_ACCOUNTS.slice(0, 1)), 'first', {
      morePasswords: ['second'],
    });
    const controller = new AbortController();
    kdf.onRun = () => controller.abort();
    expect(
      await measure(() => readImportFile(aegis, NAME, 'second', controller.signal)),
    ).toMatchObject({ end: 'CANCELLED' });
    expect(kdf.runs).toBe(1);

    // A backup whose one slot the password opens: the key that came out is not used.
    const key = await newBackupKey(BACKUP_PASSWORD, TINY_KDF);
    const backup = encodeBackup({ accounts: [], groups: [] }, key, {
      appVersion: '1.0.0',
      now: new Date(),
    });
    kdf.runs = 0;
    const again = new AbortController();
    kdf.onRun = () => again.abort();
    expect(
      await measure(() => decodeBackup(Buffer.from(backup), BACKUP_PASSWORD, again.signal)),
    ).toMatchObject({ end: 'CANCELLED' });
    expect(kdf.runs).toBe(1);
  });

  it('a vault unlock loop stops before the next slot', async () => {
    const kind = passwordSlot(TINY_KDF);
    const master = randomBytes(32);
    const slots = [
      await kind.wrap(master, 'first', VAULT_CONTEXT),
      await kind.wrap(master, 'second', VAULT_CONTEXT),
    ];
    kdf.runs = 0;
    const controller = new AbortController();
    kdf.onRun = () => controller.abort();
    expect(
      await measure(() =>
        unwrapMasterKey(slots, passwordSlot(), 'second', VAULT_CONTEXT, controller.signal),
      ),
    ).toMatchObject({ end: 'CANCELLED' });
    expect(kdf.runs).toBe(1);
  });
});
