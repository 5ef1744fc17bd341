// Sync merge (DESIGN.md §7: ≤ 200 ms): three devices share 1,000 accounts, each having added a
// third of them, then edit at the same time (names, notes, tags, moves, deletes, a few secrets
// changed on two devices at once). A fourth device with an empty state merges it all in one
// syncRound: from the three devices' journals, and from their three snapshots. And the round a
// device runs after each change of its vault: one account edited.
import type { Account } from '../shared/account';
import { encodeBase32 } from '../shared/base32';
import {
  emptyState,
  syncRound,
  type Incoming,
  type SyncedContents,
} from '../electron/sync/engine/round';
import type { Change, Hlc, Snapshot, SyncState } from '../electron/sync/types';
import { type BenchRow, stats } from './stats';

const START = Date.UTC(2026, 0, 2);

class BenchDevice {
  state: SyncState = emptyState();
  hlc: Hlc | null = null;
  contents: SyncedContents = { accounts: [], groups: [], icons: {} };
  published: Change[] = [];
  clock: number;

  constructor(
    readonly id: string,
    offset: number,
  ) {
    this.clock = START + offset;
  }

  round(incoming: Incoming[]): void {
    this.clock += 1000;
    const result = syncRound({
      state: this.state,
      device: this.id,
      hlc: this.hlc,
      wallMs: this.clock,
      local: this.contents,
      incoming,
      names: {},
    });
    this.state = result.state;
    this.hlc = result.hlc;
    this.contents = result.contents;
    if (result.change) this.published.push(result.change);
  }

  snapshot(): Snapshot {
    return {
      device: { id: this.id, name: this.id.slice(0, 8), publicKey: '' },
      seq: this.state.vv[this.id] ?? 0,
      writtenAt: new Date(this.clock).toISOString(),
      state: this.state,
      removed: [],
    };
  }
}

function account(n: number): Account {
  const at = new Date(START - n * 1000).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    issuer: `Service ${n}`,
    label: `user${n}@example.com`,
    type: n % 10 === 0 ? 'hotp' : 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret: encodeBase32(Uint8Array.from({ length: 20 }, (_, j) => (n * 31 + j * 7) & 0xff)),
    tags: n % 3 === 0 ? ['Work'] : ['Home', 'AWS'],
    note: `note ${n}`,
    createdAt: at,
    updatedAt: at,
  };
}

const journal = (devices: BenchDevice[]): Incoming[] =>
  devices.flatMap((d) => d.published.map((change) => ({ kind: 'change' as const, change })));

/** Three devices with 1,000 accounts between them and concurrent edits not yet exchanged. */
function history(): BenchDevice[] {
  const devices = [1, 2, 3].map((n, i) => new BenchDevice(String(n).repeat(32), i * 60_000));
  devices.forEach((device, i) => {
    device.contents.groups = ['Work', 'Home', 'AWS'];
    for (let n = i; n < 1000; n += 3) device.contents.accounts.push(account(n));
    device.round([]);
  });
  for (const device of devices) device.round(journal(devices));
  for (const device of devices) device.round(journal(devices));
  const [a, b, c] = devices as [BenchDevice, BenchDevice, BenchDevice];
  a.contents.accounts.slice(0, 100).forEach((x, i) => (x.label = `renamed ${i}`));
  b.contents.accounts.slice(50, 150).forEach((x, i) => (x.note = `edited ${i}`));
  b.contents.accounts.splice(900, 10);
  c.contents.accounts.slice(200, 260).forEach((x) => (x.tags = ['AWS']));
  c.contents.accounts.push(...c.contents.accounts.splice(300, 50));
  for (let i = 0; i < 5; i++) {
    a.contents.accounts[500 + i]!.secret = encodeBase32(Uint8Array.from({ length: 20 }, () => i));
    b.contents.accounts[500 + i]!.secret = encodeBase32(
      Uint8Array.from({ length: 20 }, () => 100 + i),
    );
  }
  for (const device of devices) device.round([]);
  return devices;
}

export function syncMergeBench(): BenchRow[] {
  const devices = history();
  const changes = journal(devices);
  const snapshots: Incoming[] = devices.map((d) => ({ kind: 'snapshot', snapshot: d.snapshot() }));
  const time = (incoming: Incoming[]): number[] => {
    const samples: number[] = [];
    for (let run = 0; run < 15; run++) {
      const fresh = new BenchDevice('4'.repeat(32), 0);
      const copy = structuredClone(incoming);
      const start = performance.now();
      fresh.round(copy);
      samples.push(performance.now() - start);
      if (fresh.contents.accounts.length !== 995) {
        throw new Error(`the merge gave ${fresh.contents.accounts.length} accounts, not 995`);
      }
    }
    return samples;
  };
  // The round every vault change brings: one account edited, nothing new from the others.
  const own = devices[0]!;
  const edits: number[] = [];
  for (let run = 0; run < 15; run++) {
    own.contents.accounts[run]!.note = `edited again ${run}`;
    const start = performance.now();
    own.round([]);
    edits.push(performance.now() - start);
  }
  return [
    {
      name: `sync merge: 1,000 accounts from 3 devices' journals (${changes.length} changes, concurrent edits, 5 secret conflicts)`,
      runs: 15,
      ...stats(time(changes)),
      bar: 200,
    },
    {
      name: 'sync merge: the same from the 3 devices’ snapshots',
      runs: 15,
      ...stats(time(snapshots)),
      bar: 200,
    },
    {
      name: 'sync round after one local edit, 1,000 accounts (diff, change, projection)',
      runs: 15,
      ...stats(edits),
      bar: null,
    },
  ];
}
