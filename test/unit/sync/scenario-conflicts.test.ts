// Conflicts between two real vaults, through the folder: nothing is lost, and the accounts concerned
// carry a flag the user sees (shared/sync.ts SyncFlag), counted in the status's last merge.
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

it('keeps an account one device deleted while the other edited it, and flags it on both', async () => {
  const [a, b] = await world.paired('laptop', 'desktop');
  const account = await a.vault.add(sampleInput(1));
  await world.settle([a, b]);
  await a.vault.remove(account.id);
  await b.vault.update(b.vault.list()[0]!.id, { note: 'still needed' });
  await a.sync.syncNow();
  await b.sync.syncNow();
  await world.settle([a, b]);
  for (const device of [a, b]) {
    const [kept, ...others] = device.vault.list();
    expect(others).toEqual([]);
    expect(kept).toMatchObject({ note: 'still needed' });
    expect(kept!.syncFlag?.kind).toBe('kept-after-delete');
  }
  const flagged = [a, b].map((device) => device.sync.status().lastMerge?.flagged ?? 0);
  expect(Math.max(...flagged)).toBeGreaterThan(0);

  // The user looked at it: the flag goes, on both.
  await b.vault.update(b.vault.list()[0]!.id, { syncFlag: null });
  await world.settle([b, a]);
  expect(a.vault.list()[0]!.syncFlag).toBeUndefined();
});

it('keeps both secrets when two devices changed one account at once, as two flagged accounts', async () => {
  const [a, b] = await world.paired('laptop', 'desktop');
  await a.vault.add(sampleInput(1));
  await world.settle([a, b]);
  // No door changes a secret in place today; a restore or a later one may: the draft is changed directly.
  const setSecret = (secret: string) => (draft: { accounts: { secret: string }[] }) => {
    draft.accounts[0]!.secret = secret;
    return { value: undefined, write: true };
  };
  const onLaptop = sampleInput('laptop-secret').secret;
  const onDesktop = sampleInput('desktop-secret').secret;
  await a.vault.syncChange(setSecret(onLaptop));
  await b.vault.syncChange(setSecret(onDesktop));
  await a.sync.syncNow();
  await b.sync.syncNow();
  await world.settle([a, b]);
  for (const device of [a, b]) {
    const accounts = device.vault.list();
    expect(accounts.map((account) => account.secret).sort()).toEqual([onLaptop, onDesktop].sort());
    expect(accounts.every((account) => account.syncFlag?.kind === 'secret-conflict')).toBe(true);
    const [first, second] = accounts;
    expect(first!.syncFlag?.other).toBe(second!.id);
  }
  expect(a.vault.list().map((account) => account.id)).toEqual(
    b.vault.list().map((account) => account.id),
  );
});
