// Electron's globalShortcut as quick access's ShortcutPort; the rules (what to register, reporting a
// refusal, registering again on change) are in use-cases/quick-access.ts.
import { globalShortcut } from 'electron';
import type { ShortcutPort } from '../use-cases/quick-access';

export const electronShortcuts: ShortcutPort = {
  register: (accelerator, onPress) => globalShortcut.register(accelerator, onPress),
  unregister: (accelerator) => globalShortcut.unregister(accelerator),
};
