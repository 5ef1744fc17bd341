// The OTP engine: TOTP, HOTP and Steam Guard codes, computed synchronously with otplib.
import { createGuardrails, generateSync, NobleCryptoPlugin, type CryptoPlugin } from 'otplib';
import { ALGORITHMS, OTP_TYPES, STEAM_OTP, type Algorithm, type OtpParams } from './account';
import { decodeBase32 } from './base32';
import { AuthdeskError } from './errors';

export type { CryptoPlugin } from 'otplib';

export const OTP_LIMITS = {
  minDigits: 6,
  maxDigits: 8,
  minPeriod: 1,
  /** One day; longer steps are not used by any service and would only hide a typo. */
  maxPeriod: 86_400,
  /** HMAC takes keys of any length; this only bounds what a hostile import can make us hash. */
  maxSecretBytes: 1024,
} as const;

/** Steam Guard's code alphabet; its fixed parameters are STEAM_OTP (shared/account.ts). */
const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

// Real services issue 10-byte keys and RFC test vectors use short ones; otplib's default guard
// (16 bytes) would refuse them. Our own validation below gives the user-facing errors.
const GUARDRAILS = createGuardrails({
  MIN_SECRET_BYTES: 1,
  MAX_SECRET_BYTES: OTP_LIMITS.maxSecretBytes,
  MIN_PERIOD: OTP_LIMITS.minPeriod,
  MAX_PERIOD: OTP_LIMITS.maxPeriod,
});

// otplib 13.5's generateSync does not forward `hooks` (only the async generate does), so Steam's
// encodeToken hook cannot be used synchronously. Asking for 10 digits instead makes otplib's final
// "mod 10^digits" a no-op (10^10 > 2^31), which hands us the 31-bit truncated value itself.
const FULL_TRUNCATION_DIGITS = 10;

/**
 * Codes for one account at one moment.
 * - totp and steam: `current` is valid in time step `step`; `next` is the code of step + 1.
 * - hotp: `current` is the code at `counter` (`step` = counter), `next` the code at counter + 1.
 *   HOTP codes do not expire with time, so `stepEndsAt`, `secondsLeft` and `period` are null
 *   (null rather than Infinity because these values cross IPC as JSON).
 */
export interface Codes {
  current: string;
  next: string;
  step: number;
  /** Epoch ms on the caller's clock (the `nowMs` timeline) when `current` stops being valid. */
  stepEndsAt: number | null;
  /** Whole seconds until then, rounded up: period … 1. */
  secondsLeft: number | null;
  /** Seconds per step (30 for Steam). */
  period: number | null;
}

export interface OtpEngine {
  /** `offsetSeconds` is how far the local clock is behind true time (true = local + offset). */
  codesAt(params: OtpParams, nowMs: number, offsetSeconds?: number): Codes;
  /** The time-based code at `timeMs` (Steam-encoded for steam accounts). */
  totpCode(params: OtpParams, timeMs: number): string;
  /** The code at a moving factor (Steam-encoded for steam accounts). */
  hotpCode(params: OtpParams, counter: number): string;
  steamCode(params: Pick<OtpParams, 'secret'>, timeMs: number): string;
}

interface Prepared {
  steam: boolean;
  secret: Uint8Array;
  algorithm: 'sha1' | 'sha256' | 'sha512';
  digits: number;
  period: number;
}

function isInRange(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Throws the AuthdeskError a user would need to see if these parameters cannot produce codes.
 * Steam's algorithm, length and period are fixed by Steam, so they are not checked for steam.
 */
export function validateOtpParams(params: OtpParams): void {
  prepare(params);
}

function prepare(params: OtpParams): Prepared {
  if (!(OTP_TYPES as readonly string[]).includes(params.type)) {
    throw new AuthdeskError('ACCOUNT_INVALID', `Unknown account type "${String(params.type)}".`);
  }
  const secret = decodeBase32(params.secret);
  if (secret.length > OTP_LIMITS.maxSecretBytes) {
    throw new AuthdeskError(
      'SECRET_INVALID',
      `The secret key is too long (${secret.length} bytes; at most ${OTP_LIMITS.maxSecretBytes}).`,
    );
  }
  if (params.type === 'steam') {
    return {
      steam: true,
      secret,
      algorithm: 'sha1',
      digits: STEAM_OTP.digits,
      period: STEAM_OTP.period,
    };
  }
  if (!(ALGORITHMS as readonly string[]).includes(params.algorithm)) {
    throw new AuthdeskError(
      'ALGORITHM_UNSUPPORTED',
      `The algorithm "${String(params.algorithm)}" is not supported; use SHA1, SHA256 or SHA512.`,
    );
  }
  if (!isInRange(params.digits, OTP_LIMITS.minDigits, OTP_LIMITS.maxDigits)) {
    throw new AuthdeskError(
      'DIGITS_INVALID',
      `Codes of ${String(params.digits)} digits are not supported; use 6, 7 or 8 digits.`,
    );
  }
  if (!isInRange(params.period, OTP_LIMITS.minPeriod, OTP_LIMITS.maxPeriod)) {
    throw new AuthdeskError(
      'PERIOD_INVALID',
      `A period of ${String(params.period)} seconds is not supported; ` +
        `use a whole number from ${OTP_LIMITS.minPeriod} to ${OTP_LIMITS.maxPeriod}.`,
    );
  }
  if (params.type === 'hotp') checkCounter(params.counter);
  return {
    steam: false,
    secret,
    algorithm: params.algorithm.toLowerCase() as Lowercase<Algorithm>,
    digits: params.digits,
    period: params.period,
  };
}

function checkCounter(counter: number): void {
  // The counter must stay exact as a JS number, and counter + 1 is needed for the next code.
  if (!Number.isSafeInteger(counter) || counter < 0 || counter >= Number.MAX_SAFE_INTEGER) {
    throw new AuthdeskError(
      'COUNTER_INVALID',
      `The counter ${String(counter)} is not a whole number from 0 to ${Number.MAX_SAFE_INTEGER - 1}.`,
    );
  }
}

function checkTime(timeMs: number): void {
  if (!Number.isFinite(timeMs) || timeMs < 0) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      `The time ${String(timeMs)} is not a valid clock time.`,
    );
  }
}

function steamEncode(truncated: number): string {
  let value = truncated;
  let code = '';
  for (let i = 0; i < STEAM_OTP.digits; i++) {
    code += STEAM_ALPHABET.charAt(value % STEAM_ALPHABET.length);
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}

export function createOtpEngine(options: { crypto?: CryptoPlugin } = {}): OtpEngine {
  const crypto = options.crypto ?? new NobleCryptoPlugin();

  // RFC 6238 defines TOTP as HOTP at step T = floor(t / period). We need T anyway (for `step` and
  // `stepEndsAt`), so TOTP goes through otplib's HOTP directly, saving its second validation pass.
  function atCounter(p: Prepared, counter: number): string {
    const code = generateSync({
      strategy: 'hotp',
      secret: p.secret,
      counter,
      algorithm: p.algorithm,
      digits: p.steam ? FULL_TRUNCATION_DIGITS : p.digits,
      crypto,
      guardrails: GUARDRAILS,
      // Unused by HOTP, but otherwise otplib reads the clock on every call.
      epoch: 0,
    });
    return p.steam ? steamEncode(Number(code)) : code;
  }

  function stepOf(p: Prepared, timeMs: number): number {
    checkTime(timeMs);
    return Math.floor(timeMs / (p.period * 1000));
  }

  return {
    codesAt(params, nowMs, offsetSeconds = 0) {
      const p = prepare(params);
      if (params.type === 'hotp') {
        return {
          current: atCounter(p, params.counter),
          next: atCounter(p, params.counter + 1),
          step: params.counter,
          stepEndsAt: null,
          secondsLeft: null,
          period: null,
        };
      }
      if (!Number.isFinite(offsetSeconds)) {
        throw new AuthdeskError('INVALID_ARGUMENT', 'The clock offset is not a finite number.');
      }
      const offsetMs = offsetSeconds * 1000;
      const step = stepOf(p, nowMs + offsetMs);
      const stepEndsAt = (step + 1) * p.period * 1000 - offsetMs;
      return {
        current: atCounter(p, step),
        next: atCounter(p, step + 1),
        step,
        stepEndsAt,
        // Clamped because a fractional offset can leave a rounding hair on either side.
        secondsLeft: Math.min(p.period, Math.max(1, Math.ceil((stepEndsAt - nowMs) / 1000))),
        period: p.period,
      };
    },
    totpCode(params, timeMs) {
      const p = prepare(params);
      return atCounter(p, stepOf(p, timeMs));
    },
    hotpCode(params, counter) {
      const p = prepare(params);
      checkCounter(counter);
      return atCounter(p, counter);
    },
    steamCode(params, timeMs) {
      const p = prepare({ ...STEAM_OTP, secret: params.secret });
      return atCounter(p, stepOf(p, timeMs));
    },
  };
}

const defaultEngine = createOtpEngine();

/** Codes with otplib's pure-JS crypto (@noble/hashes); main and the CLI can inject node:crypto. */
export const { codesAt, totpCode, hotpCode, steamCode } = defaultEngine;
