// The non-secret settings: loaded once, kept current by settingsChanged, changed through setSettings.
import { useCallback } from 'react';
import type { Settings } from '../../../shared/settings';
import { call } from '../../api/api';
import { useMainState } from '../../api/useMainState';

export interface SettingsState {
  settings: Settings | null;
  /** Resolves with the saved settings; rejects with an ApiError. */
  update: (patch: Partial<Settings>) => Promise<Settings>;
}

export function useSettings(onError: (error: unknown) => void): SettingsState {
  const { status: settings, set: setSettings } = useMainState<Settings>(
    'getSettings',
    'settingsChanged',
    onError,
  );
  // Optimistic, so a switch flips at once instead of springing back until main answers.
  const update = useCallback(
    async (patch: Partial<Settings>) => {
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
    },
    [setSettings],
  );
  return { settings, update };
}
