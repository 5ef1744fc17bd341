// The browser harness: the built renderer in real Chromium, with window.authdesk bound to the same
// IPC handler table main registers (composeServices), running here on a real vault in a temp dir.
// Used by the browser tests (fixtures in app.ts) and by `npm run bench`.
import type { Page } from '@playwright/test';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { AccountInput } from '../../../shared/account';
import type { EventName, Events } from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings';
import { dispatch } from '../../../electron/ipc/dispatch';
import { QrDecoder } from '../../../electron/qr/decoder';
import { composeServices, type Services } from '../../../electron/composition';
import { Vault } from '../../../electron/vault/vault';
import { systemSlot } from '../../../electron/vault/system-slot';
import {
  MemoryClipboard,
  MemorySettings,
  RecordingTypist,
  TestChoices,
  TestClock,
  TestDialogs,
  TestImageSources,
  TestKeychain,
} from './ports';
import { testPorts } from '../test-ports';
import type { QuickAccessWindowPort, ShortcutPort } from '../../../electron/use-cases/quick-access';
import { TINY_KDF } from '../vault-fixtures';
import { setAwsEnv } from './aws-env';

export const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
/**
 * scrypt at its smallest cost: the browser tests prove what the window does, the vault tests cover
 * the real cost, and every unlock and password check here would spend a busy machine's CPU for nothing.
 */
export const TEST_KDF = TINY_KDF;

export interface HarnessOptions {
  /** A vault to create before the window loads; without it the app starts at first run. */
  vault?: {
    password: string;
    accounts?: AccountInput[];
    /** Tags created first, in this order (unused ones too); the accounts' other tags follow them. */
    tags?: string[];
    /**
     * With a system slot, as if unlocking with the OS keychain had been turned on in settings; made
     * by another keychain with 'other-machine' (a vault copied from elsewhere: it will not decrypt).
     */
    keychain?: boolean | 'other-machine';
  };
  /** What the OS keychain reports; 'available' unless set. */
  keychain?: TestKeychain['state'];
  settings?: Partial<Settings>;
  /** Load quick access's page (quick.html) instead of the main window's. */
  page?: 'main' | 'quick';
  /** Accelerators the OS (the test's stand-in) refuses to register, as if another app held them. */
  takenShortcuts?: string[];
  /** What the OS reports as its language ('ja-JP', 'en-US'). */
  systemLanguage?: string;
  /** Start the clock here (epoch ms). */
  now?: number;
  /**
   * Main's clock and the page's stand still (at `now`, else at the real time at start) and move only
   * when the test moves them, with advance() or setTime(): for tests that check what depends on the
   * time (codes, countdowns, waits), so that how long a step takes on a busy machine changes nothing.
   * The page's timers (countdowns, toasts, retries) then run only within advance().
   */
  frozenTime?: boolean;
  /**
   * Measure the clock against settings.timeServer at start, in the background, as main does. Off by
   * default; only 127.0.0.1 is ever reached (loopbackTimeQuery), so use an SntpTestServer's address.
   */
  checkClockAtStart?: boolean;
  /** The AWS_* environment the AWS SDK sees during the test (aws-env.ts); none by default. */
  awsEnv?: Record<string, string>;
}

/** Everything main sent to the renderer: results of calls and pushed events. */
export interface Sent {
  kind: 'result' | 'event';
  name: string;
  payload: unknown;
}

/** Quick access's window in the harness: counts shows and hides; the page is the test's page. */
export class TestQuickAccessWindow implements QuickAccessWindowPort {
  shows = 0;
  hides = 0;
  /** Whether one of Authdesk's windows would have the keyboard after hiding (typing then copies). */
  ourFocused = false;
  show(): void {
    this.shows++;
  }
  async hide(): Promise<void> {
    this.hides++;
  }
  ourWindowFocused(): boolean {
    return this.ourFocused;
  }
}

/** globalShortcut in the harness: refuses the accelerators in `taken`; records what it holds. */
export class TestShortcuts implements ShortcutPort {
  readonly held = new Map<string, () => void>();
  taken = new Set<string>();
  register(accelerator: string, onPress: () => void): boolean {
    if (this.taken.has(accelerator) || this.held.has(accelerator)) return false;
    this.held.set(accelerator, onPress);
    return true;
  }
  unregister(accelerator: string): void {
    this.held.delete(accelerator);
  }
  /** The user presses the shortcut. */
  press(accelerator: string): void {
    this.held.get(accelerator)?.();
  }
}

export class AppHarness {
  readonly clock = new TestClock();
  readonly clipboard = new MemoryClipboard();
  /** The clipboard image, the files the open dialog returns and the screens: set them in a test. */
  readonly images = new TestImageSources();
  /** The open, save and folder dialogs' answers: set them in a test. */
  readonly dialogs = new TestDialogs();
  /** The OS keychain: really encrypts; switch it to unavailable or basic_text, or reset() it. */
  readonly keychain = new TestKeychain();
  /** The app's real decoder, worker thread and all. */
  readonly decoder: QrDecoder;
  readonly #ownsDecoder: boolean;
  /** The typing engine's stand-in: what quick access's Shift+Enter typed. */
  readonly typist = new RecordingTypist();
  readonly quickWindow = new TestQuickAccessWindow();
  readonly shortcuts = new TestShortcuts();
  /** The agent's question (may `authdesk` read codes?): the test sees it and answers it here. */
  readonly choices = new TestChoices();
  readonly sent: Sent[] = [];
  idleSeconds = 0;
  services!: Services;
  #restoreAwsEnv: (() => void) | undefined;

  /** `decoder`: one shared by several harnesses (see app.ts), left open by close(). */
  constructor(
    readonly page: Page,
    readonly dir: string,
    readonly vaultPath: string,
    decoder?: QrDecoder,
  ) {
    this.decoder = decoder ?? new QrDecoder();
    this.#ownsDecoder = decoder === undefined;
  }

  async start(url: string, opts: HarnessOptions): Promise<void> {
    this.#restoreAwsEnv = setAwsEnv(this.dir, opts.awsEnv);
    if (opts.now !== undefined) this.clock.set(opts.now);
    if (opts.frozenTime) {
      this.clock.freeze();
      // Before the page loads, so that its first script already sees the paused clock.
      await this.page.clock.pauseAt(this.clock.now());
    }
    if (opts.vault) {
      const vault = await Vault.create(this.vaultPath, opts.vault.password, { kdf: TEST_KDF });
      for (const name of opts.vault.tags ?? []) await vault.createTag(name);
      if (opts.vault.accounts?.length) await vault.addMany(opts.vault.accounts);
      if (opts.vault.keychain) {
        const keychain =
          opts.vault.keychain === 'other-machine' ? new TestKeychain() : this.keychain;
        await vault.setSlot(systemSlot(), keychain);
      }
      vault.lock();
    }
    // After the vault: a keychain that became unavailable since the slot was made.
    if (opts.keychain) this.keychain.state = opts.keychain;
    this.services = composeServices(
      testPorts({
        vaultPath: this.vaultPath,
        clock: this.clock,
        clipboard: this.clipboard,
        images: this.images,
        dialogs: this.dialogs,
        keychain: this.keychain,
        typist: this.typist,
        decoder: this.decoder,
        settingsStorage: new MemorySettings(opts.settings),
        choices: this.choices,
        agentSocketPath: this.agentSocket,
        push: (event, payload) => void this.push(event, payload),
        idleSeconds: () => this.idleSeconds,
        version: '0.0.0-test',
        platform: process.platform,
        systemLanguage: () => opts.systemLanguage ?? 'en-US',
        kdf: TEST_KDF,
      }),
    );
    await this.page.exposeBinding(
      '__authdeskInvoke',
      async (_source, method: unknown, args: unknown) => {
        const result = await dispatch(this.services.handlers, method, args);
        this.sent.push({ kind: 'result', name: String(method), payload: result });
        // As JSON text, parsed by the page's bridge: Playwright's own encoding of a large answer (a
        // thousand accounts or codes) took tens to hundreds of ms, its decoding on the page's main
        // thread, where Electron's structured clone takes about one. IPC values are plain JSON data.
        return JSON.stringify(result);
      },
    );
    await this.page.addInitScript(BRIDGE);
    if (opts.checkClockAtStart) this.services.clockCheck.start();
    for (const taken of opts.takenShortcuts ?? []) this.shortcuts.taken.add(taken);
    this.services.quickAccess.attach(this.quickWindow, this.shortcuts);
    // As main does once ready: the authdesk command (AUTHDESK_AGENT_SOCKET=agentSocket) reaches this app.
    await this.services.agentLifecycle.start();
    await this.page.goto(opts.page === 'quick' ? new URL('quick.html', url).href : url);
  }

  private async push<E extends EventName>(event: E, payload: Events[E]): Promise<void> {
    this.sent.push({ kind: 'event', name: event, payload });
    await this.page
      .evaluate(
        ([e, p]) =>
          (globalThis as unknown as Bridge).__authdeskEmit(e, p === undefined ? p : JSON.parse(p)),
        [event, JSON.stringify(payload) as string | undefined] as const,
      )
      .catch(() => {
        // The page is navigating or closed; the renderer asks for fresh state when it loads.
      });
  }

  /** Moves main's clock and pushes codes for the new moment, as a clock change would. */
  setTime(epochMs: number): void {
    this.clock.set(epochMs);
    this.services.ticker.refresh();
  }

  /**
   * With frozenTime: lets `ms` pass at once, first in the page (its timers due by then run, each
   * once, as after a sleep: a frame they ask for comes with the next advance), then in main, which
   * pushes codes for the new moment. In that order the page's view of main's clock (the skew it
   * measures when codes arrive) stays the same.
   */
  async advance(ms: number): Promise<void> {
    if (!this.clock.frozen) throw new Error('advance() needs the harness option frozenTime');
    await this.page.clock.fastForward(ms);
    this.setTime(this.clock.now() + ms);
  }

  /** What main does when the shortcut or the tray shows quick access: the page hears quickAccessShown. */
  async showQuickAccess(): Promise<void> {
    this.services.quickAccess.show();
    await this.settle();
  }

  /**
   * What main's 2-second look at the vault file does, now: loads another process's save (the
   * authdesk command's) and pushes accountsChanged and tagsChanged; then lets them reach the page.
   */
  async noticeDiskChanges(): Promise<boolean> {
    const changed = await this.services.vault.refresh();
    await this.settle();
    return changed;
  }

  /** Lets pushed events reach the page: evaluations run in order, so the push's has run. */
  async settle(): Promise<void> {
    await this.page.evaluate('0');
  }

  /** Where this app answers the authdesk command: pass it as AUTHDESK_AGENT_SOCKET. */
  get agentSocket(): string {
    return path.join(this.dir, 'agent.sock');
  }

  async close(): Promise<void> {
    await this.services.agentLifecycle.stop();
    this.services.quickAccess.stop();
    this.services.ticker.stop();
    this.services.idleLock.stop();
    this.services.autoBackup.stop();
    // Before the folders go: the sync folder's watcher lets go of it.
    await this.services.syncRunner.close();
    this.services.clockCheck.close();
    this.services.vault.lock('user');
    if (this.#ownsDecoder) await this.decoder.close();
    this.#restoreAwsEnv?.();
    await rm(this.dir, { recursive: true, force: true });
  }
}

interface Bridge {
  __authdeskEmit(event: string, payload: unknown): void;
}

/** The page side of the bridge: what preload.ts exposes, backed by the binding instead of ipcRenderer. */
const BRIDGE = `(() => {
  const listeners = new Map();
  Object.defineProperty(window, '__authdeskEmit', {
    value: (event, payload) => { for (const l of [...(listeners.get(event) || [])]) l(payload); },
  });
  Object.defineProperty(window, 'authdesk', {
    value: Object.freeze({
      invoke: (method, args) => window.__authdeskInvoke(method, args).then(JSON.parse),
      on: (event, listener) => {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event).add(listener);
        return () => listeners.get(event).delete(listener);
      },
    }),
  });
})();`;
