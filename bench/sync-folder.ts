// The sync folder's size stays bounded: 10,000 operations (adds, edits, deletes, HOTP uses) on one
// device, a round after every few, a second device catching up now and then; compaction (a snapshot
// every 64 changes, then the journals it covers removed) keeps the folder to about a snapshot and a
// few dozen journals per device. Prints the bytes, and the time of one round.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AccountInput } from '../shared/account';
import { encodeBase32 } from '../shared/base32';
import { SyncService } from '../electron/use-cases/sync';
import type { DurableFs } from '../electron/vault/durable-write';
import type { VaultPayload } from '../electron/vault/payload';
import { Vault } from '../electron/vault/vault';
import { addAccounts, removeAccount, updateAccount } from '../electron/vault/vault-accounts';
import { type BenchRow, stats } from './stats';

const OPERATIONS = 10_000;
/** Operations per round: a user's burst of edits before the runner's round. */
const PER_ROUND = 10;
const LIVE_ACCOUNTS = 100;
const KDF = { N: 2 ** 10 };

function input(i: number): AccountInput {
  return {
    issuer: `Service ${i}`,
    label: `user${i}@example.com`,
    type: i % 10 === 0 ? 'hotp' : 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret: encodeBase32(createHash('sha256').update(`account ${i}`).digest().subarray(0, 20)),
  };
}

/**
 * The vaults' own saves without their fsync: this bench is about the sync folder, and 10,000 vault
 * saves each waiting for the disk would take most of its time. The folder's writes keep theirs.
 */
const vaultFs: DurableFs = {
  ...fs,
  open: (async (...args: Parameters<typeof fs.open>) => {
    const handle = await fs.open(...args);
    return Object.assign(Object.create(handle) as typeof handle, {
      sync: async () => undefined,
      writeFile: (...rest: Parameters<typeof handle.writeFile>) => handle.writeFile(...rest),
      close: () => handle.close(),
    });
  }) as DurableFs['open'],
};

/** Operation `op` on the vault's draft: an add, a delete, an HOTP use, a rename or a note; returns the next new account's number. */
function operate(draft: VaultPayload, op: number, next: number, now: string): number {
  const accounts = draft.accounts;
  const pick = accounts[(op * 7919) % Math.max(1, accounts.length)];
  const roll = op % 10;
  if (!pick || (accounts.length < LIVE_ACCOUNTS && roll < 4)) {
    addAccounts(draft, [input(next)], 'allow', now);
    return next + 1;
  }
  if (roll < 2 && accounts.length > LIVE_ACCOUNTS / 2) removeAccount(draft, pick.id);
  else if (pick.type === 'hotp' && roll < 5) {
    updateAccount(draft, pick.id, { counter: pick.counter + 1 }, now);
  } else if (roll < 7) updateAccount(draft, pick.id, { label: `renamed ${op}` }, now);
  else updateAccount(draft, pick.id, { note: `note ${op}`, pinned: op % 3 === 0 }, now);
  return next;
}

async function folderBytes(folder: string): Promise<{ files: number; bytes: number }> {
  let bytes = 0;
  const names = await readdir(folder);
  for (const name of names) bytes += (await stat(path.join(folder, name))).size;
  return { files: names.length, bytes };
}

export interface SyncFolderBench {
  rows: BenchRow[];
  lines: string[];
}

export async function syncFolderBench(
  dir: string,
  operations = OPERATIONS,
): Promise<SyncFolderBench> {
  const folder = path.join(dir, 'sync-folder');
  await mkdir(folder);
  const clock = { now: () => Date.now() };
  const make = async (name: string) => {
    const vault = await Vault.create(path.join(dir, `${name}.json`), 'bench password', {
      kdf: KDF,
      fs: vaultFs,
    });
    return { vault, sync: new SyncService({ vault, clock, hostname: () => name }) };
  };
  const a = await make('laptop');
  const b = await make('desktop');
  await a.sync.start({ folder });
  await b.sync.join({ folder, code: (await a.sync.offerPairing()).code });

  let next = 0;
  let written = 0;
  let peakBytes = 0;
  const rounds: number[] = [];
  for (let op = 0; op < operations; op += PER_ROUND) {
    // One save for the burst: the same account rules as the vault's own methods (vault-accounts.ts),
    // without ten saves of a growing vault per round, which made this bench take half an hour.
    await a.vault.syncChange((draft, now) => {
      for (let i = op; i < Math.min(operations, op + PER_ROUND); i++) {
        next = operate(draft, i, next, now);
      }
      return { value: undefined, write: true };
    });
    const before = (await readdir(folder)).filter((name) => name.endsWith('.journal')).length;
    const start = performance.now();
    await a.sync.syncNow();
    rounds.push(performance.now() - start);
    const after = await readdir(folder);
    written += Math.max(0, after.filter((name) => name.endsWith('.journal')).length - before);
    peakBytes = Math.max(peakBytes, (await folderBytes(folder)).bytes);
    if (op % 1_000 === 1_000 - PER_ROUND) await b.sync.syncNow();
  }
  await a.sync.syncNow();
  await b.sync.syncNow();
  const end = await folderBytes(folder);
  const same =
    JSON.stringify(a.vault.list().map((x) => [x.secret, x.label, x.note, x.counter])) ===
    JSON.stringify(b.vault.list().map((x) => [x.secret, x.label, x.note, x.counter]));
  a.vault.lock();
  b.vault.lock();
  return {
    rows: [
      {
        name: `sync round: ${PER_ROUND} edits, ~${LIVE_ACCOUNTS} accounts (merge, vault write, journal, snapshot every 64)`,
        runs: rounds.length,
        ...stats(rounds),
        bar: null,
      },
    ],
    lines: [
      `Sync folder after ${operations.toLocaleString('en')} operations in ${rounds.length} rounds ` +
        `(2 devices, ~${LIVE_ACCOUNTS} accounts): ${end.bytes.toLocaleString('en')} bytes in ${end.files} files ` +
        `(largest seen ${peakBytes.toLocaleString('en')} bytes; at least ${written} journal files were written, compaction removed all but ${end.files - 2}); ` +
        `devices agree: ${same ? 'yes' : 'NO'}.`,
    ],
  };
}
