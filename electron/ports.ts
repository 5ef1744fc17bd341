// Every port: what the plain-Node floors need from outside (the Electron adapters in the app, fakes in
// tests), passed in by the composition root.
import type { KeychainReason } from '../shared/keychain';
import type { EventName, Events } from '../shared/ipc';
import type { Settings } from '../shared/settings';
import type { KdfCost } from './vault/kdf';
import type { QrCode, RgbaImage } from './qr/decode';

export type { RgbaImage };

/** The worker-thread QrDecoder in the app; anything with the same two methods in tests. */
export interface QrDecoderPort {
  decodeBytes(bytes: Uint8Array): Promise<QrCode[]>;
  decodeRgba(image: RgbaImage): Promise<QrCode[]>;
}

export interface ImageClipboardPort {
  /** The clipboard's image as encoded bytes (Electron hands it out as PNG), or null when it holds none. */
  readImage(): Promise<Uint8Array | null>;
}

export interface FilePickerPort {
  /** Paths of the images the user chose, or null when the dialog was closed without choosing. */
  pickImages(): Promise<string[] | null>;
  /** One picture (PNG, JPEG, WebP, SVG) for an account's icon, or null when the dialog was closed. */
  pickIcon(): Promise<string | null>;
}

export interface ScreenCapturePort {
  /** Every display at its native resolution; throws SCREEN_CAPTURE_DENIED when the OS refuses. */
  capture(): Promise<RgbaImage[]>;
}

/** What a save dialog offers: its filters and the default file name. */
export type SaveKind = 'backup' | 'aegis' | 'otpauth-list';

/** The other system dialogs: backups, other apps' exports, and where automatic backups go. */
export interface DialogPort {
  /** The file to import (a backup or another app's export), or null when the dialog was closed. */
  pickImportFile(): Promise<string | null>;
  /** Where to save, or null when the dialog was closed; the dialog asks before overwriting. */
  pickSavePath(kind: SaveKind, defaultName: string): Promise<string | null>;
  /** A folder for automatic backups, or null when the dialog was closed. */
  pickFolder(): Promise<string | null>;
  /**
   * A question main asks in its own (native) dialog, which the renderer can neither draw nor
   * answer; true only when the user chose `confirm`. Closing the dialog is a no.
   */
  confirm(question: Question): Promise<boolean>;
}

/** A question with several answers in main's own native dialog; keyboard-first (Escape = cancelId). */
export interface Choice {
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
}

export interface ChoicePort {
  /** The index of the chosen button; cancelId when the dialog was closed or `signal` aborted it. */
  choose(choice: Choice, signal: AbortSignal): Promise<number>;
}

/** A yes/no question in the user's language; the texts are made in the use case that asks. */
export interface Question {
  title: string;
  message: string;
  detail: string;
  confirm: string;
  cancel: string;
}

export interface ImportPorts {
  decoder: QrDecoderPort;
  imageClipboard: ImageClipboardPort;
  filePicker: FilePickerPort;
  screenCapture: ScreenCapturePort;
  dialogs: DialogPort;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SntpResult {
  /** The server as asked ("host[:port]"). */
  server: string;
  /** The address the reply came from. */
  address: string;
  /** True time minus our clock: negative when our clock is fast. */
  offsetMs: number;
  /** Round trip minus the server's own processing time. */
  delayMs: number;
  stratum: number;
  /** Our clock when the reply arrived (T4). */
  at: number;
}

export interface SntpOptions {
  /** The clock read for T1 (request sent) and T4 (reply received). */
  clock: Clock;
  /** For the whole query, name lookup included. */
  timeoutMs?: number;
  timers?: Timers;
}

/** Asks a time server: SNTP over UDP in the app; tests pass one that only reaches 127.0.0.1. */
export type TimeQuery = (server: string, options: SntpOptions) => Promise<SntpResult>;

/** The system clipboard (text). */
export interface ClipboardPort {
  readText(): Promise<string>;
  /**
   * Writes a code as plain text, in the same clipboard transaction as the platform's markers that
   * keep it out of clipboard history, clipboard managers and cloud clipboards (system/clipboard-formats.ts).
   */
  writeSecret(text: string): Promise<void>;
  clear(): void;
}

/** The OS keychain for the vault's optional system slot (Electron safeStorage in the app). */
export interface KeychainPort {
  availability(): Promise<{ available: true } | { available: false; reason: KeychainReason }>;
  encrypt(plaintext: Buffer): Promise<Buffer>;
  /**
   * Throws when it cannot (another machine, a reset keychain, damaged bytes). `shouldReEncrypt`:
   * the keychain moved to a new key or a stronger protection, so what it just decrypted should be
   * encrypted again (safeStorage's decryptStringAsync says so).
   */
  decrypt(ciphertext: Buffer): Promise<{ plaintext: Buffer; shouldReEncrypt: boolean }>;
}

/** Why a code cannot be typed into another window; callers copy it instead. */
export type TypistUnavailableReason =
  /** A Wayland session: no general way to type into another app's window. */
  | 'wayland'
  /** Linux with neither an X11 nor a Wayland display (a server, a bare console). */
  | 'no-display'
  /** A platform the typing library has no build for. */
  | 'unsupported'
  /**
   * The typing library did not load, the system refused the keystrokes, or (macOS) Authdesk is not
   * allowed to control the computer (Privacy & Security › Accessibility).
   */
  | 'failed';

/** Types text into the window that has the keyboard focus, as keystrokes (system/typist.ts in the app). */
export interface TypistPort {
  availability(): Promise<
    { available: true } | { available: false; reason: TypistUnavailableReason }
  >;
  /** Types `text` into the focused window; throws when the system refuses. */
  type(text: string): Promise<void>;
}

/** Where settings are kept: electron-store in the app, memory in tests. */
export interface SettingsStorage {
  read(): unknown;
  write(settings: Settings): void;
}

/** Everything the composition root is handed: the Electron adapters in main.ts, test stand-ins in the harness. */
export interface Ports extends ImportPorts {
  vaultPath: string;
  clock: Clock;
  timers: Timers;
  clipboard: ClipboardPort;
  /** Asks a time server: SNTP over UDP in the app; tests pass one that only reaches 127.0.0.1. */
  timeQuery: TimeQuery;
  /** The OS keychain for the vault's optional system slot (Electron safeStorage in the app). */
  keychain: KeychainPort;
  /** Types a code into the window the user came from (libnut in the app, a recorder in tests). */
  typist: TypistPort;
  settingsStorage: SettingsStorage;
  /** The agent's question (may `authdesk` in this terminal read codes?) in main's native dialog. */
  choices: ChoicePort;
  /** Where the agent channel listens (agent/socket-path.ts: AUTHDESK_AGENT_SOCKET, else a folder of the user's own). */
  agentSocketPath: string;
  push: <E extends EventName>(event: E, payload: Events[E]) => void;
  idleSeconds: () => number;
  version: string;
  platform: string;
  systemLanguage: () => string;
  /** The computer's name, a new sync device's default name (os.hostname unless given). */
  hostname?: () => string;
  /** Tests only: a cheaper KDF. */
  kdf?: Partial<KdfCost>;
}
