// A real SNTP server on 127.0.0.1 that reports whatever time a test wants (skewed, broken or silent),
// and the time query tests hand to composeServices: real SNTP, but never beyond this machine.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { AuthdeskError } from '../../shared/errors';
import { parseTimeServer } from '../../shared/time-server';
import { querySntp } from '../../electron/clock/sntp';
import type { TimeQuery } from '../../electron/ports';

export interface SntpServerBehaviour {
  /** The time reported (epoch ms); by default the real time plus skewMs. */
  time?: () => number;
  skewMs?: number;
  stratum?: number;
  /** Milliseconds between receiving (T2) and transmitting (T3). */
  holdMs?: number;
  /** Rewrites a good reply before it is sent; null sends nothing (a server that never answers). */
  reply?: (good: Buffer, request: Buffer) => Buffer | null;
}

const NTP_UNIX_SECONDS = 2_208_988_800;
const TWO_32 = 2 ** 32;

/** Written here independently of electron/clock/sntp.ts, so that the client is checked against it. */
export function ntpTimestamp(epochMs: number): Buffer {
  const out = Buffer.alloc(8);
  const seconds = Math.floor(epochMs / 1000);
  out.writeUInt32BE((seconds + NTP_UNIX_SECONDS) % TWO_32, 0);
  out.writeUInt32BE(Math.floor(((epochMs - seconds * 1000) / 1000) * TWO_32), 4);
  return out;
}

export class SntpTestServer {
  /** Every request received, as sent by the client. */
  readonly requests: Buffer[] = [];

  private constructor(
    private readonly socket: Socket,
    public behaviour: SntpServerBehaviour,
  ) {
    socket.on('message', (request, remote) => this.answer(request, remote));
  }

  static async start(behaviour: SntpServerBehaviour = {}): Promise<SntpTestServer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    return new SntpTestServer(socket, behaviour);
  }

  /** "127.0.0.1:port", as the timeServer setting takes it. */
  get server(): string {
    return `127.0.0.1:${this.socket.address().port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  private now(): number {
    const { time, skewMs = 0 } = this.behaviour;
    return time ? time() : Date.now() + skewMs;
  }

  private answer(request: Buffer, remote: RemoteInfo): void {
    this.requests.push(Buffer.from(request));
    const t2 = this.now();
    const good = Buffer.alloc(48);
    const version = (request[0]! >> 3) & 7;
    good[0] = (0 << 6) | (version << 3) | 4; // no leap warning, the client's version, mode 4 (server)
    good[1] = this.behaviour.stratum ?? 1;
    good[2] = request[2]!; // poll
    good[3] = 0xec; // precision 2^-20 s
    good.write('GPS\0', 12, 'latin1'); // a stratum-1 reference id
    ntpTimestamp(t2 - 1000).copy(good, 16); // reference: last set a second ago
    request.copy(good, 24, 40, 48); // originate = the client's transmit timestamp, bit for bit
    ntpTimestamp(t2).copy(good, 32);
    ntpTimestamp(t2 + (this.behaviour.holdMs ?? 0)).copy(good, 40);
    const reply = this.behaviour.reply ? this.behaviour.reply(good, request) : good;
    if (reply) this.socket.send(reply, remote.port, remote.address);
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Real SNTP to a server on this machine; anything else fails at once as unreachable, as it would here
 * (no internet), so no test ever sends a packet to time.google.com or pool.ntp.org.
 */
export const loopbackTimeQuery: TimeQuery = async (server, options) => {
  const host = parseTimeServer(server)?.host;
  if (host === undefined || !LOOPBACK.has(host)) {
    throw new AuthdeskError(
      'TIME_SERVER_UNREACHABLE',
      `The time server ${server} could not be reached (tests only reach 127.0.0.1).`,
    );
  }
  return querySntp(server, { timeoutMs: 1_000, ...options });
};
