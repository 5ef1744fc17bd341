// Files with many password slots (issue 11, item 1): how long a wrong password takes to be refused
// on a crafted 20 MB file, against the same file with one slot. The bar is twice the one-slot time.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IMPORT_FILE_MAX_BYTES } from '../shared/ipc';
import { isAuthdeskError } from '../shared/errors';
import { readImportFile } from '../electron/import/formats';
import { decodeBackup, encodeBackup, newBackupKey } from '../electron/transfer/backup-file';
import { Vault } from '../electron/vault/vault';
import { aegisDb, aegisEncryptedFile, AEGIS_DEFAULT_SCRYPT } from '../test/harness/import-samples';
import { type BenchRow, measure, stats } from './stats';

const PASSWORD = 'benchmark password';
const WRONG = 'not the password';
const RUNS = 5;

/** The file with `count` copies of its first slot (each with its own salt), up to `total` bytes. */
function crafted<S>(
  text: string,
  slotsOf: (json: Record<string, unknown>) => S[],
  setSlots: (json: Record<string, unknown>, slots: S[]) => void,
  salt: (slot: S) => void,
  count = Infinity,
  total = IMPORT_FILE_MAX_BYTES,
): { text: string; slots: number } {
  const json = JSON.parse(text) as Record<string, unknown>;
  const [first] = slotsOf(json);
  const each = JSON.stringify(first).length + 1;
  const n = Math.min(count, Math.floor((total - text.length) / each) + 1);
  setSlots(
    json,
    Array.from({ length: n }, () => {
      const copy = structuredClone(first!);
      salt(copy);
      return copy;
    }),
  );
  return { text: JSON.stringify(json), slots: n };
}

/** Runs `attempt`, which must be refused with one of `codes`, RUNS times. */
async function refused(attempt: () => Promise<unknown>, codes: string[]): Promise<number[]> {
  return measure(RUNS, async () => {
    try {
      await attempt();
    } catch (error) {
      if (isAuthdeskError(error) && codes.includes(error.code)) return;
      throw error;
    }
    throw new Error('the wrong password was accepted');
  });
}

const mb = (text: string) => (Buffer.byteLength(text) / 1024 / 1024).toFixed(1);

export async function slotsBench(dir: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];

  // A backup at the vault's default cost (N=2^17, r=8), as Authdesk writes it.
  const key = await newBackupKey(PASSWORD);
  const backup = encodeBackup({ accounts: [], groups: [] }, key, {
    appVersion: 'bench',
    now: new Date(),
  });
  type Slot = { kdf: { salt: string } };
  const backupSlots = (json: Record<string, unknown>) => json.slots as Slot[];
  const setBackupSlots = (json: Record<string, unknown>, slots: Slot[]) => (json.slots = slots);
  const saltBackup = (slot: Slot) => (slot.kdf.salt = randomBytes(32).toString('base64'));
  const bigBackup = crafted(backup, backupSlots, setBackupSlots, saltBackup);
  await addPair(
    rows,
    'backup, one password slot (N=2^17, r=8): wrong password refused',
    () => decodeBackup(Buffer.from(backup), WRONG),
    `backup, ${mb(bigBackup.text)} MB file of ${bigBackup.slots.toLocaleString('en')} crafted slots: refused`,
    () => decodeBackup(Buffer.from(bigBackup.text), WRONG),
  );

  // Two slots at the dearest cost a slot may have (1 GiB, about 32 times the default each).
  const dearest = JSON.parse(backup) as { slots: (Slot & { kdf: object })[] };
  dearest.slots = [0, 1].map(() => {
    const slot = structuredClone(dearest.slots[0]!);
    Object.assign(slot.kdf, { N: 2 ** 20, r: 8, p: 4 });
    saltBackup(slot);
    return slot;
  });
  const dearestBytes = Buffer.from(JSON.stringify(dearest));
  rows.push({
    name: 'backup, two slots at the dearest cost a slot may have (N=2^20, r=8, p=4): refused',
    runs: RUNS,
    ...stats(await refused(() => decodeBackup(dearestBytes, WRONG), ['FILE_CORRUPT'])),
    bar: rows[1]!.bar,
  });

  // The vault, as Authdesk writes it (one password slot at N=2^17), and crafted copies of it.
  const vaultFile = path.join(dir, 'slots-vault.json');
  const vault = await Vault.create(vaultFile, PASSWORD);
  vault.lock();
  const vaultText = await readFile(vaultFile, 'utf8');
  const bigVault = crafted(vaultText, backupSlots, setBackupSlots, saltBackup);
  const twoVault = crafted(vaultText, backupSlots, setBackupSlots, saltBackup, 2);
  const crafty = path.join(dir, 'crafted-vault.json');
  const two = path.join(dir, 'two-slot-vault.json');
  await writeFile(crafty, bigVault.text);
  await writeFile(two, twoVault.text);
  const unlockWrong = (file: string) => async () => (await Vault.open(file)).unlock(WRONG);
  await addPair(
    rows,
    'vault, one password slot (N=2^17, r=8): wrong password refused',
    unlockWrong(vaultFile),
    `vault, ${mb(bigVault.text)} MB file of ${bigVault.slots.toLocaleString('en')} crafted slots: refused`,
    unlockWrong(crafty),
  );
  rows.push({
    name: 'vault, two password slots (the most of equal cost it reads; twice the KDF work by design): wrong password refused',
    runs: RUNS,
    ...stats(await refused(unlockWrong(two), ['WRONG_PASSWORD'])),
    bar: null,
  });

  // Aegis at its own cost (N=2^15, r=8).
  const db = aegisDb([]);
  const aegis = Buffer.from(aegisEncryptedFile(db, PASSWORD, { scrypt: AEGIS_DEFAULT_SCRYPT }));
  type AegisSlot = { salt: string };
  const header = (json: Record<string, unknown>) => json.header as { slots: AegisSlot[] };
  const bigAegis = crafted(
    aegis.toString(),
    (json) => header(json).slots,
    (json, slots) => (header(json).slots = slots),
    (slot) => (slot.salt = randomBytes(32).toString('hex')),
  );
  const twoAegis = Buffer.from(
    aegisEncryptedFile(db, PASSWORD, {
      scrypt: AEGIS_DEFAULT_SCRYPT,
      biometricSlot: true,
      morePasswords: ['backup password'],
    }),
  );
  await addPair(
    rows,
    'Aegis export, one password slot (N=2^15, r=8): wrong password refused',
    () => readImportFile(aegis, 'aegis.json', WRONG),
    `Aegis export, ${mb(bigAegis.text)} MB file of ${bigAegis.slots.toLocaleString('en')} crafted slots: refused`,
    () => readImportFile(Buffer.from(bigAegis.text), 'aegis.json', WRONG),
  );
  rows.push({
    name: 'Aegis export, two password slots and a biometric one (as a phone writes it; twice the KDF work): wrong password refused',
    runs: RUNS,
    ...stats(
      await refused(() => readImportFile(twoAegis, 'aegis.json', WRONG), ['WRONG_PASSWORD']),
    ),
    bar: null,
  });
  return rows;
}

/** The one-slot reference (no bar) and the crafted file, whose bar is twice the reference. */
async function addPair(
  rows: BenchRow[],
  oneName: string,
  one: () => Promise<unknown>,
  manyName: string,
  many: () => Promise<unknown>,
): Promise<void> {
  const reference = stats(await refused(one, ['WRONG_PASSWORD']));
  rows.push({ name: oneName, runs: RUNS, ...reference, bar: null });
  const crafted = stats(await refused(many, ['WRONG_PASSWORD', 'FILE_CORRUPT', 'VAULT_CORRUPT']));
  rows.push({ name: manyName, runs: RUNS, ...crafted, bar: Math.round(2 * reference.median) });
}
