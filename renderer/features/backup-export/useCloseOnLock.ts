// Closes a dialog that shows secrets the moment main reports the vault locked, wherever it is mounted.
import { useEffect } from 'react';
import { subscribe } from '../../api/api';
import { useLatest } from '../../ui/useLatest';

export function useCloseOnLock(onClose: () => void): void {
  const latest = useLatest(onClose);
  useEffect(() => subscribe('locked', () => latest.current()), [latest]);
}
