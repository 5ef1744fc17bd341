// Time in the sync: a device away for a month catches up (through snapshots, after the others
// compacted their journals), and clocks that disagree do not decide who wins: what a device had seen
// when it edited does.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SNAPSHOT_EVERY } from '../../../electron/use-cases/sync-round';
import { sampleInput } from '../../harness/vault-fixtures';
import { START_MS, World, shownSet } from './scenario-devices';

let world: World;
beforeEach(async () => {
  world = await World.create();
});
afterEach(async () => {
  await world.close();
});

const DAY_MS = 24 * 60 * 60_000;

it('a device offline for a month catches up with everything, and its own offline changes arrive', async () => {
  const [a, b] = await world.paired('laptop', 'desktop');
  await a.vault.addMany([sampleInput(1), sampleInput(2)]);
  await world.settle([a, b]);

  // The desktop is switched off. The laptop works on for a month: more changes than a snapshot covers.
  let n = 0;
  for (let day = 0; day < 30; day++) {
    a.time.advance(DAY_MS);
    const [first] = a.vault.list();
    await a.vault.update(first!.id, { note: `day ${day}` });
    for (let i = 0; i < 3; i++) await a.vault.add(sampleInput(`month-${n++}`));
    await a.sync.syncNow();
  }
  const aId = a.sync.status().device!.id;
  const journals = (await world.files()).filter(
    (name) => name.startsWith(aId) && name.endsWith('.journal'),
  );
  expect(journals.length).toBeLessThan(SNAPSHOT_EVERY);

  // Back a month later, with a change made before it reached the folder.
  b.time.advance(30 * DAY_MS);
  await b.vault.add(sampleInput('made-offline'));
  await world.settle([b, a]);
  expect(b.vault.list()).toHaveLength(2 + 90 + 1);
  expect(shownSet(b.vault.list())).toEqual(shownSet(a.vault.list()));
  expect(b.vault.list().find((account) => account.issuer === 'Issuer1')?.note).toBe('day 29');
  const laptop = b.sync.status().devices.find((device) => device.name === 'laptop')!;
  expect(Date.parse(laptop.lastSeen!)).toBeGreaterThan(START_MS + 29 * DAY_MS);
});

it('resolves edits by what each device had seen, not by clocks 10 minutes apart', async () => {
  // The laptop's clock runs 10 minutes fast.
  const a = await world.device('laptop', START_MS + 10 * 60_000);
  const b = await world.device('desktop', START_MS);
  await a.sync.start({ folder: world.folder });
  const offer = await a.sync.offerPairing();
  await b.sync.join({ folder: world.folder, code: offer.code });
  const account = await a.vault.add(sampleInput(1));
  await world.settle([a, b]);

  // The laptop renames first; the desktop, which has seen that, renames after (its clock says earlier).
  await a.vault.update(account.id, { label: 'first, on the fast laptop' });
  await world.settle([a, b]);
  a.time.advance(1_000);
  b.time.advance(1_000);
  const copy = b.vault.list()[0]!;
  expect(copy.label).toBe('first, on the fast laptop');
  await b.vault.update(copy.id, { label: 'second, on the slow desktop' });
  await world.settle([b, a]);
  expect(a.vault.list()[0]!.label).toBe('second, on the slow desktop');
  expect(b.vault.list()[0]!.label).toBe('second, on the slow desktop');

  // And the other way round: the slow desktop edits, then the fast laptop after seeing it.
  await b.vault.update(copy.id, { note: 'desktop' });
  await world.settle([b, a]);
  await a.vault.update(account.id, { note: 'laptop, later' });
  await world.settle([a, b]);
  expect(b.vault.list()[0]!.note).toBe('laptop, later');
  expect(a.sync.status().problems).toEqual([]);
  expect(b.sync.status().problems).toEqual([]);
});
