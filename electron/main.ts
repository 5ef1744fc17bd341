// App lifecycle: single instance, one hardened window, the services bound to IPC. Wiring only.
import { app, ipcMain, systemPreferences, type BrowserWindow } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventName, Events } from '../shared/ipc';
import { bindIpc, pusher, windowsCheck } from './system/ipc-binding';
import { composeServices } from './composition';
import { systemClock, systemTimers } from './clock/clock';
import { querySntp } from './clock/sntp';
import { QrDecoder } from './qr/decoder';
import { agentSocketPathFor } from './agent/socket-path';
import { electronChoices } from './system/agent-dialog';
import { electronClipboard, electronImageClipboard } from './system/clipboard';
import { electronDialogs, electronFilePicker } from './system/file-picker';
import { electronKeychain } from './system/keychain';
import { onSystemLockOrSuspend, systemIdleSeconds } from './system/power';
import { electronScreenCapture } from './system/screen-capture';
import { electronSettingsStorage } from './system/settings-store';
import { systemTypist } from './system/typist';
import { registerAppScheme } from './system/app-protocol';
import { holdQuit } from './system/quit-hold';
import { QUICK_ACCESS_URL, RENDERER_URL } from './system/renderer-files';
import { electronShortcuts } from './system/global-shortcut';
import { quickAccessWindow } from './system/quick-access-window';
import { createMainWindow } from './system/window';
import { applyStartWithSystem, openedAtLogin } from './system/login-items';
import { createAppTray, type AppTray } from './system/tray';
import { CloseToTray } from './use-cases/close-to-tray';
import { startsHidden, whenStartSettingsChange } from './use-cases/start-with-system';
import { devToolsAllowed } from './system/window-options';
import { resolveVaultPath, VAULT_FILE, vaultFlag } from './use-cases/vault-path';

const systemLanguage = () => app.getPreferredSystemLanguages()[0] ?? app.getLocale();
const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rendererDir = path.join(distDir, 'renderer');

app.setName('Authdesk');
// Before `ready`, as Electron requires: the window's origin is app://authdesk/, never file://.
registerAppScheme();
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

/** `--vault PATH`, `--vault=PATH`, AUTHDESK_VAULT or the userData folder's vault: the CLI's rule. */
function vaultPathFromArgs(): string {
  return resolveVaultPath({
    flag: vaultFlag(process.argv.slice(1)),
    fallback: path.join(app.getPath('userData'), VAULT_FILE),
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | undefined;
  const getWindow = () => win;
  let quick: ReturnType<typeof quickAccessWindow> | undefined;
  const send = pusher(getWindow, () => quick?.window());

  // Set at ready: shows the main window, creating it when it was closed or never shown (--hidden).
  let showWindow = () => {};
  let quitting = false;
  app.on('before-quit', () => (quitting = true));
  let afterAllClosed = (): 'quit' | 'stay' => 'quit';

  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());

  let tray: AppTray | undefined;
  // At start and when either setting changes: the login item or the autostart entry follows them.
  const startWithSystem = whenStartSettingsChange((settings) => {
    applyStartWithSystem(process.platform, settings).catch((error: unknown) =>
      console.error('start with the system could not be set:', error),
    );
  });

  void app.whenReady().then(() => {
    const decoder = new QrDecoder();
    const services = composeServices({
      vaultPath: vaultPathFromArgs(),
      clock: systemClock,
      timers: systemTimers,
      clipboard: electronClipboard,
      timeQuery: querySntp,
      imageClipboard: electronImageClipboard,
      filePicker: electronFilePicker(getWindow),
      dialogs: electronDialogs(getWindow),
      screenCapture: electronScreenCapture(getWindow),
      decoder,
      keychain: electronKeychain,
      typist: systemTypist(process.env, process.platform, (prompt) =>
        systemPreferences.isTrustedAccessibilityClient(prompt),
      ),
      settingsStorage: electronSettingsStorage(),
      // The agent's question: on the main window when it is on screen, else on its own (the app in
      // the tray). macOS runs a parentless box synchronously, stalling main and its timeout, so the
      // window is shown there first.
      choices: electronChoices(() => {
        if (process.platform === 'darwin') showWindow();
        return win?.isVisible() ? win : undefined;
      }),
      agentSocketPath: agentSocketPathFor(app.getPath('userData')),
      push: <E extends EventName>(event: E, payload: Events[E]) => {
        if (event === 'settingsChanged') {
          win?.setContentProtection((payload as Events['settingsChanged']).contentProtection);
          startWithSystem(payload as Events['settingsChanged']);
        }
        if (event === 'settingsChanged' || event === 'locked' || event === 'accountsChanged') {
          tray?.refresh();
        }
        send(event, payload);
      },
      idleSeconds: systemIdleSeconds,
      version: app.getVersion(),
      platform: process.platform,
      systemLanguage,
    });
    const preload = path.join(distDir, 'preload', 'preload.cjs');
    bindIpc(
      ipcMain,
      services.handlers,
      windowsCheck([
        { getWindow, rendererUrl: RENDERER_URL },
        { getWindow: () => quick?.window(), rendererUrl: QUICK_ACCESS_URL },
      ]),
    );
    // Quick access (the global shortcut, the tray's item): services.quickAccess.show().
    quick = quickAccessWindow(rendererDir, preload, () => ({
      contentProtection: services.settings.get().contentProtection,
      devTools: devToolsAllowed(process.env, app.isPackaged),
    }));
    services.quickAccess.attach(quick, electronShortcuts);
    app.on('will-quit', () => services.quickAccess.stop());
    services.idleLock.start();
    // The authdesk command's channel, while Settings › Command line is on; a failure is in its status.
    void services.agentLifecycle.start();
    // In the background: the window opens at once, and a failure is only recorded in the status.
    services.clockCheck.start();
    onSystemLockOrSuspend(
      () => services.vault.lock('system'),
      () => {
        services.ticker.refresh();
        // The OS may have set its clock while asleep: the measured offset may no longer hold.
        services.clockCheck.start();
      },
    );
    // Quit waits (boundedly) until a copied code is off the clipboard; the vault locks at once.
    app.on(
      'before-quit',
      holdQuit({
        work: async () => {
          services.vault.lock('user');
          await Promise.all([
            services.clipboard.clearIfOurs(),
            decoder.close(),
            services.agentLifecycle.stop(),
            // The sync folder's watcher lets go of it (the lock above already stopped the rounds).
            services.syncRunner.close(),
          ]);
        },
        quit: () => app.quit(),
        timers: systemTimers,
      }),
    );
    const closeToTray = new CloseToTray({
      settings: services.settings,
      platform: process.platform,
      systemLanguage,
      notify: (notice) => tray?.notify(notice),
    });
    afterAllClosed = () => closeToTray.afterAllClosed();
    showWindow = () => {
      if (win) {
        if (win.isMinimized()) win.restore();
        win.show();
        win.focus();
        return;
      }
      const created = createMainWindow(rendererDir, path.join(distDir, 'preload', 'preload.cjs'), {
        contentProtection: services.settings.get().contentProtection,
        devTools: devToolsAllowed(process.env, app.isPackaged),
      });
      created.on('close', (event) => {
        if (closeToTray.onClose(quitting) === 'hide') {
          event.preventDefault();
          created.hide();
        }
      });
      created.on('closed', () => (win = undefined));
      win = created;
    };
    tray = createAppTray(process.platform, services, systemLanguage, {
      show: () => showWindow(),
      quickAccess: () => services.quickAccess.show(),
      quit: () => app.quit(),
    });
    tray.refresh();
    startWithSystem(services.settings.get());
    const hidden = startsHidden({
      argv: process.argv,
      platform: process.platform,
      openedAtLogin: openedAtLogin(process.platform),
      settings: services.settings.get(),
    });
    if (!hidden) showWindow();
  });
  app.on('window-all-closed', () => {
    if (afterAllClosed() === 'quit') app.quit();
  });
}
