// Test ports for the main-process services: a clock the test can move, an in-process clipboard,
// in-memory settings, and the image sources (clipboard image, file dialog, screen) the test fills.
// They stand in for Electron's adapters only; every service above them is real.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AuthdeskError } from '../../../shared/errors';
import type { KeychainReason } from '../../../shared/keychain';
import type { Settings } from '../../../shared/settings';
import type {
  DialogPort,
  FilePickerPort,
  Question,
  SaveKind,
  ImageClipboardPort,
  RgbaImage,
  ScreenCapturePort,
} from '../../../electron/ports';
import type { ClipboardPort } from '../../../electron/ports';
import type { Clock } from '../../../electron/ports';
import type { SettingsStorage } from '../../../electron/ports';
import type { KeychainPort } from '../../../electron/ports';
import type { TypistPort, TypistUnavailableReason } from '../../../electron/ports';
import type { Choice, ChoicePort } from '../../../electron/ports';

/**
 * Main's clock in the browser tests: real time plus an offset the test sets, so timers still fire in
 * real time; or, once frozen, a moment that moves only when the test moves it.
 */
export class TestClock implements Clock {
  #offset = 0;
  #frozenAt: number | null = null;

  now(): number {
    return this.#frozenAt ?? Date.now() + this.#offset;
  }

  /** Makes now() return `epochMs` at this instant, then run on from there (or stay there, frozen). */
  set(epochMs: number): void {
    if (this.#frozenAt === null) this.#offset = epochMs - Date.now();
    else this.#frozenAt = epochMs;
  }

  /** Stops the clock where it is: from here on only set() moves it. */
  freeze(): void {
    this.#frozenAt = this.now();
  }

  get frozen(): boolean {
    return this.#frozenAt !== null;
  }
}

export class MemoryClipboard implements ClipboardPort {
  text = '';
  /** Whether the last write was a code marked as a secret (what the markers are is the adapter's: clipboard-formats.ts). */
  secret = false;
  async readText(): Promise<string> {
    return this.text;
  }
  async writeSecret(text: string): Promise<void> {
    this.text = text;
    this.secret = true;
  }
  clear(): void {
    this.text = '';
    this.secret = false;
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
  /** How main's own questions are answered (false: Cancel, the default) … */
  answer = false;
  /** … and every question asked, as the native dialog would show it. */
  readonly questions: Question[] = [];

  async confirm(question: Question): Promise<boolean> {
    this.questions.push(question);
    return this.answer;
  }

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
  /** The picture the icon dialog returns; null: the user closes it without choosing. */
  pickedIcon: string | null = null;
  /** 'denied': the OS refuses, as macOS does without the Screen Recording permission. */
  screens: RgbaImage[] | 'denied' = [];

  async readImage(): Promise<Uint8Array | null> {
    return this.clipboardImage && new Uint8Array(this.clipboardImage);
  }

  async pickImages(): Promise<string[] | null> {
    return this.pickedFiles && [...this.pickedFiles];
  }

  async pickIcon(): Promise<string | null> {
    return this.pickedIcon;
  }

  async capture(): Promise<RgbaImage[]> {
    if (this.screens === 'denied') {
      throw new AuthdeskError('SCREEN_CAPTURE_DENIED', 'Screen recording is not allowed.');
    }
    // Copies: the decoder takes the pixel buffers it is given.
    return this.screens.map((s) => ({ ...s, data: new Uint8Array(s.data) }));
  }
}

/**
 * The OS keychain for tests: really encrypts (AES-256-GCM under a random key of this instance, as
 * the OS's would be), so a slot from another instance or after reset() does not decrypt. `state`
 * plays a machine without a keychain ('unavailable') or Linux without a keyring ('basic_text').
 * rotate() plays a keychain that moved to a new key: what the old one encrypted still decrypts,
 * with safeStorage's hint that it should be encrypted again.
 */
export class TestKeychain implements KeychainPort {
  state: 'available' | KeychainReason = 'available';
  /** How many times each call ran, to prove what was (not) asked. */
  readonly calls = { encrypt: 0, decrypt: 0 };
  #key = randomBytes(32);
  /** Keys before rotate(), newest first: they still decrypt, with shouldReEncrypt. */
  #retired: Buffer[] = [];

  /** A new key, as after the user reset the keychain or on another machine: old slots stop decrypting. */
  reset(): void {
    for (const key of [this.#key, ...this.#retired]) key.fill(0);
    this.#retired = [];
    this.#key = randomBytes(32);
  }

  /** A new key for encrypting; what the old key encrypted still decrypts, flagged for re-encryption. */
  rotate(): void {
    this.#retired.unshift(this.#key);
    this.#key = randomBytes(32);
  }

  /** Forgets the keys before rotate(): only what the current key encrypted decrypts now. */
  forgetRetired(): void {
    for (const key of this.#retired) key.fill(0);
    this.#retired = [];
  }

  async availability(): Promise<
    { available: true } | { available: false; reason: KeychainReason }
  > {
    return this.state === 'available'
      ? { available: true }
      : { available: false, reason: this.state };
  }

  async encrypt(plaintext: Buffer): Promise<Buffer> {
    this.calls.encrypt++;
    this.#refuseUnlessAvailable();
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce);
    return Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  }

  async decrypt(ciphertext: Buffer): Promise<{ plaintext: Buffer; shouldReEncrypt: boolean }> {
    this.calls.decrypt++;
    this.#refuseUnlessAvailable();
    if (ciphertext.length < 28) throw new Error('TestKeychain: too short to decrypt');
    for (const [index, key] of [this.#key, ...this.#retired].entries()) {
      const plaintext = TestKeychain.#open(key, ciphertext);
      if (plaintext) return { plaintext, shouldReEncrypt: index > 0 };
    }
    throw new Error('TestKeychain: not encrypted by this keychain');
  }

  static #open(key: Buffer, ciphertext: Buffer): Buffer | null {
    const decipher = createDecipheriv('aes-256-gcm', key, ciphertext.subarray(0, 12));
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
    const body = decipher.update(ciphertext.subarray(12, ciphertext.length - 16));
    try {
      return Buffer.concat([body, decipher.final()]);
    } catch {
      return null;
    } finally {
      body.fill(0);
    }
  }

  #refuseUnlessAvailable(): void {
    if (this.state !== 'available') throw new Error(`TestKeychain: ${this.state}`);
  }
}

/**
 * The typing engine in tests: records what it was asked to type; set `unavailable` to a reason to
 * play a Wayland session, a machine without a display, or a library that failed to load, and
 * `failing` to make the keystrokes themselves fail.
 */
export class RecordingTypist implements TypistPort {
  typed: string[] = [];
  unavailable: TypistUnavailableReason | null = null;
  failing = false;
  /** Called as each text is typed (a test reads its clock there). */
  onType: ((text: string) => void) | undefined;

  async availability(): Promise<
    { available: true } | { available: false; reason: TypistUnavailableReason }
  > {
    return this.unavailable === null
      ? { available: true }
      : { available: false, reason: this.unavailable };
  }

  async type(text: string): Promise<void> {
    if (this.failing) throw new Error('RecordingTypist: the keystrokes failed');
    this.typed.push(text);
    this.onType?.(text);
  }
}

/**
 * The agent's native question in tests: each question waits until the test answers it (by the
 * button's label or index), as the user would; the agent's timeout (its `signal`) closes it with
 * cancelId. `asked` keeps every question shown, answered or not.
 */
export class TestChoices implements ChoicePort {
  readonly asked: Choice[] = [];
  #open: { choice: Choice; answer: (index: number) => void }[] = [];
  #waiters: (() => void)[] = [];

  choose(choice: Choice, signal: AbortSignal): Promise<number> {
    this.asked.push(choice);
    if (signal.aborted) return Promise.resolve(choice.cancelId);
    return new Promise<number>((resolve) => {
      const entry = {
        choice,
        answer: (index: number) => {
          this.#open = this.#open.filter((open) => open !== entry);
          signal.removeEventListener('abort', onAbort);
          resolve(index);
        },
      };
      const onAbort = () => entry.answer(choice.cancelId);
      signal.addEventListener('abort', onAbort, { once: true });
      this.#open.push(entry);
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  /** The oldest question still on screen, or null. */
  pending(): Choice | null {
    return this.#open[0]?.choice ?? null;
  }

  /** Resolves with the oldest open question once there is one. */
  async next(): Promise<Choice> {
    while (this.#open.length === 0) {
      await new Promise<void>((wake) => this.#waiters.push(wake));
    }
    return this.#open[0]!.choice;
  }

  /** The user chooses a button of the oldest open question: by its label, or its index. */
  answer(button: string | number): void {
    const open = this.#open[0];
    if (!open) throw new Error('TestChoices: no question is open');
    const index = typeof button === 'number' ? button : open.choice.buttons.indexOf(button);
    if (index < 0 || index >= open.choice.buttons.length) {
      throw new Error(
        `TestChoices: no button ${JSON.stringify(button)} in ${open.choice.buttons.join(', ')}`,
      );
    }
    open.answer(index);
  }

  /** The user presses Escape on the oldest open question. */
  dismiss(): void {
    const open = this.#open[0];
    if (!open) throw new Error('TestChoices: no question is open');
    open.answer(open.choice.cancelId);
  }
}
