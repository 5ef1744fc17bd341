// Files the sync service has not finished bringing: a journal cut short is "waiting" (nothing of it
// merged, the rest of the sync goes on) until it is whole, and "damaged" once it stays cut for longer
// than a download takes. Unreadable sync data in the vault is cleared by stopping sync.
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sampleInput } from '../../harness/vault-fixtures';
import { World } from './scenario-devices';

let world: World;
beforeEach(async () => {
  world = await World.create();
});
afterEach(async () => {
  await world.close();
});

it('waits for a journal that is not whole yet, merges it once it is, and calls it damaged if it stays cut', async () => {
  const [a, b] = await world.paired('laptop', 'desktop');
  await a.vault.add(sampleInput(1));
  await world.settle([a, b]);
  await a.vault.add(sampleInput(2));
  await a.sync.syncNow();
  const aId = a.sync.status().device!.id;
  // The newest journal: the one B has not merged yet.
  const journal = (await world.files())
    .filter((name) => name.startsWith(aId) && name.endsWith('.journal'))
    .at(-1)!;
  const file = path.join(world.folder, journal);
  const whole = await fs.readFile(file);

  // Half of it has arrived; its time is now, on the desktop's clock.
  await fs.writeFile(file, whole.subarray(0, Math.floor(whole.length / 2)));
  const now = new Date(b.time.now());
  await fs.utimes(file, now, now);
  const waiting = await b.sync.syncNow();
  expect(waiting.problems.map((problem) => [problem.kind, problem.device?.id])).toEqual([
    ['waiting', aId],
  ]);
  expect(b.vault.list().map((account) => account.issuer)).toEqual(['Issuer1']);

  // Still cut three minutes later: damaged (a download does not take that long).
  b.time.advance(3 * 60_000);
  const damaged = await b.sync.syncNow();
  expect(damaged.problems.map((problem) => problem.kind)).toEqual(['damaged']);
  expect(b.vault.list()).toHaveLength(1);

  await fs.writeFile(file, whole);
  const done = await b.sync.syncNow();
  expect(done.problems).toEqual([]);
  expect(b.vault.list().map((account) => account.issuer)).toEqual(['Issuer1', 'Issuer2']);
});

it('clears sync data the vault cannot read when sync is stopped, keeping the accounts', async () => {
  const a = await world.device('laptop');
  await a.vault.add(sampleInput(1));
  await a.vault.syncChange((draft) => {
    draft.sync = { v: 1, folder: world.folder, device: 'not an identity' };
    return { value: undefined, write: true };
  });
  expect(() => a.sync.status()).toThrow(/sync data is not in the expected form/);
  const status = await a.sync.stop();
  expect(status.phase).toBe('off');
  expect(a.vault.syncData()).toBeUndefined();
  expect(a.vault.list()).toHaveLength(1);
});
