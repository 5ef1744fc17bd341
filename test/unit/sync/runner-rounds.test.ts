// The app's sync runner (use-cases/sync-runner.ts) and the window's door to it (IPC handlers through
// dispatch): two apps composed as main composes them, each on its own vault, sharing one real sync
// folder. Rounds follow vault changes and folder events by themselves; a lock stops them; a folder
// that goes away pauses and resumes; the vault password is asked again where it must be.
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountMeta } from '../../../shared/account';
import type { EventName, Events, Method, MethodArgs, MethodResults } from '../../../shared/ipc';
import type { SyncStatus } from '../../../shared/sync';
import { dispatch } from '../../../electron/ipc/dispatch';
import { composeServices, type Services } from '../../../electron/composition';
import { Vault } from '../../../electron/vault/vault';
import { systemTimers } from '../../../electron/clock/clock';
import { SyncService } from '../../../electron/use-cases/sync';
import { SyncRunner } from '../../../electron/use-cases/sync-runner';
import { watchFolder } from '../../../electron/use-cases/sync-watch';
import { checkSyncFolder } from '../../../electron/use-cases/sync-window';
import { TestDialogs } from '../../harness/browser/ports';
import { testPorts } from '../../harness/test-ports';
import { PASSWORD, sampleInput, TINY_KDF } from '../../harness/vault-fixtures';

interface App {
  name: string;
  services: Services;
  dialogs: TestDialogs;
  events: { name: EventName; payload: unknown }[];
  /** Resolves with the first pushed event (past or future) that `match` accepts. */
  event<E extends EventName>(name: E, match: (payload: Events[E]) => boolean): Promise<Events[E]>;
  call<M extends Method>(method: M, args?: MethodArgs[M]): Promise<MethodResults[M]>;
}

let root: string;
let syncDir: string;
const apps: App[] = [];
const runners: SyncRunner[] = [];

async function makeApp(name: string): Promise<App> {
  const dir = path.join(root, name);
  const vaultPath = path.join(dir, 'vault.json');
  const created = await Vault.create(vaultPath, PASSWORD, { kdf: TINY_KDF });
  created.lock();
  const dialogs = new TestDialogs();
  const events: App['events'] = [];
  const waiters = new Set<() => void>();
  const services = composeServices(
    testPorts({
      vaultPath,
      dialogs,
      hostname: () => name,
      kdf: TINY_KDF,
      push: (event, payload) => {
        events.push({ name: event, payload });
        for (const wake of [...waiters]) wake();
      },
    }),
  );
  const app: App = {
    name,
    services,
    dialogs,
    events,
    event(wanted, match) {
      return new Promise((resolve) => {
        const look = () => {
          const found = events.find(
            (e) => e.name === wanted && match(e.payload as Events[typeof wanted]),
          );
          if (!found) return false;
          waiters.delete(wake);
          resolve(found.payload as Events[typeof wanted]);
          return true;
        };
        const wake = () => void look();
        if (!look()) waiters.add(wake);
      });
    },
    async call(method, args) {
      const result = await dispatch(services.handlers, method, args);
      if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
      return result.value as MethodResults[typeof method];
    },
  };
  apps.push(app);
  return app;
}

/** Chooses the sync folder in the app's (test) dialog: the handle start and join take. */
async function chooseFolder(app: App, folder = syncDir): Promise<string> {
  app.dialogs.folder = folder;
  const chosen = await app.call('chooseSyncFolder');
  expect(chosen?.folder).toBe(folder);
  return chosen!.handle;
}

/** A on the folder, B joined with A's pairing code; both unlocked. */
async function pair(): Promise<[App, App]> {
  const a = await makeApp('Desktop');
  const b = await makeApp('Laptop');
  await a.call('unlock', { password: PASSWORD });
  await b.call('unlock', { password: PASSWORD });
  await a.call('startSync', { folderHandle: await chooseFolder(a), password: PASSWORD });
  const offer = await a.call('offerSyncPairing');
  const joined = await b.call('joinSync', {
    folderHandle: await chooseFolder(b),
    password: PASSWORD,
    with: { kind: 'code', code: offer.code },
  });
  expect(joined.phase).toBe('idle');
  return [a, b];
}

const hasAccount = (issuer: string) => (list: AccountMeta[]) =>
  list.some((account) => account.issuer === issuer);

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'authdesk-runner-'));
  syncDir = path.join(root, 'Sync');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(syncDir);
});

afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.close();
  for (const app of apps.splice(0)) {
    app.services.vault.lock('user');
    await app.services.syncRunner.close();
  }
  await rm(root, { recursive: true, force: true });
});

describe('the sync runner in the app', () => {
  it('brings an account added on one app to the other by itself: vault change, file, event, round', async () => {
    const [a, b] = await pair();
    await a.call('addAccount', { account: sampleInput('Runner') });
    // No call on B: its watcher heard A's journal land and ran the round.
    await b.event('accountsChanged', hasAccount('IssuerRunner'));
    expect(b.services.vault.list().map((x) => x.issuer)).toContain('IssuerRunner');
    // And pushed its status, naming where the change came from.
    const status = await b.event('syncStatus', (s) => (s.lastMerge?.from.length ?? 0) > 0);
    expect(status.lastMerge!.from[0]!.device.name).toBe('Desktop');
    expect(status.polling).toBe(false);
  });

  it('still runs rounds while the folder never goes quiet (another program writing all the time)', async () => {
    const [a, b] = await pair();
    // A file of another program, rewritten every 20 ms: each write is an event at B's watcher.
    let noisy = true;
    const noise = (async () => {
      for (let i = 0; noisy; i++) {
        await writeFile(path.join(syncDir, 'notes.txt'), String(i));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      await a.call('addAccount', { account: sampleInput('Noisy') });
      // Rounds wait for the first trigger of a burst, not for quiet: B takes it in meanwhile.
      await b.event('accountsChanged', hasAccount('IssuerNoisy'));
    } finally {
      noisy = false;
      await noise;
    }
  });

  it('stops on lock (nothing watched, nothing merged) and catches up on unlock', async () => {
    const [a, b] = await pair();
    await b.call('lock');
    expect(b.services.syncRunner.watching).toBeNull();
    expect(await b.call('getSyncStatus')).toMatchObject({ phase: 'off', folder: null });
    await a.call('addAccount', { account: sampleInput('WhileLocked') });
    // A published it (its own round ran): the folder holds it while B is locked.
    await a.event('syncStatus', (s) => s.lastSync !== null && s.phase === 'idle');
    b.events.length = 0;
    await b.call('unlock', { password: PASSWORD });
    await b.event('accountsChanged', hasAccount('IssuerWhileLocked'));
    await expect.poll(() => b.services.syncRunner.watching).toBe(syncDir);
  });

  it('pauses while the folder is away and resumes when it is back, losing nothing', async () => {
    const [a, b] = await pair();
    const away = `${syncDir}-away`;
    await rename(syncDir, away);
    // A change while the folder is away: kept in A's vault (its outbox) and A says it is paused.
    await a.call('addAccount', { account: sampleInput('Offline') });
    await a.event('syncStatus', (s) => s.phase === 'paused');
    const paused = await a.call('syncNow');
    expect(paused.phase).toBe('paused');
    expect(a.services.syncRunner.watching).toBeNull();
    // B, watching the same folder, saw it go too.
    await b.event('syncStatus', (s) => s.phase === 'paused');
    await rename(away, syncDir);
    // Back: A, asked now, publishes and watches again; B finds the folder by itself on its next
    // look (every SYNC_PAUSED_RETRY_MS while paused) and takes the account in.
    expect((await a.call('syncNow')).phase).toBe('idle');
    expect(a.services.syncRunner.watching).toBe(syncDir);
    await b.event('accountsChanged', hasAccount('IssuerOffline'));
    await expect.poll(() => b.services.syncRunner.watching).toBe(syncDir);
  });

  it('asks the vault password again to start, join, set a sync password or remove a device', async () => {
    const a = await makeApp('Desktop');
    await a.call('unlock', { password: PASSWORD });
    const handle = await chooseFolder(a);
    await expect(
      a.call('startSync', { folderHandle: handle, password: 'not the password' }),
    ).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect((await a.call('getSyncStatus')).phase).toBe('off');
    // The handle is still good after a wrong password; a made-up one is not.
    await expect(
      a.call('startSync', { folderHandle: crypto.randomUUID(), password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'FOLDER_CHOICE_EXPIRED' });
    const started = await a.call('startSync', { folderHandle: handle, password: PASSWORD });
    expect(started).toMatchObject({ phase: 'idle', folder: syncDir, device: { name: 'Desktop' } });
    // A used handle is gone.
    await expect(
      a.call('startSync', { folderHandle: handle, password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'FOLDER_CHOICE_EXPIRED' });
    await expect(
      a.call('setSyncPassword', { password: 'wrong', syncPassword: 'a long sync password' }),
    ).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect((await a.call('getSyncStatus')).joinByPassword).toBe(false);
    await expect(
      a.call('removeSyncDevice', { id: 'f'.repeat(32), password: 'wrong' }),
    ).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
  });

  it('chooses the folder only in main’s dialog: closed dialog, relative or device paths', async () => {
    const a = await makeApp('Desktop');
    await expect(a.call('chooseSyncFolder')).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    await a.call('unlock', { password: PASSWORD });
    a.dialogs.folder = null;
    expect(await a.call('chooseSyncFolder')).toBeNull();
    a.dialogs.folder = 'Sync';
    await expect(a.call('chooseSyncFolder')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('leaves the folder when sync stops: no watcher, status off, accounts kept', async () => {
    const [a] = await pair();
    await a.call('addAccount', { account: sampleInput('Kept') });
    const stopped: SyncStatus = await a.call('stopSync');
    expect(stopped.phase).toBe('off');
    expect(a.services.syncRunner.watching).toBeNull();
    expect(a.services.vault.list().map((x) => x.issuer)).toContain('IssuerKept');
  });

  it('polls a folder on a network file system: the status says so, and files are found by polling', async () => {
    const [a] = await pair();
    // A third computer whose sync folder is a network share (as /proc/mounts would say), its vault
    // wired to its runner as composition.ts wires the app's.
    const statuses: SyncStatus[] = [];
    const vaultPath = path.join(root, 'Polled', 'vault.json');
    (await Vault.create(vaultPath, PASSWORD, { kdf: TINY_KDF })).lock();
    const vault = await Vault.open(vaultPath, {
      events: { changed: () => runner.vaultChanged(), locked: () => runner.locked() },
    });
    const sync: SyncService = new SyncService({
      vault,
      clock: { now: () => Date.now() },
      hostname: () => 'Polled',
      onStatus: (status) => runner.pushStatus(status),
      polling: () => runner.polling,
    });
    const runner: SyncRunner = new SyncRunner({
      sync: () => sync,
      timers: systemTimers,
      platform: 'linux',
      onStatus: (status) => statuses.push(status),
      log: (message, error) => {
        throw new Error(`${message} ${String(error)}`);
      },
      networkFolder: async () => true,
      watch: (folder, options) => watchFolder(folder, { ...options, pollMs: 50 }),
    });
    runners.push(runner);
    await vault.unlock(PASSWORD);
    const { code } = await a.call('offerSyncPairing');
    const joined = await runner.change((service) => service.join({ folder: syncDir, code }));
    expect(joined.phase).toBe('idle');
    expect(runner.watching).toBe(syncDir);
    expect(runner.polling).toBe(true);
    expect(runner.status().polling).toBe(true);
    expect(statuses.some((status) => status.polling)).toBe(true);

    await a.call('addAccount', { account: sampleInput('Polled') });
    await expect
      .poll(() => vault.list().map((account) => account.issuer), { timeout: 20_000 })
      .toContain('IssuerPolled');
    vault.lock('user');
    expect(runner.watching).toBeNull();
  });
});

describe('which folders sync may use', () => {
  it('takes full paths and network shares, refuses relative, device and NUL paths', () => {
    for (const [folder, platform] of [
      ['/home/ann/Sync', 'linux'],
      ['/Volumes/nas/authdesk', 'darwin'],
      ['C:\\Users\\ann\\Dropbox\\authdesk', 'win32'],
      ['Z:\\authdesk', 'win32'],
      ['\\\\nas\\share\\authdesk', 'win32'],
    ] as const) {
      expect(() => checkSyncFolder(folder, platform), folder).not.toThrow();
    }
    for (const [folder, platform] of [
      ['Sync', 'linux'],
      ['./Sync', 'darwin'],
      ['authdesk', 'win32'],
      ['\\\\?\\C:\\authdesk', 'win32'],
      ['\\\\.\\pipe\\authdesk', 'win32'],
      ['/home/ann/Sync\0/etc', 'linux'],
    ] as const) {
      expect(() => checkSyncFolder(folder, platform), folder).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
  });
});
