// Cancelling an encrypted file's unlock from the window (cancelImportFile), while its key is being
// derived: the run stops before the next derivation, nothing joins a preview, and the file is gone.
// The derivation is held at its start through watchKdfRuns, so nothing here depends on timing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../shared/errors';
import type { Method, MethodArgs, MethodResults } from '../../shared/ipc';
import { dispatch } from '../../electron/ipc/dispatch';
import { composeServices, type Services } from '../../electron/composition';
import { encodeBackup, newBackupKey } from '../../electron/transfer/backup-file';
import { Vault } from '../../electron/vault/vault';
import { aegisDb, aegisEncryptedFile, SAMPLE_ACCOUNTS } from '../harness/import-samples';
import { testPorts } from '../harness/test-ports';
import { TINY_KDF } from '../harness/vault-fixtures';
import { holdKdfRuns } from '../harness/kdf-hold';

const PASSWORD = 'vault password';
const FILE_PASSWORD = 'file password';

let dir: string;
let services: Services;
let stopWatching: () => void = () => {};

async function call<M extends Method>(
  method: M,
  args?: MethodArgs[M],
): Promise<{ ok: true; value: MethodResults[M] } | { ok: false; code: ErrorCode }> {
  const result = await dispatch(services.handlers, method, args);
  return result.ok
    ? { ok: true, value: result.value as MethodResults[M] }
    : { ok: false, code: result.error.code };
}

/** Every key derivation held at its start until release(); see harness/kdf-hold.ts. */
function holdDerivations() {
  const hold = holdKdfRuns();
  stopWatching = hold.stop;
  return hold;
}

/** Opens the file from the window's bytes; it waits for its password. */
async function openLocked(name: string, bytes: Uint8Array): Promise<string> {
  const opened = await call('importFileBytes', {
    name,
    base64: Buffer.from(bytes).toString('base64'),
  });
  if (!opened.ok || opened.value.status !== 'password') throw new Error('expected a password');
  return opened.value.fileId;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-cancel-'));
  const file = path.join(dir, 'vault.json');
  const vault = await Vault.create(file, PASSWORD, { kdf: TINY_KDF });
  vault.lock();
  services = composeServices(testPorts({ vaultPath: file, kdf: TINY_KDF }));
  await call('unlock', { password: PASSWORD });
});

afterEach(async () => {
  stopWatching();
  services.vault.lock('user');
  await rm(dir, { recursive: true, force: true });
});

describe('cancelImportFile', () => {
  it('stops an Aegis unlock before its next derivation; nothing is imported and the file is forgotten', async () => {
    const bytes = aegisEncryptedFile(aegisDb(SAMPLE_ACCOUNTS.slice(0, 3)), 'first', {
      biometricSlot: true,
      morePasswords: [FILE_PASSWORD],
    });
    const fileId = await openLocked('aegis.json', bytes);
    const hold = holdDerivations();
    const unlocking = call('unlockImportFile', { fileId, password: FILE_PASSWORD });
    await hold.started;
    expect(await call('cancelImportFile', { fileId })).toEqual({ ok: true, value: undefined });
    hold.release();
    expect(await unlocking).toEqual({ ok: false, code: 'CANCELLED' });
    // The right password was in the second slot: it was never tried.
    expect(hold.runs).toHaveLength(1);
    expect(services.vault.list()).toEqual([]);
    expect(await call('unlockImportFile', { fileId, password: FILE_PASSWORD })).toEqual({
      ok: false,
      code: 'IMPORT_EXPIRED',
    });
  });

  it('stops a backup restore held at its one derivation: CANCELLED, nothing restored', async () => {
    const key = await newBackupKey(FILE_PASSWORD, TINY_KDF);
    const text = encodeBackup({ accounts: [], groups: [] }, key, {
      appVersion: '1.0.0',
      now: new Date('2026-12-01T00:00:00Z'),
    });
    const fileId = await openLocked('backup.authdesk', Buffer.from(text));
    const hold = holdDerivations();
    const unlocking = call('unlockImportFile', { fileId, password: FILE_PASSWORD });
    await hold.started;
    await call('cancelImportFile', { fileId });
    hold.release();
    expect(await unlocking).toEqual({ ok: false, code: 'CANCELLED' });
    expect(services.vault.list()).toEqual([]);
  });

  it('of a file that is not (or no longer) open does nothing', async () => {
    expect(await call('cancelImportFile', { fileId: 'gone' })).toEqual({
      ok: true,
      value: undefined,
    });
  });
});
