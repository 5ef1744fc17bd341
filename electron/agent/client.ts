// The command's side of the agent channel: connect to the running app, ask, read the answer. This
// is the command's fast path, so it loads only Node's built-ins, the protocol's constants and the
// framing — no zod, nothing that pulls a package. Before connecting (POSIX) it checks that the
// socket and its folder are the user's own, so a fake agent planted by another user is never asked.
import { lstat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { AuthdeskError, isErrorCode } from '../../shared/errors';
import { encodeFrame, FrameReader } from './framing';
import {
  AGENT_PROTOCOL_VERSION,
  MAX_REQUEST_BYTES,
  MAX_RESPONSE_BYTES,
  type AgentErrorInfo,
  type AgentRequest,
  type AgentResults,
  type ResponseFrame,
} from './protocol';

/** An error the app answered with; `exitCode` is the command's when the code alone does not say. */
export class AgentError extends AuthdeskError {
  readonly exitCode: number | undefined;

  constructor(info: AgentErrorInfo) {
    super(info.code, info.message);
    this.exitCode = info.exitCode;
  }
}

export interface AgentClient {
  /** The answer to one request; throws AgentError for the app's refusals, AGENT_PROTOCOL if the channel breaks. */
  request<R extends AgentRequest>(req: R): Promise<AgentResults[R['op']]>;
  close(): void;
}

export interface ConnectOptions {
  /** How long to wait for the connection (not for answers: a question in the app can take a minute). */
  timeoutMs: number;
  /** process.platform; tests pass another. */
  platform?: string;
}

/**
 * A client of the app listening at `socketPath`, or null when none can be asked: nothing listens
 * (no file, refused, timed out), or (POSIX) the folder or socket is not the user's own — a link, a
 * file, another owner, a folder others can open.
 */
export async function connectAgent(
  socketPath: string,
  options: ConnectOptions,
): Promise<AgentClient | null> {
  if ((options.platform ?? process.platform) !== 'win32' && !(await isOwnSocket(socketPath))) {
    return null;
  }
  const socket = await connect(socketPath, options.timeoutMs);
  return socket ? new Client(socket) : null;
}

/** POSIX: the folder is a real folder of ours that only we can open, and the socket is ours. */
async function isOwnSocket(socketPath: string): Promise<boolean> {
  const uid = process.getuid?.();
  try {
    const folder = await lstat(path.dirname(socketPath));
    if (!folder.isDirectory() || folder.uid !== uid || (folder.mode & 0o077) !== 0) return false;
    const socket = await lstat(socketPath);
    return socket.isSocket() && socket.uid === uid;
  } catch {
    return false;
  }
}

function connect(socketPath: string, timeoutMs: number): Promise<net.Socket | null> {
  return new Promise((resolve) => {
    const socket = net.createConnection(socketPath);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.off('error', failed);
      if (ok) resolve(socket);
      else {
        socket.destroy();
        resolve(null);
      }
    };
    const failed = () => done(false);
    const timer = setTimeout(failed, timeoutMs);
    timer.unref();
    socket.once('connect', () => done(true));
    socket.once('error', failed);
  });
}

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

class Client implements AgentClient {
  readonly #socket: net.Socket;
  readonly #reader = new FrameReader(MAX_RESPONSE_BYTES);
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #broken: AuthdeskError | null = null;

  constructor(socket: net.Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => this.#data(chunk));
    socket.on('error', () => this.#fail('The connection to the app failed.'));
    socket.on('close', () => this.#fail('The app closed the connection.'));
    // While nothing is asked, the connection must not keep the command running.
    socket.unref();
  }

  request<R extends AgentRequest>(req: R): Promise<AgentResults[R['op']]> {
    if (this.#broken) return Promise.reject(this.#broken);
    const id = this.#nextId++;
    let frame: Buffer;
    try {
      frame = encodeFrame({ ...req, v: AGENT_PROTOCOL_VERSION, id }, MAX_REQUEST_BYTES);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return new Promise<AgentResults[R['op']]>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      this.#socket.ref();
      this.#socket.write(frame);
    });
  }

  close(): void {
    this.#fail('The connection was closed.');
    this.#socket.destroy();
  }

  #data(chunk: Buffer): void {
    let frames: object[];
    try {
      frames = this.#reader.push(chunk);
    } catch (error) {
      this.#fail((error as Error).message);
      this.#socket.destroy();
      return;
    }
    for (const frame of frames) this.#settle(frame as ResponseFrame);
  }

  #settle(frame: ResponseFrame): void {
    const pending = this.#pending.get(frame.id);
    if (!pending) {
      // An answer to nothing asked: a refusal of the whole connection (id 0), or a broken peer.
      const message = !frame.ok && isErrorInfo(frame.error) ? frame.error.message : undefined;
      this.#fail(message ?? 'The app answered a request that was not asked.');
      this.#socket.destroy();
      return;
    }
    this.#pending.delete(frame.id);
    if (this.#pending.size === 0) this.#socket.unref();
    if (frame.ok === true) pending.resolve(frame.result);
    else if (frame.ok === false && isErrorInfo(frame.error))
      pending.reject(new AgentError(frame.error));
    else
      pending.reject(
        new AuthdeskError('AGENT_PROTOCOL', 'The app sent an answer that cannot be read.'),
      );
  }

  #fail(message: string): void {
    this.#broken ??= new AuthdeskError('AGENT_PROTOCOL', message);
    for (const pending of this.#pending.values()) pending.reject(this.#broken);
    this.#pending.clear();
  }
}

function isErrorInfo(value: unknown): value is AgentErrorInfo {
  const info = value as Partial<AgentErrorInfo> | null;
  return (
    typeof info === 'object' &&
    info !== null &&
    isErrorCode(info.code) &&
    typeof info.message === 'string' &&
    (info.exitCode === undefined || Number.isInteger(info.exitCode))
  );
}
