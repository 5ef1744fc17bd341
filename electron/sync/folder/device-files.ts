// A device's journal and snapshot: writing this device's own, and reading another's in order with
// the checks that keep a rolled-back, replayed, cut or not-yet-whole file from being merged.
import { z } from 'zod';
import { AuthdeskError, isAuthdeskError } from '../../../shared/errors';
import type { Change, DeviceId, Snapshot, SyncKey } from '../types';
import { syncFileName } from './names';
import {
  keyBytes,
  openSyncFile,
  readSyncHeader,
  sealSyncFile,
  type SyncFileHeader,
} from './sealed-file';
import type { DeviceFiles, ListedFile, SyncFolder } from './sync-folder';

/**
 * A file that fails its check counts as still arriving (SYNC_WAITING) for this long after its
 * modification time, then as damaged: a sync service may show a file before it is whole.
 */
export const NOT_WHOLE_GRACE_MS = 2 * 60 * 1000;
/** An own temporary file this old is a write that was cut off (a write takes far less). */
export const STALE_TEMP_MS = 10 * 60 * 1000;

/** The file names this device writes (folder/names.ts parses them back). */
export function journalName(device: DeviceId, seq: number): string {
  return syncFileName('journal', device, seq);
}

export function snapshotName(device: DeviceId): string {
  return syncFileName('snapshot', device);
}

/** Seals `change` under the current key and writes it as `<device>.<seq>.journal`. */
export async function writeChange(folder: SyncFolder, key: SyncKey, change: Change): Promise<void> {
  const bytes = sealed(change, key, { kind: 'journal', device: change.device, seq: change.seq });
  await folder.writeOwn(journalName(change.device, change.seq), bytes);
}

/** Seals and writes this device's snapshot (replacing the previous one). */
export async function writeSnapshot(
  folder: SyncFolder,
  key: SyncKey,
  snapshot: Snapshot,
): Promise<void> {
  const device = snapshot.device.id;
  // The header carries the number too, so a reader learns it from the first line alone.
  const bytes = sealed(snapshot, key, { kind: 'snapshot', device, seq: snapshot.seq });
  await folder.writeOwn(snapshotName(device), bytes);
}

/**
 * Removes this device's journal files up to `seq` (a snapshot holds them now), and its temporary
 * files left by writes cut off more than STALE_TEMP_MS ago. Sync services do not deliver in
 * order: another computer may see these removals before the new snapshot, and with them gone its
 * newest file of this device looks older than what it merged (a rollback, until the snapshot
 * lands). Passing the previous snapshot's number instead of the new one avoids that.
 */
export async function compactOwn(
  folder: SyncFolder,
  device: DeviceId,
  files: DeviceFiles,
  seq: number,
): Promise<void> {
  for (const file of files.journals) {
    if (file.device === device && file.seq <= seq) await folder.removeOwn(file.name);
  }
  await folder.removeOwnTemps(device, Date.now() - STALE_TEMP_MS);
}

export interface DeviceReadInput {
  device: DeviceId;
  files: DeviceFiles;
  /** The keys this device holds (every epoch it knows). */
  keys: SyncKey[];
  /** The highest change of `device` already merged here (state.vv[device] ?? 0). */
  merged: number;
  /** The highest change number of `device` ever seen in the folder (kept in the vault). */
  highest: number;
  /** epoch ms now: a file that fails its check is reported as damaged only once it is older than a download takes. */
  nowMs: number;
}

export interface DeviceRead {
  /** The snapshot, when it is newer than `merged`. */
  snapshot?: Snapshot;
  /** Journal changes after `merged` (or after the snapshot), contiguous, in order. */
  changes: Change[];
  /**
   * The highest change number of the device proven by a file that opened here, never lower than
   * the input's `highest` (keep it as the next round's `highest`).
   */
  highest: number;
  /**
   * Why not everything could be read: SYNC_ROLLBACK (the folder's newest is older than `highest`:
   * nothing of the device is returned), SYNC_WAITING (a gap or a file not yet whole: what comes
   * before it is returned), SYNC_FILE_DAMAGED, SYNC_TOO_NEW, or IO_ERROR for a file that cannot
   * be read. SYNC_FOLDER_UNREACHABLE is thrown instead: the whole folder is away.
   */
  problem?: AuthdeskError;
}

/**
 * Reads what there is to merge from one other device. Never throws for the device's files: a
 * problem with one of them ends the read there and is returned with what came before it.
 */
export async function readDevice(folder: SyncFolder, input: DeviceReadInput): Promise<DeviceRead> {
  const { files, merged } = input;
  const lastJournal = files.journals.at(-1)?.seq ?? 0;
  // A device with neither (one that stopped syncing, or has not written yet) has nothing to merge.
  if (!files.snapshot && files.journals.length === 0)
    return { changes: [], highest: input.highest };

  // The snapshot's number, from its header line alone: the whole file only when it is needed.
  let snapshotSeq: number | undefined;
  let snapshotProblem: AuthdeskError | undefined;
  if (files.snapshot) {
    try {
      const head = await folder.readHead(files.snapshot);
      snapshotSeq = checkedHeader(head, files.snapshot, input).seq;
    } catch (error) {
      snapshotProblem = asProblem(error);
    }
  }

  // Rollback: the folder's newest of the device is older than what was seen before (undecided
  // while the snapshot's number cannot be read). Numbers from names and headers are not proven
  // yet, but a false one can only hide a rollback, never make one.
  const newest = Math.max(lastJournal, snapshotSeq ?? 0);
  if (newest < input.highest && !snapshotProblem) {
    return {
      changes: [],
      highest: input.highest,
      problem: new AuthdeskError(
        'SYNC_ROLLBACK',
        `The sync folder holds changes of device ${short(input.device)} up to ${newest}, but up to ${input.highest} were there before: an older copy of its files was put back. Nothing of it is merged until it writes newer ones.`,
      ),
    };
  }

  // A snapshot newer than what was merged replaces every journal it covers (they may be removed).
  let snapshot: Snapshot | undefined;
  if (files.snapshot && snapshotSeq !== undefined && snapshotSeq > merged) {
    try {
      ({ snapshot } = await openSnapshot(folder, files.snapshot, input));
    } catch (error) {
      snapshotProblem = asProblem(error);
    }
  }

  // Journals after that, one by one, without a gap; older ones are replays and are not read.
  const changes: Change[] = [];
  let journalProblem: AuthdeskError | undefined;
  const bySeq = new Map(files.journals.map((file) => [file.seq, file]));
  let next = (snapshot?.seq ?? merged) + 1;
  for (; next <= lastJournal; next += 1) {
    const file = bySeq.get(next);
    if (!file) {
      journalProblem = new AuthdeskError(
        'SYNC_WAITING',
        `Change ${next} of device ${short(input.device)} is not in the sync folder yet, but later ones are: waiting for it.`,
      );
      break;
    }
    try {
      changes.push(await openJournal(folder, file, input));
    } catch (error) {
      journalProblem = asProblem(error);
      break;
    }
  }
  const reached = next - 1;

  // A snapshot that could not be read matters only while the journals do not reach past it.
  const problem =
    snapshotProblem && (snapshotSeq === undefined || reached < snapshotSeq)
      ? snapshotProblem
      : journalProblem;
  // Only what opened here counts as seen: `merged` may be ahead of the device's own files (a third
  // device's snapshot carried its changes), and counting it would make them look rolled back.
  const proven = Math.max(snapshot?.seq ?? 0, changes.at(-1)?.seq ?? 0);
  return {
    ...(snapshot ? { snapshot } : {}),
    changes,
    highest: Math.max(input.highest, proven),
    ...(problem ? { problem } : {}),
  };
}

/**
 * The highest of this device's own change numbers above `wrote` (what its vault says it wrote)
 * that a file in the folder proves: it opens with a key held and says so. Any such number means
 * another computer writes under this device's id (SYNC_IDENTITY_CLASH); a file that does not open
 * proves nothing (a stray, damaged or half-copied file is no clash). 0 when there is none.
 * Throws only SYNC_FOLDER_UNREACHABLE.
 */
export async function provenOwnAbove(
  folder: SyncFolder,
  own: { device: DeviceId; files: DeviceFiles; keys: SyncKey[]; wrote: number },
): Promise<number> {
  const input: DeviceReadInput = { ...own, merged: 0, highest: 0, nowMs: 0 };
  const proven = async (open: () => Promise<{ seq: number }>): Promise<number> => {
    try {
      return (await open()).seq;
    } catch (error) {
      asProblem(error);
      return 0;
    }
  };
  let highest = 0;
  if (own.files.snapshot) {
    const file = own.files.snapshot;
    const head = await proven(async () => checkedHeader(await folder.readHead(file), file, input));
    if (head > own.wrote) {
      highest = await proven(async () => (await openSnapshot(folder, file, input)).snapshot);
    }
  }
  // Newest first: the first journal that opens is the highest proof among them.
  for (const file of [...own.files.journals].reverse()) {
    if (file.seq <= Math.max(own.wrote, highest)) break;
    const seq = await proven(() => openJournal(folder, file, input));
    if (seq > 0) return seq;
  }
  return highest;
}

function sealed(
  body: Change | Snapshot,
  key: SyncKey,
  who: Pick<SyncFileHeader, 'kind' | 'device' | 'seq'>,
): Buffer {
  const bytes = keyBytes(key);
  try {
    return sealSyncFile(body, bytes, { ...who, epoch: key.epoch, keyId: key.id });
  } finally {
    bytes.fill(0);
  }
}

/** The folder being away is not a problem of one device: it ends the round. */
function asProblem(error: unknown): AuthdeskError {
  if (!isAuthdeskError(error)) throw error;
  if (error.code === 'SYNC_FOLDER_UNREACHABLE') throw error;
  return error;
}

function short(device: DeviceId): string {
  return device.slice(0, 8);
}

function damaged(file: ListedFile, why: string, cause?: unknown): AuthdeskError {
  return new AuthdeskError('SYNC_FILE_DAMAGED', `The sync file ${file.name} ${why}.`, { cause });
}

/** A file that fails its check: still arriving while young, damaged once older than the grace. */
function notWhole(
  file: ListedFile,
  input: DeviceReadInput,
  why: string,
  cause?: unknown,
): AuthdeskError {
  if (input.nowMs - file.mtimeMs < NOT_WHOLE_GRACE_MS) {
    return new AuthdeskError(
      'SYNC_WAITING',
      `The sync file ${file.name} is not whole yet (${why}): the sync service may still be copying it.`,
      { cause },
    );
  }
  return damaged(file, why, cause);
}

/** The header, checked against the file's name; what cannot be a download in progress is damaged at once. */
function checkedHeader(bytes: Buffer, file: ListedFile, input: DeviceReadInput): SyncFileHeader {
  let header: SyncFileHeader;
  try {
    header = readSyncHeader(bytes).header;
  } catch (error) {
    if (isAuthdeskError(error) && error.code === 'SYNC_TOO_NEW') throw error;
    throw notWhole(file, input, 'its header line cannot be read', error);
  }
  const numbered = file.kind === 'journal';
  if (
    header.kind !== file.kind ||
    header.device !== file.device ||
    (numbered && header.seq !== file.seq)
  ) {
    throw damaged(
      file,
      `says it is ${header.kind} ${header.seq} of device ${short(header.device)}: not what its name says (renamed, or put there by hand)`,
    );
  }
  return header;
}

/** Opens a file of the device with the key its header names. */
async function openFile(
  folder: SyncFolder,
  file: ListedFile,
  input: DeviceReadInput,
): Promise<{ header: SyncFileHeader; body: unknown }> {
  const bytes = await folder.read(file);
  const header = checkedHeader(bytes, file, input);
  const key = input.keys.find((k) => k.id === header.keyId && k.epoch === header.epoch);
  if (!key) {
    const newestEpoch = Math.max(0, ...input.keys.map((k) => k.epoch));
    if (header.epoch > newestEpoch) {
      // A rotation this device has not read yet (or one that left it out: the round finds that).
      throw new AuthdeskError(
        'SYNC_WAITING',
        `The sync file ${file.name} is sealed with a newer key (epoch ${header.epoch}) than this device holds.`,
      );
    }
    throw damaged(file, 'is sealed with a key this device does not hold');
  }
  const secret = keyBytes(key);
  try {
    return openSyncFile(bytes, secret, { kind: file.kind, device: file.device, seq: header.seq });
  } catch (error) {
    throw notWhole(file, input, 'it fails its check', error);
  } finally {
    secret.fill(0);
  }
}

const deviceId = z.string().regex(/^[0-9a-f]{32}$/);
const versionVector = z.record(deviceId, z.number().int().nonnegative());

const changeSchema = z.object({
  device: deviceId,
  seq: z.number().int().positive(),
  hlc: z.string().min(1),
  seen: versionVector,
  edits: z.array(
    z
      .object({ record: z.string(), field: z.string(), value: z.unknown() })
      .refine((edit) => 'value' in edit),
  ),
});

const snapshotSchema = z.object({
  device: z.object({ id: deviceId, name: z.string(), publicKey: z.string() }),
  seq: z.number().int().nonnegative(),
  writtenAt: z.string(),
  state: z.object({
    v: z.literal(1),
    vv: versionVector,
    records: z.record(z.string(), z.unknown()),
  }),
  removed: z.array(deviceId),
});

async function openJournal(
  folder: SyncFolder,
  file: ListedFile,
  input: DeviceReadInput,
): Promise<Change> {
  const { body } = await openFile(folder, file, input);
  const parsed = changeSchema.safeParse(body);
  if (!parsed.success) throw damaged(file, 'opened, but what it holds is not a change');
  const change = parsed.data as Change;
  if (change.device !== file.device || change.seq !== file.seq) {
    throw damaged(file, `holds change ${change.seq} of device ${short(change.device)}`);
  }
  return change;
}

/**
 * A device's snapshot file opened on its own (to learn who wrote it, and up to which change),
 * with every check readDevice makes; `epoch` is the key epoch it is sealed under. Throws the
 * file's problem (SYNC_WAITING, SYNC_FILE_DAMAGED, SYNC_TOO_NEW) as an AuthdeskError.
 */
export async function openSnapshotFile(
  folder: SyncFolder,
  file: ListedFile,
  keys: SyncKey[],
): Promise<{ snapshot: Snapshot; epoch: number }> {
  const input: DeviceReadInput = {
    device: file.device,
    files: { journals: [], snapshot: file },
    keys,
    merged: 0,
    highest: 0,
    nowMs: 0,
  };
  return openSnapshot(folder, file, input);
}

async function openSnapshot(
  folder: SyncFolder,
  file: ListedFile,
  input: DeviceReadInput,
): Promise<{ snapshot: Snapshot; epoch: number }> {
  const { header, body } = await openFile(folder, file, input);
  const version = (body as { state?: { v?: unknown } } | null)?.state?.v;
  if (typeof version === 'number' && version > 1) {
    throw new AuthdeskError(
      'SYNC_TOO_NEW',
      `Device ${short(file.device)} writes its state in a newer form (${version}) than this Authdesk reads. Update Authdesk on this computer.`,
    );
  }
  const parsed = snapshotSchema.safeParse(body);
  if (!parsed.success) throw damaged(file, 'opened, but what it holds is not a snapshot');
  const snapshot = parsed.data as Snapshot;
  const own = snapshot.state.vv[file.device] ?? 0;
  if (snapshot.device.id !== file.device || snapshot.seq !== header.seq || own !== snapshot.seq) {
    throw damaged(file, `holds a snapshot of device ${short(snapshot.device.id)} at ${own}`);
  }
  return { snapshot, epoch: header.epoch };
}
