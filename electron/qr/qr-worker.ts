// Worker-thread entry: decodes the images QrDecoder posts and answers with their codes or a typed error.
import { parentPort } from 'node:worker_threads';
import { isAuthdeskError, type ErrorInfo } from '../../shared/errors';
import { decodeQrCodes, decodeQrCodesFromRgba } from './decode';
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
    const codes =
      job.kind === 'bytes'
        ? await decodeQrCodes(job.bytes)
        : await decodeQrCodesFromRgba(job.image);
    return { id: job.id, ok: true, codes };
  } catch (error) {
    return { id: job.id, ok: false, error: toErrorInfo(error) };
  }
}

const port = parentPort;
if (port)
  port.on('message', (job: QrJob) => void handle(job).then((reply) => port.postMessage(reply)));
