// Worker-thread entry: runs the picture pipeline for IconPictures and answers with the PNG bytes
// (moved, not copied) or a typed error.
import { parentPort } from 'node:worker_threads';
import { isAuthdeskError, type ErrorInfo } from '../../shared/errors';
import { iconPictureFrom, menuIconPng } from './icon-picture';
import type { IconJob, IconReply, JobReply } from './icon-worker-protocol';

function toErrorInfo(error: unknown): ErrorInfo {
  if (isAuthdeskError(error)) return error.toInfo();
  // A bug or a wasm failure: the message is for the log; the user sees the code.
  return {
    code: 'INTERNAL_ERROR',
    message: `The icon picture could not be made: ${error instanceof Error ? error.message : String(error)}`,
  };
}

async function handle(job: IconJob): Promise<JobReply> {
  try {
    const png =
      job.kind === 'picture'
        ? await iconPictureFrom(job.bytes)
        : await menuIconPng(
            job.svg !== undefined
              ? { kind: 'svg', text: job.svg }
              : { kind: 'png', bytes: job.png ?? new Uint8Array() },
            job.size,
          );
    // A copy that owns its whole buffer, so it can be moved to the other thread.
    return { id: job.id, ok: true, png: new Uint8Array(png) };
  } catch (error) {
    return { id: job.id, ok: false, error: toErrorInfo(error) };
  }
}

const port = parentPort;
if (port) {
  port.on(
    'message',
    (job: IconJob) =>
      void handle(job).then((reply) =>
        port.postMessage(reply, reply.ok ? [reply.png.buffer as ArrayBuffer] : []),
      ),
  );
  port.postMessage({ ready: true } satisfies IconReply);
}
