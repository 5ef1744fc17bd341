// An SNTP client (RFC 4330) over UDP: one request, one checked reply, the clock offset and round trip.
import { lookup } from 'node:dns/promises';
import { createSocket, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { AuthdeskError } from '../../shared/errors';
import { parseTimeServer } from '../../shared/time-server';
import type { SntpResult, TimeQuery } from '../ports';
import { systemTimers } from './clock';

const SNTP_TIMEOUT_MS = 3_000;
const PACKET_BYTES = 48;
/** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
const NTP_UNIX_SECONDS = 2_208_988_800;
const TWO_32 = 2 ** 32;
/** Client request: leap indicator 0, version 4, mode 3 (client). */
const REQUEST_FLAGS = (0 << 6) | (4 << 3) | 3;
const MODE_SERVER = 4;
const LEAP_ALARM = 3;
/** Low bits of the transmit fraction filled at random: 2^-12 s worth, well under our 1 ms clock. */
const RANDOM_FRACTION_BITS = 20;

export const querySntp: TimeQuery = async (server, options) => {
  const address = parseTimeServer(server);
  if (!address) {
    throw new AuthdeskError('INVALID_ARGUMENT', `"${server}" is not a host name or address.`);
  }
  const timers = options.timers ?? systemTimers;
  const timeoutMs = options.timeoutMs ?? SNTP_TIMEOUT_MS;
  const unreachable = (why: string, cause?: unknown) =>
    new AuthdeskError('TIME_SERVER_UNREACHABLE', `The time server ${server} ${why}.`, { cause });

  let socket: Socket | undefined;
  let timer: unknown;
  try {
    return await new Promise<SntpResult>((resolve, reject) => {
      timer = timers.setTimeout(
        () => reject(unreachable(`did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      lookup(address.host).then(
        ({ address: ip, family }) => {
          // The timeout may have passed while the name was looked up.
          if (timer === undefined) return;
          socket = createSocket(family === 6 ? 'udp6' : 'udp4');
          const open = socket;
          let sent: { packet: Buffer; t1: number } | undefined;
          open.on('error', (error) => reject(unreachable('could not be reached', error)));
          open.on('message', (reply, remote) => {
            if (!sent) return;
            const t4 = options.clock.now();
            try {
              resolve({ server, address: remote.address, at: t4, ...readReply(reply, sent, t4) });
            } catch (error) {
              reject(error);
            }
          });
          // connect() makes the kernel drop datagrams from anyone but the server.
          open.connect(address.port, ip, () => {
            const t1 = options.clock.now();
            sent = { packet: requestPacket(t1), t1 };
            open.send(sent.packet, (error) => {
              if (error) reject(unreachable('could not be reached', error));
            });
          });
        },
        (error: unknown) => reject(unreachable('could not be found', error)),
      );
    });
  } finally {
    timers.clearTimeout(timer);
    timer = undefined;
    socket?.close();
  }
};

/** A client request whose transmit timestamp is T1, with its lowest bits random (RFC 4330 §3). */
export function requestPacket(t1: number): Buffer {
  const packet = Buffer.alloc(PACKET_BYTES);
  packet[0] = REQUEST_FLAGS;
  writeTimestamp(packet, 40, t1);
  // A blind off-path attacker must now guess these bits as well as the source port to forge a reply.
  const noise = randomBytes(4).readUInt32BE(0) >>> (32 - RANDOM_FRACTION_BITS);
  packet.writeUInt32BE((packet.readUInt32BE(44) | noise) >>> 0, 44);
  return packet;
}

/** Checks a reply against the request it answers; TIME_SERVER_INVALID unless it is usable. */
function readReply(
  reply: Buffer,
  sent: { packet: Buffer; t1: number },
  t4: number,
): Pick<SntpResult, 'offsetMs' | 'delayMs' | 'stratum'> {
  if (reply.length < PACKET_BYTES) throw invalid(`sent ${reply.length} bytes, not an NTP packet`);
  const leap = reply[0]! >> 6;
  const version = (reply[0]! >> 3) & 7;
  const mode = reply[0]! & 7;
  const stratum = reply[1]!;
  if (mode !== MODE_SERVER) throw invalid(`answered in mode ${mode}, not as a server`);
  if (version < 1 || version > 4) throw invalid(`answered with NTP version ${version}`);
  if (stratum === 0) {
    // A kiss-o'-death: the reference id holds four ASCII letters saying why (RATE, DENY, …).
    const kiss = reply
      .subarray(12, 16)
      .toString('latin1')
      .replace(/[^\x20-\x7e]/g, '?');
    throw invalid(`refused the request (kiss code ${kiss})`);
  }
  if (stratum > 15) throw invalid(`is not synchronised (stratum ${stratum})`);
  if (leap === LEAP_ALARM) throw invalid('is not synchronised (leap indicator alarm)');
  if (!reply.subarray(24, 32).equals(sent.packet.subarray(40, 48))) {
    throw invalid('answered a request that is not ours');
  }
  if (isZero(reply, 32) || isZero(reply, 40)) throw invalid('sent an answer without its times');
  const t1 = sent.t1;
  const t2 = readTimestamp(reply, 32);
  const t3 = readTimestamp(reply, 40);
  return {
    offsetMs: (t2 - t1 + (t3 - t4)) / 2,
    // Millisecond clocks can make a loopback round trip come out a hair below zero.
    delayMs: Math.max(0, t4 - t1 - (t3 - t2)),
    stratum,
  };
}

function invalid(why: string): AuthdeskError {
  return new AuthdeskError('TIME_SERVER_INVALID', `The time server ${why}.`);
}

function isZero(buffer: Buffer, at: number): boolean {
  return buffer.readUInt32BE(at) === 0 && buffer.readUInt32BE(at + 4) === 0;
}

/**
 * NTP seconds wrap in 2036. RFC 4330 §3: with the top bit set the time is 1968–2036 counted from
 * 1900; without it, 2036–2104 counted from the wrap. Good until 2104.
 */
export function writeTimestamp(buffer: Buffer, at: number, epochMs: number): void {
  const seconds = Math.floor(epochMs / 1000);
  const fraction = Math.floor(((epochMs - seconds * 1000) / 1000) * TWO_32);
  buffer.writeUInt32BE((seconds + NTP_UNIX_SECONDS) % TWO_32, at);
  buffer.writeUInt32BE(Math.min(fraction, TWO_32 - 1), at + 4);
}

export function readTimestamp(buffer: Buffer, at: number): number {
  let seconds = buffer.readUInt32BE(at);
  if (seconds < 0x8000_0000) seconds += TWO_32;
  const fraction = buffer.readUInt32BE(at + 4) / TWO_32;
  return (seconds - NTP_UNIX_SECONDS + fraction) * 1000;
}
