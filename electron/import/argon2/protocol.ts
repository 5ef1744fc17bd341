// The messages argon2idInWorker (argon2-thread.ts) and its worker thread (argon2-worker.ts) exchange.

/** One derivation: the password's bytes are moved to the worker, which zeroes them after use. */
export interface Argon2Job {
  password: Uint8Array;
  salt: Uint8Array;
  /** Memory in KiB. */
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  hashLength: number;
}

export type Argon2Reply =
  /** Sent as the derivation starts (the calling thread may count on it, the tests do). */
  | { kind: 'deriving' }
  /** The key, its buffer moved back to the calling thread. */
  | { kind: 'key'; key: Uint8Array }
  /** hash-wasm failed (no memory to be had, bad parameters): the error's name and message. */
  | { kind: 'failed'; name: string; message: string };
