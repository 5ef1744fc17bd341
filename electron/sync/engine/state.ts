// The merged state (types.ts SyncState): per record, per field, a multi-value register of versions.
// A version is a value with the dot (device, seq) and the stamp of the change that wrote it. A
// change's edit supersedes the versions its `seen` covers; versions neither side saw stay side by
// side (concurrent) until the projection (project.ts) picks or the resolver (resolve.ts) settles
// them. Two states join field by field (mergeStates): a version both hold stays, one only one holds
// stays unless the other has seen its dot (and so superseded it). Changes apply in causal order.
import type { Change, DeviceId, Edit, Hlc, SyncState, VersionVector } from '../types';

/** One value of one field, written by change (d, s) stamped h. */
export interface Version {
  d: DeviceId;
  s: number;
  h: Hlc;
  v: unknown;
  /** Only on `deleted: true`: what the deleting change had seen (resolve.ts tells a delete concurrent with an edit). */
  c?: VersionVector;
}

/** field → its concurrent versions (one, usually). */
export type RecordState = Record<string, Version[]>;
export type Records = Record<string, RecordState>;

export const DELETED_FIELD = 'deleted';

export function recordsOf(state: SyncState): Records {
  return state.records as Records;
}

/** Whether a state that has merged `vv` has seen the change (d, s). */
export function covers(vv: VersionVector | undefined, d: DeviceId, s: number): boolean {
  return (vv?.[d] ?? 0) >= s;
}

/** Whether `change` can merge into a state that has merged `vv`: the next of its device, everything it saw merged. */
export function isReady(vv: VersionVector, change: Change): boolean {
  if (change.seq !== (vv[change.device] ?? 0) + 1) return false;
  for (const [device, seq] of Object.entries(change.seen)) {
    if (device === change.device) continue;
    if ((vv[device] ?? 0) < seq) return false;
  }
  return true;
}

/** A copy safe to change: records are copied when written (ownRecord). */
export function shallowState(state: SyncState): SyncState {
  return { v: 1, vv: { ...state.vv }, records: { ...state.records } };
}

/** The record `id` of `state` made safe to change in place (state from shallowState). */
function ownRecord(state: SyncState, id: string, copied: Set<string>): RecordState {
  const records = recordsOf(state);
  const existing = records[id];
  if (copied.has(id) && existing) return existing;
  const record: RecordState = {};
  if (existing)
    for (const [field, versions] of Object.entries(existing)) record[field] = [...versions];
  records[id] = record;
  copied.add(id);
  return record;
}

/**
 * Applies `change` to `state` (which must come from shallowState: touched records are copied) and
 * returns the ids of the records it touched. The caller checks isReady first. Within one change a
 * later edit of the same field wins.
 */
export function applyChange(
  state: SyncState,
  change: Change,
  copied = new Set<string>(),
): Set<string> {
  const touched = new Set<string>();
  // Per record, its edits from the last: the first one met of each field is the one that counts.
  const byRecord = new Map<string, Edit[]>();
  for (let index = change.edits.length - 1; index >= 0; index--) {
    const edit = change.edits[index]!;
    if (typeof edit?.record !== 'string' || typeof edit.field !== 'string') continue;
    if (edit.record === '__proto__' || edit.field === '__proto__') continue;
    const edits = byRecord.get(edit.record);
    if (edits) edits.push(edit);
    else byRecord.set(edit.record, [edit]);
  }
  const stale = (version: Version) =>
    covers(change.seen, version.d, version.s) ||
    (version.d === change.device && version.s >= change.seq);
  for (const [id, edits] of byRecord) {
    const record = ownRecord(state, id, copied);
    const done = new Set<string>();
    for (const edit of edits) {
      if (done.has(edit.field)) continue;
      done.add(edit.field);
      const existing = record[edit.field];
      const versions = existing ? existing.filter((version) => !stale(version)) : [];
      const version: Version = {
        d: change.device,
        s: change.seq,
        h: change.hlc,
        v: edit.value ?? null,
      };
      if (edit.field === DELETED_FIELD && edit.value === true) version.c = { ...change.seen };
      versions.push(version);
      record[edit.field] = versions;
    }
    touched.add(id);
  }
  state.vv[change.device] = Math.max(state.vv[change.device] ?? 0, change.seq);
  return touched;
}

/**
 * Joins `other` into `state` (from shallowState) and returns the ids of the records that changed.
 * Both must be states built by causal merges (their vv names everything they hold).
 */
export function mergeStates(
  state: SyncState,
  other: SyncState,
  copied = new Set<string>(),
): Set<string> {
  const touched = new Set<string>();
  const mine = recordsOf(state);
  const theirs = recordsOf(other);
  for (const [id, record] of Object.entries(theirs)) {
    if (typeof record !== 'object' || record === null || id === '__proto__') continue;
    const current = mine[id];
    if (!current) {
      // New here: taken as it is (shared: ownRecord copies it before any change).
      const kept = unseenPart(record, state.vv);
      if (kept) {
        mine[id] = kept;
        touched.add(id);
      }
      continue;
    }
    let next: RecordState | null = null;
    for (const field of Object.keys(record)) {
      if (field === '__proto__') continue;
      const a = current[field] ?? NONE;
      const b = Array.isArray(record[field]) ? record[field] : NONE;
      const joined = joinVersions(a, state.vv, b, other.vv);
      if (joined !== a) next = withField(next ?? { ...current }, field, joined);
    }
    for (const field of Object.keys(current)) {
      if (Object.hasOwn(record, field)) continue;
      const a = current[field]!;
      const joined = joinVersions(a, state.vv, NONE, other.vv);
      if (joined !== a) next = withField(next ?? { ...current }, field, joined);
    }
    if (next) {
      mine[id] = next;
      copied.add(id);
      touched.add(id);
    }
  }
  // A version only this state holds, whose dot the other saw, was superseded there.
  for (const [id, record] of Object.entries(mine)) {
    if (touched.has(id) || Object.hasOwn(theirs, id)) continue;
    let changed = false;
    const next: RecordState = {};
    for (const [field, versions] of Object.entries(record)) {
      const kept = versions.filter((version) => !covers(other.vv, version.d, version.s));
      if (kept.length !== versions.length) changed = true;
      if (kept.length > 0) next[field] = kept;
    }
    if (changed) {
      mine[id] = next;
      copied.add(id);
      touched.add(id);
    }
  }
  for (const [device, seq] of Object.entries(other.vv)) {
    if (typeof seq === 'number' && seq > (state.vv[device] ?? 0)) state.vv[device] = seq;
  }
  return touched;
}

/** The versions of `record` a state that merged `vv` has not seen (the record itself when that is all of them), or null for none. */
function unseenPart(record: RecordState, vv: VersionVector): RecordState | null {
  let all = true;
  const part: RecordState = {};
  let any = false;
  for (const [field, versions] of Object.entries(record)) {
    if (!Array.isArray(versions) || field === '__proto__') {
      all = false;
      continue;
    }
    const kept = versions.filter(
      (version) => isVersion(version) && !covers(vv, version.d, version.s),
    );
    if (kept.length !== versions.length) all = false;
    if (kept.length > 0) {
      part[field] = kept;
      any = true;
    }
  }
  return all ? record : any ? part : null;
}

const sameDot = (a: Version, b: Version) => a.d === b.d && a.s === b.s;

const NONE: Version[] = [];

/** The record with `field` set to `versions` (left out when there are none). */
function withField(record: RecordState, field: string, versions: Version[]): RecordState {
  if (versions.length > 0) record[field] = versions;
  else delete record[field];
  return record;
}

function hasDot(versions: readonly Version[], version: Version): boolean {
  for (const other of versions) if (sameDot(version, other)) return true;
  return false;
}

/** The join of one field's versions; returns `a` itself when nothing changes (the usual case). */
function joinVersions(
  a: Version[],
  aSeen: VersionVector,
  b: Version[],
  bSeen: VersionVector,
): Version[] {
  let same = true;
  for (const version of a) {
    if (!hasDot(b, version) && covers(bSeen, version.d, version.s)) same = false;
  }
  for (const version of b) {
    if (isVersion(version) && !hasDot(a, version) && !covers(aSeen, version.d, version.s)) {
      same = false;
    }
  }
  if (same) return a;
  const joined: Version[] = [];
  for (const version of a) {
    if (hasDot(b, version) || !covers(bSeen, version.d, version.s)) joined.push(version);
  }
  for (const version of b) {
    if (isVersion(version) && !hasDot(a, version) && !covers(aSeen, version.d, version.s)) {
      joined.push(version);
    }
  }
  return joined;
}

function isVersion(value: unknown): value is Version {
  const version = value as Version;
  return (
    typeof version === 'object' &&
    version !== null &&
    typeof version.d === 'string' &&
    typeof version.s === 'number' &&
    typeof version.h === 'string'
  );
}

/** The version with the highest stamp (last writer wins). */
export function latest(versions: readonly Version[]): Version | undefined {
  let best: Version | undefined;
  for (const version of versions) if (!best || version.h > best.h) best = version;
  return best;
}
