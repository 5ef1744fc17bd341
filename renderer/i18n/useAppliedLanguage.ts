// The window's language, applied (the setting, or the system's when it says so): true once the texts
// are in it, so a screen never paints in the wrong language first. Both windows' roots use it.
import { useEffect, useState } from 'react';
import type { AppStatus } from '../../shared/ipc';
import type { Settings } from '../../shared/settings';
import { applyLanguage, resolveLanguage } from './index';

export function useAppliedLanguage(
  settings: Pick<Settings, 'language'> | null | undefined,
  status: Pick<AppStatus, 'systemLanguage'> | null,
): boolean {
  const language =
    status && settings ? resolveLanguage(settings.language, status.systemLanguage) : null;
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (language) void applyLanguage(language).then(() => setReady(true));
  }, [language]);
  return ready;
}
