// What other devices wrote, merged in causal order: snapshots join the state as they are; changes
// go in per device in seq order, each once everything it saw is merged. Repeats and changes
// already merged are skipped; the rest wait for what they depend on.
import type { Change, DeviceId, Hlc } from '../types';
import { maxHlc, parseHlc } from './hlc';
import type { Incoming } from './contents';
import { applyChange, isReady, mergeStates, recordsOf } from './state';
import type { SyncState } from '../types';

export interface Merged {
  /** Records each device's changes or snapshot touched. */
  touched: Map<DeviceId, Set<string>>;
  /** The newest stamp seen. */
  hlc: Hlc | null;
  waiting: Change[];
}

export function mergeIncoming(
  state: SyncState,
  incoming: readonly Incoming[],
  copied: Set<string>,
): Merged {
  const touched = new Map<DeviceId, Set<string>>();
  const note = (device: DeviceId, ids: Set<string>) => {
    if (ids.size === 0) return;
    const set = touched.get(device) ?? new Set<string>();
    for (const id of ids) set.add(id);
    touched.set(device, set);
  };
  let hlc: Hlc | null = null;
  const pending = new Map<DeviceId, Map<number, Change>>();
  for (const item of incoming) {
    if (item.kind === 'snapshot') {
      const snapshot = item.snapshot;
      if (snapshot?.state?.v !== 1 || typeof snapshot.state.records !== 'object') continue;
      const changed = mergeStates(state, snapshot.state, copied);
      note(snapshot.device.id, changed);
      // Only what is new here: the rest was seen when it came.
      hlc = maxHlc(hlc, newestIn(state, changed));
    } else if (isChange(item.change)) {
      const byDevice = pending.get(item.change.device) ?? new Map<number, Change>();
      byDevice.set(item.change.seq, item.change);
      pending.set(item.change.device, byDevice);
    }
  }
  let progress = true;
  while (progress) {
    progress = false;
    for (const [device, changes] of pending) {
      for (;;) {
        const next = changes.get((state.vv[device] ?? 0) + 1);
        if (!next || !isReady(state.vv, next)) break;
        changes.delete(next.seq);
        note(device, applyChange(state, next, copied));
        if (parseHlc(next.hlc)) hlc = maxHlc(hlc, next.hlc);
        progress = true;
      }
    }
  }
  const waiting: Change[] = [];
  for (const [device, changes] of pending) {
    for (const change of [...changes.values()].sort((a, b) => a.seq - b.seq)) {
      if (change.seq > (state.vv[device] ?? 0)) waiting.push(change);
    }
  }
  return { touched, hlc, waiting };
}

function isChange(change: Change): boolean {
  return (
    typeof change === 'object' &&
    change !== null &&
    typeof change.device === 'string' &&
    Number.isInteger(change.seq) &&
    change.seq > 0 &&
    typeof change.hlc === 'string' &&
    typeof change.seen === 'object' &&
    change.seen !== null &&
    Array.isArray(change.edits)
  );
}

/** The newest stamp of the records `ids` of a state. */
function newestIn(state: SyncState, ids: Iterable<string>): Hlc | null {
  const records = recordsOf(state);
  let newest: Hlc | null = null;
  for (const id of ids) {
    for (const versions of Object.values(records[id] ?? {})) {
      for (const version of versions) if (newest === null || version.h > newest) newest = version.h;
    }
  }
  return newest && parseHlc(newest) ? newest : null;
}
