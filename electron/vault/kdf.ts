// scrypt: the password-to-key function of password slots, with its parameters checked before it runs.
import { randomBytes, scrypt } from 'node:crypto';
import { AuthdeskError } from '../../shared/errors';

/** The cost of one derivation; stored in each slot so it can be raised later. */
export interface KdfCost {
  N: number;
  r: number;
  p: number;
}

export interface KdfParams extends KdfCost {
  name: 'scrypt';
  salt: Buffer;
}

/** DESIGN.md §4: about 370 ms on a 2-core machine. */
export const DEFAULT_KDF_COST: Readonly<KdfCost> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

export const SALT_BYTES = 32;
export const DERIVED_KEY_BYTES = 32;

const LIMITS = { minLogN: 10, maxLogN: 20, maxR: 16, maxP: 4 } as const;
// The largest scrypt block array (128·N·r bytes) we agree to allocate, whatever a file says.
const MAX_MEMORY_BYTES = 1024 * 1024 * 1024;
const MEMORY_MARGIN_BYTES = 1024 * 1024;

/** Bytes OpenSSL allocates for scrypt: the N×r block array plus p×r blocks, 128 bytes each. */
function workingSetBytes({ N, r, p }: KdfCost): number {
  return 128 * r * (N + 2) + 128 * r * p;
}

function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

/**
 * Rejects anything but scrypt with sane parameters. Called on every header read from disk before
 * any derivation, so a tampered file cannot make us allocate gigabytes or spin for minutes.
 */
export function checkKdfParams(params: {
  name: unknown;
  N: unknown;
  r: unknown;
  p: unknown;
  salt: Buffer;
}): asserts params is KdfParams {
  const { name, N, r, p, salt } = params;
  const corrupt = (why: string) =>
    new AuthdeskError('VAULT_CORRUPT', `The key derivation settings are not valid: ${why}.`);
  if (name !== 'scrypt') throw corrupt(`unknown algorithm ${JSON.stringify(name)}`);
  if (
    typeof N !== 'number' ||
    !isPowerOfTwo(N) ||
    N < 2 ** LIMITS.minLogN ||
    N > 2 ** LIMITS.maxLogN
  ) {
    throw corrupt(`N must be a power of two from 2^${LIMITS.minLogN} to 2^${LIMITS.maxLogN}`);
  }
  if (typeof r !== 'number' || !Number.isInteger(r) || r < 1 || r > LIMITS.maxR) {
    throw corrupt(`r must be an integer from 1 to ${LIMITS.maxR}`);
  }
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > LIMITS.maxP) {
    throw corrupt(`p must be an integer from 1 to ${LIMITS.maxP}`);
  }
  if (128 * N * r > MAX_MEMORY_BYTES) {
    throw corrupt('N and r together would need more than 1 GiB of memory');
  }
  if (salt.length !== SALT_BYTES) throw corrupt(`the salt must be ${SALT_BYTES} bytes`);
}

/** Fresh parameters (new random salt) at the default cost, or a checked custom cost. */
export function newKdfParams(cost: Partial<KdfCost> = {}): KdfParams {
  const params = {
    name: 'scrypt' as const,
    ...DEFAULT_KDF_COST,
    ...cost,
    salt: randomBytes(SALT_BYTES),
  };
  try {
    checkKdfParams(params);
  } catch (error) {
    // The same check guards files and callers; a caller's mistake is an argument error.
    throw new AuthdeskError('INVALID_ARGUMENT', (error as Error).message);
  }
  return params;
}

/**
 * Derives the 256-bit slot key. Async so the work runs on libuv's thread pool and the main
 * process's event loop stays free; maxmem is raised to what these parameters need, since Node's
 * 32 MiB default refuses N=2^17, r=8. A cancelled `signal` stops it before it starts; once
 * started, scrypt cannot be interrupted, so its key is zeroed and CANCELLED thrown when it ends.
 */
export async function deriveKey(
  password: string,
  params: KdfParams,
  signal?: AbortSignal,
): Promise<Buffer> {
  checkKdfParams(params);
  const { N, r, p, salt } = params;
  const maxmem = workingSetBytes(params) + MEMORY_MARGIN_BYTES;
  await beforeKdf({ name: 'scrypt', N, r, p }, signal);
  const secret = passwordBytes(password);
  const key = await new Promise<Buffer>((resolve, reject) => {
    scrypt(secret, salt, DERIVED_KEY_BYTES, { N, r, p, maxmem }, (err, derived) => {
      secret.fill(0);
      if (err) reject(err);
      else resolve(derived);
    });
  });
  return keptUnlessCancelled(key, signal);
}

// ---------------------------------------------------------------------------------------------
// Bounding a whole file's KDF work, and cancelling it.

/** The work of one scrypt run in block mixes (N·r·p): what takes the time, and what a file's slots sum. */
export function kdfWork({ N, r, p }: KdfCost): number {
  return N * r * p;
}

/**
 * How much dearer than its costliest slot all of a file's slots may be together. Trying a wrong
 * password on every slot then takes at most twice as long as on the file with that one slot: a
 * file cannot multiply the wait by adding slots (a 20 MB file would hold ~70,000).
 */
export const MAX_FILE_WORK_RATIO = 2;

/**
 * Why the password slots of one file (their KDF costs, in order) cost too much to try, or null.
 * Run on the header before any derivation; the reason reads after "The file …" / "it …".
 */
export function slotWorkProblem(costs: readonly KdfCost[], maxSlots: number): string | null {
  if (costs.length > maxSlots) {
    return `has ${costs.length} password slots; at most ${maxSlots} are read, so it was not made by a program that writes this format`;
  }
  let total = 0;
  let dearest = 0;
  for (const cost of costs) {
    const work = kdfWork(cost);
    total += work;
    dearest = Math.max(dearest, work);
  }
  if (total > MAX_FILE_WORK_RATIO * dearest) {
    return `has password slots whose key derivations together would take more than ${MAX_FILE_WORK_RATIO} times as long as its costliest one`;
  }
  return null;
}

/** A key derivation about to run, as the instrumentation sees it. */
export type KdfRun =
  | { name: 'scrypt'; N: number; r: number; p: number }
  | { name: 'pbkdf2'; iterations: number; digest: string }
  | { name: 'argon2id'; memoryKiB: number; iterations: number; parallelism: number };

type KdfListener = (run: KdfRun) => void | Promise<void>;
const listeners = new Set<KdfListener>();

/**
 * Tests and the bench: `listener` hears of every key derivation (ours and other apps' formats)
 * just before it runs, and may hold it back by returning a promise. Returns the way to stop.
 */
export function watchKdfRuns(listener: KdfListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The error of a run the user cancelled; its result, if any, was thrown away. */
export function cancelledError(): AuthdeskError {
  return new AuthdeskError('CANCELLED', 'Cancelled: nothing was opened or changed.');
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

/** Called by every key derivation before it starts: CANCELLED if the signal went, else it may run. */
export async function beforeKdf(run: KdfRun, signal: AbortSignal | undefined): Promise<void> {
  throwIfCancelled(signal);
  for (const listener of [...listeners]) await listener(run);
  throwIfCancelled(signal);
}

/** A derived key, or (zeroed) CANCELLED when the signal went while it was being derived. */
export function keptUnlessCancelled(key: Buffer, signal: AbortSignal | undefined): Buffer {
  if (signal?.aborted) {
    key.fill(0);
    throw cancelledError();
  }
  return key;
}

/**
 * NFC so that the same password typed on macOS and Windows (which may compose kana or accents
 * differently) derives the same key. Fixed forever: changing it would lock people out.
 */
export function passwordBytes(password: string): Buffer {
  return Buffer.from(password.normalize('NFC'), 'utf8');
}
