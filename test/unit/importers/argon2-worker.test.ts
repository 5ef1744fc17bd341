// argon2idKey (electron/import/formats/file-crypto.ts) derives in a worker thread of its own
// (electron/import/argon2/): the calling thread — the Electron main process, the CLI — keeps turning while
// it runs, a cancel terminates the worker, a failure or a crash in the worker is an ordinary rejection,
// and the keys are hash-wasm's (and the Argon2 reference implementation's).
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { argon2id } from 'hash-wasm';
import { afterEach, describe, expect, it } from 'vitest';
import { isAuthdeskError } from '../../../shared/errors';
import {
  argon2idInWorker,
  startArgon2Worker,
  type Argon2Request,
} from '../../../electron/import/argon2/argon2-thread';
import type { Argon2Reply } from '../../../electron/import/argon2/protocol';
import { argon2idKey, type Argon2Params } from '../../../electron/import/formats/file-crypto';
import { watchKdfRuns, type KdfRun } from '../../../electron/vault/kdf';
import { rejection } from '../../harness/import-samples';

/** Waits one turn of the event loop (timers, I/O and immediates all get their go). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A cost no test waits out (1 MiB × 2^24 passes: hours): the run can only end by a cancel. */
const ENDLESS = { memoryKiB: 1024, iterations: 2 ** 24, parallelism: 1 };

/** Tracks whether a promise has settled, without letting its rejection go unhandled. */
function track<T>(promise: Promise<T>): { settled: () => boolean; outcome: Promise<unknown> } {
  let done = false;
  const outcome = promise.then(
    (value) => {
      done = true;
      return value;
    },
    (error: unknown) => {
      done = true;
      return error;
    },
  );
  return { settled: () => done, outcome };
}

let stopWatching: (() => void) | undefined;
afterEach(() => {
  stopWatching?.();
  stopWatching = undefined;
});

describe('argon2idKey in a worker thread', () => {
  it('gives the Argon2 reference implementation’s keys (phc-winner-argon2 src/test.c, Argon2id v1.3)', async () => {
    // RFC 9106 §5.3's vector needs a secret and associated data, which no format here uses.
    const vector = (memoryKiB: number) =>
      argon2idKey('password', {
        memoryKiB,
        iterations: 2,
        parallelism: 1,
        salt: Buffer.from('somesalt'),
      }).then((key) => key.toString('hex'));
    expect(await vector(256)).toBe(
      '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe',
    );
    expect(await vector(65536)).toBe(
      '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7',
    );
  });

  it('gives the keys hash-wasm derives on the calling thread, for the costs the formats use and others', async () => {
    const cases: [string, Omit<Argon2Params, 'salt'>][] = [
      ['sample export password', { memoryKiB: 64, iterations: 2, parallelism: 1 }], // Ente in tests
      ['a', { memoryKiB: 19456, iterations: 2, parallelism: 1 }], // Proton's fixed cost
      ['пароль パスワード 🔑', { memoryKiB: 512, iterations: 3, parallelism: 4 }], // lanes, as Authenticator Pro
      ['x'.repeat(300), { memoryKiB: 2048, iterations: 1, parallelism: 2 }],
    ];
    for (const [password, cost] of cases) {
      const salt = randomBytes(16);
      const key = await argon2idKey(password, { ...cost, salt });
      const here = await argon2id({
        password: Buffer.from(password, 'utf8'),
        salt,
        memorySize: cost.memoryKiB,
        iterations: cost.iterations,
        parallelism: cost.parallelism,
        hashLength: 32,
        outputType: 'hex',
      });
      expect(key.toString('hex'), JSON.stringify(cost)).toBe(here);
    }
  });

  it('still announces each run to watchKdfRuns, before it starts', async () => {
    const runs: KdfRun[] = [];
    stopWatching = watchKdfRuns((run) => {
      runs.push(run);
    });
    await argon2idKey('pw', {
      memoryKiB: 64,
      iterations: 1,
      parallelism: 2,
      salt: randomBytes(16),
    });
    expect(runs).toEqual([{ name: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 2 }]);
  });

  it('keeps the calling thread turning while it derives, and a cancel stops it with CANCELLED', async () => {
    // Were the derivation on this thread, no turn would come before it ended (hours from now).
    const controller = new AbortController();
    const run = track(argon2idKey('pw', { ...ENDLESS, salt: randomBytes(16) }, controller.signal));
    let turns = 0;
    while (turns < 1000 && !run.settled()) {
      await turn();
      turns++;
    }
    expect([turns, run.settled()]).toEqual([1000, false]);
    controller.abort();
    const error = await run.outcome;
    expect(isAuthdeskError(error) && error.code).toBe('CANCELLED');
  });

  it('terminates the worker on a cancel, while it is deriving', async () => {
    const controller = new AbortController();
    let worker: Worker | undefined;
    let deriving!: () => void;
    const started = new Promise<void>((resolve) => (deriving = resolve));
    const tracked = track(
      argon2idInWorker(
        { password: 'pw', salt: randomBytes(16), hashLength: 32, ...ENDLESS },
        controller.signal,
        () => {
          worker = startArgon2Worker();
          worker.on('message', (reply: Argon2Reply) => {
            if (reply.kind === 'deriving') deriving();
          });
          return worker;
        },
      ),
    );
    await started;
    const exited = once(worker!, 'exit');
    // The worker said it is deriving; this thread counts its own turns meanwhile.
    let turns = 0;
    while (turns < 1000 && !tracked.settled()) {
      await turn();
      turns++;
    }
    expect([turns, tracked.settled()]).toEqual([1000, false]);
    controller.abort();
    const error = await tracked.outcome;
    expect(isAuthdeskError(error) && error.code).toBe('CANCELLED');
    // Terminated: it exits (an endless derivation would never let it).
    await exited;
    expect(worker!.threadId).toBe(-1);
  });

  it('moves the password’s bytes to the worker (none stay on this thread) and the key back', async () => {
    let posted: { password: Uint8Array } | undefined;
    const key = await argon2idInWorker(
      {
        password: 'pw',
        salt: randomBytes(16),
        hashLength: 32,
        memoryKiB: 64,
        iterations: 1,
        parallelism: 1,
      },
      undefined,
      () => {
        const worker = startArgon2Worker();
        const post = worker.postMessage.bind(worker);
        worker.postMessage = (job: { password: Uint8Array }, transfer?: readonly ArrayBuffer[]) => {
          posted = job;
          post(job, transfer);
        };
        return worker;
      },
    );
    // Moved, not copied: the view here is detached, the worker alone has (and zeroes) the bytes.
    expect(posted?.password.byteLength).toBe(0);
    // The key's buffer came over whole: 32 bytes, no more of the worker's memory with it.
    expect([key.length, key.buffer.byteLength]).toEqual([32, 32]);
  });

  it('derives nothing and starts no worker when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    let started = 0;
    const request: Argon2Request = {
      password: 'pw',
      salt: randomBytes(16),
      hashLength: 32,
      ...ENDLESS,
    };
    const error = await rejection(
      argon2idInWorker(request, controller.signal, () => {
        started++;
        return startArgon2Worker();
      }),
    );
    expect([error.code, started]).toEqual(['CANCELLED', 0]);
  });
});

describe('a worker that fails', () => {
  const request: Argon2Request = {
    password: 'pw',
    salt: randomBytes(16),
    hashLength: 32,
    memoryKiB: 64,
    iterations: 1,
    parallelism: 1,
  };

  it('rejects with hash-wasm’s own error when the WebAssembly gets no memory (more than it can ever have)', async () => {
    // 5 GiB: past WebAssembly's 4 GiB, so hash-wasm fails as it would on a computer short of memory.
    const run = argon2idKey('pw', {
      memoryKiB: 5 * 1024 * 1024,
      iterations: 1,
      parallelism: 1,
      salt: randomBytes(16),
    });
    const error = await run.catch((e: unknown) => e);
    // An ordinary error, as before: each importer names the memory its format needs (INTERNAL_ERROR).
    expect(error).toBeInstanceOf(Error);
    expect(isAuthdeskError(error)).toBe(false);
    expect(String(error)).toMatch(/^RangeError: /);
  });

  it('rejects, never leaving an unhandled error, when the worker exits or throws before answering', async () => {
    const exits = argon2idInWorker(
      request,
      undefined,
      () => new Worker('process.exit(7)', { eval: true }),
    );
    await expect(exits).rejects.toThrow('The Argon2id worker exited (code 7) before it finished.');
    const throws = argon2idInWorker(
      request,
      undefined,
      () => new Worker('throw new Error("no memory for the worker")', { eval: true }),
    );
    await expect(throws).rejects.toThrow('The Argon2id worker stopped: no memory for the worker');
    const missing = argon2idInWorker(
      request,
      undefined,
      () => new Worker(new URL('file:///nonexistent/argon2-worker.js')),
    );
    await expect(missing).rejects.toThrow(/^The Argon2id worker stopped: /);
  });
});
