// The agent channel's framing: each message is a 4-byte big-endian length, then that many bytes of
// UTF-8 JSON (an object carrying `v`, the protocol version). The reader refuses a frame longer than
// its limit from the length alone, before buffering any of it, so a client cannot make the app hold
// more than one frame's worth of bytes. Plain Node: the command's fast path loads this file.
import { AuthdeskError } from '../../shared/errors';
import { AGENT_PROTOCOL_VERSION } from './protocol';

const HEADER_BYTES = 4;

/** One message as it goes on the wire. Throws AGENT_PROTOCOL when it is larger than `maxBytes`. */
export function encodeFrame(message: object, maxBytes = 0xffff_ffff): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  if (body.length > maxBytes) {
    throw new FrameError(`A message of ${body.length} bytes is too large.`);
  }
  const frame = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, HEADER_BYTES);
  return frame;
}

/** The message's id when it has a usable one, so a refusal can name the request it answers. */
export function idOf(message: unknown): number {
  const id = (message as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : 0;
}

/** A frame that cannot be read; `id` is the request's when its JSON got that far, else 0. */
export class FrameError extends AuthdeskError {
  constructor(
    message: string,
    readonly id = 0,
  ) {
    super('AGENT_PROTOCOL', message);
  }
}

/**
 * Reads frames from a byte stream, chunk by chunk. After it throws, the stream is out of step and
 * must be closed; `push` keeps throwing.
 */
export class FrameReader {
  readonly #maxBytes: number;
  #chunks: Buffer[] = [];
  #buffered = 0;
  /** The body length of the frame being read, once its header is in. */
  #expected: number | null = null;
  #broken: FrameError | null = null;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** True while part of a frame has arrived and the rest has not. */
  get partial(): boolean {
    return this.#buffered > 0 || this.#expected !== null;
  }

  /** The complete messages this chunk finishes (objects with `v` equal to this version). */
  push(chunk: Buffer): object[] {
    if (this.#broken) throw this.#broken;
    try {
      return this.#read(chunk);
    } catch (error) {
      this.#broken = error as FrameError;
      this.#chunks = [];
      this.#buffered = 0;
      throw error;
    }
  }

  #read(chunk: Buffer): object[] {
    if (chunk.length > 0) {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
    }
    const messages: object[] = [];
    for (;;) {
      if (this.#expected === null) {
        if (this.#buffered < HEADER_BYTES) return messages;
        const length = this.#take(HEADER_BYTES).readUInt32BE(0);
        if (length > this.#maxBytes) {
          throw new FrameError(
            `A message of ${length} bytes is larger than the ${this.#maxBytes} allowed.`,
          );
        }
        this.#expected = length;
      }
      if (this.#buffered < this.#expected) return messages;
      const body = this.#take(this.#expected);
      this.#expected = null;
      messages.push(parseMessage(body));
    }
  }

  /** The first `count` buffered bytes, removed from the buffer. */
  #take(count: number): Buffer {
    const all = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks);
    const taken = all.subarray(0, count);
    const rest = all.subarray(count);
    this.#chunks = rest.length > 0 ? [rest] : [];
    this.#buffered = rest.length;
    return taken;
  }
}

function parseMessage(body: Buffer): object {
  let message: unknown;
  try {
    message = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw new FrameError('A message is not valid UTF-8 JSON.');
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    throw new FrameError('A message is not a JSON object.');
  }
  const v = (message as { v?: unknown }).v;
  if (v !== AGENT_PROTOCOL_VERSION) {
    throw new FrameError(
      `A message of protocol version ${JSON.stringify(v ?? null)} cannot be read; this side speaks version ${AGENT_PROTOCOL_VERSION}. Update the app and the command to the same version.`,
      idOf(message),
    );
  }
  return message;
}
