// Whether the OS keychain can unlock the vault here and whether it is on, as main reports it: loaded
// once per mount (it only changes through this window's own calls, whose answers are applied with `set`).
import { useEffect, useState } from 'react';
import type { KeychainStatus } from '../../shared/keychain';
import { call } from '../api';
import { useLatest } from './useLatest';

export function useKeychainStatus(onError: (error: unknown) => void) {
  const latestOnError = useLatest(onError);
  const [status, setStatus] = useState<KeychainStatus | null>(null);
  useEffect(() => {
    let live = true;
    call('getKeychainStatus').then(
      (value) => live && setStatus(value),
      (error: unknown) => live && latestOnError.current(error),
    );
    return () => {
      live = false;
    };
  }, [latestOnError]);
  return { status, set: setStatus };
}
