// QrDecoder: runs decode.ts in worker threads, so the process that asks keeps answering while it decodes.
import { Worker } from 'node:worker_threads';
import { AuthdeskError } from '../../shared/errors';
import type { QrCode, RgbaImage } from './decode';
import { outsideAsar } from './outside-asar';
import type { QrJob, QrReply } from './worker-protocol';

/** An idle worker is ended after this long: its wasm memory (sized for the largest image) never shrinks. */
const IDLE_MS = 60_000;
const MAX_WORKERS = 8;

interface Pending {
  resolve(codes: QrCode[]): void;
  reject(error: AuthdeskError): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  idle?: NodeJS.Timeout;
}

type JobBody = { kind: 'bytes'; bytes: Uint8Array } | { kind: 'rgba'; image: RgbaImage };

/**
 * The built worker beside the bundle that starts it (config/vite.node.ts). In a packaged app the
 * bundle is in app.asar and the worker, with everything it loads, in app.asar.unpacked (electron-
 * builder.yml asarUnpack): a worker thread then needs nothing from Electron's asar support.
 */
export function qrWorkerUrl(moduleUrl: string): URL {
  // A variable base keeps Vite from treating this as an asset URL to bundle.
  return new URL('qr-worker.js', outsideAsar(moduleUrl));
}

/**
 * Built code (dist/main/main.js, dist/cli/authdesk.js) has qr-worker.js beside it (see
 * config/vite.node.ts). Sources (vitest, tsx) start a worker that registers tsx and loads qr-worker.ts.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  // The parent's flags (e.g. node -e's --input-type) can stop a worker from starting; it needs none.
  const execArgv: string[] = [];
  if (!here.endsWith('.ts')) return new Worker(qrWorkerUrl(here), { execArgv });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('qr-worker.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, execArgv });
}

/** Transfers a view's buffer when the view owns all of it; otherwise copies only the view. */
function transferable(view: Uint8Array | Uint8ClampedArray): ArrayBuffer[] {
  const { buffer } = view;
  return buffer instanceof ArrayBuffer &&
    view.byteOffset === 0 &&
    view.byteLength === buffer.byteLength
    ? [buffer]
    : [];
}

export class QrDecoder {
  readonly #size: number;
  readonly #slots: Slot[] = [];
  #nextId = 1;
  #closed = false;

  /** Milliseconds before an idle worker ends; null keeps it (the test harness, to decode at once). */
  readonly #idleMs: number | null;

  constructor(opts: { workers?: number; idleMs?: number | null } = {}) {
    this.#idleMs = opts.idleMs === undefined ? IDLE_MS : opts.idleMs;
    const n = opts.workers ?? 1;
    if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) {
      throw new AuthdeskError(
        'INVALID_ARGUMENT',
        `The number of QR workers must be 1 to ${MAX_WORKERS}.`,
      );
    }
    this.#size = n;
  }

  /**
   * PNG or JPEG bytes → every code (text and raw bytes) in reading order ([] when there is none). The bytes are
   * handed over: when they fill their own ArrayBuffer it moves to the worker without a copy and is
   * empty here afterwards; pass a copy to keep them.
   */
  decodeBytes(bytes: Uint8Array): Promise<QrCode[]> {
    return this.#run({ kind: 'bytes', bytes }, transferable(bytes));
  }

  /** A bitmap from a screen capture or the clipboard; its pixel buffer is handed over like decodeBytes'. */
  decodeRgba(image: RgbaImage): Promise<QrCode[]> {
    const { width, height, data } = image;
    return this.#run({ kind: 'rgba', image: { width, height, data } }, transferable(data));
  }

  /** Ends every worker; decodes still running fail with INTERNAL_ERROR. */
  async close(): Promise<void> {
    this.#closed = true;
    const slots = this.#slots.splice(0);
    await Promise.all(
      slots.map((slot) => this.#end(slot, 'The QR decoder was closed before it finished.')),
    );
  }

  #run(body: JobBody, transfer: ArrayBuffer[]): Promise<QrCode[]> {
    if (this.#closed)
      return Promise.reject(new AuthdeskError('INTERNAL_ERROR', 'The QR decoder is closed.'));
    const slot = this.#pick();
    const id = this.#nextId++;
    const job = { id, ...body } as QrJob;
    return new Promise<QrCode[]>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      clearTimeout(slot.idle);
      slot.worker.ref();
      try {
        slot.worker.postMessage(job, transfer);
      } catch {
        // Some buffers cannot be transferred (Node's Buffer pool, external memory): copy those.
        slot.worker.postMessage(job);
      }
    });
  }

  /** The least busy worker, starting another while all are busy and the pool has room. */
  #pick(): Slot {
    const free = this.#slots.find((s) => s.pending.size === 0);
    if (free) return free;
    if (this.#slots.length < this.#size) return this.#spawn();
    return this.#slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  #spawn(): Slot {
    const slot: Slot = { worker: startWorker(), pending: new Map() };
    slot.worker.on('message', (reply: QrReply) => this.#settle(slot, reply));
    const fail = (message: string) => {
      const at = this.#slots.indexOf(slot);
      if (at >= 0) this.#slots.splice(at, 1);
      void this.#end(slot, message);
    };
    slot.worker.on('error', (error) => fail(`The QR decoder stopped: ${error.message}`));
    slot.worker.on('exit', (code) => fail(`The QR decoder exited unexpectedly (code ${code}).`));
    this.#slots.push(slot);
    return slot;
  }

  #settle(slot: Slot, reply: QrReply): void {
    const pending = slot.pending.get(reply.id);
    if (!pending) return;
    slot.pending.delete(reply.id);
    if (reply.ok) pending.resolve(reply.codes);
    else pending.reject(new AuthdeskError(reply.error.code, reply.error.message));
    if (slot.pending.size === 0) {
      // Idle workers must not keep a CLI process alive, and give their memory back after a while.
      slot.worker.unref();
      if (this.#idleMs === null) return;
      slot.idle = setTimeout(() => {
        const at = this.#slots.indexOf(slot);
        if (at >= 0 && slot.pending.size === 0) {
          this.#slots.splice(at, 1);
          void this.#end(slot, '');
        }
      }, this.#idleMs).unref();
    }
  }

  async #end(slot: Slot, message: string): Promise<void> {
    clearTimeout(slot.idle);
    const pending = [...slot.pending.values()];
    slot.pending.clear();
    for (const p of pending) p.reject(new AuthdeskError('INTERNAL_ERROR', message));
    slot.worker.removeAllListeners('exit');
    await slot.worker.terminate();
  }
}
