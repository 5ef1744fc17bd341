// argon2idInWorker: Argon2id (hash-wasm, WebAssembly) in a worker thread of its own, so the thread that
// asks (the Electron main process, the CLI) keeps answering while it runs — at Ente's own cost (1 GiB ×
// 4 passes) that is seconds to a minute — and a cancel really stops it: the worker is terminated.
import { Worker } from 'node:worker_threads';
import { outsideAsar } from '../../qr/outside-asar';
import { cancelledError } from '../../vault/kdf';
import type { Argon2Job, Argon2Reply } from './protocol';

/**
 * The built worker beside the bundle that starts it (config/vite.node.ts ARGON2_WORKER): dist/main
 * (in a packaged app outside app.asar, electron-builder.yml asarUnpack) and dist/cli.
 */
export function argon2WorkerUrl(moduleUrl: string): URL {
  // A variable base keeps Vite from treating this as an asset URL to bundle.
  return new URL('argon2-worker.js', outsideAsar(moduleUrl));
}

/**
 * Built code has argon2-worker.js beside it; sources (vitest, tsx) start a worker that registers tsx
 * and loads argon2-worker.ts (as electron/qr/decoder.ts does for its worker).
 */
export function startArgon2Worker(): Worker {
  const here = import.meta.url;
  // The parent's flags (e.g. node -e's --input-type) can stop a worker from starting; it needs none.
  const execArgv: string[] = [];
  if (!here.endsWith('.ts')) return new Worker(argon2WorkerUrl(here), { execArgv });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('argon2-worker.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, execArgv });
}

export interface Argon2Request extends Omit<Argon2Job, 'password'> {
  password: string;
}

/** The password's UTF-8 in an ArrayBuffer of its own, so it can be moved to the worker whole. */
function ownUtf8(text: string): Uint8Array {
  const bytes = new Uint8Array(Buffer.byteLength(text, 'utf8'));
  Buffer.from(bytes.buffer).write(text, 'utf8');
  return bytes;
}

/** A failure inside the worker, with the name and message it had there (e.g. hash-wasm's RangeError). */
function workerFailure(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/**
 * The key, in a buffer moved from the worker (the only copy: the caller zeroes it). Rejects with
 * CANCELLED as soon as `signal` goes (the worker is terminated; a key that still arrives is zeroed),
 * and with a plain Error when the derivation fails or the worker cannot start or stops. `start` is
 * for tests that watch the worker.
 */
export function argon2idInWorker(
  request: Argon2Request,
  signal?: AbortSignal,
  start: () => Worker = startArgon2Worker,
): Promise<Buffer> {
  if (signal?.aborted) return Promise.reject(cancelledError());
  const { password, salt, ...cost } = request;
  const job: Argon2Job = { ...cost, password: ownUtf8(password), salt: new Uint8Array(salt) };
  let worker: Worker;
  try {
    worker = start();
  } catch (error) {
    job.password.fill(0);
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return new Promise<Buffer>((resolve, reject) => {
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      // Ends the derivation (a cancel) or frees the worker's memory (up to 1 GiB) at once.
      void worker.terminate();
      settle();
    };
    const onAbort = () => finish(() => reject(cancelledError()));
    signal?.addEventListener('abort', onAbort, { once: true });
    // The listeners stay after settling: an 'error' without one would be thrown in this thread.
    worker.on('message', (reply: Argon2Reply) => {
      if (reply.kind === 'deriving') return;
      if (reply.kind === 'failed') {
        finish(() => reject(workerFailure(reply.name, reply.message)));
        return;
      }
      const key = Buffer.from(reply.key.buffer, reply.key.byteOffset, reply.key.byteLength);
      if (settled) key.fill(0);
      else finish(() => resolve(key));
    });
    worker.on('error', (error) =>
      finish(() => reject(new Error(`The Argon2id worker stopped: ${error.message}`))),
    );
    worker.on('exit', (code) =>
      finish(() =>
        reject(new Error(`The Argon2id worker exited (code ${code}) before it finished.`)),
      ),
    );
    try {
      worker.postMessage(job, [job.password.buffer as ArrayBuffer]);
    } catch (error) {
      job.password.fill(0);
      finish(() => reject(error instanceof Error ? error : new Error(String(error))));
    }
  });
}
