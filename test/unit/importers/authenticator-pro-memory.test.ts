// An Authenticator Pro backup whose Argon2id cannot run (the WebAssembly gets no 64 MiB) fails with a typed error.
import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { readImportFile } from '../../../electron/import/formats';
import { rejection, SAMPLE_PASSWORD } from '../../harness/import-samples';

// hash-wasm runs in the Argon2 worker thread (electron/import/argon2/), which hands its failure back.
vi.mock('../../../electron/import/argon2/argon2-thread', () => ({
  argon2idInWorker: () =>
    Promise.reject(new RangeError('WebAssembly.Memory(): could not allocate memory')),
}));

describe('an encrypted Authenticator Pro backup without memory for its key', () => {
  it('is INTERNAL_ERROR naming the memory it needs, not a bare RangeError', async () => {
    const file = Buffer.concat([Buffer.from('AUTHENTICATORPRO'), randomBytes(16 + 12 + 40)]);
    const error = await rejection(readImportFile(file, 'backup.authpro', SAMPLE_PASSWORD));
    expect(error.code).toBe('INTERNAL_ERROR');
    expect(error.message).toMatch(/64 MiB/);
  });
});
