// A real Argon2 worker thread that dies before answering (as one killed for want of memory would) makes
// the importers fail with their typed INTERNAL_ERROR naming the memory needed, never an unhandled error.
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import type * as argon2Thread from '../../../electron/import/argon2/argon2-thread';
import { readImportFile } from '../../../electron/import/formats';
import { rejection, SAMPLE_PASSWORD, utf8 } from '../../harness/import-samples';

vi.mock('../../../electron/import/argon2/argon2-thread', async (importOriginal) => {
  const real = await importOriginal<typeof argon2Thread>();
  return {
    ...real,
    argon2idInWorker: (
      request: Parameters<typeof real.argon2idInWorker>[0],
      signal?: AbortSignal,
    ) =>
      real.argon2idInWorker(request, signal, () => new Worker('process.exit(134)', { eval: true })),
  };
});

const b64 = (n: number) => randomBytes(n).toString('base64');

describe('an Argon2 worker that dies before answering', () => {
  it('is INTERNAL_ERROR naming the memory for an Ente Auth export', async () => {
    const file = utf8(
      JSON.stringify({
        version: 1,
        kdfParams: { memLimit: 1024 ** 3, opsLimit: 4, salt: b64(16) },
        encryptedData: b64(64),
        encryptionNonce: b64(24),
      }),
    );
    const error = await rejection(readImportFile(file, 'ente.txt', 'password'));
    expect([error.code, error.message]).toEqual([
      'INTERNAL_ERROR',
      expect.stringMatching(/1024 MiB[\s\S]*exited \(code 134\)/),
    ]);
  });

  it('is INTERNAL_ERROR naming the memory for an encrypted Authenticator Pro backup', async () => {
    const file = Buffer.concat([Buffer.from('AUTHENTICATORPRO'), randomBytes(16 + 12 + 40)]);
    const error = await rejection(readImportFile(file, 'backup.authpro', SAMPLE_PASSWORD));
    expect([error.code, error.message]).toEqual([
      'INTERNAL_ERROR',
      expect.stringMatching(/64 MiB/),
    ]);
  });

  it('is INTERNAL_ERROR for a Proton Authenticator password export', async () => {
    const file = utf8(JSON.stringify({ version: 1, salt: b64(16), content: b64(64) }));
    const error = await rejection(readImportFile(file, 'proton.json', 'password'));
    expect([error.code, error.message]).toEqual([
      'INTERNAL_ERROR',
      expect.stringContaining('exited (code 134)'),
    ]);
  });
});
