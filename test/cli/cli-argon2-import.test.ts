// `authdesk import` of an encrypted Ente Auth export and a Proton Authenticator password export made
// here with the real KDF and cipher: the built command derives their Argon2id key in the worker thread
// built beside it (dist/cli/argon2-worker.js, config/vite.node.ts ARGON2_WORKER) and imports them.
import { createCipheriv, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { argon2id } from 'hash-wasm';
import sodium from 'libsodium-wrappers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../electron/vault/vault';
import { assertBuilt, runCli } from '../harness/cli';
import { makeTempDir, removeTempDir, TINY_KDF } from '../harness/vault-fixtures';

const VAULT_PASSWORD = 'vault password for argon2 imports';
const FILE_PASSWORD = 'export password パスワード';
const LINK = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example';
let dir: string;

beforeAll(async () => {
  assertBuilt();
  dir = await makeTempDir();
  await sodium.ready;
});
afterAll(async () => {
  await removeTempDir(dir);
});

async function emptyVault(name: string): Promise<string> {
  const file = path.join(dir, name);
  (await Vault.create(file, VAULT_PASSWORD, { kdf: TINY_KDF })).lock();
  return file;
}

const key = (salt: Uint8Array, memorySize: number, iterations: number) =>
  argon2id({
    password: Buffer.from(FILE_PASSWORD, 'utf8'),
    salt,
    memorySize,
    iterations,
    parallelism: 1,
    hashLength: 32,
    outputType: 'binary',
  });

async function importJson(file: string, vault: string) {
  const result = await runCli(
    ['--vault', vault, '--password-stdin', 'import', file, '--yes', '--json'],
    { stdin: `${VAULT_PASSWORD}\n${FILE_PASSWORD}\n` },
  );
  expect(result.stderr).not.toMatch(/INTERNAL_ERROR|could not be derived/);
  return { ...result, json: JSON.parse(result.stdout) as Record<string, unknown> };
}

describe('authdesk import of exports keyed with Argon2id', () => {
  it('opens an encrypted Ente Auth export', async () => {
    // Ente's format with small limits (64 KiB × 2; the file stores them): libsodium crypto_pwhash.
    const salt = randomBytes(16);
    const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(
      await key(salt, 64, 2),
    );
    const data = sodium.crypto_secretstream_xchacha20poly1305_push(
      state,
      Buffer.from(`${LINK}\n`),
      null,
      sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL,
    );
    const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
    const file = path.join(dir, 'ente-auth-codes.txt');
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        kdfParams: { memLimit: 64 * 1024, opsLimit: 2, salt: b64(salt) },
        encryptedData: b64(data),
        encryptionNonce: b64(header),
      }),
    );
    const { status, json } = await importJson(file, await emptyVault('ente.json'));
    expect([status, json.format, json.added]).toEqual([
      0,
      'ente',
      [{ issuer: 'Example', label: 'alice' }],
    ]);
  });

  it('opens a Proton Authenticator password export (Proton’s fixed 19 MiB × 2)', async () => {
    const salt = randomBytes(16);
    const inner = JSON.stringify({
      version: 1,
      entries: [{ id: 'a', content: { uri: LINK, entry_type: 'Totp', name: 'alice' }, note: null }],
    });
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await key(salt, 19 * 1024, 2), nonce);
    cipher.setAAD(Buffer.from('proton.authenticator.export.v1', 'utf8'));
    const body = Buffer.concat([cipher.update(inner), cipher.final()]);
    const content = Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64');
    const file = path.join(dir, 'Proton_Authenticator_backup.json');
    await writeFile(file, JSON.stringify({ version: 1, salt: salt.toString('base64'), content }));
    const { status, json } = await importJson(file, await emptyVault('proton.json'));
    expect([status, json.format, json.added]).toEqual([
      0,
      'proton',
      [{ issuer: 'Example', label: 'alice' }],
    ]);
  });
});
