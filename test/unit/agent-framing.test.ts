import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameError, FrameReader } from '../../electron/agent/framing';
import { AGENT_PROTOCOL_VERSION } from '../../electron/agent/protocol';

const v = AGENT_PROTOCOL_VERSION;

function raw(body: string | Buffer, length?: number): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const header = Buffer.alloc(4);
  header.writeUInt32BE(length ?? bytes.length, 0);
  return Buffer.concat([header, bytes]);
}

function refusal(fn: () => unknown): FrameError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FrameError);
    expect((error as FrameError).code).toBe('AGENT_PROTOCOL');
    return error as FrameError;
  }
  throw new Error('expected a FrameError');
}

describe('encodeFrame', () => {
  it('is a 4-byte big-endian length and UTF-8 JSON', () => {
    const frame = encodeFrame({ v, id: 1, op: 'list', note: 'ｶﾅ' });
    const body = JSON.stringify({ v, id: 1, op: 'list', note: 'ｶﾅ' });
    expect(frame.readUInt32BE(0)).toBe(Buffer.byteLength(body));
    expect(frame.subarray(4).toString('utf8')).toBe(body);
  });

  it('refuses a message over its limit', () => {
    refusal(() => encodeFrame({ v, text: 'x'.repeat(100) }, 50));
  });
});

describe('FrameReader', () => {
  it('reads frames split anywhere and several in one chunk', () => {
    const a = encodeFrame({ v, id: 1 });
    const b = encodeFrame({ v, id: 2, text: 'é'.repeat(10) });
    const all = Buffer.concat([a, b, a]);
    // Every split point, byte by byte.
    for (let cut = 0; cut <= all.length; cut++) {
      const reader = new FrameReader(1024);
      const got = [...reader.push(all.subarray(0, cut)), ...reader.push(all.subarray(cut))];
      expect(got).toEqual([
        { v, id: 1 },
        { v, id: 2, text: 'é'.repeat(10) },
        { v, id: 1 },
      ]);
      expect(reader.partial).toBe(false);
    }
    const one = new FrameReader(1024);
    for (const byte of all.subarray(0, a.length - 1))
      expect(one.push(Buffer.from([byte]))).toEqual([]);
    expect(one.partial).toBe(true);
    expect(one.push(all.subarray(a.length - 1, a.length))).toEqual([{ v, id: 1 }]);
  });

  it('refuses an oversized frame from its length prefix alone', () => {
    const reader = new FrameReader(1000);
    // Only the header: no body bytes have arrived, and none will be buffered.
    const error = refusal(() => reader.push(raw(Buffer.alloc(0), 1001)));
    expect(error.message).toMatch(/1001 bytes/);
    expect(reader.partial).toBe(false);
    refusal(() => reader.push(Buffer.from('{}')));
    // The largest possible prefix too.
    refusal(() => new FrameReader(1000).push(raw(Buffer.alloc(0), 0xffff_ffff)));
    // Exactly the limit is fine.
    const body = JSON.stringify({ v, pad: '' });
    const exact = JSON.stringify({ v, pad: 'x'.repeat(1000 - body.length) });
    expect(new FrameReader(1000).push(raw(exact))).toHaveLength(1);
  });

  it('refuses bad JSON, bad UTF-8, empty bodies and non-objects', () => {
    for (const body of ['{"v":1', '', 'null', '[1]', '"text"', '42', 'true']) {
      refusal(() => new FrameReader(1000).push(raw(body)));
    }
    refusal(() => new FrameReader(1000).push(raw(Buffer.from([0x7b, 0xff, 0x7d]))));
  });

  it('refuses another protocol version, naming the request', () => {
    const error = refusal(() =>
      new FrameReader(1000).push(raw(JSON.stringify({ v: v + 1, id: 7 }))),
    );
    expect(error.id).toBe(7);
    expect(refusal(() => new FrameReader(1000).push(raw('{"id":3}'))).id).toBe(3);
    expect(refusal(() => new FrameReader(1000).push(raw('{"v":"1","id":"x"}'))).id).toBe(0);
  });

  it('stays refused after an error', () => {
    const reader = new FrameReader(1000);
    refusal(() => reader.push(raw('nope')));
    refusal(() => reader.push(encodeFrame({ v, id: 1 })));
  });
});
