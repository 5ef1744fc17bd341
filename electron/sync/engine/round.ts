// One merge round, pure: what the vault holds now becomes this device's change (a diff against the
// merged state), the other devices' changes and snapshots merge in, conflicts are resolved so that no
// secret is lost, and the vault's contents are projected from the result.
import type { Account } from '../../../shared/account';
import { credentialKey } from '../../../shared/duplicate-rule';
import type { IconStore } from '../../vault/icon-store';
import type { Change, DeviceId, Hlc, SyncState } from '../types';
import type { Incoming, SyncedContents } from './contents';
import { diffContents } from './diff';
import { sameValue } from './fields';
import { maxHlc, tickHlc } from './hlc';
import { mergeIncoming } from './incoming';
import { project, type Projection } from './project';
import { applyChange, shallowState } from './state';

export type { Incoming, SyncedContents } from './contents';

export interface RoundInput {
  state: SyncState;
  device: DeviceId;
  /** The last stamp this device issued or saw (kept in the vault); null at first. */
  hlc: Hlc | null;
  /** This computer's clock, epoch ms. */
  wallMs: number;
  /** The vault now. */
  local: SyncedContents;
  /** In any order, possibly repeated or already merged: the engine sorts, skips and waits as needed. */
  incoming: Incoming[];
  /** Device names for flags (SyncFlag.device.name); an unknown id is named by its first 8 hex. */
  names: Record<DeviceId, string>;
  /**
   * The first round after joining: a local account with the same credential as one already in the
   * merged state (shared/duplicate-rule.ts) is taken as that account rather than added a second time.
   */
  joining?: boolean;
}

export interface RoundResult {
  state: SyncState;
  /** This device's new change (local edits and conflict resolutions), already in `state`; null when none. */
  change: Change | null;
  hlc: Hlc;
  /** The vault's contents after the merge (equal to `local` when nothing came in). */
  contents: SyncedContents;
  /** Whether `contents` differs from `local`. */
  changed: boolean;
  /** Per other device: how many accounts its changes added, changed or removed here. */
  touched: Record<DeviceId, number>;
  /** Accounts newly flagged by this round (SyncFlag). */
  flagged: number;
  /** Changes that could not merge yet (something they depend on has not arrived). */
  waiting: Change[];
}

/** The state of a device that has merged nothing. */
export function emptyState(): SyncState {
  return { v: 1, vv: {}, records: {} };
}

export function syncRound(input: RoundInput): RoundResult {
  const { device, names } = input;
  const base = project(input.state, names);
  const state = shallowState(input.state);
  const copied = new Set<string>();
  let hlc = input.hlc;
  let merged: ReturnType<typeof mergeIncoming> | null = null;

  let local = input.local;
  let lead: Projection | undefined;
  if (input.joining) {
    // Merged first, so that a local account already in the sync is taken as that account.
    merged = mergeIncoming(state, input.incoming, copied);
    lead = project(state, names);
    const there = new Set(lead.accounts.map(credentialKey));
    local = {
      ...local,
      accounts: local.accounts.filter(
        (account) => base.known.has(account.id) || !there.has(credentialKey(account)),
      ),
    };
  }

  // Settlements first: an edit a door made to a settled account comes after it in the change.
  const edits = [...base.settlements, ...diffContents(local, base, lead)];
  let change: Change | null = null;
  if (edits.length > 0) {
    hlc = tickHlc(maxHlc(hlc, merged?.hlc ?? null), input.wallMs, device);
    const seq = Math.max(input.state.vv[device] ?? 0, state.vv[device] ?? 0) + 1;
    // What the vault's contents were made from: the edits supersede that, and nothing merged since.
    const seen = { ...input.state.vv };
    if (seq > 1) seen[device] = seq - 1;
    change = { device, seq, hlc, seen, edits };
    applyChange(state, change, copied);
  }
  merged ??= mergeIncoming(state, input.incoming, copied);
  hlc = maxHlc(hlc, merged.hlc) ?? tickHlc(null, input.wallMs, device);

  // Nothing written and nothing merged: the state is as it was, and so is its projection.
  const after = change === null && merged.touched.size === 0 ? base : project(state, names);
  const before = new Map(input.local.accounts.map((account) => [account.id, account]));
  let changed = input.local.accounts.length !== after.accounts.length;
  let flagged = 0;
  const accounts = after.accounts.map((account, index) => {
    const was = before.get(account.id);
    if (input.local.accounts[index]?.id !== account.id) changed = true;
    if (account.syncFlag && !sameValue(account.syncFlag, was?.syncFlag)) flagged++;
    if (was && sameValue(was, account)) return was;
    changed = true;
    return account;
  });
  if (!sameValue(after.groups, input.local.groups)) changed = true;
  if (!sameValue(after.icons, usedPictures(input.local))) changed = true;

  const afterById = new Map(accounts.map((account) => [account.id, account]));
  const differs = new Map<string, boolean>();
  const touched: Record<DeviceId, number> = {};
  for (const [from, records] of merged.touched) {
    if (from === device) continue;
    let count = 0;
    for (const id of records) {
      let different = differs.get(id);
      if (different === undefined) {
        different = !sameButUpdated(before.get(id), afterById.get(id));
        differs.set(id, different);
      }
      if (different) count++;
    }
    if (count > 0) touched[from] = count;
  }
  return {
    state,
    change,
    hlc,
    contents: { accounts, groups: after.groups, icons: after.icons },
    changed,
    touched,
    flagged,
    waiting: merged.waiting,
  };
}

/** The same account, or both absent, whenever it says it was updated. */
function sameButUpdated(a: Account | undefined, b: Account | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return sameValue({ ...a, updatedAt: '' }, { ...b, updatedAt: '' });
}

/** The pictures the vault's accounts use (the store may hold others until its next write). */
function usedPictures(contents: SyncedContents): IconStore {
  const used: IconStore = {};
  for (const account of contents.accounts) {
    const icon = account.icon;
    if (icon?.kind === 'image' && Object.hasOwn(contents.icons, icon.hash)) {
      used[icon.hash] = contents.icons[icon.hash]!;
    }
  }
  return used;
}
