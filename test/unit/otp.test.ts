// Proves the OTP engine against the RFC vectors, Steam's app, and an independent node:crypto HMAC.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fc from 'fast-check';
import type { CryptoPlugin } from 'otplib';
import { describe, expect, it } from 'vitest';
import type { Algorithm, OtpParams } from '../../shared/account';
import { encodeBase32 } from '../../shared/base32';
import { AuthdeskError } from '../../shared/errors';
import {
  codesAt,
  createOtpEngine,
  hotpCode,
  steamCode,
  totpCode,
  type Codes,
} from '../../shared/otp';

const ascii = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));

// What @otplib/plugin-crypto-node does, written here so the tests can inject node:crypto.
const nodeCrypto: CryptoPlugin = {
  name: 'node-test',
  hmac: (algorithm, key, data) => new Uint8Array(createHmac(algorithm, key).update(data).digest()),
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
  constantTimeEqual: (a, b) => {
    const x = typeof a === 'string' ? Buffer.from(a) : Buffer.from(a);
    const y = typeof b === 'string' ? Buffer.from(b) : Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  },
};
const engines = [
  ['default (noble) crypto', createOtpEngine()],
  ['injected node:crypto', createOtpEngine({ crypto: nodeCrypto })],
] as const;

// RFC 4226 section 5.3 and RFC 6238 section 4, from the text of the RFCs, on node:crypto.
function truncated(key: Uint8Array, counter: number, algorithm: Algorithm): number {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.toLowerCase(), key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return mac.readUInt32BE(offset) & 0x7fffffff;
}
function referenceHotp(key: Uint8Array, counter: number, algorithm: Algorithm, digits: number) {
  return String(truncated(key, counter, algorithm) % 10 ** digits).padStart(digits, '0');
}
// Steam Guard as Aegis and KeePassXC compute it: the 31-bit value, five times mod 26.
function referenceSteam(key: Uint8Array, timeSeconds: number): string {
  let value = truncated(key, Math.floor(timeSeconds / 30), 'SHA1');
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += '23456789BCDFGHJKMNPQRTVWXY'[value % 26];
    value = Math.floor(value / 26);
  }
  return code;
}

function params(overrides: Partial<OtpParams> & { secret: string }): OtpParams {
  return { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, ...overrides };
}

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthdeskError);
    return (error as AuthdeskError).code;
  }
  throw new Error('expected an AuthdeskError, but nothing was thrown');
}

const RFC4226_SECRET = encodeBase32(ascii('12345678901234567890'));
const RFC4226_CODES = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
];

const RFC6238_SEEDS: Record<Algorithm, string> = {
  SHA1: encodeBase32(ascii('12345678901234567890')),
  SHA256: encodeBase32(ascii('12345678901234567890123456789012')),
  SHA512: encodeBase32(ascii('1234567890123456789012345678901234567890123456789012345678901234')),
};
const RFC6238_ROWS: [number, Record<Algorithm, string>][] = [
  [59, { SHA1: '94287082', SHA256: '46119246', SHA512: '90693936' }],
  [1111111109, { SHA1: '07081804', SHA256: '68084774', SHA512: '25091201' }],
  [1111111111, { SHA1: '14050471', SHA256: '67062674', SHA512: '99943326' }],
  [1234567890, { SHA1: '89005924', SHA256: '91819424', SHA512: '93441116' }],
  [2000000000, { SHA1: '69279037', SHA256: '90698825', SHA512: '38618901' }],
  [20000000000, { SHA1: '65353130', SHA256: '77737706', SHA512: '47863826' }],
];

describe.each(engines)('RFC test vectors with %s', (_name, engine) => {
  it('produces every RFC 4226 Appendix D HOTP value for counters 0–9', () => {
    RFC4226_CODES.forEach((code, counter) => {
      expect(engine.hotpCode(params({ type: 'hotp', secret: RFC4226_SECRET }), counter)).toBe(code);
    });
  });

  it('produces every RFC 6238 Appendix B TOTP value for SHA1, SHA256 and SHA512', () => {
    for (const [seconds, expected] of RFC6238_ROWS) {
      for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
        const p = params({ algorithm, digits: 8, secret: RFC6238_SEEDS[algorithm] });
        expect(engine.totpCode(p, seconds * 1000), `${algorithm} at ${seconds}`).toBe(
          expected[algorithm],
        );
        expect(engine.codesAt(p, seconds * 1000).current).toBe(expected[algorithm]);
      }
    }
  });
});

describe('short and unusual secrets', () => {
  it('computes codes for a 10-byte secret (16 base32 characters) that match node:crypto', () => {
    const key = Uint8Array.from([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
    const p = params({ secret: 'JBSWY3DPEHPK3PXP' });
    for (const seconds of [0, 59, 1_700_000_000, 1_700_000_029, 1_700_000_030]) {
      expect(totpCode(p, seconds * 1000)).toBe(
        referenceHotp(key, Math.floor(seconds / 30), 'SHA1', 6),
      );
    }
  });

  it('computes codes for a 1-byte secret that match node:crypto', () => {
    const key = Uint8Array.from([0x5a]);
    const secret = encodeBase32(key);
    expect(secret).toBe('LI');
    for (const counter of [0, 1, 42, 1_000_000]) {
      expect(hotpCode(params({ type: 'hotp', secret }), counter)).toBe(
        referenceHotp(key, counter, 'SHA1', 6),
      );
    }
    expect(totpCode(params({ secret, algorithm: 'SHA512', digits: 8 }), 1_111_111_109_000)).toBe(
      referenceHotp(key, Math.floor(1_111_111_109 / 30), 'SHA512', 8),
    );
  });

  it('matches an independent node:crypto HOTP for any key (1–100 bytes), algorithm, length and counter', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.constantFrom<Algorithm>('SHA1', 'SHA256', 'SHA512'),
        fc.integer({ min: 6, max: 8 }),
        fc.nat({ max: Number.MAX_SAFE_INTEGER - 1 }),
        (key, algorithm, digits, counter) => {
          const p = params({ type: 'hotp', secret: encodeBase32(key), algorithm, digits, counter });
          expect(hotpCode(p, counter)).toBe(referenceHotp(key, counter, algorithm, digits));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('matches an independent node:crypto TOTP for any key, period and time', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.integer({ min: 1, max: 86_400 }),
        fc.integer({ min: 0, max: 32_503_680_000_000 }),
        (key, period, timeMs) => {
          const p = params({ secret: encodeBase32(key), period });
          const step = Math.floor(timeMs / 1000 / period);
          expect(totpCode(p, timeMs)).toBe(referenceHotp(key, step, 'SHA1', 6));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('Steam Guard', () => {
  // KeePassXC tests/TestTotp.cpp: codes read from the Steam mobile app for a throw-away account.
  const STEAM_SECRET = '63BEDWCQZKTQWPESARIERL5DTTQFCJTK';

  it('reproduces the codes the Steam mobile app showed (KeePassXC test vectors)', () => {
    expect(steamCode({ secret: STEAM_SECRET }, 1511200518 * 1000)).toBe('FR8RV');
    expect(steamCode({ secret: STEAM_SECRET }, 1511200714 * 1000)).toBe('9P3VP');
    const p = params({ type: 'steam', digits: 5, secret: STEAM_SECRET });
    expect(codesAt(p, 1511200518 * 1000).current).toBe('FR8RV');
    expect(totpCode(p, 1511200714 * 1000)).toBe('9P3VP');
  });

  it('matches an independent implementation of the published algorithm for any key and time', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.integer({ min: 0, max: 4_102_444_800 }),
        (key, seconds) => {
          const expected = referenceSteam(key, seconds);
          expect(steamCode({ secret: encodeBase32(key) }, seconds * 1000)).toBe(expected);
          expect(
            createOtpEngine({ crypto: nodeCrypto }).steamCode(
              { secret: encodeBase32(key) },
              seconds * 1000,
            ),
          ).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("uses Steam's fixed SHA1, 30 s and 5 characters whatever the stored parameters say", () => {
    const stored = params({
      type: 'steam',
      algorithm: 'SHA512',
      digits: 8,
      period: 60,
      secret: STEAM_SECRET,
    });
    const codes = codesAt(stored, 1511200518 * 1000);
    expect(codes.current).toBe('FR8RV');
    expect(codes.period).toBe(30);
    expect(codes.next).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
  });
});

describe('codesAt', () => {
  const secretArb = fc.uint8Array({ minLength: 1, maxLength: 40 }).map(encodeBase32);
  const periodArb = fc.constantFrom(30, 60, 1, 7, 3600);
  const timeArb = fc.integer({ min: 0, max: 4_102_444_800_000 });

  it('gives the code at t as current and the code one period later as next', () => {
    fc.assert(
      fc.property(
        secretArb,
        periodArb,
        timeArb,
        fc.constantFrom(6, 7, 8),
        (secret, period, t, digits) => {
          const p = params({ secret, period, digits });
          const codes = codesAt(p, t);
          expect(codes.current).toBe(totpCode(p, t));
          expect(codes.next).toBe(totpCode(p, t + period * 1000));
          expect(codes.step).toBe(Math.floor(t / (period * 1000)));
          expect(codes.period).toBe(period);
        },
      ),
    );
  });

  it('gives the same code for any two moments within one step', () => {
    fc.assert(
      fc.property(
        secretArb,
        periodArb,
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (secret, period, step, a, b) => {
          const p = params({ secret, period });
          const start = step * period * 1000;
          const t1 = start + Math.floor(a * period * 1000);
          const t2 = start + Math.floor(b * period * 1000);
          const timeless = ({ secondsLeft: _ignored, ...codes }: Codes) => codes;
          expect(timeless(codesAt(p, t1))).toEqual(timeless(codesAt(p, t2)));
          expect(totpCode(p, t1)).toBe(totpCode(p, t2));
        },
      ),
    );
  });

  it('changes the code from one step to the next in at least 99% of cases', () => {
    // Two consecutive 6-digit codes collide with probability 1e-6; 2,000 samples allow 20.
    const samples = fc.sample(fc.tuple(secretArb, periodArb, timeArb), {
      numRuns: 2000,
      seed: 4226,
    });
    const changed = samples.filter(([secret, period, t]) => {
      const codes = codesAt(params({ secret, period }), t);
      return codes.current !== codes.next;
    });
    expect(changed.length).toBeGreaterThanOrEqual(0.99 * samples.length);
  });

  it('shifts by exactly the clock offset: codes at (now, offset) equal codes at now + offset', () => {
    fc.assert(
      fc.property(
        secretArb,
        periodArb,
        fc.integer({ min: 100_000_000, max: 4_102_444_800_000 }),
        fc.integer({ min: -86_400_000, max: 86_400_000 }).map((ms) => ms / 1000),
        (secret, period, now, offset) => {
          const p = params({ secret, period });
          const shifted = codesAt(p, now, offset);
          const corrected = codesAt(p, now + offset * 1000);
          expect(shifted.current).toBe(corrected.current);
          expect(shifted.next).toBe(corrected.next);
          expect(shifted.step).toBe(corrected.step);
          expect(shifted.stepEndsAt! - corrected.stepEndsAt!).toBeCloseTo(-offset * 1000, 3);
        },
      ),
    );
  });

  it('reports when the step ends on the local clock and the whole seconds left (period … 1)', () => {
    const p = params({ secret: 'JBSWY3DPEHPK3PXP' });
    const start = 1_700_000_010_000; // a step boundary: 1_700_000_010 is divisible by 30
    expect(codesAt(p, start)).toMatchObject({ stepEndsAt: start + 30_000, secondsLeft: 30 });
    expect(codesAt(p, start + 1)).toMatchObject({ secondsLeft: 30 });
    expect(codesAt(p, start + 29_001)).toMatchObject({ secondsLeft: 1 });
    expect(codesAt(p, start + 29_999)).toMatchObject({ secondsLeft: 1 });
    // The local clock is 5 s slow: true time is already 5 s into the step.
    expect(codesAt(p, start - 5000, 5)).toMatchObject({
      stepEndsAt: start + 25_000,
      secondsLeft: 30,
    });
  });

  it('for HOTP gives the codes at counter and counter + 1, with no expiry (null)', () => {
    const p = params({ type: 'hotp', secret: RFC4226_SECRET, counter: 4 });
    expect(codesAt(p, Date.now())).toEqual({
      current: RFC4226_CODES[4],
      next: RFC4226_CODES[5],
      step: 4,
      stepEndsAt: null,
      secondsLeft: null,
      period: null,
    });
  });
});

describe('parameter validation', () => {
  const secret = 'JBSWY3DPEHPK3PXP';

  it('accepts 6, 7 and 8 digits and rejects other lengths with DIGITS_INVALID', () => {
    for (const digits of [6, 7, 8])
      expect(totpCode(params({ secret, digits }), 0)).toHaveLength(digits);
    for (const digits of [0, 5, 9, 6.5, NaN]) {
      expect(errorCode(() => totpCode(params({ secret, digits }), 0))).toBe('DIGITS_INVALID');
    }
  });

  it('accepts whole periods from 1 s to a day and rejects others with PERIOD_INVALID', () => {
    for (const period of [1, 15, 30, 60, 86_400])
      expect(() => codesAt(params({ secret, period }), 0)).not.toThrow();
    for (const period of [0, -30, 1.5, 86_401, Infinity]) {
      expect(errorCode(() => codesAt(params({ secret, period }), 0))).toBe('PERIOD_INVALID');
    }
  });

  it('rejects an unknown algorithm with ALGORITHM_UNSUPPORTED', () => {
    const p = { ...params({ secret }), algorithm: 'MD5' } as unknown as OtpParams;
    expect(errorCode(() => totpCode(p, 0))).toBe('ALGORITHM_UNSUPPORTED');
  });

  it('rejects a negative, fractional or unsafe counter with COUNTER_INVALID', () => {
    for (const counter of [-1, 1.5, Number.MAX_SAFE_INTEGER, NaN]) {
      expect(errorCode(() => hotpCode(params({ type: 'hotp', secret }), counter))).toBe(
        'COUNTER_INVALID',
      );
      expect(errorCode(() => codesAt(params({ type: 'hotp', secret, counter }), 0))).toBe(
        'COUNTER_INVALID',
      );
    }
  });

  it('rejects a bad secret with SECRET_INVALID and an unknown type with ACCOUNT_INVALID', () => {
    expect(errorCode(() => totpCode(params({ secret: 'NOT-BASE32-0189' }), 0))).toBe(
      'SECRET_INVALID',
    );
    expect(errorCode(() => totpCode(params({ secret: '' }), 0))).toBe('SECRET_INVALID');
    const p = { ...params({ secret }), type: 'motp' } as unknown as OtpParams;
    expect(errorCode(() => codesAt(p, 0))).toBe('ACCOUNT_INVALID');
  });

  it('rejects a negative or non-finite time or offset with INVALID_ARGUMENT', () => {
    const p = params({ secret });
    expect(errorCode(() => totpCode(p, -1))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => codesAt(p, NaN))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => codesAt(p, 1000, Infinity))).toBe('INVALID_ARGUMENT');
  });
});
