// Worker-thread entry: decodes the images QrDecoder posts and answers with their texts or a typed error.
import { parentPort } from 'node:worker_threads';
import { isAuthdeskError, type ErrorInfo } from '../../shared/errors';
import { decodeQrFromBytes, decodeQrFromRgba } from './decode';
import type { QrJob, QrReply } from './worker-protocol';

function toErrorInfo(error: unknown): ErrorInfo {
  if (isAuthdeskError(error)) return error.toInfo();
  // A bug or a wasm failure: the message is for the log in main; the user sees the code.
  return {
    code: 'INTERNAL_ERROR',
    message: `QR decoding failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}

async function handle(job: QrJob): Promise<QrReply> {
  try {
    const texts =
      job.kind === 'bytes' ? await decodeQrFromBytes(job.bytes) : await decodeQrFromRgba(job.image);
    return { id: job.id, ok: true, texts };
  } catch (error) {
    return { id: job.id, ok: false, error: toErrorInfo(error) };
  }
}

const port = parentPort;
if (port)
  port.on('message', (job: QrJob) => void handle(job).then((reply) => port.postMessage(reply)));
