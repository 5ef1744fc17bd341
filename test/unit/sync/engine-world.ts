// Devices for the engine tests: each holds its vault's synced contents, its merged state and its
// last stamp, runs syncRound like the use case does, and publishes its changes and snapshots.
import type { Account, AccountInput } from '../../../shared/account';
import {
  emptyState,
  syncRound,
  type Incoming,
  type RoundResult,
  type SyncedContents,
} from '../../../electron/sync/engine/round';
import type { Change, Hlc, Snapshot, SyncState } from '../../../electron/sync/types';

export const DEVICES = ['a'.repeat(32), 'b'.repeat(32), 'c'.repeat(32)] as const;
export const NAMES = { [DEVICES[0]]: 'Desktop', [DEVICES[1]]: 'Laptop', [DEVICES[2]]: 'Office' };

let serial = 0;
export function account(input: Partial<AccountInput & Account> = {}): Account {
  serial++;
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, serial)).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    issuer: `Service ${serial}`,
    label: `user${serial}@example.com`,
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret: `JBSWY3DPEHPK3PXP${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[serial % 32]}`,
    createdAt: at,
    updatedAt: at,
    ...input,
  };
}

/** What JSON keeps of a value (the vault and the sealed files are JSON). */
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class Device {
  state: SyncState = emptyState();
  hlc: Hlc | null = null;
  contents: SyncedContents = { accounts: [], groups: [], icons: {} };
  /** Every change this device published, in order. */
  published: Change[] = [];
  last: RoundResult | null = null;

  constructor(
    readonly id: string,
    public clock = Date.UTC(2026, 0, 2),
  ) {}

  /** A round, as the use case runs it: the result becomes the vault's contents and sync data. */
  round(incoming: Incoming[] = [], joining = false): RoundResult {
    this.clock += 1000;
    const result = syncRound({
      state: this.state,
      device: this.id,
      hlc: this.hlc,
      wallMs: this.clock,
      local: json(this.contents),
      incoming: json(incoming),
      names: NAMES,
      joining,
    });
    // As the vault and the folder keep them: JSON.
    this.state = json(result.state);
    this.hlc = result.hlc;
    this.contents = result.contents;
    if (result.change) this.published.push(result.change);
    this.last = result;
    return result;
  }

  snapshot(): Snapshot {
    return {
      device: { id: this.id, name: NAMES[this.id] ?? this.id, publicKey: '' },
      seq: this.state.vv[this.id] ?? 0,
      writtenAt: new Date(this.clock).toISOString(),
      state: json(this.state),
      removed: [],
    };
  }

  /** What a door does: changes the vault's contents. */
  edit(change: (contents: SyncedContents) => void): void {
    change(this.contents);
  }
}

export const changesOf = (...devices: Device[]): Incoming[] =>
  devices.flatMap((device) =>
    device.published.map((change) => ({ kind: 'change' as const, change })),
  );

/** The accounts as a device shows them, for comparing devices. */
export const view = (device: Device) => JSON.stringify({ ...device.contents });
