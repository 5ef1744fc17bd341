// Electron adapter: system idle time, and locking when the screen locks or the machine sleeps.
import { powerMonitor } from 'electron';

export const systemIdleSeconds = (): number => powerMonitor.getSystemIdleTime();

export function onSystemLockOrSuspend(lock: () => void, resumed: () => void): void {
  powerMonitor.on('lock-screen', lock);
  powerMonitor.on('suspend', lock);
  powerMonitor.on('resume', resumed);
  powerMonitor.on('unlock-screen', resumed);
}
