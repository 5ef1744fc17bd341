// The composition root: builds the use cases and the IPC handler table from the ports; main.ts and
// the browser test harness both call it, so tests drive exactly the handlers the app registers.
import { createOtpEngine } from '../shared/otp';
import type { Ports } from './ports';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { ImageSources } from './import/image-sources';
import { PendingImports } from './import/pending-imports';
import { createHandlers, type Handlers } from './ipc/handlers';
import { ClipboardGuard } from './use-cases/clipboard-guard';
import { ClockCheck } from './use-cases/clock-check';
import { CodeTicker } from './use-cases/code-ticker';
import { IdleLock } from './use-cases/idle-lock';
import { KeychainUnlock } from './use-cases/keychain-unlock';
import { PasswordUnlock } from './use-cases/password-unlock';
import { TypeCode } from './use-cases/type-code';
import { QuickAccess } from './use-cases/quick-access';
import { RecentAccounts } from './use-cases/recent-accounts';
import { SettingsService } from './use-cases/settings';
import { UnlockThrottle } from './vault/unlock-throttle';
import { Transfers } from './use-cases/transfers';
import { Vault } from './vault/vault';
import { toMeta } from '../shared/account';
import { AutoBackup } from './use-cases/auto-backup';
import { FileImports } from './import/file-imports';
import { resolveLanguage } from '../shared/settings';
import { AgentServer } from './agent/server';
import { AgentLifecycle } from './use-cases/agent-lifecycle';
import { AgentService } from './use-cases/agent-service';
import { sdkAws } from './aws/sdk-aws';
import { MemorySessionStore } from './aws/session-cache';
import { AwsMfa, localMfaVault } from './use-cases/aws-mfa';
import { awsWindowStatus } from './use-cases/aws-window';
import { AccountIcons } from './use-cases/account-icons';
import { TagUseCases } from './use-cases/tags';
import { hostname } from 'node:os';
import { SyncService } from './use-cases/sync';
import { SyncRunner } from './use-cases/sync-runner';
import { SyncWindow } from './use-cases/sync-window';

export type { Ports };

export interface Services {
  handlers: Handlers;
  vault: Vault;
  ticker: CodeTicker;
  clipboard: ClipboardGuard;
  settings: SettingsService;
  idleLock: IdleLock;
  imports: PendingImports;
  files: FileImports;
  autoBackup: AutoBackup;
  clockCheck: ClockCheck;
  keychain: KeychainUnlock;
  /** Types a code into the window the user came from, or copies it (quick access's Shift+Enter). */
  typeCode: TypeCode;
  recent: RecentAccounts;
  /** Quick access: main attaches its window and the global shortcut once the app is ready. */
  quickAccess: QuickAccess;
  /** Answers the authdesk command (codes and metadata, after the user's approval). */
  agent: AgentService;
  /** Serves `agent` on ports.agentSocketPath: main starts it when ready and stops it on quit. */
  agentLifecycle: AgentLifecycle;
  /** Sync rounds while the vault is unlocked (after changes, folder events, a slow rescan). */
  syncRunner: SyncRunner;
  /** Sync's setup and rounds, as the command line and the tests reach them. */
  sync: SyncService;
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
    accepted: () => settings.get().clockOffsetAcceptedMs,
    accept: (offsetMs) => settings.set({ correctClock: true, clockOffsetAcceptedMs: offsetMs }),
    onStatus: (status) => ports.push('clockStatus', status),
    onCorrectionChange: () => ticker.refresh(),
  });
  const clipboard = new ClipboardGuard({
    clipboard: ports.clipboard,
    clock: clockCheck.codeClock,
    timers: ports.timers,
  });
  // The vault's events use the services created below; they only fire after all exist.
  const vault = new Vault(ports.vaultPath, {
    events: {
      locked: (reason) => {
        imports.dropAll();
        files.dropAll();
        autoBackup.stop();
        syncRunner.locked();
        ticker.stop();
        void clipboard.clearIfOurs();
        // Every approval the command got ends with the lock.
        agent.locked();
        ports.push('locked', { reason });
      },
      changed: (accounts) => {
        ports.push('accountsChanged', accounts.map(toMeta));
        // Every change may have changed the tag list (a rename, an import, another process's write).
        const tagList = vault.tags();
        ports.push('tagsChanged', tagList);
        tags.follow(tagList);
        recent.keepOnly(accounts.map((account) => account.id));
        ticker.refresh();
        autoBackup.changed();
        // Anything any door wrote becomes this device's change in the next round.
        syncRunner.vaultChanged();
      },
    },
    watch: ports.timers,
    throttle: new UnlockThrottle(ports.clock),
    ...(ports.kdf && { kdf: ports.kdf }),
  });
  const ticker = new CodeTicker({
    clock: clockCheck.codeClock,
    timers: ports.timers,
    engine,
    accounts: () => vault.listOrUndefined(),
    push: (snapshot) => ports.push('codes', snapshot),
    onError: (account, error) => console.error(`codes for account ${account.id}:`, error),
  });
  const settings = new SettingsService(
    ports.settingsStorage,
    (s) => {
      ports.push('settingsChanged', s);
      quickAccess.applyShortcut();
      clockCheck.refreshCorrection();
      void agentLifecycle.settingsChanged();
    },
    { dialogs: ports.dialogs, systemLanguage: ports.systemLanguage },
  );
  const recent = new RecentAccounts(settings);
  const tags = new TagUseCases(vault, settings);
  const quickAccess = new QuickAccess({
    // typeCode is built below, from the handlers' copy.
    typeCode: { type: (id, target) => typeCode.type(id, target) },
    recent,
    shortcut: () => settings.get().quickAccessShortcut,
    onStatus: (status) => ports.push('shortcutStatus', status),
    onShown: () => ports.push('quickAccessShown', {}),
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
    source: () => (vault.isUnlocked ? { ...vault.contents(), key: vault.backupKey() } : undefined),
    appVersion: ports.version,
    platform: ports.platform,
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
  const transfers = new Transfers({
    vault,
    settings,
    imports,
    files,
    autoBackup,
    dialogs: ports.dialogs,
    clock: ports.clock,
    version: ports.version,
    platform: ports.platform,
    ...(ports.kdf && { kdf: ports.kdf }),
  });
  // Register with AWS from the window, with the SDK's own chain (this process's environment and
  // ~/.aws). The window asks for no sessions, so none is ever cached here.
  const aws = new AwsMfa({
    aws: sdkAws(),
    vault: localMfaVault({
      vault,
      engine,
      clock: clockCheck.codeClock,
      timers: ports.timers,
      cache: new MemorySessionStore(),
    }),
    clock: clockCheck.codeClock,
  });
  const sync: SyncService = new SyncService({
    vault,
    clock: ports.clock,
    hostname: ports.hostname ?? hostname,
    ...(ports.kdf?.N !== undefined && { passwordCost: { N: ports.kdf.N } }),
    onStatus: (status) => syncRunner.pushStatus(status),
    polling: () => syncRunner.polling,
  });
  const syncRunner: SyncRunner = new SyncRunner({
    sync: () => sync,
    timers: ports.timers,
    platform: ports.platform,
    onStatus: (status) => ports.push('syncStatus', status),
    log: (message, error) => console.error(message, error),
  });
  const icons = new AccountIcons({ vault, imports, filePicker: ports.filePicker });
  const handlers = createHandlers({
    vault,
    ticker,
    clipboard,
    settings,
    engine,
    clockCheck,
    imports,
    images,
    files,
    transfers,
    keychain,
    recent,
    tags,
    quickAccess,
    // typeCode is built below; this runs only when the window asks.
    typingStatus: () => typeCode.availability(),
    agentStatus: () => agentLifecycle.status(),
    passwordUnlock: new PasswordUnlock(vault),
    keychainPort: ports.keychain,
    aws,
    icons,
    sync: new SyncWindow({
      vault,
      runner: syncRunner,
      dialogs: ports.dialogs,
      clock: ports.clock,
      platform: ports.platform,
    }),
    awsStatus: () => awsWindowStatus(),
    version: ports.version,
    platform: ports.platform,
    systemLanguage: ports.systemLanguage,
  });
  const typeCode = new TypeCode({
    vault,
    engine,
    clockCheck,
    typist: ports.typist,
    timers: ports.timers,
    copy: (id) => handlers.copyCode({ id, which: 'current' }),
  });
  const agent = new AgentService({
    vault,
    engine,
    clock: clockCheck.codeClock,
    timers: ports.timers,
    choices: ports.choices,
    language: () => resolveLanguage(settings.get().language, ports.systemLanguage()),
    version: ports.version,
    vaultPath: ports.vaultPath,
  });
  const agentLifecycle = new AgentLifecycle({
    path: ports.agentSocketPath,
    makeServer: () =>
      new AgentServer({
        path: ports.agentSocketPath,
        handle: (connection, request) => agent.handle(connection, request),
        onClose: (connection) => agent.closed(connection),
        log: (error) => console.error('the command-line channel:', error),
        timers: ports.timers,
      }),
    enabled: () => settings.get().commandLineAccess,
    onStatus: (status) => ports.push('agentStatus', status),
    // Turned off: the approvals given end with it, as on lock.
    onStopped: () => agent.locked(),
    log: (message, error) => console.error(message, error),
  });
  return {
    handlers,
    agent,
    agentLifecycle,
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
    typeCode,
    recent,
    quickAccess,
    syncRunner,
    sync,
  };
}
