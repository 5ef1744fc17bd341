// Automatic backups as main reports them: loaded once, kept current by the backupStatus event; the
// results of turning them on or off are applied at once with `set`.
import type { BackupStatus } from '../../../shared/transfer';
import { useMainState } from '../../api/useMainState';

export function useBackupStatus(onError: (error: unknown) => void) {
  return useMainState<BackupStatus>('getBackupStatus', 'backupStatus', onError);
}
