// The words of sync, shared by its three parts: the merge engine (engine/), the files in the sync
// folder (folder/) and the keys (keys/). The use case (use-cases/sync*.ts) puts them together.
// Everything here is JSON: it is kept in the vault's payload and sealed into the folder's files.

/** A device's id: 16 random bytes as 32 lower-case hex characters. */
export type DeviceId = string;

/**
 * A hybrid logical clock stamp (engine/hlc.ts), a string that sorts in time order:
 * `<wall ms, 12 base-36 digits>.<counter, 4 base-36 digits>.<device id>`. Unique per device and
 * change; a device's stamps only grow, also when its clock goes back.
 */
export type Hlc = string;

/** For each device, the highest of its change numbers merged here (0 or absent: none). */
export type VersionVector = Record<DeviceId, number>;

/**
 * One field of one record set to a value. Records are accounts (by account id) and two of the
 * vault's own: TAGS_RECORD (the tag list) and ICONS_RECORD (the pictures, by hash). `value: null`
 * clears the field. The fields of an account are listed in engine/fields.ts.
 */
export interface Edit {
  record: string;
  field: string;
  value: unknown;
}

export const TAGS_RECORD = '#tags';
export const ICONS_RECORD = '#icons';

/**
 * A device's numbered change: everything it edited in one round. Changes of one device are merged
 * in number order, without gaps, and only once everything in `seen` is merged (causal order).
 */
export interface Change {
  device: DeviceId;
  /** 1, 2, 3, … per device; never reused. */
  seq: number;
  hlc: Hlc;
  /** What the device had merged when it made the change (its own earlier changes included). */
  seen: VersionVector;
  edits: Edit[];
}

/**
 * The merged state of every record (engine/state.ts): the state-based CRDT each device keeps in its
 * vault and seals into its snapshot. Opaque outside engine/: only engine functions read it.
 */
export interface SyncState {
  /** Format of this object, for a later Authdesk to read an older one. */
  v: 1;
  /** Everything merged into this state. */
  vv: VersionVector;
  /** The engine's own data: records, fields, versions and tombstones. */
  records: Record<string, unknown>;
}

/** Who a device is, as it tells the others inside its snapshot. */
export interface DeviceInfo {
  id: DeviceId;
  name: string;
  /** X25519 public key, base64 (raw 32 bytes): a rotated sync key is wrapped to it (keys/). */
  publicKey: string;
}

/** A sync key: one per epoch. Removing a device makes the next epoch. */
export interface SyncKey {
  epoch: number;
  /** 16 random bytes, hex: names the key in every file sealed with it. */
  id: string;
  /** 32 bytes, base64. Secret: only inside the vault's encryption and inside sealed files. */
  key: string;
}

/** A device's snapshot, as sealed in its `<device>.snapshot` file. */
export interface Snapshot {
  device: DeviceInfo;
  /** The device's own change number this snapshot includes (its state's vv[device]). */
  seq: number;
  /** ISO 8601 on the writer's clock: the device was seen then. */
  writtenAt: string;
  state: SyncState;
  /** Devices the writer removed or saw removed (they are ignored). */
  removed: DeviceId[];
}
