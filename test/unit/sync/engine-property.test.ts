// The merge engine's promise, checked on random histories: three devices do random things to their
// vaults (add, edit each field, delete, reorder, tag, untag, use an HOTP code, change a secret,
// restore a backup) and run rounds on random deliveries (any order, delayed, repeated, withheld;
// snapshots instead of journals; everything kept as JSON like the vault and the folder do). Once
// everything is delivered, every device shows the same accounts, and no secret that was ever added
// and not deliberately deleted (or changed) is lost.
// Replay a failure with SYNC_PROPERTY_SEED=<the seed printed> (and SYNC_PROPERTY_PATH from its report).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tagKey } from '../../../shared/tags';
import { valueKey } from '../../../electron/sync/engine/fields';
import type { Incoming } from '../../../electron/sync/engine/round';
import { account, Device, DEVICES } from './engine-world';

const TAGS = ['Work', 'Home', 'AWS', 'work'];
const FIELDS = ['issuer', 'label', 'note', 'pinned', 'awsSerial', 'icon', 'syncFlag'] as const;

type Op =
  | { kind: 'add'; hotp: boolean }
  | { kind: 'edit'; pick: number; field: (typeof FIELDS)[number]; value: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'move'; pick: number; to: number }
  | { kind: 'tag'; pick: number; tag: number }
  | { kind: 'untag'; pick: number; tag: number }
  | { kind: 'removeTag'; tag: number }
  | { kind: 'hotp'; pick: number }
  | { kind: 'secret'; pick: number }
  | { kind: 'round'; picks: number[]; snapshot: number | null }
  | { kind: 'sync' }
  | { kind: 'restore' }
  | { kind: 'snapshot' };

const pick = fc.nat(6);
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('add' as const), hotp: fc.boolean() }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      pick,
      field: fc.constantFrom(...FIELDS),
      value: fc.nat(3),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('move' as const), pick, to: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('tag' as const), pick, tag: fc.nat(3) }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('untag' as const), pick, tag: fc.nat(3) }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('removeTag' as const), tag: fc.nat(3) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('hotp' as const), pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('secret' as const), pick }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('round' as const),
      picks: fc.array(fc.nat(200), { maxLength: 12 }),
      snapshot: fc.option(fc.nat(20), { nil: null }),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('snapshot' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('sync' as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('restore' as const) }), weight: 1 },
);
const history = fc.array(fc.tuple(fc.nat(2), op), { minLength: 1, maxLength: 40 });

class World {
  devices = DEVICES.map((id, index) => new Device(id, Date.UTC(2026, 0, 2) + index * 7 * 60_000));
  snapshots: Incoming[] = [];
  /** Every secret ever given to an account, and those a device deliberately took away. */
  born = new Set<string>();
  dropped = new Set<string>();
  #secrets = 0;

  /** Three accounts every device has merged: the histories start from a shared vault. */
  constructor() {
    const first = this.devices[0]!;
    for (let i = 0; i < 3; i++) this.apply(0, { kind: 'add', hotp: i === 2 });
    first.round();
    for (const device of this.devices.slice(1)) device.round(this.journal);
  }

  newSecret(): string {
    const n = ++this.#secrets;
    const secret = `SECRET${n.toString(32).toUpperCase().padStart(10, 'A')}`.replace(/[01]/g, 'Z');
    this.born.add(secret);
    return secret;
  }

  get journal(): Incoming[] {
    return this.devices.flatMap((device) =>
      device.published.map((change) => ({ kind: 'change' as const, change })),
    );
  }

  apply(index: number, step: Op): void {
    const device = this.devices[index]!;
    const accounts = device.contents.accounts;
    const target =
      'pick' in step && accounts.length > 0 ? accounts[step.pick % accounts.length] : undefined;
    switch (step.kind) {
      case 'add':
        accounts.push(
          account({ secret: this.newSecret(), ...(step.hotp ? { type: 'hotp', counter: 0 } : {}) }),
        );
        return;
      case 'edit':
        if (!target) return;
        if (step.field === 'pinned') target.pinned = step.value % 2 === 0;
        else if (step.field === 'icon') {
          if (step.value === 0) delete target.icon;
          else target.icon = { kind: 'brand', slug: `brand${step.value}` };
        } else if (step.field === 'syncFlag') delete target.syncFlag;
        else if (step.value === 0 && step.field !== 'issuer' && step.field !== 'label') {
          delete target[step.field];
        } else target[step.field] = `${step.field} ${step.value} from ${index}`;
        return;
      case 'delete':
        if (!target) return;
        this.dropped.add(target.secret);
        accounts.splice(accounts.indexOf(target), 1);
        return;
      case 'move': {
        if (!target) return;
        accounts.splice(accounts.indexOf(target), 1);
        accounts.splice(step.to % (accounts.length + 1), 0, target);
        return;
      }
      case 'tag': {
        if (!target) return;
        const wanted = TAGS[step.tag]!;
        const listed = device.contents.groups.find((name) => tagKey(name) === tagKey(wanted));
        const name = listed ?? wanted;
        if (!listed) device.contents.groups.push(name);
        if (!(target.tags ?? []).some((t) => tagKey(t) === tagKey(name))) {
          target.tags = [...(target.tags ?? []), name];
        }
        return;
      }
      case 'untag': {
        if (!target?.tags) return;
        const key = tagKey(TAGS[step.tag]!);
        target.tags = target.tags.filter((t) => tagKey(t) !== key);
        if (target.tags.length === 0) delete target.tags;
        return;
      }
      case 'removeTag': {
        const key = tagKey(TAGS[step.tag]!);
        device.contents.groups = device.contents.groups.filter((t) => tagKey(t) !== key);
        for (const a of accounts) {
          if (!a.tags) continue;
          a.tags = a.tags.filter((t) => tagKey(t) !== key);
          if (a.tags.length === 0) delete a.tags;
        }
        return;
      }
      case 'hotp':
        if (target?.type === 'hotp') target.counter++;
        return;
      case 'secret':
        if (!target) return;
        this.dropped.add(target.secret);
        target.secret = this.newSecret();
        return;
      case 'restore':
        // A backup restored: the same accounts under new ids (replaceAll).
        device.contents.accounts = accounts.map((a) => ({ ...account(), ...a, id: account().id }));
        return;
      case 'sync':
        this.round(device, [...this.journal].reverse());
        return;
      case 'snapshot':
        this.snapshots.push({ kind: 'snapshot', snapshot: device.snapshot() });
        return;
      case 'round': {
        const journal = this.journal;
        const incoming: Incoming[] =
          journal.length === 0 ? [] : step.picks.map((n) => journal[n % journal.length]!);
        if (step.snapshot !== null && this.snapshots.length > 0) {
          incoming.splice(
            step.snapshot % (incoming.length + 1),
            0,
            this.snapshots[step.snapshot % this.snapshots.length]!,
          );
        }
        this.round(device, incoming);
        return;
      }
    }
  }

  /**
   * A round, checked: the vault stays valid, and no secret it held goes away unless some device
   * deliberately deleted or changed it (a merge never drops one on its own, not even for a while).
   */
  round(device: Device, incoming: Incoming[]): ReturnType<Device['round']> {
    const before = device.contents.accounts.map((a) => a.secret);
    const result = device.round(incoming);
    checkVault(device);
    const after = new Set(device.contents.accounts.map((a) => a.secret));
    for (const secret of before) {
      if (!this.dropped.has(secret))
        expect(after, `secret ${secret} dropped by a merge`).toContain(secret);
    }
    return result;
  }

  /** Everything to everyone (shuffled by a fixed rotation per device) until no device has anything to add. */
  deliverAll(): void {
    for (let pass = 0; pass < 10; pass++) {
      let quiet = true;
      for (const device of this.devices) {
        const journal = this.journal;
        const shift = (pass * 7 + device.id.charCodeAt(0)) % Math.max(1, journal.length);
        const incoming = [...journal.slice(shift), ...journal.slice(0, shift), ...this.snapshots];
        const result = this.round(device, incoming);
        if (result.change || result.waiting.length > 0) quiet = false;
      }
      if (quiet) return;
    }
    throw new Error('the devices did not settle within 10 passes');
  }
}

/** What the vault requires of its contents: unique ids, every account tag on the list once. */
function checkVault(device: Device): void {
  const { accounts, groups } = device.contents;
  expect(new Set(accounts.map((a) => a.id)).size).toBe(accounts.length);
  const keys = groups.map(tagKey);
  expect(new Set(keys).size).toBe(keys.length);
  for (const a of accounts) {
    for (const tag of a.tags ?? []) expect(groups).toContain(tag);
    expect(a.secret.length).toBeGreaterThan(0);
  }
}

const seed = Number(process.env.SYNC_PROPERTY_SEED ?? Date.now() % 2 ** 31);
const path = process.env.SYNC_PROPERTY_PATH;

describe('the merge engine on random histories of three devices', () => {
  it(`converges and loses no secret (seed ${seed})`, () => {
    console.log(`engine property: seed ${seed} (replay: SYNC_PROPERTY_SEED=${seed})`);
    fc.assert(
      fc.property(history, (steps) => {
        const world = new World();
        for (const [index, step] of steps) world.apply(index, step);
        world.deliverAll();
        const [first, ...rest] = world.devices.map((device) => valueKey(device.contents));
        for (const other of rest) expect(other).toBe(first);
        const kept = new Set(world.devices[0]!.contents.accounts.map((a) => a.secret));
        for (const secret of world.born) {
          if (!world.dropped.has(secret))
            expect(kept, `secret ${secret} was lost`).toContain(secret);
        }
      }),
      {
        seed,
        numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 150),
        verbose: true,
        ...(path ? { path } : {}),
      },
    );
  });
});
