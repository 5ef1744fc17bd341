// What importing needs from outside plain Node: the QR decoder and the Electron adapters, as ports.
import type { RgbaImage } from './qr/decode';

export type { RgbaImage };

/** The worker-thread QrDecoder in the app; anything with the same two methods in tests. */
export interface QrDecoderPort {
  decodeBytes(bytes: Uint8Array): Promise<string[]>;
  decodeRgba(image: RgbaImage): Promise<string[]>;
}

export interface ImageClipboardPort {
  /** The clipboard's image as encoded bytes (Electron hands it out as PNG), or null when it holds none. */
  readImage(): Promise<Uint8Array | null>;
}

export interface FilePickerPort {
  /** Paths of the images the user chose, or null when the dialog was closed without choosing. */
  pickImages(): Promise<string[] | null>;
}

export interface ScreenCapturePort {
  /** Every display at its native resolution; throws SCREEN_CAPTURE_DENIED when the OS refuses. */
  capture(): Promise<RgbaImage[]>;
}

/** What a save dialog offers: its filters and the default file name. */
export type SaveKind = 'backup' | 'otpauth-list';

/** The other system dialogs: backups, other apps' exports, and where automatic backups go. */
export interface DialogPort {
  /** The file to import (a backup or another app's export), or null when the dialog was closed. */
  pickImportFile(): Promise<string | null>;
  /** Where to save, or null when the dialog was closed; the dialog asks before overwriting. */
  pickSavePath(kind: SaveKind, defaultName: string): Promise<string | null>;
  /** A folder for automatic backups, or null when the dialog was closed. */
  pickFolder(): Promise<string | null>;
}

export interface ImportPorts {
  decoder: QrDecoderPort;
  imageClipboard: ImageClipboardPort;
  filePicker: FilePickerPort;
  screenCapture: ScreenCapturePort;
  dialogs: DialogPort;
}
