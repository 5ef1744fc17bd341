// Removing a device: the key rotates to the devices that stay, what the removed device keeps writing
// is ignored by them, and the removed device sees that it was removed (its accounts stay with it).
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sampleInput } from '../../harness/vault-fixtures';
import { World, shownSet } from './scenario-devices';

let world: World;
beforeEach(async () => {
  world = await World.create();
});
afterEach(async () => {
  await world.close();
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code ?? String(error),
  );

it('rotates the key on removal; the removed device that keeps writing is ignored and learns it was removed', async () => {
  const [a, b, c] = await world.paired('laptop', 'desktop', 'old-pc');
  await a.vault.add(sampleInput(1));
  await world.settle([a, b, c]);
  expect(b.sync.status().devices).toHaveLength(3);
  const aId = a.sync.status().device!.id;
  const cId = c.sync.status().device!.id;
  await a.sync.setSyncPassword('shared sync password 42');
  await b.sync.setSyncPassword('shared sync password 42');

  await expect(codeOf(a.sync.removeDevice('f'.repeat(32)))).resolves.toBe('SYNC_DEVICE_NOT_FOUND');
  await expect(codeOf(a.sync.removeDevice(aId))).resolves.toBe('INVALID_ARGUMENT');

  const status = await a.sync.removeDevice(cId);
  expect(status.devices.map((device) => device.name)).toEqual(['laptop', 'desktop']);
  expect(status.joinByPassword).toBe(false);
  const files = await world.files();
  expect(files).toContain(`${aId}.keys`);
  expect(files).not.toContain(`${aId}.password`);

  // The old PC writes before its sync service brings it the rotation (the .keys file held back).
  const held = path.join(world.root, 'held.keys');
  await fs.rename(path.join(world.folder, `${aId}.keys`), held);
  await c.vault.add(sampleInput('written-after-removal'));
  await c.sync.syncNow();
  expect(c.sync.status().phase).toBe('idle');
  expect((await world.files()).filter((name) => name.startsWith(cId)).length).toBeGreaterThan(0);
  await fs.rename(held, path.join(world.folder, `${aId}.keys`));

  await world.settle([a, b]);
  // The desktop, seeing the removal, withdraws its own sync password file too.
  expect(b.sync.status().joinByPassword).toBe(false);
  expect((await world.files()).some((name) => name.endsWith('.password'))).toBe(false);
  for (const device of [a, b]) {
    expect(device.vault.list().map((account) => account.issuer)).toEqual(['Issuer1']);
    expect(device.sync.status().devices.map((d) => d.id)).not.toContain(cId);
    expect(device.sync.status().problems).toEqual([]);
  }

  // The ones that stay go on under the new key; the removed one gets nothing of it.
  await b.vault.add(sampleInput('after-rotation'));
  await world.settle([b, a]);
  expect(shownSet(a.vault.list())).toEqual(shownSet(b.vault.list()));
  expect(a.vault.list()).toHaveLength(2);

  const removed = await c.sync.syncNow();
  expect(removed.phase).toBe('removed');
  expect(removed.problems.map((problem) => problem.error.code)).toContain('SYNC_REMOVED');
  expect(
    c.vault
      .list()
      .map((account) => account.issuer)
      .sort(),
  ).toEqual(['Issuer1', 'Issuerwritten-after-removal']);
  await expect(codeOf(c.sync.offerPairing())).resolves.toBe('SYNC_REMOVED');
  expect((await c.sync.syncNow()).phase).toBe('removed');

  // It may join again, as a new device, and then has everything.
  const offer = await a.sync.offerPairing();
  await c.sync.join({ folder: world.folder, code: offer.code });
  await world.settle([c, a, b]);
  expect(c.sync.status().device!.id).not.toBe(cId);
  expect(shownSet(c.vault.list())).toEqual(shownSet(a.vault.list()));
  expect(a.vault.list().map((account) => account.issuer)).toContain('Issuerwritten-after-removal');

  // The laptop leaves: its rotation stays for devices still on the old key, yet it is no longer listed.
  await a.sync.stop();
  expect((await world.files()).filter((name) => name.startsWith(aId))).toEqual([`${aId}.keys`]);
  await b.sync.syncNow();
  expect(b.sync.status().devices.map((device) => device.name)).toEqual(['desktop', 'old-pc']);
});

it('two devices removing the same device at once agree on one key and go on', async () => {
  const [a, b, c] = await world.paired('laptop', 'desktop', 'old-pc');
  await world.settle([a, b, c]);
  const cId = c.sync.status().device!.id;
  // Neither has seen the other's rotation when it makes its own.
  await a.sync.removeDevice(cId);
  await b.sync.removeDevice(cId);
  await world.settle([a, b]);
  await a.vault.add(sampleInput('laptop-after'));
  await b.vault.add(sampleInput('desktop-after'));
  await world.settle([a, b]);
  expect(shownSet(a.vault.list())).toEqual(shownSet(b.vault.list()));
  expect(a.vault.list()).toHaveLength(2);
  for (const device of [a, b]) expect(device.sync.status().problems).toEqual([]);
  expect((await c.sync.syncNow()).phase).toBe('removed');
  expect(c.vault.list()).toEqual([]);
});
