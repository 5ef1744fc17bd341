// The ciphers and key derivations of other apps' encrypted exports, and the strict decoders of their fields.
import { createDecipheriv, pbkdf2, scrypt } from 'node:crypto';
import { AuthdeskError, isAuthdeskError } from '../../../shared/errors';
import { IMPORT_FORMAT_NAMES, type ImportFormatId } from '../../../shared/transfer';
import { beforeKdf, keptUnlessCancelled } from '../../vault/kdf';
import { argon2idInWorker } from '../argon2/argon2-thread';

export const AES_KEY_BYTES = 32;
export const GCM_NONCE_BYTES = 12;
export const GCM_TAG_BYTES = 16;

/** Hex as these formats write it (either case, whole bytes), or null. */
export function hexBytes(value: unknown): Buffer | null {
  if (typeof value !== 'string' || value.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(value)) {
    return null;
  }
  return Buffer.from(value, 'hex');
}

/**
 * Standard base64 (padding optional, line breaks ignored), or null. Buffer.from alone would skip
 * characters it does not know, so damaged text could decode to other bytes without a word.
 */
export function base64Bytes(value: unknown): Buffer | null {
  if (typeof value !== 'string') return null;
  const compact = value.replace(/[\r\n\t ]/g, '');
  const body = compact.replace(/={1,2}$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(body) || body.length % 4 === 1) return null;
  if (compact.length !== body.length && compact.length % 4 !== 0) return null;
  return Buffer.from(body, 'base64');
}

/** AES-256-GCM: the plaintext, or null when the key is wrong or the data was changed. */
export function openGcm(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
): Buffer | null {
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_BYTES });
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * PBKDF2 to a 256-bit key over the password's UTF-8 bytes, on libuv's thread pool. CANCELLED
 * before it starts when `signal` went; a run in flight ends, and its key is discarded.
 */
export async function pbkdf2Key(
  password: string,
  salt: Uint8Array,
  iterations: number,
  digest: 'sha1' | 'sha256',
  signal?: AbortSignal,
): Promise<Buffer> {
  await beforeKdf({ name: 'pbkdf2', iterations, digest }, signal);
  const key = await new Promise<Buffer>((resolve, reject) => {
    pbkdf2(
      Buffer.from(password, 'utf8'),
      salt,
      iterations,
      AES_KEY_BYTES,
      digest,
      (err, derived) => (err ? reject(err) : resolve(derived)),
    );
  });
  return keptUnlessCancelled(key, signal);
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
}

// Aegis writes N=2^15, r=8, p=1. These bounds allow 32 times that and keep a tampered header from
// making us allocate more than 1 GiB or hash for minutes (N·r·p bounds the work).
const SCRYPT_LIMITS = { maxN: 2 ** 20, maxR: 32, maxP: 16, maxWork: 2 ** 23, maxSalt: 1024 };
const MAX_MEMORY_BYTES = 2 ** 30;
const MEMORY_MARGIN_BYTES = 1024 * 1024;

const isPowerOfTwo = (n: number) => Number.isSafeInteger(n) && n > 1 && (n & (n - 1)) === 0;
const isCount = (n: unknown, max: number): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= max;

/** Why these scrypt parameters are refused, or null when they are safe to run. */
export function scryptParamsProblem(
  N: unknown,
  r: unknown,
  p: unknown,
  salt: Buffer,
): string | null {
  if (typeof N !== 'number' || !isPowerOfTwo(N) || N > SCRYPT_LIMITS.maxN) {
    return 'the scrypt cost N must be a power of two up to 2^20';
  }
  if (!isCount(r, SCRYPT_LIMITS.maxR)) {
    return `the scrypt block size r must be 1 to ${SCRYPT_LIMITS.maxR}`;
  }
  if (!isCount(p, SCRYPT_LIMITS.maxP)) {
    return `the scrypt parallelism p must be 1 to ${SCRYPT_LIMITS.maxP}`;
  }
  if (N * r * p > SCRYPT_LIMITS.maxWork || 128 * N * r > MAX_MEMORY_BYTES) {
    return 'the scrypt parameters ask for far more work or memory than any export uses';
  }
  if (salt.length === 0 || salt.length > SCRYPT_LIMITS.maxSalt) {
    return 'the scrypt salt has no usable length';
  }
  return null;
}

/** scrypt to a 256-bit key; call only with parameters scryptParamsProblem accepted. Cancelled as pbkdf2Key. */
export async function scryptKey(
  password: string,
  { N, r, p, salt }: ScryptParams,
  signal?: AbortSignal,
): Promise<Buffer> {
  // Node refuses more than 32 MiB by default; allow what these (checked) parameters need.
  const maxmem = 128 * r * (N + p + 2) + MEMORY_MARGIN_BYTES;
  await beforeKdf({ name: 'scrypt', N, r, p }, signal);
  const key = await new Promise<Buffer>((resolve, reject) => {
    scrypt(
      Buffer.from(password, 'utf8'),
      salt,
      AES_KEY_BYTES,
      { N, r, p, maxmem },
      (err, derived) => (err ? reject(err) : resolve(derived)),
    );
  });
  return keptUnlessCancelled(key, signal);
}

export interface Argon2Params {
  /** Memory in KiB. */
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  salt: Uint8Array;
}

/**
 * Argon2id to a 256-bit key over the password's UTF-8 bytes (hash-wasm: WebAssembly, any
 * parallelism), computed in a worker thread of its own (../argon2/) so this thread keeps answering.
 * Call only with parameters bounded by the caller (a fixed cost of the format, or stored ones checked
 * first). CANCELLED before it starts when `signal` went, and as soon as it goes while it runs: the
 * worker is terminated, the derivation stops. A failure inside the worker (hash-wasm's RangeError
 * when no memory is to be had) or a worker that stops is a plain Error: each importer names the
 * memory its format needs.
 */
export async function argon2idKey(
  password: string,
  { memoryKiB, iterations, parallelism, salt }: Argon2Params,
  signal?: AbortSignal,
): Promise<Buffer> {
  await beforeKdf({ name: 'argon2id', memoryKiB, iterations, parallelism }, signal);
  const key = await argon2idInWorker(
    { password, salt, memoryKiB, iterations, parallelism, hashLength: AES_KEY_BYTES },
    signal,
  );
  return keptUnlessCancelled(key, signal);
}

/**
 * argon2idKey for an importer: a failure of the derivation itself (no memory to be had: Ente's own
 * cost needs 1 GiB; a worker that stops) is INTERNAL_ERROR naming the format and the memory it needs.
 */
export async function importKeyArgon2id(
  format: ImportFormatId,
  password: string,
  params: Argon2Params,
  signal?: AbortSignal,
): Promise<Buffer> {
  try {
    return await argon2idKey(password, params, signal);
  } catch (error) {
    if (isAuthdeskError(error)) throw error;
    throw new AuthdeskError(
      'INTERNAL_ERROR',
      `The key of this ${IMPORT_FORMAT_NAMES[format]} file needs ` +
        `${Math.ceil(params.memoryKiB / 1024)} MiB of memory and could not be derived ` +
        `(${String(error)}). Close other programs and try again.`,
    );
  }
}
