// The app's state machine: loading, first run, locked or unlocked; applies the language and theme.
import { useCallback, useEffect, useState } from 'react';
import type { AppStatus, LockReason } from '../shared/ipc';
import { call, errorCodeOf, subscribe, type ApiErrorCode } from './api/api';
import { ToastOutlet } from './ui/ToastOutlet';
import { useSettings } from './features/settings/useSettings';
import { useTheme } from './features/settings/useTheme';
import { useAppliedLanguage } from './i18n/useAppliedLanguage';
import { AccountsScreen } from './features/accounts/AccountsScreen';
import { FirstRunScreen } from './features/unlock/FirstRunScreen';
import { StartupErrorScreen } from './features/unlock/StartupErrorScreen';
import { UnlockScreen } from './features/unlock/UnlockScreen';

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [startupError, setStartupError] = useState<ApiErrorCode | null>(null);
  const [lockReason, setLockReason] = useState<LockReason | null>(null);
  const onStartupError = useCallback((error: unknown) => setStartupError(errorCodeOf(error)), []);
  const settingsState = useSettings(onStartupError);
  const { settings } = settingsState;
  useTheme(settings?.theme);

  const refreshStatus = useCallback(
    () => call('status').then(setStatus, onStartupError),
    [onStartupError],
  );
  useEffect(() => {
    void refreshStatus();
  }, [refreshStatus]);

  useEffect(
    () =>
      subscribe('locked', ({ reason }) => {
        setLockReason(reason);
        setStatus((old) => old && { ...old, vault: 'locked' });
      }),
    [],
  );

  const languageReady = useAppliedLanguage(settings, status);

  const setVault = useCallback(
    (vault: AppStatus['vault']) => setStatus((old) => old && { ...old, vault }),
    [],
  );
  const onLocked = useCallback(() => setVault('locked'), [setVault]);
  const onUnlocked = useCallback(() => {
    setLockReason(null);
    setVault('unlocked');
  }, [setVault]);

  if (startupError) return <StartupErrorScreen code={startupError} />;
  // Nothing is drawn until the language is known, so the first screen never flashes in the other one.
  if (!status || !settings || !languageReady) return <div className="splash" />;

  return (
    <>
      {status.vault === 'missing' && <FirstRunScreen onCreated={() => void refreshStatus()} />}
      {status.vault === 'locked' && <UnlockScreen reason={lockReason} onUnlocked={onUnlocked} />}
      {status.vault === 'unlocked' && (
        <AccountsScreen status={status} settingsState={settingsState} onLocked={onLocked} />
      )}
      <ToastOutlet layer="root" />
    </>
  );
}
