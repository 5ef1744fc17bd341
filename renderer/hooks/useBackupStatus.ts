// Automatic backups as main reports them: loaded once, kept current by the backupStatus event; the
// results of turning them on or off are applied at once with `set`.
import { useEffect, useState } from 'react';
import type { BackupStatus } from '../../shared/transfer';
import { call, subscribe } from '../api';
import { useLatest } from './useLatest';

export function useBackupStatus(onError: (error: unknown) => void) {
  const latestOnError = useLatest(onError);
  const [status, setStatus] = useState<BackupStatus | null>(null);
  useEffect(() => {
    let live = true;
    const unsubscribe = subscribe('backupStatus', setStatus);
    call('getBackupStatus').then(
      // An event that came first is newer than this answer.
      (value) => live && setStatus((old) => old ?? value),
      (error: unknown) => live && latestOnError.current(error),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [latestOnError]);
  return { status, set: setStatus };
}
