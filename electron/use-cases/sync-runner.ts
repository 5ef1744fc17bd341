// When sync rounds run in the app: shortly after every change of the vault (here, or the command
// line's) and every change in the sync folder, one at a time; a slow rescan as a safety net; a folder
// that went away pauses and is looked for until it is back. Runs while the vault is unlocked, and
// pushes every status. The rounds themselves are SyncService's (use-cases/sync.ts).
import { isAuthdeskError } from '../../shared/errors';
import type { SyncStatus } from '../../shared/sync';
import type { Timers } from '../ports';
import type { SyncService } from './sync';
import { offStatus } from './sync-status';
import { isNetworkFolder, watchFolder, type FolderWatch, type WatchOptions } from './sync-watch';

/** The first trigger of a burst (a sync service bringing several files, an import) waits this long for the rest. */
export const SYNC_QUIET_MS = 150;
/** The safety net: a round this often even when no event came. */
export const SYNC_RESCAN_MS = 60_000;
/** While paused, the folder is looked for this often. */
export const SYNC_PAUSED_RETRY_MS = 5_000;
/** While a file is not whole yet (SYNC_WAITING), the round runs again this soon. */
export const SYNC_WAITING_RETRY_MS = 10_000;

export interface SyncRunnerDeps {
  /** The rounds and settings; its onStatus is wired to SyncRunner.pushStatus. */
  sync: () => SyncService;
  timers: Timers;
  platform: string;
  /** Every status, with `polling` as the runner knows it (pushed to the window as syncStatus). */
  onStatus(status: SyncStatus): void;
  log(message: string, error?: unknown): void;
  /** Tests: shorter waits; another way of deciding on polling. */
  quietMs?: number;
  rescanMs?: number;
  pausedRetryMs?: number;
  waitingRetryMs?: number;
  networkFolder?: (folder: string) => Promise<boolean>;
  watch?: (folder: string, options: WatchOptions) => FolderWatch;
}

export class SyncRunner {
  readonly #deps: SyncRunnerDeps;
  /** While the vault is unlocked. */
  #running = false;
  /** Bumped on every stop: work queued before it finds itself outdated. */
  #generation = 0;
  #watch: { folder: string; watch: FolderWatch } | undefined;
  #closing: Promise<void> = Promise.resolve();
  #roundTimer: unknown = undefined;
  #laterTimer: unknown = undefined;
  /** Rounds and settings run one at a time, in order. */
  #queue: Promise<unknown> = Promise.resolve();
  /** A round is queued and has not started: another trigger needs no second one. */
  #roundQueued = false;
  /**
   * The phase of the last status seen (pushed, or a round's): reading the status costs a copy of
   * the vault's whole sync data, tens of ms with a thousand accounts, so it is not read per round.
   */
  #phase: SyncStatus['phase'] | null = null;

  constructor(deps: SyncRunnerDeps) {
    this.#deps = deps;
  }

  /** Whether the folder is polled (a network folder) rather than heard through events. */
  get polling(): boolean {
    return this.#watch?.watch.polling ?? false;
  }

  /** The folder being watched, or null (sync off, paused, or the vault locked). */
  get watching(): string | null {
    return this.#watch?.folder ?? null;
  }

  /** The status as the vault and the last round know it; off while locked. */
  status(): SyncStatus {
    let status: SyncStatus;
    try {
      status = this.#deps.sync().status();
    } catch (error) {
      if (isAuthdeskError(error) && error.code === 'VAULT_LOCKED') return offStatus(false);
      throw error;
    }
    return { ...status, polling: this.polling };
  }

  /** SyncService's onStatus: pushes it with what the runner knows. */
  pushStatus(status: SyncStatus): void {
    this.#phase = status.phase;
    this.#deps.onStatus({ ...status, polling: this.polling });
  }

  /**
   * The vault was unlocked or changed (any door, another process): starts following the folder when
   * sync is on, and a round soon. A round's own write comes back here once and finds nothing new.
   */
  vaultChanged(): void {
    if (!this.#running) {
      this.#running = true;
      const generation = this.#generation;
      this.#enqueue(async () => {
        if (generation !== this.#generation) return;
        await this.#follow(this.status());
      }).catch((error: unknown) => this.#deps.log('sync could not start:', error));
    }
    this.#soon();
  }

  /** The vault locked: no more rounds, the folder is no longer watched. */
  locked(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#phase = null;
    this.#generation++;
    this.#clearTimers();
    this.#unwatch();
  }

  /** Stops, and waits for a round in progress and until the watcher has let go of the folder (quit, tests). */
  async close(): Promise<void> {
    this.locked();
    await this.#queue;
    await this.#closing;
  }

  /**
   * One round now, after any running one. A folder that cannot be reached is a status (paused), not
   * a failure; SYNC_OFF when sync is not set up.
   */
  now(): Promise<SyncStatus> {
    return this.#enqueue(() => this.#round());
  }

  /**
   * A change of the sync's setup (start, join, pairing, password, remove, stop), in turn with the
   * rounds; afterwards the folder is followed as the new status says.
   */
  change<T>(action: (sync: SyncService) => Promise<T>): Promise<T> {
    return this.#enqueue(async () => {
      try {
        return await action(this.#deps.sync());
      } finally {
        if (this.#running) await this.#follow(this.status());
      }
    });
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * A round `delay` after the first of a burst of triggers (a sync service bringing several files, an
   * import): later ones join it rather than push it back, so a folder that never goes quiet still
   * gets its rounds. A trigger during a round queues one more.
   */
  #soon(delay = this.#deps.quietMs ?? SYNC_QUIET_MS): void {
    if (!this.#running || this.#roundTimer !== undefined) return;
    this.#roundTimer = this.#deps.timers.setTimeout(() => {
      this.#roundTimer = undefined;
      if (this.#roundQueued) return;
      this.#roundQueued = true;
      const generation = this.#generation;
      void this.#enqueue(async () => {
        this.#roundQueued = false;
        if (generation !== this.#generation || !this.#running) return;
        try {
          // Removed: a change of the vault has nowhere to go, unless the sync was set up again
          // meanwhile (by the command line). Off costs nothing to ask: the round refuses at once.
          if (this.#phase === 'removed') {
            const status = this.status();
            await this.#follow(status);
            if (status.phase === 'removed') return;
          }
          await this.#round();
        } catch (error) {
          // SYNC_OFF (just stopped) needs no word; anything else is for the log, and the status
          // the service pushed says it to the user.
          if (!(isAuthdeskError(error) && ['SYNC_OFF', 'VAULT_LOCKED'].includes(error.code))) {
            this.#deps.log('sync round failed:', error);
          }
        }
      });
    }, delay);
  }

  async #round(): Promise<SyncStatus> {
    const sync = this.#deps.sync();
    let status: SyncStatus;
    try {
      status = await sync.syncNow();
    } catch (error) {
      if (!(isAuthdeskError(error) && error.code === 'SYNC_FOLDER_UNREACHABLE')) {
        if (this.#running) await this.#follow(this.status()).catch(() => undefined);
        throw error;
      }
      status = sync.status();
    }
    if (this.#running) await this.#follow(status);
    return { ...status, polling: this.polling };
  }

  /** Watches the status's folder (or none), and plans the next look: retry, waiting, rescan. */
  async #follow(status: SyncStatus): Promise<void> {
    if (!this.#running) return;
    this.#phase = status.phase;
    const active = status.phase === 'idle' || status.phase === 'syncing';
    const folder = active ? status.folder : null;
    if (this.#watch && this.#watch.folder !== folder) this.#unwatch();
    if (folder && !this.#watch) {
      const generation = this.#generation;
      const polling = await (
        this.#deps.networkFolder ?? ((f) => isNetworkFolder(f, this.#deps.platform))
      )(folder);
      if (generation !== this.#generation || this.#watch) return;
      const watch = (this.#deps.watch ?? watchFolder)(folder, {
        polling,
        onChange: () => this.#soon(),
        onError: (error) => {
          this.#deps.log('watching the sync folder:', error);
          this.#soon();
        },
        ignore: (name) => status.device !== null && name.startsWith(`${status.device.id}.`),
      });
      this.#watch = { folder, watch };
      if (polling !== status.polling) this.pushStatus(status);
    }
    this.#later(status);
  }

  #later(status: SyncStatus): void {
    if (this.#laterTimer !== undefined) this.#deps.timers.clearTimeout(this.#laterTimer);
    this.#laterTimer = undefined;
    if (status.phase === 'off' || status.phase === 'removed') return;
    const delay =
      status.phase === 'paused'
        ? (this.#deps.pausedRetryMs ?? SYNC_PAUSED_RETRY_MS)
        : status.problems.some((p) => p.kind === 'waiting')
          ? (this.#deps.waitingRetryMs ?? SYNC_WAITING_RETRY_MS)
          : (this.#deps.rescanMs ?? SYNC_RESCAN_MS);
    this.#laterTimer = this.#deps.timers.setTimeout(() => {
      this.#laterTimer = undefined;
      this.#soon(0);
    }, delay);
  }

  #unwatch(): void {
    const current = this.#watch;
    this.#watch = undefined;
    if (!current) return;
    const closed = current.watch.close().catch((error: unknown) => {
      this.#deps.log('closing the sync folder watcher:', error);
    });
    this.#closing = Promise.all([this.#closing, closed]).then(() => undefined);
  }

  #clearTimers(): void {
    if (this.#roundTimer !== undefined) this.#deps.timers.clearTimeout(this.#roundTimer);
    if (this.#laterTimer !== undefined) this.#deps.timers.clearTimeout(this.#laterTimer);
    this.#roundTimer = undefined;
    this.#laterTimer = undefined;
    this.#roundQueued = false;
  }
}
