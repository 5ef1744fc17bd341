// The sync folder copied back from an old backup: every device's files go back in time. Each device
// notices that another's files are older than what it already merged (a rollback), merges nothing of
// them, loses nothing, writes its own state again, and the problem ends once the other writes anew.
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

async function copyFolder(from: string, to: string): Promise<void> {
  await fs.rm(to, { recursive: true, force: true });
  await fs.cp(from, to, { recursive: true, preserveTimestamps: true });
}

it('detects a folder copied back from an old backup, loses nothing, and recovers when the devices write again', async () => {
  const [a, b] = await world.paired('laptop', 'desktop');
  await a.vault.add(sampleInput(1));
  await world.settle([a, b]);
  const old = path.join(world.root, 'old-backup-of-Sync');
  await copyFolder(world.folder, old);

  for (const n of [2, 3, 4]) {
    await a.vault.add(sampleInput(n));
    await a.sync.syncNow();
  }
  await b.vault.add(sampleInput(5));
  await world.settle([b, a]);
  const before = shownSet(b.vault.list());
  expect(before).toHaveLength(5);

  // The user restores the sync folder from last week's backup.
  await copyFolder(old, world.folder);
  const aId = a.sync.status().device!.id;

  const seen = await b.sync.syncNow();
  const rollback = seen.problems.find((problem) => problem.kind === 'rollback');
  expect(rollback?.device?.id).toBe(aId);
  expect(rollback?.error.code).toBe('SYNC_ROLLBACK');
  expect(shownSet(b.vault.list())).toEqual(before);

  // The laptop finds its own files older than what it wrote: it writes its whole state again.
  await a.sync.syncNow();
  expect(shownSet(a.vault.list())).toEqual(before);
  await b.sync.syncNow();
  expect(b.sync.status().problems).toEqual([]);
  await a.sync.syncNow();
  expect(a.sync.status().problems).toEqual([]);

  await a.vault.add(sampleInput(6));
  await world.settle([a, b]);
  expect(shownSet(b.vault.list())).toEqual(shownSet(a.vault.list()));
  expect(b.vault.list()).toHaveLength(6);
});

it('keeps the journals since its previous snapshot, so a new snapshot that arrives after the removals is no rollback', async () => {
  const [a, b] = await world.paired('laptop', 'desktop');
  const aId = a.sync.status().device!.id;
  const snapshotFile = path.join(world.folder, `${aId}.snapshot`);
  const previous = path.join(world.root, 'previous.snapshot');
  const snapshotSeq = async () => {
    const head = (await fs.readFile(snapshotFile)).toString('latin1').split('\n')[0]!;
    return (JSON.parse(head) as { seq: number }).seq;
  };
  const first = await snapshotSeq();
  const { id } = await a.vault.add(sampleInput('edited'));
  // Enough changes for the laptop's next snapshot; the desktop merges each as it comes.
  for (let n = 1; (await snapshotSeq()) === first; n++) {
    await fs.copyFile(snapshotFile, previous);
    await a.vault.update(id, { note: `edit ${n}` });
    await a.sync.syncNow();
    await b.sync.syncNow();
  }
  // The sync service brings the desktop the removals, but the new snapshot only later: the desktop
  // still finds every change it merged in the journals left beside the previous snapshot.
  const newer = path.join(world.root, 'newer.snapshot');
  await fs.rename(snapshotFile, newer);
  await fs.copyFile(previous, snapshotFile);
  const seen = await b.sync.syncNow();
  expect(seen.problems).toEqual([]);
  await fs.rename(newer, snapshotFile);
  await a.vault.add(sampleInput('after'));
  await world.settle([a, b]);
  expect(shownSet(b.vault.list())).toEqual(shownSet(a.vault.list()));
  expect(b.sync.status().problems).toEqual([]);
});
