// The account list (metadata only): loaded once when unlocked, then replaced by accountsChanged pushes.
import { useCallback, useEffect, useState } from 'react';
import type { AccountMeta } from '../../../shared/account';
import { call, subscribe } from '../../api/api';
import { useLatest } from '../../ui/useLatest';
import { PERF_MARKS, perfMark } from '../../perf-marks';

export interface Accounts {
  /** null until the first list arrives. */
  list: AccountMeta[] | null;
  /** Shows a change before main confirms it (e.g. a reorder); the next push settles it. */
  setOptimistic: (list: AccountMeta[]) => void;
}

export function useAccounts(onError: (error: unknown) => void): Accounts {
  const latestOnError = useLatest(onError);
  const [list, setList] = useState<AccountMeta[] | null>(null);
  useEffect(() => {
    let live = true;
    let pushed = false;
    const unsubscribe = subscribe('accountsChanged', (accounts) => {
      if (!pushed) perfMark(PERF_MARKS.accounts);
      pushed = true;
      setList(accounts);
    });
    call('listAccounts').then(
      (accounts) => {
        if (!live || pushed) return;
        perfMark(PERF_MARKS.accounts);
        setList(accounts);
      },
      (error: unknown) => live && latestOnError.current(error),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [latestOnError]);
  const setOptimistic = useCallback((next: AccountMeta[]) => setList(next), []);
  return { list, setOptimistic };
}
