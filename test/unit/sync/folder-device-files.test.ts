// A device's journals and snapshot in a real temp folder: this device writes, seals and compacts
// its own; reading another's returns exactly what is new, in order, and stops with the right
// problem at a rollback, a gap, a file not yet whole (then damaged), a renamed or replayed file, a
// newer format or key — merging nothing of a bad file.
import { randomBytes } from 'node:crypto';
import * as realFs from 'node:fs/promises';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAuthdeskError } from '../../../shared/errors';
import {
  compactOwn,
  journalName,
  NOT_WHOLE_GRACE_MS,
  provenOwnAbove,
  readDevice,
  snapshotName,
  writeChange,
  writeSnapshot,
  type DeviceReadInput,
} from '../../../electron/sync/folder/device-files';
import { SyncFolder } from '../../../electron/sync/folder/sync-folder';
import type { Change, Snapshot, SyncKey } from '../../../electron/sync/types';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const newKey = (epoch: number): SyncKey => ({
  epoch,
  id: randomBytes(16).toString('hex'),
  key: randomBytes(32).toString('base64'),
});
const KEY = newKey(1);

let dir: string;
let folder: SyncFolder;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-devicefiles-'));
  folder = new SyncFolder(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function change(seq: number, device = A): Change {
  return {
    device,
    seq,
    hlc: `${String(seq).padStart(12, '0')}.0000.${device}`,
    seen: { [device]: seq - 1, [B]: 4 },
    edits: [{ record: 'account-1', field: 'label', value: `label ${seq}` }],
  };
}

function snapshot(seq: number, device = A): Snapshot {
  return {
    device: { id: device, name: 'Laptop', publicKey: randomBytes(32).toString('base64') },
    seq,
    writtenAt: '2026-12-02T12:00:00.000Z',
    state: { v: 1, vv: { [device]: seq, [B]: 4 }, records: { 'account-1': { any: 'thing' } } },
    removed: [],
  };
}

async function writeChanges(...seqs: number[]): Promise<void> {
  for (const seq of seqs) await writeChange(folder, KEY, change(seq));
}

/** Reads device A as listed now; `merged` and `highest` default to nothing merged or seen. */
async function readA(over: Partial<DeviceReadInput> = {}) {
  const files = (await folder.list()).devices.get(A) ?? { journals: [] };
  return readDevice(folder, {
    device: A,
    files,
    keys: [KEY],
    merged: 0,
    highest: 0,
    nowMs: Date.now(),
    ...over,
  });
}

const seqsOf = (read: { changes: Change[] }) => read.changes.map((c) => c.seq);
const file = (name: string) => path.join(dir, name);
const later = () => Date.now() + NOT_WHOLE_GRACE_MS + 1000;

describe('writing this device’s files', () => {
  it('writes each change sealed as its numbered journal, and the snapshot under its name', async () => {
    await writeChanges(1, 2);
    await writeSnapshot(folder, KEY, snapshot(2));
    expect((await readdir(dir)).sort()).toEqual([
      journalName(A, 1),
      journalName(A, 2),
      snapshotName(A),
    ]);
    expect(journalName(A, 2)).toBe(`${A}.0000000002.journal`);
    for (const name of await readdir(dir)) {
      const bytes = await readFile(file(name));
      expect(bytes.includes('label')).toBe(false);
      expect(bytes.includes('Laptop')).toBe(false);
    }
  });

  it('compaction removes own journals up to the number, no others', async () => {
    await writeChanges(1, 2, 3, 4);
    await writeChange(folder, KEY, change(1, B));
    await writeSnapshot(folder, KEY, snapshot(3));
    const files = (await folder.list()).devices.get(A)!;
    await compactOwn(folder, A, files, 3);
    expect((await readdir(dir)).sort()).toEqual(
      [journalName(A, 4), snapshotName(A), journalName(B, 1)].sort(),
    );
    await compactOwn(folder, A, files, 3); // again, with the files already gone: fine
  });

  it('compaction also clears own temp files of writes cut off long ago', async () => {
    const stale = `.${journalName(A, 5)}.abcdef.authdesk-tmp`;
    const fresh = `.${journalName(A, 6)}.abcdef.authdesk-tmp`;
    await writeFile(file(stale), 'cut off');
    await writeFile(file(fresh), 'being written');
    const hourAgo = new Date(Date.now() - 3600_000);
    await realFs.utimes(file(stale), hourAgo, hourAgo);
    await compactOwn(folder, A, { journals: [] }, 0);
    expect(await readdir(dir)).toEqual([fresh]);
  });

  it('a full disk while writing the snapshot: IO_ERROR, the previous snapshot still reads', async () => {
    await writeSnapshot(folder, KEY, snapshot(2));
    const full = new SyncFolder(dir, {
      fs: {
        ...realFs,
        open: async (...args: Parameters<typeof realFs.open>) => {
          const handle = await realFs.open(...args);
          handle.writeFile = async () => {
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          };
          return handle;
        },
      } as typeof realFs,
    });
    await expect(writeSnapshot(full, KEY, snapshot(9))).rejects.toMatchObject({ code: 'IO_ERROR' });
    await expect(writeChange(full, KEY, change(1))).rejects.toMatchObject({ code: 'IO_ERROR' });
    expect(await readdir(dir)).toEqual([snapshotName(A)]);
    const read = await readA();
    expect(read.snapshot?.seq).toBe(2);
    expect(read.problem).toBeUndefined();
  });
});

describe('reading another device', () => {
  it('returns its changes in order, sealed and opened whole', async () => {
    await writeChanges(3, 1, 2);
    const read = await readA();
    expect(read.changes).toEqual([change(1), change(2), change(3)]);
    expect(read.highest).toBe(3);
    expect(read.problem).toBeUndefined();
    expect(read.snapshot).toBeUndefined();
  });

  it('skips what was merged: an old journal put back is a replay and is not read', async () => {
    await writeChanges(1, 2, 3);
    const read = await readA({ merged: 2, highest: 2 });
    expect(seqsOf(read)).toEqual([3]);
    // After compaction an old journal reappears (a sync service restoring it): not even opened.
    await writeSnapshot(folder, KEY, snapshot(3));
    await compactOwn(folder, A, (await folder.list()).devices.get(A)!, 3);
    await writeFile(file(journalName(A, 2)), 'whatever it holds');
    const replay = await readA({ merged: 3, highest: 3, nowMs: later() });
    expect(replay.changes).toEqual([]);
    expect(replay.snapshot).toBeUndefined();
    expect(replay.problem).toBeUndefined();
  });

  it('stops at a gap and waits for the missing change', async () => {
    await writeChanges(1, 2, 4, 5);
    const read = await readA();
    expect(seqsOf(read)).toEqual([1, 2]);
    expect(read.highest).toBe(2);
    expect(read.problem?.code).toBe('SYNC_WAITING');
    expect(read.problem?.message).toContain('Change 3');
  });

  it('a truncated journal is waited for while young, then damaged; nothing of it is merged', async () => {
    await writeChanges(1, 2, 3);
    const bytes = await readFile(file(journalName(A, 2)));
    await writeFile(file(journalName(A, 2)), bytes.subarray(0, bytes.length - 10));
    const young = await readA();
    expect(seqsOf(young)).toEqual([1]);
    expect(young.problem?.code).toBe('SYNC_WAITING');
    expect(young.problem?.message).toContain(journalName(A, 2));
    const old = await readA({ nowMs: later() });
    expect(seqsOf(old)).toEqual([1]);
    expect(old.problem?.code).toBe('SYNC_FILE_DAMAGED');
    // Cut inside its header line: the same.
    await writeFile(file(journalName(A, 2)), bytes.subarray(0, 20));
    expect((await readA()).problem?.code).toBe('SYNC_WAITING');
    expect((await readA({ nowMs: later() })).problem?.code).toBe('SYNC_FILE_DAMAGED');
  });

  it('a journal renamed to another number is damaged at once, however young', async () => {
    await writeChanges(1, 2);
    await copyFile(file(journalName(A, 1)), file(journalName(A, 3)));
    const read = await readA();
    expect(seqsOf(read)).toEqual([1, 2]);
    expect(read.problem?.code).toBe('SYNC_FILE_DAMAGED');
    expect(read.problem?.message).toContain('not what its name says');
    // Renamed to another device: the same.
    await rm(file(journalName(A, 3)));
    await copyFile(file(journalName(A, 1)), file(journalName(B, 1)));
    const other = await readDevice(folder, {
      device: B,
      files: (await folder.list()).devices.get(B)!,
      keys: [KEY],
      merged: 0,
      highest: 0,
      nowMs: Date.now(),
    });
    expect(other.changes).toEqual([]);
    expect(other.problem?.code).toBe('SYNC_FILE_DAMAGED');
  });

  it('a rollback (the folder put back older than seen) returns nothing until the device writes newer', async () => {
    await writeChanges(1, 2, 3, 4, 5);
    const before = await readA();
    expect(before.highest).toBe(5);
    // An old copy of the folder: only changes 1-3 are there.
    await rm(file(journalName(A, 4)));
    await rm(file(journalName(A, 5)));
    const rolled = await readA({ merged: 5, highest: 5 });
    expect(rolled.problem?.code).toBe('SYNC_ROLLBACK');
    expect(rolled.changes).toEqual([]);
    expect(rolled.highest).toBe(5);
    // Also when the device seen at 5 is only 3 merged here: nothing merged from the old copy.
    expect((await readA({ merged: 1, highest: 5 })).changes).toEqual([]);
    // The device writes again (its vault knows it wrote 5): the next change is read.
    await writeChanges(6);
    const after = await readA({ merged: 5, highest: 5 });
    expect(after.problem).toBeUndefined();
    expect(seqsOf(after)).toEqual([6]);
    expect(after.highest).toBe(6);
  });

  it('counts as seen only what opened here, not what a third device’s snapshot merged', async () => {
    await writeChanges(1, 2, 3);
    // Changes 1-5 of A are merged already (through another device's snapshot): nothing to read.
    const ahead = await readA({ merged: 5, highest: 0 });
    expect(ahead.changes).toEqual([]);
    expect(ahead.highest).toBe(0);
    expect(ahead.problem).toBeUndefined();
    // So A's own files, still at 3, do not look rolled back in the next round.
    expect((await readA({ merged: 5, highest: ahead.highest })).problem).toBeUndefined();
  });

  it('a device with neither journals nor a snapshot left (it stopped syncing) is no problem', async () => {
    await writeFile(file(`${A}.keys`), 'its last rotation');
    const read = await readA({ merged: 9, highest: 9 });
    expect(read).toEqual({ changes: [], highest: 9 });
  });

  it('a rollback also shows through an older snapshot', async () => {
    await writeSnapshot(folder, KEY, snapshot(64));
    const read = await readA({ merged: 70, highest: 70 });
    expect(read.problem?.code).toBe('SYNC_ROLLBACK');
  });

  it('a snapshot newer than what was merged comes with the journals after it', async () => {
    await writeChanges(1, 2, 3, 4, 5, 6);
    await writeSnapshot(folder, KEY, snapshot(4));
    await compactOwn(folder, A, (await folder.list()).devices.get(A)!, 4);
    const read = await readA({ merged: 2, highest: 2 });
    expect(read.snapshot?.seq).toBe(4);
    expect(read.snapshot?.state).toEqual(snapshot(4).state);
    expect(seqsOf(read)).toEqual([5, 6]);
    expect(read.highest).toBe(6);
    expect(read.problem).toBeUndefined();
  });

  it('reads only the header of a snapshot that is not newer than what was merged', async () => {
    await writeSnapshot(folder, KEY, snapshot(3));
    await writeChanges(4);
    // Its body damaged: reading it whole would fail, so this proves it is not read.
    const bytes = await readFile(file(snapshotName(A)));
    bytes[bytes.length - 1]! ^= 1;
    await writeFile(file(snapshotName(A)), bytes);
    const read = await readA({ merged: 3, highest: 3, nowMs: later() });
    expect(read.snapshot).toBeUndefined();
    expect(seqsOf(read)).toEqual([4]);
    expect(read.problem).toBeUndefined();
  });

  it('a damaged journal a newer snapshot covers does not hold the device back', async () => {
    await writeChanges(1, 2, 3, 4);
    await writeFile(file(journalName(A, 2)), 'garbage');
    await writeSnapshot(folder, KEY, snapshot(3));
    const read = await readA({ nowMs: later() });
    expect(read.snapshot?.seq).toBe(3);
    expect(seqsOf(read)).toEqual([4]);
    expect(read.problem).toBeUndefined();
  });

  it('a snapshot not yet whole: journals that reach past it are read; if they do not, it is waited for', async () => {
    await writeChanges(1, 2, 3);
    await writeSnapshot(folder, KEY, snapshot(2));
    const bytes = await readFile(file(snapshotName(A)));
    await writeFile(file(snapshotName(A)), bytes.subarray(0, bytes.length - 100));
    const past = await readA();
    expect(seqsOf(past)).toEqual([1, 2, 3]);
    expect(past.problem).toBeUndefined();
    await rm(file(journalName(A, 1)));
    const blocked = await readA();
    expect(blocked.changes).toEqual([]);
    expect(blocked.problem?.code).toBe('SYNC_WAITING');
    expect(blocked.problem?.message).toContain(snapshotName(A));
    expect((await readA({ nowMs: later() })).problem?.code).toBe('SYNC_FILE_DAMAGED');
  });

  it('ignores the sync service’s leftovers beside the files', async () => {
    await writeChanges(1, 2);
    const two = await readFile(file(journalName(A, 2)));
    await writeFile(file(`.syncthing.${journalName(A, 3)}.tmp`), two.subarray(0, 30));
    await writeFile(file(`${journalName(A, 3)}.part`), two);
    await writeFile(file(`.${journalName(A, 4)}.icloud`), 'placeholder');
    await writeFile(file(`${A} (Laptop's conflicted copy 2026-12-01).snapshot`), 'x');
    await writeFile(file(`${A}-LAPTOP.snapshot`), 'x');
    const read = await readA({ nowMs: later() });
    expect(seqsOf(read)).toEqual([1, 2]);
    expect(read.problem).toBeUndefined();
  });

  it('a file of a newer format is too new, and nothing after it is read', async () => {
    await writeChanges(1, 2, 3);
    const bytes = await readFile(file(journalName(A, 2)));
    const end = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.subarray(0, end).toString()) as Record<string, unknown>;
    await writeFile(
      file(journalName(A, 2)),
      Buffer.concat([Buffer.from(JSON.stringify({ ...header, version: 2 })), bytes.subarray(end)]),
    );
    const read = await readA();
    expect(seqsOf(read)).toEqual([1]);
    expect(read.problem?.code).toBe('SYNC_TOO_NEW');
  });

  it('a snapshot of a newer state form is too new', async () => {
    const newer = snapshot(3);
    (newer.state as { v: number }).v = 2;
    await writeSnapshot(folder, KEY, newer);
    expect((await readA()).problem?.code).toBe('SYNC_TOO_NEW');
  });

  it('a sealed file that holds something else than its kind is damaged', async () => {
    const bad = { ...change(1), edits: 'not a list' } as unknown as Change;
    await writeChange(folder, KEY, bad);
    const read = await readA();
    expect(read.changes).toEqual([]);
    expect(read.problem?.code).toBe('SYNC_FILE_DAMAGED');
  });

  it('opens files of every epoch it holds; a newer key is waited for; an unknown one is damaged', async () => {
    const next = newKey(2);
    await writeChange(folder, KEY, change(1));
    await writeChange(folder, next, change(2));
    const both = await readA({ keys: [KEY, next] });
    expect(seqsOf(both)).toEqual([1, 2]);
    const old = await readA({ keys: [KEY], nowMs: later() });
    expect(seqsOf(old)).toEqual([1]);
    expect(old.problem?.code).toBe('SYNC_WAITING');
    expect(old.problem?.message).toContain('newer key');
    const stranger = await readA({ keys: [newKey(1)] });
    expect(stranger.changes).toEqual([]);
    expect(stranger.problem?.code).toBe('SYNC_FILE_DAMAGED');
    // A key that claims the right id but is not the one it was sealed with: fails its check.
    const impostor = { ...KEY, key: randomBytes(32).toString('base64') };
    expect((await readA({ keys: [impostor], nowMs: later() })).problem?.code).toBe(
      'SYNC_FILE_DAMAGED',
    );
  });

  it('a file larger than any sync file is damaged without being read', async () => {
    await writeChanges(1);
    await realFs.truncate(file(journalName(A, 1)), 64 * 1024 * 1024 + 1);
    const read = await readA();
    expect(read.changes).toEqual([]);
    expect(read.problem?.code).toBe('SYNC_FILE_DAMAGED');
  });

  it('throws SYNC_FOLDER_UNREACHABLE when the folder goes away while reading', async () => {
    await writeChanges(1, 2);
    const files = (await folder.list()).devices.get(A)!;
    await rm(dir, { recursive: true });
    try {
      await readDevice(folder, {
        device: A,
        files,
        keys: [KEY],
        merged: 0,
        highest: 0,
        nowMs: Date.now(),
      });
      expect.unreachable();
    } catch (error) {
      expect(isAuthdeskError(error) && error.code).toBe('SYNC_FOLDER_UNREACHABLE');
    }
  });

  it('a journal removed between the listing and the read (compacted by its device) is waited for', async () => {
    await writeChanges(1, 2);
    const files = (await folder.list()).devices.get(A)!;
    await rm(file(journalName(A, 2)));
    const read = await readDevice(folder, {
      device: A,
      files,
      keys: [KEY],
      merged: 0,
      highest: 0,
      nowMs: Date.now(),
    });
    expect(seqsOf(read)).toEqual([1]);
    expect(read.problem?.code).toBe('SYNC_WAITING');
  });
});

describe('own files another computer wrote (identity clash)', () => {
  const provenA = async (wrote: number, keys = [KEY]) =>
    provenOwnAbove(folder, {
      device: A,
      files: (await folder.list()).devices.get(A) ?? { journals: [] },
      keys,
      wrote,
    });

  it('finds own changes above what this vault wrote, proven by files that open', async () => {
    await writeChanges(1, 2, 3, 4, 5);
    expect(await provenA(5)).toBe(0);
    expect(await provenA(3)).toBe(5);
    await writeSnapshot(folder, KEY, snapshot(8));
    expect(await provenA(5)).toBe(8);
  });

  it('a stray, renamed, half-copied or foreign-key file proves nothing', async () => {
    await writeChanges(1, 2, 3);
    await writeFile(file(journalName(A, 9)), 'stray');
    await copyFile(file(journalName(A, 2)), file(journalName(A, 7)));
    const three = await readFile(file(journalName(A, 3)));
    await writeFile(file(journalName(A, 6)), three.subarray(0, three.length - 5));
    await writeChange(folder, newKey(1), change(5));
    await writeFile(file(snapshotName(A)), 'not a snapshot');
    expect(await provenA(3)).toBe(0);
    // Below those, a real one still counts.
    await writeChange(folder, KEY, change(4));
    expect(await provenA(3)).toBe(4);
  });
});
