// Test ports for the main-process services: a clock the test can move, an in-process clipboard and
// in-memory settings. They stand in for Electron's adapters only; every service above them is real.
import type { Settings } from '../../../shared/ipc';
import type { ClipboardPort } from '../../../electron/services/clipboard-guard';
import type { Clock } from '../../../electron/services/clock';
import type { SettingsStorage } from '../../../electron/services/settings';

/** Real time plus an offset the test sets, so timers still fire in real time. */
export class TestClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  /** Makes now() return `epochMs` at this instant, then run on from there. */
  set(epochMs: number): void {
    this.offset = epochMs - Date.now();
  }
}

export class MemoryClipboard implements ClipboardPort {
  text = '';
  async readText(): Promise<string> {
    return this.text;
  }
  async writeText(text: string): Promise<void> {
    this.text = text;
  }
  clear(): void {
    this.text = '';
  }
}

export class MemorySettings implements SettingsStorage {
  constructor(public value: unknown = undefined) {}
  read(): unknown {
    return this.value;
  }
  write(settings: Settings): void {
    this.value = { ...settings };
  }
}
