// Closes a dialog that shows secrets the moment main reports the vault locked, wherever it is mounted.
import { useEffect } from 'react';
import { subscribe } from '../api';
import { useLatest } from './useLatest';

export function useCloseOnLock(onClose: () => void): void {
  const latest = useLatest(onClose);
  useEffect(() => subscribe('locked', () => latest.current()), [latest]);
}
