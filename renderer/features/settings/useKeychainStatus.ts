// Whether the OS keychain can unlock the vault here and whether it is on, as main reports it: loaded
// once per mount (it only changes through this window's own calls, whose answers are applied with `set`).
import type { KeychainStatus } from '../../../shared/keychain';
import { useMainState } from '../../api/useMainState';

export function useKeychainStatus(onError: (error: unknown) => void) {
  return useMainState<KeychainStatus>('getKeychainStatus', null, onError);
}
