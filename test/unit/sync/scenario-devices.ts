// Devices for the sync scenario tests: each a real vault in its own temp folder with its own clock and
// SyncService, all sharing one real sync folder (what a sync service would carry between computers).
import * as fs from 'node:fs/promises';
import path from 'node:path';
import type { Account } from '../../../shared/account';
import type { SyncStatus } from '../../../shared/sync';
import { SyncService } from '../../../electron/use-cases/sync';
import { Vault } from '../../../electron/vault/vault';
import { ManualTime } from '../../harness/manual-timers';
import { PASSWORD, TINY_KDF, makeTempDir, removeTempDir } from '../../harness/vault-fixtures';

export const START_MS = Date.parse('2026-12-01T09:00:00.000Z');
/** A sync password long enough, joined at a test cost. */
export const SYNC_PASSWORD = 'shared sync password 42';
export const PASSWORD_COST = { N: 2 ** 10 } as const;

export interface Device {
  name: string;
  file: string;
  vault: Vault;
  sync: SyncService;
  time: ManualTime;
  statuses: SyncStatus[];
}

export class World {
  readonly root: string;
  readonly folder: string;
  readonly devices: Device[] = [];

  private constructor(root: string) {
    this.root = root;
    this.folder = path.join(root, 'Sync');
  }

  static async create(): Promise<World> {
    const world = new World(await makeTempDir());
    await fs.mkdir(world.folder);
    return world;
  }

  /** A new vault (with its own clock at `startMs`) and its sync service; sync not set up yet. */
  async device(name: string, startMs = START_MS): Promise<Device> {
    const dir = path.join(this.root, name);
    await fs.mkdir(dir);
    const time = new ManualTime(startMs);
    const file = path.join(dir, 'vault.json');
    const vault = await Vault.create(file, PASSWORD, {
      kdf: TINY_KDF,
      now: () => new Date(time.now()),
    });
    const device = { name, file, vault, time, statuses: [] as SyncStatus[] } as Device;
    device.sync = serviceFor(device);
    this.devices.push(device);
    return device;
  }

  /** A started on the empty folder, then each of `others` joined with a pairing code A offers. */
  async paired<Names extends [string, ...string[]]>(
    ...names: Names
  ): Promise<{ [K in keyof Names]: Device }> {
    const devices: Device[] = [];
    for (const name of names) devices.push(await this.device(name));
    const [first, ...rest] = devices as [Device, ...Device[]];
    await first.sync.start({ folder: this.folder });
    for (const device of rest) {
      const offer = await first.sync.offerPairing();
      await device.sync.join({ folder: this.folder, code: offer.code });
      await first.sync.syncNow();
    }
    return devices as { [K in keyof Names]: Device };
  }

  /** Rounds on every device until none changes its vault (at most `limit` passes). */
  async settle(devices: Device[] = this.devices, limit = 6): Promise<void> {
    for (let pass = 0; pass < limit; pass++) {
      const before = devices.map((device) => device.vault.revision);
      for (const device of devices) await device.sync.syncNow();
      if (devices.every((device, i) => device.vault.revision === before[i])) return;
    }
    throw new Error(`the devices did not settle in ${limit} passes`);
  }

  async files(): Promise<string[]> {
    return (await fs.readdir(this.folder)).sort();
  }

  async close(): Promise<void> {
    for (const device of this.devices) device.vault.lock();
    await removeTempDir(this.root);
  }
}

export function serviceFor(device: Pick<Device, 'vault' | 'time' | 'name' | 'statuses'>) {
  return new SyncService({
    vault: device.vault,
    clock: device.time,
    hostname: () => device.name,
    passwordCost: PASSWORD_COST,
    onStatus: (status) => device.statuses.push(status),
  });
}

/** What a user sees of the accounts, in order, without ids or times (they may differ per device). */
export function shown(accounts: Account[]) {
  return accounts.map(({ issuer, label, secret, type, counter, tags, note, pinned }) => ({
    issuer,
    label,
    secret,
    type,
    counter,
    tags: tags ?? [],
    note: note ?? '',
    pinned: pinned ?? false,
  }));
}

/** The accounts as a user sees them, sorted by secret then label: for sets without an order. */
export function shownSet(accounts: Account[]) {
  return shown(accounts).sort(
    (a, b) => a.secret.localeCompare(b.secret) || a.label.localeCompare(b.label),
  );
}
