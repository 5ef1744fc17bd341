// ISSUE16-PENDING (helper A replaces the bodies; the signatures are the contract the use case codes against).
// One merge round, pure: what the vault holds now becomes this device's change (a diff against the
// merged state), the other devices' changes and snapshots merge in, conflicts are resolved so that no
// secret is lost, and the vault's contents are projected from the result.
import type { Account } from '../../../shared/account';
import type { IconStore } from '../../vault/icon-store';
import type { Change, DeviceId, Hlc, Snapshot, SyncState } from '../types';

/** What the vault holds that sync carries (never the sync data itself or the backup key). */
export interface SyncedContents {
  accounts: Account[];
  /** The tag list in display order (the payload's `groups`). */
  groups: string[];
  icons: IconStore;
}

/** Something another device wrote, read and opened from the folder. */
export type Incoming =
  { kind: 'change'; change: Change } | { kind: 'snapshot'; snapshot: Snapshot };

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
  void input;
  throw new Error('ISSUE16-PENDING: engine/round.ts');
}
