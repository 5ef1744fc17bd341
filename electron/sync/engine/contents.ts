// What a merge round takes in and gives back: the vault's synced contents and what came from the folder.
import type { Account } from '../../../shared/account';
import type { IconStore } from '../../vault/icon-store';
import type { Change, Snapshot } from '../types';

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
