// Electron adapter: settings kept by electron-store in the app's user-data folder (never secrets).
import Store from 'electron-store';
import type { Settings } from '../../shared/settings';
import type { SettingsStorage } from '../ports';

export function electronSettingsStorage(): SettingsStorage {
  const store = new Store<{ settings: Settings }>({ name: 'settings' });
  return {
    read: () => store.get('settings'),
    write: (settings) => store.set('settings', settings),
  };
}
