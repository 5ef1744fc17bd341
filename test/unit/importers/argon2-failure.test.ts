// When the Argon2id WebAssembly itself fails (a computer that cannot give Ente's 1 GiB), the Ente and
// Proton importers still fail with a typed error, not a RangeError from inside hash-wasm.
import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { readImportFile } from '../../../electron/import/formats';
import { rejection, utf8 } from '../../harness/import-samples';

// hash-wasm runs in the Argon2 worker thread (electron/import/argon2/), which hands its failure back.
vi.mock('../../../electron/import/argon2/argon2-thread', () => ({
  argon2idInWorker: () =>
    Promise.reject(new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded')),
}));

const b64 = (n: number) => randomBytes(n).toString('base64');

describe('an Argon2id that cannot run', () => {
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
      expect.stringContaining('1024 MiB'),
    ]);
  });

  it('is INTERNAL_ERROR for a Proton Authenticator password export', async () => {
    const file = utf8(JSON.stringify({ version: 1, salt: b64(16), content: b64(64) }));
    const error = await rejection(readImportFile(file, 'proton.json', 'password'));
    expect(error.code).toBe('INTERNAL_ERROR');
  });
});
