// Key rotation after a device is removed. `<device>.keys` lists the rotations that device made,
// one per line (base64 of a sealed file): each holds the next key wrapped to every remaining
// device's public key (key-wrap.ts), the whole sealed under the key it rotates from, so that only
// devices of the sync read who was removed, and a removed device reads that it was. Rotations are
// kept (not replaced) so that a device that was away across several of them still finds its way
// from the key it holds to the newest.
import { generateKeyPairSync } from 'node:crypto';
import { z } from 'zod';
import { AuthdeskError } from '../../../shared/errors';
import { keyBytes, openSyncFile, readSyncHeader, sealSyncFile } from '../folder/sealed-file';
import type { SyncFileHeader } from '../folder/sealed-file';
import { syncFileName } from '../folder/names';
import type { FolderListing, SyncFolder } from '../folder/sync-folder';
import type { DeviceId, DeviceInfo, SyncKey } from '../types';
import { rawPublicKey } from './device-identity';
import type { DeviceIdentity } from './device-identity';
import { unwrapKey, wrapKeyTo } from './key-wrap';
import type { WrapContext } from './key-wrap';
import { readOrSkip } from './read-or-skip';
import { byEpochThenId, keyNamedBy, newestEpoch, syncKeySchema } from './sync-key';

/** The most rotations a device's file keeps (the oldest go first); removals are rare. */
const MAX_LINKS = 64;

const deviceId = z.string().regex(/^[0-9a-f]{32}$/);
const linkSchema = z.strictObject({
  next: z.strictObject({ epoch: z.number().int().positive(), id: z.string() }),
  removed: z.array(deviceId).max(1024),
  ephemeral: z.string(),
  wraps: z.record(deviceId, z.strictObject({ nonce: z.string(), data: z.string() })),
});
type LinkBody = z.infer<typeof linkSchema>;

/** One rotation as read: its header (device: who rotated; epoch/keyId: the key it is sealed with; seq: the next epoch). */
interface Link {
  header: SyncFileHeader;
  bytes: Buffer;
}

/** The rotations of one `.keys` file whose headers read; lines that do not (cut short) are left out. */
function parseLinks(file: Buffer, device: DeviceId): Link[] {
  const links: Link[] = [];
  for (const line of file
    .toString('latin1')
    .split('\n')
    .slice(0, 4 * MAX_LINKS)) {
    if (line.trim() === '') continue;
    const bytes = Buffer.from(line, 'base64');
    try {
      const { header } = readSyncHeader(bytes);
      if (header.kind === 'keys' && header.device === device && header.seq > header.epoch) {
        links.push({ header, bytes });
      }
    } catch {
      // a line cut short, or not ours
    }
  }
  return links;
}

function contextOf(link: Link, body: LinkBody): WrapContext {
  return { author: link.header.device, fromEpoch: link.header.epoch, next: body.next };
}

/**
 * Writes `<me>.keys`: `next` wrapped to each of `members` (not to `removed`), the whole sealed under
 * `current` so that only members of the sync can read who was removed. The rotations this device
 * made before stay in the file.
 */
export async function writeRotation(
  folder: SyncFolder,
  me: DeviceIdentity,
  current: SyncKey,
  next: SyncKey,
  members: DeviceInfo[],
  removed: DeviceId[],
): Promise<void> {
  if (next.epoch <= current.epoch) {
    throw new AuthdeskError('INVALID_ARGUMENT', 'The next key must have a later epoch.');
  }
  const ephemeral = generateKeyPairSync('x25519');
  const pair = { privateKey: ephemeral.privateKey, publicKey: rawPublicKey(ephemeral.publicKey) };
  const context: WrapContext = { author: me.id, fromEpoch: current.epoch, next };
  const wraps: LinkBody['wraps'] = {};
  for (const member of members) {
    if (removed.includes(member.id)) continue;
    wraps[member.id] = wrapKeyTo(pair, member, next, context);
  }
  const body: LinkBody = {
    next: { epoch: next.epoch, id: next.id },
    removed: [...new Set(removed)],
    ephemeral: pair.publicKey.toString('base64'),
    wraps,
  };
  const link = sealSyncFile(body, keyBytes(current), {
    kind: 'keys',
    device: me.id,
    seq: next.epoch,
    epoch: current.epoch,
    keyId: current.id,
  });
  const own = (await folder.list()).devices.get(me.id)?.keys;
  const earlier = own ? await readOrSkip(folder, own) : null;
  const kept = earlier ? parseLinks(earlier, me.id).filter((l) => l.header.seq < next.epoch) : [];
  const lines = [...kept.map((l) => l.bytes), link].slice(-MAX_LINKS);
  await folder.writeOwn(
    syncFileName('keys', me.id),
    Buffer.from(lines.map((bytes) => `${bytes.toString('base64')}\n`).join(''), 'latin1'),
  );
}

/**
 * The newest epoch any rotation in the folder leads to, read from the headers alone (no key
 * needed): a pairing offer or a password file holding only older keys predates a removal.
 */
export async function newestRotationEpoch(
  folder: SyncFolder,
  listing: FolderListing,
): Promise<number> {
  let newest = 0;
  for (const [device, files] of listing.devices) {
    const bytes = files.keys ? await readOrSkip(folder, files.keys) : null;
    if (!bytes) continue;
    for (const { header } of parseLinks(bytes, device)) newest = Math.max(newest, header.seq);
  }
  return newest;
}

export interface RotationsRead {
  /** Keys of later epochs this device could unwrap, ascending; the last is the one to use. */
  adopted: SyncKey[];
  /** Devices removed by the rotations read (to ignore from now on). */
  removed: DeviceId[];
  /** A rotation to a later epoch that left this device out: it was removed (by that device). */
  removedBy?: DeviceId;
  /**
   * A removed device may hold the key to use: two devices rotated at once and each wrapped its key
   * to the device the other removed, or two devices removed each other (both are in `removed` and
   * neither rotation is followed). Rotate again, to the devices not removed.
   */
  rotateAgain?: true;
}

interface Opened {
  link: Link;
  body: LinkBody;
}

/** Opens every rotation reachable from `keys` through `links` (a key unwrapped opens the next). */
function walk(
  links: Link[],
  me: DeviceIdentity,
  keys: SyncKey[],
): { held: SyncKey[]; opened: Opened[] } {
  const held = [...keys];
  const opened: Opened[] = [];
  const tried = new Set<Link>();
  for (let progress = true; progress;) {
    progress = false;
    for (const link of links) {
      if (tried.has(link)) continue;
      const key = keyNamedBy(held, link.header);
      if (!key) continue;
      tried.add(link);
      progress = true;
      let body: LinkBody;
      try {
        const { body: raw } = openSyncFile(link.bytes, keyBytes(key), {
          kind: 'keys',
          device: link.header.device,
          seq: link.header.seq,
        });
        const parsed = linkSchema.safeParse(raw);
        if (!parsed.success || parsed.data.next.epoch !== link.header.seq) continue;
        body = parsed.data;
      } catch {
        continue; // sealed with another key than it names, or damaged: refused
      }
      opened.push({ link, body });
      const wrap = body.wraps[me.id];
      if (!wrap || held.some((k) => k.id === body.next.id)) continue;
      const bytes = unwrapKey(me, body.ephemeral, wrap, contextOf(link, body));
      const adopted = syncKeySchema.safeParse({ ...body.next, key: bytes });
      if (bytes !== null && adopted.success) held.push(adopted.data);
    }
  }
  return { held, opened };
}

/**
 * Reads the `.keys` files (this device's own too): the keys of later epochs wrapped to this device,
 * the devices removed, and whether another device's rotation past the newest key it could reach
 * left it out.
 * A rotation written by a device that another rotation (from the same or an earlier epoch)
 * removed is not followed: a removed device that still holds the old key cannot hand the others a
 * key of its own.
 */
export async function readRotations(
  folder: SyncFolder,
  listing: FolderListing,
  me: DeviceIdentity,
  keys: SyncKey[],
): Promise<RotationsRead> {
  const links: Link[] = [];
  for (const [device, files] of listing.devices) {
    if (!files.keys) continue; // this device's own too: the removals it made count
    const bytes = await readOrSkip(folder, files.keys);
    if (bytes) links.push(...parseLinks(bytes, device));
  }
  // Everything reachable, to learn who removed whom; then again along the rotations that stand.
  const everything = walk(links, me, keys).opened;
  const stands = (link: Link) =>
    !everything.some(
      (other) =>
        other.link.header.device !== link.header.device &&
        other.link.header.epoch <= link.header.epoch &&
        other.body.removed.includes(link.header.device),
    );
  const { held, opened } = walk(links.filter(stands), me, keys);

  const adopted = held.filter((key) => !keys.some((k) => k.id === key.id)).sort(byEpochThenId);
  // The author of a rotation that does not stand was removed (that is why it does not stand): when
  // two devices removed each other, both count as removed, so that neither hands out the key.
  const removed = new Set([
    ...opened.flatMap(({ body }) => body.removed),
    ...everything.filter(({ link }) => !stands(link)).map(({ link }) => link.header.device),
  ]);
  removed.delete(me.id);
  const result: RotationsRead = { adopted, removed: [...removed].sort() };

  const newest = newestEpoch(held);
  const leftOut = opened
    .filter(
      ({ link, body }) =>
        body.next.epoch > newest && !body.wraps[me.id] && link.header.device !== me.id,
    )
    .sort((a, b) => a.body.next.epoch - b.body.next.epoch);
  if (leftOut[0]) result.removedBy = leftOut[0].link.header.device;

  // Could a removed device hold a key of the newest epoch? Yes when a rotation wrapped it to one
  // (two rotations at once), or when no rotation this device reads made the key (then every device
  // that was there before holds it).
  const reachedRemoved = held
    .filter((key) => key.epoch === newest)
    .some((key) => {
      const made = opened.find(({ body }) => body.next.id === key.id);
      return made ? Object.keys(made.body.wraps).some((id) => removed.has(id)) : removed.size > 0;
    });
  if (reachedRemoved && !result.removedBy) result.rotateAgain = true;
  return result;
}
