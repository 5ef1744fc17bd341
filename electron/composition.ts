// Builds the main-process services and the IPC handler table from ports; main.ts and the browser
// test harness both call this, so tests drive exactly the handlers the app registers.
import type { Events, EventName } from '../shared/ipc';
import { createOtpEngine } from '../shared/otp';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { ImageSources } from './import/image-sources';
import { PendingImports } from './import/pending-imports';
import type { ImportPorts } from './ports';
import { createHandlers, type Handlers } from './ipc/handlers';
import type { KdfCost } from './vault/kdf';
import type { KeychainPort } from './vault/system-slot';
import type { ClipboardPort } from './use-cases/clipboard-guard';
import { ClipboardGuard } from './use-cases/clipboard-guard';
import { ClockCheck } from './use-cases/clock-check';
import type { Clock, Timers } from './clock/clock';
import { CodeTicker } from './use-cases/code-ticker';
import { IdleLock } from './use-cases/idle-lock';
import { KeychainUnlock } from './use-cases/keychain-unlock';
import type { SettingsStorage } from './use-cases/settings';
import { SettingsService } from './use-cases/settings';
import type { TimeQuery } from './clock/sntp';
import { UnlockThrottle } from './vault/unlock-throttle';
import { VaultService } from './use-cases/vault-service';
import { toMeta } from '../shared/account';
import { AutoBackup } from './use-cases/auto-backup';
import { FileImports } from './import/file-imports';

export interface Ports extends ImportPorts {
  vaultPath: string;
  clock: Clock;
  timers: Timers;
  clipboard: ClipboardPort;
  /** Asks a time server: SNTP over UDP in the app; tests pass one that only reaches 127.0.0.1. */
  timeQuery: TimeQuery;
  /** The OS keychain for the vault's optional system slot (Electron safeStorage in the app). */
  keychain: KeychainPort;
  settingsStorage: SettingsStorage;
  push: <E extends EventName>(event: E, payload: Events[E]) => void;
  idleSeconds: () => number;
  version: string;
  platform: string;
  systemLanguage: () => string;
  /** Tests only: a cheaper KDF. */
  kdf?: Partial<KdfCost>;
}

export interface Services {
  handlers: Handlers;
  vault: VaultService;
  ticker: CodeTicker;
  clipboard: ClipboardGuard;
  settings: SettingsService;
  idleLock: IdleLock;
  imports: PendingImports;
  files: FileImports;
  autoBackup: AutoBackup;
  clockCheck: ClockCheck;
  keychain: KeychainUnlock;
}

export function composeServices(ports: Ports): Services {
  const engine = createOtpEngine({ crypto: new NodeCryptoPlugin() });
  // Codes, their expiry and the clipboard's clearing run on clockCheck.codeClock: this computer's
  // clock, plus the measured offset when the user turned correction on.
  const clockCheck = new ClockCheck({
    clock: ports.clock,
    timers: ports.timers,
    query: ports.timeQuery,
    server: () => settings.get().timeServer,
    correct: () => settings.get().correctClock,
    onStatus: (status) => ports.push('clockStatus', status),
    onCorrectionChange: () => ticker.refresh(),
  });
  const clipboard = new ClipboardGuard({
    clipboard: ports.clipboard,
    clock: clockCheck.codeClock,
    timers: ports.timers,
  });
  // The vault's events use the ticker created below; they only fire after both exist.
  const vault = new VaultService(
    ports.vaultPath,
    {
      locked: (reason) => {
        imports.dropAll();
        files.dropAll();
        autoBackup.stop();
        ticker.stop();
        void clipboard.clearIfOurs();
        ports.push('locked', { reason });
      },
      changed: (accounts) => {
        ports.push('accountsChanged', accounts.map(toMeta));
        ticker.refresh();
        autoBackup.changed();
      },
    },
    ports.timers,
    new UnlockThrottle(ports.clock),
    ports.kdf,
  );
  const ticker = new CodeTicker({
    clock: clockCheck.codeClock,
    timers: ports.timers,
    engine,
    accounts: () => vault.accountsOrUndefined(),
    push: (snapshot) => ports.push('codes', snapshot),
    onError: (account, error) => console.error(`codes for account ${account.id}:`, error),
  });
  const settings = new SettingsService(ports.settingsStorage, (s) => {
    ports.push('settingsChanged', s);
    clockCheck.refreshCorrection();
  });
  const idleLock = new IdleLock({
    timers: ports.timers,
    idleSeconds: ports.idleSeconds,
    minutes: () => settings.get().autoLockMinutes,
    isUnlocked: () => vault.isUnlocked,
    lock: () => vault.lock('idle'),
  });
  const imports = new PendingImports({ clock: ports.clock, timers: ports.timers, vault });
  const files = new FileImports({ clock: ports.clock, timers: ports.timers });
  const autoBackup = new AutoBackup({
    clock: ports.clock,
    timers: ports.timers,
    folder: () => settings.get().autoBackupFolder,
    keep: () => settings.get().autoBackupKeep,
    source: () => vault.backupSource(),
    appVersion: ports.version,
    onStatus: (status) => ports.push('backupStatus', status),
  });
  const keychain = new KeychainUnlock(vault, ports.keychain);
  const images = new ImageSources({
    decoder: ports.decoder,
    imageClipboard: ports.imageClipboard,
    filePicker: ports.filePicker,
    screenCapture: ports.screenCapture,
    readClipboardText: () => ports.clipboard.readText(),
  });
  const handlers = createHandlers({
    vault,
    ticker,
    clipboard,
    settings,
    engine,
    clockCheck,
    clock: ports.clock,
    imports,
    images,
    files,
    autoBackup,
    keychain,
    dialogs: ports.dialogs,
    version: ports.version,
    platform: ports.platform,
    systemLanguage: ports.systemLanguage,
    ...(ports.kdf && { kdf: ports.kdf }),
  });
  return {
    handlers,
    clockCheck,
    vault,
    ticker,
    clipboard,
    settings,
    idleLock,
    imports,
    files,
    autoBackup,
    keychain,
  };
}
