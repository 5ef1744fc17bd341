// Test ports for the main-process services: a clock the test can move, an in-process clipboard,
// in-memory settings, and the image sources (clipboard image, file dialog, screen) the test fills.
// They stand in for Electron's adapters only; every service above them is real.
import { AuthdeskError } from '../../../shared/errors';
import type { Settings } from '../../../shared/ipc';
import type {
  DialogPort,
  FilePickerPort,
  SaveKind,
  ImageClipboardPort,
  RgbaImage,
  ScreenCapturePort,
} from '../../../electron/import/ports';
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

/** The answers the system dialogs give: set them in a test; null means the user closed the dialog. */
export class TestDialogs implements DialogPort {
  importFile: string | null = null;
  savePath: string | null = null;
  folder: string | null = null;
  /** Every save dialog shown, with its kind and default name. */
  readonly saves: { kind: SaveKind; defaultName: string }[] = [];

  async pickImportFile(): Promise<string | null> {
    return this.importFile;
  }

  async pickSavePath(kind: SaveKind, defaultName: string): Promise<string | null> {
    this.saves.push({ kind, defaultName });
    return this.savePath;
  }

  async pickFolder(): Promise<string | null> {
    return this.folder;
  }
}

/** What the system would hand over: the clipboard's image, the files "chosen", the screens. */
export class TestImageSources implements ImageClipboardPort, FilePickerPort, ScreenCapturePort {
  clipboardImage: Uint8Array | null = null;
  /** null: the user closes the dialog without choosing. */
  pickedFiles: string[] | null = null;
  /** 'denied': the OS refuses, as macOS does without the Screen Recording permission. */
  screens: RgbaImage[] | 'denied' = [];

  async readImage(): Promise<Uint8Array | null> {
    return this.clipboardImage && new Uint8Array(this.clipboardImage);
  }

  async pickImages(): Promise<string[] | null> {
    return this.pickedFiles && [...this.pickedFiles];
  }

  async capture(): Promise<RgbaImage[]> {
    if (this.screens === 'denied') {
      throw new AuthdeskError('SCREEN_CAPTURE_DENIED', 'Screen recording is not allowed.');
    }
    // Copies: the decoder takes the pixel buffers it is given.
    return this.screens.map((s) => ({ ...s, data: new Uint8Array(s.data) }));
  }
}
