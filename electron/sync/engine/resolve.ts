// What a merge may not settle by last-writer-wins, settled so that no secret is lost:
// - a credential (secret, type, algorithm, digits, period) with concurrent different values: the
//   newest stays on the account, each other value becomes its own account (an id derived from the
//   account's id and the losing version's dot, every other field copied), both flagged;
// - a delete concurrent with an edit (a change the deleting device had not seen): the account is
//   kept and flagged.
// The settlement is a function of the merged state alone, so every device computes the same one:
// the projection shows it at once, and the next round writes it as this device's edits; several
// devices writing it at the same time write the same values, which merge without a new conflict.
import { createHash } from 'node:crypto';
import { generateKeyBetween } from 'fractional-indexing';
import type { SyncFlag } from '../../../shared/sync';
import type { DeviceId } from '../types';
import {
  COUNTER,
  CREATED_AT,
  CREDENTIAL,
  DELETED,
  isCredential,
  OPTIONAL_FIELDS,
  POSITION,
  SYNC_FLAG,
  TAG_PREFIX,
  TEXT_FIELDS,
  valueKey,
} from './fields';
import { hlcWall } from './hlc';
import { covers, latest, type RecordState, type Version } from './state';

/** One record's settlement: field values to set on it and the records (accounts) it adds. */
export interface Settlement {
  set: Map<string, unknown>;
  adds: Map<string, Map<string, unknown>>;
}

/** The deleting versions of a record, and whether they cover everything else it holds. */
export function deletion(record: RecordState): { deletes: Version[]; dead: boolean } {
  const deletes = (record[DELETED] ?? []).filter((version) => version.v === true);
  if (deletes.length === 0) return { deletes, dead: false };
  for (const [field, versions] of Object.entries(record)) {
    // Moving an account, or taking a tag off it (removing a tag takes it off every account), is
    // not an edit that should bring it back.
    if (field === POSITION) continue;
    const tag = field.startsWith(TAG_PREFIX);
    for (const version of versions) {
      if (field === DELETED && version.v === true) continue;
      if (tag && version.v === null) continue;
      const seen = deletes.some(
        (del) =>
          (del.d === version.d && del.s === version.s) || covers(del.c, version.d, version.s),
      );
      if (!seen) return { deletes, dead: false };
    }
  }
  return { deletes, dead: true };
}

/** A device as a flag names it. */
export function deviceName(
  names: Record<DeviceId, string>,
  id: DeviceId,
): { id: string; name: string } {
  const name = Object.hasOwn(names, id) ? names[id] : undefined;
  return { id, name: typeof name === 'string' && name !== '' ? name : id.slice(0, 8) };
}

/** The id of the account that takes the credential of version (device, seq) away from account `id`: a UUID-shaped hash. */
export function conflictCopyId(id: string, device: DeviceId, seq: number): string {
  const hex = createHash('sha256')
    .update(`authdesk-sync-copy\u0000${id}\u0000${device}\u0000${seq}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The settlement of a live record, or null when it needs none. `value` gives the record's chosen
 * value of a field (project.ts); `nextPosition` the position of the account after it in the list.
 */
export function settle(
  id: string,
  record: RecordState,
  deletes: readonly Version[],
  value: (field: string) => unknown,
  nextPosition: string | null,
  names: Record<DeviceId, string>,
  heldBy: (credential: unknown) => string | null = () => null,
): Settlement | null {
  const set = new Map<string, unknown>();
  const adds = new Map<string, Map<string, unknown>>();
  if (deletes.length > 0) {
    const deleter = latest(deletes)!;
    set.set(DELETED, false);
    set.set(SYNC_FLAG, flag('kept-after-delete', names, deleter.d, new Date(hlcWall(deleter.h))));
  }
  const credentials = (record[CREDENTIAL] ?? []).filter((version) => isCredential(version.v));
  if (credentials.length < 2 && set.size === 0) return null;
  const byValue = new Map<string, Version>();
  for (const version of credentials) {
    const key = valueKey(version.v);
    const held = byValue.get(key);
    if (!held || version.h > held.h) byValue.set(key, version);
  }
  if (byValue.size > 1) {
    const winner = latest(credentials)!;
    const at = new Date(Math.max(...credentials.map((version) => hlcWall(version.h))));
    const losers = [...byValue.values()]
      .filter((version) => version !== byValue.get(valueKey(winner.v)))
      .sort((a, b) => (a.h < b.h ? 1 : -1));
    set.set(CREDENTIAL, winner.v);
    let other: string | null = null;
    let lower = typeof value(POSITION) === 'string' ? (value(POSITION) as string) : null;
    for (const loser of losers) {
      // Another account holds this secret already (a copy made by a settlement written elsewhere).
      const holder = heldBy(loser.v);
      const copyId = holder ?? conflictCopyId(id, loser.d, loser.s);
      other ??= copyId;
      if (holder !== null) continue;
      const fields = new Map<string, unknown>();
      for (const field of [...TEXT_FIELDS, COUNTER, ...OPTIONAL_FIELDS, CREATED_AT]) {
        fields.set(field, value(field) ?? null);
      }
      for (const field of Object.keys(record)) {
        if (field.startsWith(TAG_PREFIX)) fields.set(field, value(field) ?? null);
      }
      fields.set(CREDENTIAL, loser.v);
      fields.set(SYNC_FLAG, flag('secret-conflict', names, loser.d, at, id));
      lower = between(lower, nextPosition);
      fields.set(POSITION, lower);
      adds.set(copyId, fields);
    }
    set.set(SYNC_FLAG, flag('secret-conflict', names, winner.d, at, other!));
  }
  return set.size > 0 || adds.size > 0 ? { set, adds } : null;
}

function flag(
  kind: SyncFlag['kind'],
  names: Record<DeviceId, string>,
  device: DeviceId,
  at: Date,
  other?: string,
): SyncFlag {
  const named = deviceName(names, device);
  return other === undefined
    ? { kind, device: named, at: at.toISOString() }
    : { kind, device: named, other, at: at.toISOString() };
}

/** A position after `lower` and, when possible, before `upper`. */
function between(lower: string | null, upper: string | null): string {
  try {
    return generateKeyBetween(
      lower,
      upper !== null && lower !== null && upper <= lower ? null : upper,
    );
  } catch {
    return generateKeyBetween(null, null);
  }
}
