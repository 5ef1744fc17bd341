// shared/inflate.ts against Node's zlib: the same bytes back for anything zlib compresses, and only
// 'corrupt' or 'too-large' (never an exception, never more than the bound) for damaged input.
import { constants, deflateRawSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gunzip, inflateRaw } from '../../shared/inflate';

const LIMIT = 1 << 20;

/** Bytes of the kinds that compress differently: random, repetitive, JSON-like text. */
const payload = fc.oneof(
  fc.uint8Array({ maxLength: 4000 }),
  fc
    .tuple(fc.string({ maxLength: 12 }), fc.nat(2000))
    .map(([s, n]) => new Uint8Array(Buffer.from(s.repeat(n)))),
  fc.jsonValue({ maxDepth: 3 }).map((v) => new Uint8Array(Buffer.from(JSON.stringify(v) ?? ''))),
);

describe('inflate', () => {
  it('gives back what zlib compressed, at every level and with fixed codes', () => {
    fc.assert(
      fc.property(payload, fc.constantFrom(0, 1, 6, 9), fc.boolean(), (data, level, fixed) => {
        const strategy = fixed ? constants.Z_FIXED : constants.Z_DEFAULT_STRATEGY;
        const gz = gunzip(gzipSync(data, { level, strategy }), LIMIT);
        expect(gz).toEqual({ ok: true, bytes: data });
        const raw = inflateRaw(deflateRawSync(data, { level, strategy }), LIMIT);
        expect(raw).toEqual({ ok: true, bytes: data });
      }),
      { numRuns: 200 },
    );
  });

  it('stops at the bound instead of unpacking a bomb', () => {
    const bomb = gzipSync(Buffer.alloc(4 * LIMIT));
    expect(gunzip(bomb, LIMIT)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('says damaged data is corrupt (the CRC catches what the codes do not)', () => {
    fc.assert(
      fc.property(
        payload.filter((d) => d.length > 0),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (data, at, mask) => {
          const gz = Buffer.from(gzipSync(data));
          const i = 10 + (at % (gz.length - 10));
          gz[i]! ^= mask;
          const result = gunzip(gz, LIMIT);
          // A flip in the header's unused bytes may leave it readable; it must then be the data.
          if (result.ok) expect(result.bytes).toEqual(data);
        },
      ),
      { numRuns: 300 },
    );
    expect(gunzip(gzipSync(Buffer.from('abc')).subarray(0, 12), LIMIT)).toEqual({
      ok: false,
      reason: 'corrupt',
    });
  });
});
