// Applies the theme setting to the document, following the system's light/dark preference for 'system'.
import { useEffect, useSyncExternalStore } from 'react';
import type { Settings } from '../../../shared/settings';

const query = () => window.matchMedia('(prefers-color-scheme: dark)');

function subscribe(listener: () => void): () => void {
  const media = query();
  media.addEventListener('change', listener);
  return () => media.removeEventListener('change', listener);
}

const systemIsDark = () => query().matches;

export function useTheme(theme: Settings['theme'] | undefined): void {
  const dark = useSyncExternalStore(subscribe, systemIsDark);
  const resolved = theme === undefined || theme === 'system' ? (dark ? 'dark' : 'light') : theme;
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
  }, [resolved]);
}
