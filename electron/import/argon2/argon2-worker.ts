// Worker-thread entry: one Argon2id derivation (hash-wasm) per worker, so the thread that asks (the
// Electron main process, the CLI) keeps answering while it runs, and a cancel can end it (terminate).
import { parentPort } from 'node:worker_threads';
import { argon2id } from 'hash-wasm';
import type { Argon2Job, Argon2Reply } from './protocol';

async function derive(job: Argon2Job): Promise<{ reply: Argon2Reply; transfer: ArrayBuffer[] }> {
  const { password, salt, memoryKiB, iterations, parallelism, hashLength } = job;
  try {
    const derived = await argon2id({
      password,
      salt,
      memorySize: memoryKiB,
      iterations,
      parallelism,
      hashLength,
      outputType: 'binary',
    });
    // hash-wasm returns the key in a buffer of its own; copy it into one when it does not.
    let key = derived;
    if (derived.byteOffset !== 0 || derived.byteLength !== derived.buffer.byteLength) {
      key = new Uint8Array(derived);
      derived.fill(0);
    }
    return { reply: { kind: 'key', key }, transfer: [key.buffer as ArrayBuffer] };
  } catch (error) {
    const { name, message } =
      error instanceof Error ? error : { name: 'Error', message: String(error) };
    return { reply: { kind: 'failed', name, message }, transfer: [] };
  } finally {
    password.fill(0);
  }
}

const port = parentPort;
if (port) {
  port.once('message', (job: Argon2Job) => {
    port.postMessage({ kind: 'deriving' } satisfies Argon2Reply);
    void derive(job).then(({ reply, transfer }) => port.postMessage(reply, transfer));
  });
}
