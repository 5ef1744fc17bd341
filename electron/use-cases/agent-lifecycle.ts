// When the app serves the agent channel (the `authdesk` command asking the unlocked app): once the
// app is ready and while Settings › Command line is on; stopped when it is turned off and when the
// app quits. The server itself (electron/agent/server.ts) is behind a small interface, so that this
// is tested with fakes; a failure to start is logged and shown in the status, never fatal.
//
//   lifecycle.start()            // main, once the app is ready
//   lifecycle.settingsChanged()  // every settings change: follows commandLineAccess
//   await lifecycle.stop()       // quitting: within main's quit hold
import type { AgentStatus } from '../../shared/agent-status';
import { isAuthdeskError, type ErrorInfo } from '../../shared/errors';

/** What this needs of the agent server: a closed server is not reused (makeServer makes another). */
export interface AgentServerPort {
  listen(): Promise<void>;
  close(): Promise<void>;
}

export interface AgentLifecycleDeps {
  /** The socket (a named pipe on Windows): shown in the status. */
  path: string;
  makeServer: () => AgentServerPort;
  /** The setting (commandLineAccess). */
  enabled: () => boolean;
  onStatus: (status: AgentStatus) => void;
  /** It stopped serving (the setting turned off, the app quitting): approvals end with it. */
  onStopped: () => void;
  log: (message: string, error: unknown) => void;
}

export class AgentLifecycle {
  #server: AgentServerPort | null = null;
  #ready = false;
  #quitting = false;
  /** What the last run of #apply aimed at (null: none ran): only a change opens or closes the socket. */
  #wanted: boolean | null = null;
  /** Starts and stops run one after another, never overlapping. */
  #queue: Promise<void> = Promise.resolve();
  #status: AgentStatus;

  constructor(private readonly deps: AgentLifecycleDeps) {
    this.#status = { path: deps.path, state: 'starting', error: null };
  }

  status(): AgentStatus {
    return { ...this.#status };
  }

  /** The app is ready: serves when the setting is on. */
  start(): Promise<void> {
    this.#ready = true;
    return this.#enqueue();
  }

  /** A setting changed: follows commandLineAccess (nothing happens before start or after stop). */
  settingsChanged(): Promise<void> {
    if (!this.#ready || this.#quitting) return this.#queue;
    return this.#enqueue();
  }

  /** The app quits: closes the socket (after a start under way) and serves no more. */
  stop(): Promise<void> {
    this.#quitting = true;
    return this.#enqueue();
  }

  #enqueue(): Promise<void> {
    this.#queue = this.#queue.then(() => this.#apply());
    return this.#queue;
  }

  async #apply(): Promise<void> {
    const want = this.#ready && !this.#quitting && this.deps.enabled();
    if (this.#quitting) {
      await this.#close();
      this.#set({ state: 'stopped', error: null });
      return;
    }
    if (want === this.#wanted) return;
    this.#wanted = want;
    if (!want) {
      await this.#close();
      this.#set({ state: 'off', error: null });
      return;
    }
    const server = this.deps.makeServer();
    try {
      await server.listen();
      this.#server = server;
      this.#set({ state: 'serving', error: null });
    } catch (error) {
      this.deps.log('the command-line channel could not start:', error);
      this.#set({ state: 'failed', error: errorInfo(error) });
    }
  }

  async #close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = null;
    try {
      await server.close();
    } catch (error) {
      this.deps.log('the command-line channel did not close cleanly:', error);
    } finally {
      this.deps.onStopped();
    }
  }

  #set(next: Pick<AgentStatus, 'state' | 'error'>): void {
    if (this.#status.state === next.state && this.#status.error === next.error) return;
    this.#status = { path: this.deps.path, ...next };
    this.deps.onStatus(this.status());
  }
}

function errorInfo(error: unknown): ErrorInfo {
  if (isAuthdeskError(error)) return error.toInfo();
  return { code: 'IO_ERROR', message: error instanceof Error ? error.message : String(error) };
}
