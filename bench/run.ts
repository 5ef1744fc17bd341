// `npm run bench`: measures the DESIGN.md §7 bars on this machine and prints a Markdown table.
// `npm run bench -- import qr` runs only those sections: vault, qr, renderer, quick-access, typing,
// cli, import, sync-folder, sync-merge.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import type { AccountInput } from '../shared/account';
import { encodeBase32 } from '../shared/base32';
import { createOtpEngine } from '../shared/otp';
import { CodeTicker } from '../electron/use-cases/code-ticker';
import { systemClock, systemTimers } from '../electron/clock/clock';
import { Vault } from '../electron/vault/vault';
import { AGENT_RATIO_BAR, cliBench } from './cli';
import { importBench } from './import';
import { qrBench } from './qr';
import { rendererBench } from './renderer';
import { quickAccessBench } from './quick-access';
import { slotsBench } from './slots';
import { syncFolderBench } from './sync-folder';
import { syncMergeBench } from './sync-merge';
import { type BenchRow, measure, stats } from './stats';
import { typingBench } from './typing';

function accounts(n: number): AccountInput[] {
  return Array.from({ length: n }, (_, i) => ({
    issuer: `Service ${i}`,
    label: `user${i}@example.com`,
    type: 'totp',
    algorithm: (['SHA1', 'SHA256', 'SHA512'] as const)[i % 3]!,
    digits: 6,
    period: 30,
    counter: 0,
    secret: encodeBase32(Uint8Array.from({ length: 20 }, (_, j) => (i * 31 + j * 7) & 0xff)),
  }));
}

const SECTIONS = [
  'vault',
  'qr',
  'renderer',
  'quick-access',
  'typing',
  'cli',
  'import',
  'sync-folder',
  'sync-merge',
];
const only = process.argv.slice(2);
for (const name of only) {
  if (!SECTIONS.includes(name)) {
    console.error(`Unknown bench section "${name}"; the sections are ${SECTIONS.join(', ')}.`);
    process.exit(2);
  }
}
const wants = (section: string) => only.length === 0 || only.includes(section);

const rows: BenchRow[] = [];
/** Results that are not times (bytes), printed under the table. */
const notes: string[] = [];
const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-bench-'));
try {
  if (wants('vault')) await vaultBench(dir);
  if (wants('import')) rows.push(...(await importBench(dir)));
  if (wants('sync-folder')) {
    const sync = await syncFolderBench(dir);
    rows.push(...sync.rows);
    notes.push(...sync.lines);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

async function vaultBench(dir: string): Promise<void> {
  const file = path.join(dir, 'vault.json');
  const vault = await Vault.create(file, 'benchmark password');
  await vault.addMany(accounts(1000));
  vault.lock();

  const unlock = await measure(7, async () => {
    const v = await Vault.open(file);
    await v.unlock('benchmark password');
    v.list();
    v.lock();
  });
  rows.push({
    name: 'unlock: scrypt N=2^17 + decrypt, 1,000 accounts',
    runs: 7,
    ...stats(unlock),
    bar: 500,
  });

  const open = await Vault.open(file);
  await open.unlock('benchmark password');
  const first = open.list()[0]!;
  let n = 0;
  const write = await measure(30, () => open.update(first.id, { note: `edit ${n++}` }));
  rows.push({
    name: 'write: one change, 1,000 accounts (lock, re-read, encrypt, fsync, rename)',
    runs: 30,
    ...stats(write),
    bar: 50,
  });

  const ticker = new CodeTicker({
    clock: systemClock,
    timers: systemTimers,
    engine: createOtpEngine({ crypto: new NodeCryptoPlugin() }),
    accounts: () => open.list(),
    push: () => {},
  });
  const codes = await measure(100, () => ticker.snapshot());
  rows.push({
    name: 'codes: current + next for 1,000 accounts, one time step (main)',
    runs: 100,
    ...stats(codes),
    bar: 20,
  });

  const cliEngine = createOtpEngine();
  const list = open.list();
  const cliCodes = await measure(50, () => {
    for (const a of list) cliEngine.codesAt(a, Date.now());
  });
  rows.push({
    name: 'codes: same with the default pure-JS crypto (CLI)',
    runs: 50,
    ...stats(cliCodes),
    bar: 20,
  });
  open.lock();

  rows.push(...(await slotsBench(dir)));
}
if (wants('qr')) rows.push(...(await qrBench()));
if (wants('renderer')) rows.push(...(await rendererBench()));
if (wants('quick-access')) rows.push(...(await quickAccessBench()));
if (wants('typing')) rows.push(...(await typingBench()));
if (wants('sync-merge')) rows.push(...syncMergeBench());
const cli = wants('cli') ? await cliBench() : null;
if (cli) rows.push(...cli.rows);

const fmt = (ms: number) => ms.toFixed(1);
console.log(
  `Authdesk benchmarks — Node ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString().slice(0, 10)}\n`,
);
console.log('| measurement | runs | median ms | p95 ms | bar ms | |');
console.log('|---|---:|---:|---:|---:|---|');
for (const r of rows) {
  const bar = r.bar === null ? '—' : `≤ ${r.bar}`;
  const verdict = r.bar === null ? '' : (r.judged ?? r.median) <= r.bar ? 'ok' : 'OVER';
  console.log(`| ${r.name} | ${r.runs} | ${fmt(r.median)} | ${fmt(r.p95)} | ${bar} | ${verdict} |`);
}
for (const note of notes) console.log(`\n${note}`);

if (cli) {
  const agentRow = cli.rows.find((r) => r.bar !== null)!;
  const nodeRow = cli.rows[0]!;
  console.log(
    `\nCLI through the running app: ${cli.ratio.toFixed(2)}× the password path (bar ≤ ${AGENT_RATIO_BAR}×): ` +
      `${cli.ratio <= AGENT_RATIO_BAR ? 'ok' : 'OVER'}; ${fmt(agentRow.median - nodeRow.median)} ms above Node's own start.`,
  );
}
