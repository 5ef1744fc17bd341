// App lifecycle: single instance, one hardened window, the services bound to IPC. Wiring only.
import { app, type BrowserWindow } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EventName, Events } from '../shared/ipc';
import { bindIpc, frameCheck, pusher } from './system/ipc-binding';
import { composeServices } from './composition';
import { systemClock, systemTimers } from './clock/clock';
import { querySntp } from './clock/sntp';
import { QrDecoder } from './qr/decoder';
import { electronClipboard, electronImageClipboard } from './system/clipboard';
import { electronDialogs, electronFilePicker } from './system/file-picker';
import { electronKeychain } from './system/keychain';
import { onSystemLockOrSuspend, systemIdleSeconds } from './system/power';
import { electronScreenCapture } from './system/screen-capture';
import { electronSettingsStorage } from './system/settings-store';
import { createMainWindow } from './system/window';
import { resolveVaultPath, VAULT_FILE, vaultFlag } from './use-cases/vault-path';

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rendererFile = path.join(distDir, 'renderer', 'index.html');

app.setName('Authdesk');
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
  const send = pusher(getWindow);

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
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
      settingsStorage: electronSettingsStorage(),
      push: <E extends EventName>(event: E, payload: Events[E]) => {
        if (event === 'settingsChanged') {
          win?.setContentProtection((payload as Events['settingsChanged']).contentProtection);
        }
        send(event, payload);
      },
      idleSeconds: systemIdleSeconds,
      version: app.getVersion(),
      platform: process.platform,
      systemLanguage: () => app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
    });
    bindIpc(services.handlers, frameCheck(getWindow, pathToFileURL(rendererFile).href));
    services.idleLock.start();
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
    app.on('before-quit', () => {
      void services.clipboard.clearIfOurs();
      services.vault.lock('user');
      void decoder.close();
    });
    win = createMainWindow(rendererFile, path.join(distDir, 'preload', 'preload.cjs'), {
      contentProtection: services.settings.get().contentProtection,
    });
    win.on('closed', () => (win = undefined));
  });
  app.on('window-all-closed', () => app.quit());
}
