// IconPictures: the picture pipeline (icon-picture.ts) in a worker thread, one job at a time, so the
// process that asks keeps answering: decoding the largest picture allowed (a 16-megapixel JPEG)
// takes seconds. A job that runs too long ends its worker; the next job starts a fresh one.
import { Worker } from 'node:worker_threads';
import { AuthdeskError } from '../../shared/errors';
import { outsideAsar } from '../qr/outside-asar';
import type { IconJob, IconReply, JobReply } from './icon-worker-protocol';

/** Longer than the largest allowed picture takes on a slow machine (a 16 MP JPEG: ~2.5 s here). */
const JOB_TIMEOUT_MS = 30_000;
/** An idle worker is ended after this long: its memory (sized for the largest picture) never shrinks. */
const IDLE_MS = 30_000;

/**
 * The built worker beside the bundle that starts it (config/vite.node.ts ICON_WORKER): dist/main
 * (in a packaged app outside app.asar, electron-builder.yml asarUnpack) and dist/cli.
 */
export function iconWorkerUrl(moduleUrl: string): URL {
  // A variable base keeps Vite from treating this as an asset URL to bundle.
  return new URL('icon-worker.js', outsideAsar(moduleUrl));
}

/** Built code has icon-worker.js beside it; sources (vitest, tsx) register tsx and load icon-worker.ts. */
export function startIconWorker(): Worker {
  const here = import.meta.url;
  const execArgv: string[] = [];
  if (!here.endsWith('.ts')) return new Worker(iconWorkerUrl(here), { execArgv });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('icon-worker.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, execArgv });
}

/** A job without its id (Omit over each member of the union). */
type JobBody = IconJob extends infer J ? (J extends IconJob ? Omit<J, 'id'> : never) : never;

interface Queued {
  body: JobBody;
  resolve(png: Buffer): void;
  reject(error: AuthdeskError): void;
}

/** Where a menu icon is drawn from: a kept icon's PNG, or a brand's SVG text. */
export type MenuIconSource = { kind: 'png'; bytes: Uint8Array } | { kind: 'svg'; text: string };

export interface IconPicturesOptions {
  timeoutMs?: number;
  /** null keeps an idle worker (tests that count workers). */
  idleMs?: number | null;
  /** Tests only: how a worker is started. */
  start?: () => Worker;
}

export class IconPictures {
  readonly #timeoutMs: number;
  readonly #idleMs: number | null;
  readonly #start: () => Worker;
  readonly #queue: Queued[] = [];
  #worker: Worker | undefined;
  /** Whether the worker has loaded (its `ready`): a job's time limit starts then. */
  #ready = false;
  #running: { id: number; job: Queued; timer: NodeJS.Timeout | undefined } | undefined;
  #idle: NodeJS.Timeout | undefined;
  #nextId = 1;
  #closed = false;
  /** Workers started so far (tests: a timed-out job ends its worker). */
  started = 0;

  constructor(options: IconPicturesOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? JOB_TIMEOUT_MS;
    this.#idleMs = options.idleMs === undefined ? IDLE_MS : options.idleMs;
    this.#start = options.start ?? startIconWorker;
  }

  /**
   * A picture file (PNG, JPEG, WebP, SVG) → the PNG its icon is kept as. The bytes are copied.
   * IMAGE_TOO_LARGE, ICON_UNREADABLE, ICON_TOO_LARGE (see icon-picture.ts).
   */
  picture(bytes: Uint8Array): Promise<Buffer> {
    return this.#enqueue({ kind: 'picture', bytes: new Uint8Array(bytes) });
  }

  /** A square PNG of size×size pixels for a menu, drawn from a kept icon or a brand's SVG. */
  menuIcon(source: MenuIconSource, size: number): Promise<Buffer> {
    return this.#enqueue(
      source.kind === 'svg'
        ? { kind: 'menu', svg: source.text, size }
        : { kind: 'menu', png: new Uint8Array(source.bytes), size },
    );
  }

  /** Ends the worker; jobs still waiting fail with INTERNAL_ERROR. */
  async close(): Promise<void> {
    this.#closed = true;
    const waiting = [...this.#queue.splice(0), ...(this.#running ? [this.#running.job] : [])];
    if (this.#running) clearTimeout(this.#running.timer);
    this.#running = undefined;
    for (const job of waiting) job.reject(closedError());
    await this.#endWorker();
  }

  #enqueue(body: JobBody): Promise<Buffer> {
    if (this.#closed) return Promise.reject(closedError());
    return new Promise<Buffer>((resolve, reject) => {
      this.#queue.push({ body, resolve, reject });
      this.#next();
    });
  }

  #next(): void {
    if (this.#running || this.#closed) return;
    const job = this.#queue.shift();
    if (!job) {
      this.#armIdle();
      return;
    }
    clearTimeout(this.#idle);
    const worker = this.#ensureWorker();
    const id = this.#nextId++;
    this.#running = { id, job, timer: undefined };
    if (this.#ready) this.#startTimer();
    const message = { ...job.body, id } as IconJob;
    const transfer =
      message.kind === 'picture'
        ? [message.bytes.buffer as ArrayBuffer]
        : message.png
          ? [message.png.buffer as ArrayBuffer]
          : [];
    worker.ref();
    worker.postMessage(message, transfer);
  }

  #startTimer(): void {
    const running = this.#running;
    if (!running || running.timer !== undefined) return;
    running.timer = setTimeout(() => this.#timedOut(running.id), this.#timeoutMs);
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = this.#start();
    this.started++;
    this.#ready = false;
    worker.on('message', (reply: IconReply) => {
      if (this.#worker !== worker) return;
      if ('ready' in reply) {
        this.#ready = true;
        this.#startTimer();
      } else this.#settle(reply);
    });
    worker.on('error', (error) => this.#lost(worker, `The icon worker stopped: ${error.message}`));
    worker.on('exit', (code) =>
      this.#lost(worker, `The icon worker exited unexpectedly (code ${code}).`),
    );
    this.#worker = worker;
    return worker;
  }

  #settle(reply: JobReply): void {
    const running = this.#running;
    if (!running || running.id !== reply.id) return;
    clearTimeout(running.timer);
    this.#running = undefined;
    if (reply.ok) {
      const { png } = reply;
      running.job.resolve(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
    } else running.job.reject(new AuthdeskError(reply.error.code, reply.error.message));
    this.#next();
  }

  /** The running job took too long: its worker is ended (a fresh one takes the next job). */
  #timedOut(id: number): void {
    const running = this.#running;
    if (!running || running.id !== id) return;
    this.#running = undefined;
    running.job.reject(
      new AuthdeskError(
        'ICON_UNREADABLE',
        `This picture took more than ${Math.round(this.#timeoutMs / 1000)} s to read, so it was given up.`,
      ),
    );
    void this.#endWorker().then(() => this.#next());
  }

  #lost(worker: Worker, message: string): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    const running = this.#running;
    this.#running = undefined;
    if (running) {
      clearTimeout(running.timer);
      running.job.reject(new AuthdeskError('INTERNAL_ERROR', message));
    }
    this.#next();
  }

  #armIdle(): void {
    const worker = this.#worker;
    if (!worker) return;
    // An idle worker must not keep a CLI process alive, and gives its memory back after a while.
    worker.unref();
    if (this.#idleMs === null) return;
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => {
      if (!this.#running && this.#queue.length === 0) void this.#endWorker();
    }, this.#idleMs).unref();
  }

  async #endWorker(): Promise<void> {
    clearTimeout(this.#idle);
    const worker = this.#worker;
    this.#worker = undefined;
    if (!worker) return;
    worker.removeAllListeners('exit');
    worker.removeAllListeners('error');
    await worker.terminate();
  }
}

function closedError(): AuthdeskError {
  return new AuthdeskError('INTERNAL_ERROR', 'The icon pictures were closed before they finished.');
}

let shared: IconPictures | undefined;

/**
 * The process's one IconPictures (the app, the CLI): imports, the icon use cases and the tray share
 * its worker, which ends itself when idle.
 */
export function iconPictures(): IconPictures {
  shared ??= new IconPictures();
  return shared;
}
