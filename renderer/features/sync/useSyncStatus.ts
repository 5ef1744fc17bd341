// Sync as main reports it: loaded once, kept current by the syncStatus event; the answers of the
// calls that change it (start, join, stop, remove a device…) are applied at once with `set`.
import type { SyncStatus } from '../../../shared/sync';
import { useMainState } from '../../api/useMainState';

export function useSyncStatus(onError: (error: unknown) => void) {
  return useMainState<SyncStatus>('getSyncStatus', 'syncStatus', onError);
}
