// The agent channel's server: a Unix domain socket (a named pipe on Windows) that the authdesk
// command asks while the app runs. It owns the transport only — the socket's folder and file, the
// frames, per-connection order, limits and timeouts; what a request means is the `handle` function
// the app passes in (use-cases/agent-service.ts). Every connection is independent: one slow, silent
// or hostile client never stalls another.
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { chmod, lstat, mkdir, readdir, rename, unlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';
import { systemTimers } from '../clock/clock';
import type { Timers } from '../ports';
import type { FrameError } from './framing';
import { encodeFrame, FrameReader, idOf } from './framing';
import {
  AGENT_PROTOCOL_VERSION,
  MAX_REQUEST_BYTES,
  MAX_RESPONSE_BYTES,
  type AgentErrorInfo,
  type AgentRequest,
} from './protocol';
import { parseAgentRequest } from './requests';

/** One client's connection, as the service sees it: an identity to key its state on. */
export interface AgentConnection {
  /** 1, 2, 3, … in the order connections were accepted. */
  readonly id: number;
  /** True once the connection is gone (its answers are dropped). */
  readonly closed: boolean;
}

export interface AgentLimits {
  /** Connections served at once; one more is answered AGENT_PROTOCOL and closed. */
  maxConnections: number;
  /** Requests waiting behind the one being answered; one more closes the connection. */
  maxQueued: number;
  /** The largest request frame. */
  maxRequestBytes: number;
  /**
   * Bytes an answer may leave in the connection's output buffer (the client is not reading);
   * more destroys the connection. At least one answer of the largest size the command reads.
   */
  maxBufferedBytes: number;
  /**
   * How long a connection may sit without a request being answered — idle, in the middle of a
   * frame, or not reading its last answer — before it is closed.
   */
  idleMs: number;
  /** How long the check for another instance waits for its socket to answer. */
  probeMs: number;
}

export const DEFAULT_AGENT_LIMITS: AgentLimits = {
  maxConnections: 16,
  maxQueued: 8,
  maxRequestBytes: MAX_REQUEST_BYTES,
  maxBufferedBytes: MAX_RESPONSE_BYTES + 4,
  idleMs: 30_000,
  probeMs: 2_000,
};

export interface AgentServerOptions {
  /** agentSocketPath(…): a socket path, or a `\\.\pipe\…` name on Windows. */
  path: string;
  /** A request's result, or throws (an AuthdeskError goes back with its code and message). */
  handle: (conn: AgentConnection, request: AgentRequest) => Promise<unknown>;
  /** A connection ended (the service drops what it kept for it). */
  onClose?: (conn: AgentConnection) => void;
  /** Unexpected errors: logged in main, never sent to the client. */
  log?: (error: unknown) => void;
  timers?: Timers;
  limits?: Partial<AgentLimits>;
  /** process.platform; tests pass another. */
  platform?: string;
}

/** Another instance of the app already answers on this socket. */
export class AgentSocketInUseError extends AuthdeskError {
  constructor(readonly socketPath: string) {
    super(
      'IO_ERROR',
      `Another Authdesk already answers the command line at ${socketPath}; this one does not. Quit the other one, or give each its own AUTHDESK_AGENT_SOCKET.`,
    );
  }
}

/** The private name a socket is bound under before it is renamed into place. */
const BOUND_NAME = /^\.[0-9a-f]{8}$/;

function unsafe(message: string): AuthdeskError {
  return new AuthdeskError('AGENT_SOCKET_UNSAFE', message);
}

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

async function lstatOrNull(file: string): Promise<Stats | null> {
  try {
    return await lstat(file);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return null;
    throw error;
  }
}

export class AgentServer {
  readonly path: string;
  readonly #options: AgentServerOptions;
  readonly #limits: AgentLimits;
  readonly #timers: Timers;
  readonly #posix: boolean;
  readonly #connections = new Set<Connection>();
  #server: net.Server | null = null;
  /** The socket file we bound (POSIX): close removes the path only while it is still this. */
  #own: { dev: number; ino: number } | null = null;
  #nextId = 1;

  constructor(options: AgentServerOptions) {
    this.path = options.path;
    this.#options = options;
    this.#limits = { ...DEFAULT_AGENT_LIMITS, ...options.limits };
    this.#timers = options.timers ?? systemTimers;
    this.#posix = (options.platform ?? process.platform) !== 'win32';
  }

  /** Connections being served now. */
  get connections(): number {
    return this.#connections.size;
  }

  /**
   * Starts serving. POSIX: the folder is made (0700) and must be the user's own; a stale socket of
   * ours is replaced; a live one means another instance (AgentSocketInUseError); anything else at
   * the path — a link, a file, another user's socket — is AGENT_SOCKET_UNSAFE and left alone.
   */
  async listen(): Promise<void> {
    if (this.#server) throw new Error('The agent server is already listening.');
    const server = net.createServer((socket) => this.#accept(socket));
    if (!this.#posix) {
      // Named pipe: Node cannot set its DACL; see the notes on Windows in SECURITY.md. libuv creates
      // it with FILE_FLAG_FIRST_PIPE_INSTANCE: a name already held (another instance, or someone
      // squatting it) fails with EADDRINUSE instead of sharing it.
      try {
        await listenOn(server, this.path);
      } catch (error) {
        if (errnoOf(error) === 'EADDRINUSE') throw new AgentSocketInUseError(this.path);
        throw error;
      }
      this.#server = server;
      return;
    }
    const folder = path.dirname(this.path);
    await this.#checkFolder(folder);
    await this.#checkExisting();
    // Bound under a private name, then renamed into place: the final path never points at a
    // half-made socket, a stale one is replaced in one step, and Node's own unlink on close
    // (libuv removes the bound name, whatever is there by then) touches only that private name.
    const bound = path.join(folder, `.${randomBytes(4).toString('hex')}`);
    await listenOn(server, bound);
    try {
      await chmod(bound, 0o600);
      const stats = await lstat(bound);
      await this.#checkExisting();
      await rename(bound, this.path);
      this.#own = { dev: stats.dev, ino: stats.ino };
    } catch (error) {
      await closeServer(server);
      await unlink(bound).catch(() => {});
      throw error;
    }
    this.#server = server;
  }

  /** Stops serving and ends every connection; the socket file goes only if it is still ours. */
  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = null;
    for (const connection of this.#connections) connection.destroy();
    await closeServer(server);
    const own = this.#own;
    this.#own = null;
    if (!own) return;
    const now = await lstatOrNull(this.path).catch(() => null);
    if (now?.isSocket() && now.dev === own.dev && now.ino === own.ino) {
      await unlink(this.path).catch(() => {});
    }
  }

  async #checkFolder(folder: string): Promise<void> {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const uid = process.getuid!();
    const stats = await lstat(folder);
    if (!stats.isDirectory()) {
      throw unsafe(`The agent's folder ${folder} is not a folder (a link or a file).`);
    }
    if (stats.uid !== uid) {
      throw unsafe(`The agent's folder ${folder} belongs to another user (uid ${stats.uid}).`);
    }
    if ((stats.mode & 0o077) === 0) return;
    // A shared folder (/tmp's sticky bit) is never narrowed: the socket needs a folder of its own.
    if ((stats.mode & 0o1000) !== 0) {
      throw unsafe(`The agent's folder ${folder} is shared with other users.`);
    }
    // Narrowed only when it is the socket's own folder: a folder holding anything else (a home
    // folder named through AUTHDESK_AGENT_SOCKET) is not ours to change.
    const own = path.basename(this.path);
    const entries = await readdir(folder);
    if (entries.some((name) => name !== own && !BOUND_NAME.test(name))) {
      throw unsafe(
        `The agent's folder ${folder} can be opened by other users and holds other files; give the socket a folder of its own.`,
      );
    }
    await chmod(folder, 0o700);
    const again = await lstat(folder);
    if (!again.isDirectory() || again.uid !== uid || (again.mode & 0o077) !== 0) {
      throw unsafe(`The agent's folder ${folder} could not be made private.`);
    }
  }

  /** What is at the socket path now: nothing, or a stale socket of ours (both fine). */
  async #checkExisting(): Promise<void> {
    const stats = await lstatOrNull(this.path);
    if (!stats) return;
    if (stats.isSymbolicLink()) throw unsafe(`${this.path} is a symbolic link, not a socket.`);
    if (!stats.isSocket()) throw unsafe(`${this.path} is a file, not a socket.`);
    if (stats.uid !== process.getuid!()) {
      throw unsafe(`The socket ${this.path} belongs to another user (uid ${stats.uid}).`);
    }
    if (await this.#answers()) throw new AgentSocketInUseError(this.path);
  }

  /** Whether something accepts connections at the path (another instance of the app). */
  #answers(): Promise<boolean> {
    return new Promise((resolve) => {
      const probe = net.createConnection(this.path);
      const done = (answers: boolean) => {
        this.#timers.clearTimeout(timer);
        probe.destroy();
        resolve(answers);
      };
      // A listener too busy to accept is still a listener.
      const timer = this.#timers.setTimeout(() => done(true), this.#limits.probeMs);
      probe.once('connect', () => done(true));
      probe.once('error', (error) => done(errnoOf(error) !== 'ECONNREFUSED'));
    });
  }

  #accept(socket: net.Socket): void {
    if (!this.#server || this.#connections.size >= this.#limits.maxConnections) {
      const error: AgentErrorInfo = {
        code: 'AGENT_PROTOCOL',
        message: 'The app is serving too many command-line connections; try again.',
      };
      // Answered once and ended; one that never closes its side is destroyed after idleMs.
      const timer = this.#timers.setTimeout(() => socket.destroy(), this.#limits.idleMs);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => this.#timers.clearTimeout(timer));
      socket.resume();
      socket.end(encodeFrame({ v: AGENT_PROTOCOL_VERSION, id: 0, ok: false, error }));
      return;
    }
    const connection = new Connection(this.#nextId++, socket, {
      limits: this.#limits,
      timers: this.#timers,
      handle: this.#options.handle,
      log: this.#options.log ?? (() => {}),
      closed: (conn) => {
        this.#connections.delete(conn);
        this.#options.onClose?.(conn);
      },
    });
    this.#connections.add(connection);
  }
}

interface ConnectionDeps {
  limits: AgentLimits;
  timers: Timers;
  handle: AgentServerOptions['handle'];
  log: (error: unknown) => void;
  closed: (conn: Connection) => void;
}

/** One client: reads frames, answers them one at a time in order, and enforces the limits. */
class Connection implements AgentConnection {
  readonly id: number;
  readonly #socket: net.Socket;
  readonly #deps: ConnectionDeps;
  readonly #reader: FrameReader;
  readonly #queue: object[] = [];
  #busy = false;
  #closed = false;
  /** After a refusal the connection only finishes writing it. */
  #ending = false;
  #idle: unknown = null;

  constructor(id: number, socket: net.Socket, deps: ConnectionDeps) {
    this.id = id;
    this.#socket = socket;
    this.#deps = deps;
    this.#reader = new FrameReader(deps.limits.maxRequestBytes);
    socket.on('data', (chunk: Buffer) => this.#data(chunk));
    socket.on('error', () => this.destroy());
    // A client that ends its side is ended too (Node's default, allowHalfOpen false): answers
    // still being made for it are dropped.
    socket.on('close', () => this.#gone());
    socket.on('drain', () => this.#next());
    this.#armIdle();
  }

  get closed(): boolean {
    return this.#closed;
  }

  destroy(): void {
    this.#socket.destroy();
    this.#gone();
  }

  #gone(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#disarmIdle();
    this.#queue.length = 0;
    this.#deps.closed(this);
  }

  #data(chunk: Buffer): void {
    if (this.#closed || this.#ending) return;
    let frames: object[];
    try {
      frames = this.#reader.push(chunk);
    } catch (error) {
      const frameError = error as FrameError;
      this.#refuse(frameError.id, { code: 'AGENT_PROTOCOL', message: frameError.message });
      return;
    }
    for (const frame of frames) {
      if (this.#queue.length >= this.#deps.limits.maxQueued) {
        this.#refuse(idOf(frame), {
          code: 'AGENT_PROTOCOL',
          message: `More than ${this.#deps.limits.maxQueued} requests are waiting on one connection.`,
        });
        return;
      }
      this.#queue.push(frame);
      this.#next();
    }
  }

  /** Answers the next request, unless one is being answered or the last answer is still unread. */
  #next(): void {
    if (this.#closed || this.#ending || this.#busy) return;
    if (this.#socket.writableNeedDrain) return;
    const frame = this.#queue.shift();
    if (!frame) return;
    this.#busy = true;
    this.#disarmIdle();
    void this.#answer(frame).then((answer) => {
      this.#busy = false;
      if (this.#closed || this.#ending) return;
      if (!this.#write(answer)) return;
      this.#armIdle();
      this.#next();
    });
  }

  async #answer(frame: object): Promise<object> {
    const id = idOf(frame);
    try {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { v, id: _id, ...body } = frame as { v: unknown; id: unknown };
      const request = parseAgentRequest(body);
      const result = await this.#deps.handle(this, request);
      return { v: AGENT_PROTOCOL_VERSION, id, ok: true, result };
    } catch (error) {
      return { v: AGENT_PROTOCOL_VERSION, id, ok: false, error: this.#errorInfo(error) };
    }
  }

  #errorInfo(error: unknown): AgentErrorInfo {
    if (isAuthdeskError(error)) {
      const info: AgentErrorInfo = { code: error.code, message: error.message };
      const exitCode = (error as { exitCode?: unknown }).exitCode;
      if (typeof exitCode === 'number' && Number.isInteger(exitCode)) info.exitCode = exitCode;
      return info;
    }
    // Never a stack or an internal message to the client; main's log has it.
    this.#deps.log(error);
    return { code: 'INTERNAL_ERROR', message: 'Something went wrong.' };
  }

  /** Writes an answer; false when the connection had to be closed instead. */
  #write(answer: object): boolean {
    let frame: Buffer;
    try {
      frame = encodeFrame(answer, MAX_RESPONSE_BYTES);
    } catch (error) {
      this.#deps.log(error);
      frame = encodeFrame({
        v: AGENT_PROTOCOL_VERSION,
        id: idOf(answer),
        ok: false,
        error: { code: 'INTERNAL_ERROR', message: 'The answer was too large to send.' },
      });
    }
    if (this.#socket.writableEnded) {
      this.destroy();
      return false;
    }
    this.#socket.write(frame);
    // A client that does not read: its answers pile up here, not in memory without end.
    if (this.#socket.writableLength > this.#deps.limits.maxBufferedBytes) {
      this.destroy();
      return false;
    }
    return true;
  }

  /** Answers a broken or abusive connection once, then closes it. */
  #refuse(id: number, error: AgentErrorInfo): void {
    this.#ending = true;
    this.#queue.length = 0;
    this.#socket.end(encodeFrame({ v: AGENT_PROTOCOL_VERSION, id, ok: false, error }));
    // If the client does not read the refusal either, the idle timer ends it.
    this.#armIdle();
  }

  #armIdle(): void {
    this.#disarmIdle();
    if (this.#closed) return;
    this.#idle = this.#deps.timers.setTimeout(() => {
      this.#idle = null;
      this.destroy();
    }, this.#deps.limits.idleMs);
  }

  #disarmIdle(): void {
    if (this.#idle === null) return;
    this.#deps.timers.clearTimeout(this.#idle);
    this.#idle = null;
  }
}

function listenOn(server: net.Server, where: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    server.once('error', failed);
    server.listen(where, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
