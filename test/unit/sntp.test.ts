// The SNTP client against a real SNTP server on 127.0.0.1: the offset it measures, and every reply it
// must refuse (RFC 4330 §5) or give up on.
import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthdeskError } from '../../shared/errors';
import { parseTimeServer } from '../../shared/time-server';
import { systemClock } from '../../electron/clock/clock';
import type { Clock } from '../../electron/ports';
import { querySntp, readTimestamp, requestPacket, writeTimestamp } from '../../electron/clock/sntp';
import type { SntpOptions } from '../../electron/ports';
import { ntpTimestamp, SntpTestServer, type SntpServerBehaviour } from '../harness/sntp-server';

let server: SntpTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(behaviour: SntpServerBehaviour): Promise<SntpTestServer> {
  server = await SntpTestServer.start(behaviour);
  return server;
}

async function failure(address: string, options: Partial<SntpOptions> = {}) {
  const error = await querySntp(address, { clock: systemClock, timeoutMs: 1_000, ...options }).then(
    () => null,
    (e: unknown) => e as AuthdeskError,
  );
  expect(error, 'the query should have failed').not.toBeNull();
  return error!;
}

/** A clock that returns the given readings in turn: T1, then T4. */
function scripted(...readings: number[]): Clock {
  return {
    now: () => {
      const next = readings.shift();
      if (next === undefined) throw new Error('the client read the clock more often than expected');
      return next;
    },
  };
}

describe('SNTP client', () => {
  it.each([
    ['a clock 42.5 s slow', 42_500],
    ['a clock an hour fast', -3_600_000],
  ])('measures %s against a skewed server within a few ms', async (_name, skewMs) => {
    // The server shares this process: on a busy machine the request or the reply may wait a little
    // longer, which SNTP cannot tell apart from an offset (it assumes both ways take as long).
    const s = await serve({ skewMs });
    const result = await querySntp(s.server, { clock: systemClock });
    expect(result.offsetMs).toBeGreaterThan(skewMs - 25);
    expect(result.offsetMs).toBeLessThan(skewMs + 25);
    expect(result.delayMs).toBeGreaterThanOrEqual(0);
    expect(result.delayMs).toBeLessThan(250);
    expect(result).toMatchObject({ server: s.server, address: '127.0.0.1', stratum: 1 });
  });

  it('computes offset and delay exactly from T1…T4 (RFC 4330 §5)', async () => {
    const t1 = Date.UTC(2026, 10, 23, 12, 0, 0, 250);
    // The server receives 42.53 s after T1 on our clock and answers 10 ms later; we read T4 = T1 + 80.
    await serve({ time: () => t1 + 42_530, holdMs: 10 });
    const result = await querySntp(server!.server, { clock: scripted(t1, t1 + 80) });
    // ((T2 − T1) + (T3 − T4)) / 2 = (42 530 + 42 460) / 2; (T4 − T1) − (T3 − T2) = 80 − 10.
    expect(result.offsetMs).toBeCloseTo(42_495, 3);
    expect(result.delayMs).toBeCloseTo(70, 3);
    expect(result.at).toBe(t1 + 80);
  });

  it('sends a 48-byte version-4 client request whose transmit timestamp is T1', async () => {
    const t1 = Date.UTC(2026, 0, 1, 0, 0, 0, 500);
    await serve({ skewMs: 0 });
    await querySntp(server!.server, { clock: scripted(t1, t1 + 1) });
    const [request] = server!.requests;
    expect(request).toHaveLength(48);
    expect(request![0]).toBe(0b00_100_011); // LI 0, VN 4, mode 3
    expect(request!.subarray(1, 40).every((b) => b === 0)).toBe(true);
    // Only the lowest bits (under 0.25 ms) are random.
    expect(Math.abs(readTimestamp(request!, 40) - t1)).toBeLessThan(0.25);
  });

  it('takes host:port, [IPv6]:port and a name that needs a lookup', async () => {
    const s = await serve({ skewMs: 1_000 });
    const port = Number(s.server.split(':')[1]);
    for (const address of [`localhost:${port}`, s.server]) {
      const result = await querySntp(address, { clock: systemClock });
      expect(result.offsetMs).toBeGreaterThan(995);
    }
  });

  it('gives TIME_SERVER_UNREACHABLE within the timeout when the server never answers', async () => {
    const s = await serve({ reply: () => null });
    const started = Date.now();
    const error = await failure(s.server, { timeoutMs: 300 });
    const took = Date.now() - started;
    expect(error.code).toBe('TIME_SERVER_UNREACHABLE');
    expect(error.message).toContain(s.server);
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1_000);
    expect(s.requests).toHaveLength(1);
  });

  it('gives TIME_SERVER_UNREACHABLE for a port nobody listens on and a name that does not resolve', async () => {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const closed = `127.0.0.1:${socket.address().port}`;
    await new Promise<void>((resolve) => socket.close(resolve));
    expect((await failure(closed, { timeoutMs: 500 })).code).toBe('TIME_SERVER_UNREACHABLE');
    // .invalid never resolves (RFC 6761); a resolver that cannot be reached ends in the timeout.
    expect((await failure('no-such-host.invalid')).code).toBe('TIME_SERVER_UNREACHABLE');
  });

  it('refuses a server name that is not a host[:port] before sending anything', async () => {
    for (const bad of ['', 'time.google.com:0', 'time google com', 'host:99999', 'a..b']) {
      expect((await failure(bad)).code).toBe('INVALID_ARGUMENT');
    }
  });

  const set = (byte: number, value: number) => (good: Buffer) => {
    const reply = Buffer.from(good);
    reply[byte] = value;
    return reply;
  };
  it.each<[string, (good: Buffer) => Buffer, RegExp]>([
    ['a reply shorter than 48 bytes', (good) => good.subarray(0, 47), /47 bytes/],
    ['a reply in client mode', (good) => set(0, (good[0]! & ~7) | 3)(good), /mode 3/],
    ['a reply in broadcast mode', (good) => set(0, (good[0]! & ~7) | 5)(good), /mode 5/],
    ['a reply with version 0', (good) => set(0, good[0]! & 0b11_000_111)(good), /version 0/],
    [
      "a kiss-o'-death (stratum 0, RATE)",
      (good) => {
        const reply = set(1, 0)(good);
        reply.write('RATE', 12, 'latin1');
        return reply;
      },
      /kiss code RATE/,
    ],
    ['an unsynchronised server (stratum 16)', set(1, 16), /stratum 16/],
    ['the leap indicator alarm (LI = 3)', (good) => set(0, good[0]! | 0b11_000_000)(good), /leap/],
    [
      'a wrong originate timestamp',
      (good) => {
        const reply = Buffer.from(good);
        reply[31] = reply[31]! ^ 1;
        return reply;
      },
      /not ours/,
    ],
    [
      'a zero transmit timestamp',
      (good) => {
        const reply = Buffer.from(good);
        reply.fill(0, 40, 48);
        return reply;
      },
      /without its times/,
    ],
  ])('gives TIME_SERVER_INVALID for %s', async (_name, reply, message) => {
    const s = await serve({ skewMs: 5_000, reply: (good) => reply(good) });
    const error = await failure(s.server);
    expect(error.code).toBe('TIME_SERVER_INVALID');
    expect(error.message).toMatch(message);
  });
});

describe('NTP timestamps', () => {
  it.each([
    ['2026', Date.UTC(2026, 10, 23, 12, 0, 0, 123)],
    ['just before the 2036 wrap', Date.UTC(2036, 1, 7, 6, 28, 15, 999)],
    ['after the 2036 wrap (era 1)', Date.UTC(2040, 0, 1, 0, 0, 0, 500)],
  ])('round-trips %s, bit for bit with an independent encoder', (_name, ms) => {
    const buffer = Buffer.alloc(8);
    writeTimestamp(buffer, 0, ms);
    expect(buffer.equals(ntpTimestamp(ms))).toBe(true);
    expect(readTimestamp(buffer, 0)).toBeCloseTo(ms, 3);
  });

  it('fills only the lowest 20 bits of the transmit fraction at random', () => {
    const ms = Date.UTC(2026, 0, 1);
    const a = requestPacket(ms);
    const b = requestPacket(ms);
    expect(a.readUInt32BE(40)).toBe(b.readUInt32BE(40));
    expect(a.readUInt32BE(44) >>> 20).toBe(b.readUInt32BE(44) >>> 20);
  });
});

describe('time server names', () => {
  it.each([
    ['time.google.com', 'time.google.com', 123],
    ['pool.ntp.org:123', 'pool.ntp.org', 123],
    ['Time.Example.COM.', 'time.example.com', 123],
    ['127.0.0.1:40123', '127.0.0.1', 40123],
    ['::1', '::1', 123],
    ['[2001:db8::1]:1123', '2001:db8::1', 1123],
    ['ntp.nict.jp', 'ntp.nict.jp', 123],
  ])('reads %s', (text, host, port) => {
    expect(parseTimeServer(text)).toEqual({ host, port });
  });

  it.each([
    '',
    ' time.google.com',
    'time.google.com:',
    'time.google.com:0',
    'time.google.com:65536',
    'time.google.com:12a',
    'http://time.google.com',
    'time_server.example',
    '-bad.example',
    '999.1.1.1',
    '1.2.3',
    '[::1',
    '[not:an:address]:123',
    '2001:db8::1:123:abc:def:0:1:2',
    `${'a'.repeat(64)}.example`,
  ])('refuses %j', (text) => {
    expect(parseTimeServer(text)).toBeNull();
  });
});
