// Raw clients and socket files for the agent channel's tests: frames sent byte by byte, answers
// collected, stale and foreign sockets made on purpose.
import { mkdtemp, rename, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeFrame, FrameReader } from '../../electron/agent/framing';
import { AGENT_PROTOCOL_VERSION, MAX_RESPONSE_BYTES } from '../../electron/agent/protocol';

export const V = AGENT_PROTOCOL_VERSION;

/** A private temp folder (0700, as mkdtemp makes it) for one test's socket. */
export async function socketDir(): Promise<{
  dir: string;
  socket: string;
  done: () => Promise<void>;
}> {
  const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-agent-'));
  return {
    dir,
    socket: path.join(dir, 'agent.sock'),
    done: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A socket file at `file` that nobody listens on (as a crashed app leaves it). */
export async function staleSocket(file: string): Promise<void> {
  const server = net.createServer();
  const bound = `${file}.tmp`;
  await new Promise<void>((resolve) => server.listen(bound, resolve));
  // libuv removes the bound name on close: move the file away first, so it stays behind.
  await rename(bound, file);
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export interface Answer {
  v: number;
  id: number;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string; exitCode?: number };
}

/** A client that writes whatever bytes the test gives and collects every answer frame. */
export class RawClient {
  readonly socket: net.Socket;
  readonly answers: Answer[] = [];
  readonly closed: Promise<void>;
  #reader = new FrameReader(MAX_RESPONSE_BYTES);
  #waiters: { count: number; resolve: () => void }[] = [];

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.#reader.push(chunk)) this.answers.push(frame as Answer);
      this.#wake();
    });
    socket.on('error', () => {});
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
  }

  static connect(file: string): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection(file);
      socket.once('connect', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  send(message: object): void {
    this.socket.write(encodeFrame({ v: V, ...message }));
  }

  write(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /** Resolves when `count` answers have arrived (or the socket closed). */
  async answersBy(count: number): Promise<Answer[]> {
    if (this.answers.length < count) {
      await Promise.race([
        new Promise<void>((resolve) => this.#waiters.push({ count, resolve })),
        this.closed,
      ]);
    }
    return this.answers;
  }

  destroy(): void {
    this.socket.destroy();
  }

  #wake(): void {
    this.#waiters = this.#waiters.filter((w) => {
      if (this.answers.length < w.count) return true;
      w.resolve();
      return false;
    });
  }
}

/** A frame header announcing `length` bytes, with `body` after it. */
export function rawFrame(body: string | Buffer, length?: number): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const header = Buffer.alloc(4);
  header.writeUInt32BE(length ?? bytes.length, 0);
  return Buffer.concat([header, bytes]);
}

/** A promise and its resolve, for a handler the test releases by hand. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
