// The non-secret settings: loaded once, kept current by settingsChanged, changed through setSettings.
import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../shared/ipc';
import { call, subscribe } from '../api';
import { useLatest } from './useLatest';

export interface SettingsState {
  settings: Settings | null;
  /** Resolves with the saved settings; rejects with an ApiError. */
  update: (patch: Partial<Settings>) => Promise<Settings>;
}

export function useSettings(onError: (error: unknown) => void): SettingsState {
  const latestOnError = useLatest(onError);
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let live = true;
    const unsubscribe = subscribe('settingsChanged', setSettings);
    call('getSettings').then(
      (value) => live && setSettings((old) => old ?? value),
      (error: unknown) => live && latestOnError.current(error),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [latestOnError]);
  // Optimistic, so a switch flips at once instead of springing back until main answers.
  const update = useCallback(async (patch: Partial<Settings>) => {
    setSettings((old) => old && { ...old, ...patch });
    try {
      const saved = await call('setSettings', patch);
      setSettings(saved);
      return saved;
    } catch (error) {
      const current = await call('getSettings').catch(() => null);
      if (current) setSettings(current);
      throw error;
    }
  }, []);
  return { settings, update };
}
