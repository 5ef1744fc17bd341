// Import preview of big files (issue 14, "Speed"): a 10,000-entry plain Aegis export and a
// 10,000-line otpauth:// list, read, recognised and judged against a 1,000-account vault, the way
// `authdesk import` (openImportFile → read → judgeMerge) and the window (FileImports → PendingImports
// preview) do before anything is committed.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Account, AccountInput } from '../shared/account';
import { encodeBase32 } from '../shared/base32';
import { systemClock, systemTimers } from '../electron/clock/clock';
import { PendingImports } from '../electron/import/pending-imports';
import { encodeAegisPlain } from '../electron/transfer/aegis-export';
import { otpauthListText } from '../electron/transfer/device-export';
import { judgeMerge, openImportFile } from '../electron/use-cases/import-file';
import { Vault } from '../electron/vault/vault';
import { type BenchRow, measure, stats } from './stats';

const ENTRIES = 10_000;
const IN_VAULT = 1_000;
const RUNS = 7;
/** Issue 14: the preview of either file within a second. */
const BAR_MS = 1000;

/** Distinct accounts of every kind; the first IN_VAULT of them are in the vault already. */
function account(i: number): Account {
  const kind = i % 10;
  const secret = encodeBase32(
    Uint8Array.from({ length: 20 }, (_, j) => (i * 131 + j * 17 + (i >> 8)) & 0xff),
  );
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    issuer: `Service ${i % 500}`,
    label: `user${i}@example.com`,
    type: kind === 9 ? 'hotp' : 'totp',
    algorithm: (['SHA1', 'SHA256', 'SHA512'] as const)[i % 3]!,
    digits: kind === 7 ? 8 : 6,
    period: 30,
    counter: kind === 9 ? i : 0,
    secret,
    ...(kind < 3 && { tags: [`Group ${kind}`] }),
    ...(kind === 4 && { note: `note ${i}` }),
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
  };
}

function inputOf(account: Account): AccountInput {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { id, createdAt, updatedAt, ...input } = account;
  return input;
}

export async function importBench(dir: string): Promise<BenchRow[]> {
  const accounts = Array.from({ length: ENTRIES }, (_, i) => account(i));
  const aegisFile = path.join(dir, 'aegis-10000.json');
  const listFile = path.join(dir, 'otpauth-10000.txt');
  await writeFile(aegisFile, encodeAegisPlain({ accounts, groups: ['Group 0', 'Group 1'] }));
  await writeFile(listFile, otpauthListText(accounts, new Date()));

  const vaultFile = path.join(dir, 'import-vault.json');
  const vault = await Vault.create(vaultFile, 'benchmark password');
  await vault.addMany(accounts.slice(0, IN_VAULT).map(inputOf));
  const imports = new PendingImports({ clock: systemClock, timers: systemTimers, vault });

  const rows: BenchRow[] = [];
  try {
    for (const [what, file] of [
      ['10,000-entry Aegis plain file', aegisFile],
      ['10,000-line otpauth:// list', listFile],
    ] as const) {
      let judged = 0;
      const cli = await measure(RUNS, async () => {
        const opened = await openImportFile(file);
        const found = await opened.read(undefined);
        const entries = judgeMerge(
          vault.list(),
          found.accounts.map((a) => a.input),
        );
        judged = entries.length;
      });
      if (judged !== ENTRIES) throw new Error(`${what}: judged ${judged} entries, not ${ENTRIES}`);
      rows.push({
        name: `import preview (authdesk import): ${what}, read + judged against ${IN_VAULT.toLocaleString('en')} accounts`,
        runs: RUNS,
        ...stats(cli),
        bar: BAR_MS,
      });

      let shown = 0;
      const window = await measure(RUNS, async () => {
        const opened = await openImportFile(file);
        const preview = await imports.add(undefined, () => opened.read(undefined));
        shown = preview.items.length;
        imports.cancel(preview.id);
      });
      if (shown !== ENTRIES) throw new Error(`${what}: previewed ${shown} entries, not ${ENTRIES}`);
      rows.push({
        name: `import preview (window): ${what}, read + pending import + preview against ${IN_VAULT.toLocaleString('en')} accounts`,
        runs: RUNS,
        ...stats(window),
        bar: BAR_MS,
      });
    }
  } finally {
    vault.lock();
  }
  return rows;
}
