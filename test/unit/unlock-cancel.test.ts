// Cancelling the window's password unlock while its key is derived (cancelUnlock): the vault stays
// locked, the attempt does not count as a wrong password, and the next unlock works. Derivations
// are held at their start (watchKdfRuns), so nothing here races the KDF.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ErrorCode } from '../../shared/errors';
import type { Method, MethodArgs } from '../../shared/ipc';
import { dispatch } from '../../electron/ipc/dispatch';
import { composeServices, type Services } from '../../electron/composition';
import { Vault } from '../../electron/vault/vault';
import { testPorts } from '../harness/test-ports';
import { TINY_KDF } from '../harness/vault-fixtures';
import { holdKdfRuns } from '../harness/kdf-hold';

const PASSWORD = 'vault password';

let dir: string;
let services: Services;
let stopWatching: () => void = () => {};

async function outcome<M extends Method>(
  method: M,
  args?: MethodArgs[M],
): Promise<ErrorCode | 'ok'> {
  const result = await dispatch(services.handlers, method, args);
  return result.ok ? 'ok' : result.error.code;
}

/** Every key derivation held at its start until release(); see harness/kdf-hold.ts. */
function holdDerivations() {
  const hold = holdKdfRuns();
  stopWatching = hold.stop;
  return hold;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-unlock-cancel-'));
  const file = path.join(dir, 'vault.json');
  (await Vault.create(file, PASSWORD, { kdf: TINY_KDF })).lock();
  services = composeServices(testPorts({ vaultPath: file, kdf: TINY_KDF }));
});

afterEach(async () => {
  stopWatching();
  services.vault.lock('user');
  await rm(dir, { recursive: true, force: true });
});

it('cancelUnlock while the key is derived leaves the vault locked; the next unlock works', async () => {
  const hold = holdDerivations();
  const unlocking = outcome('unlock', { password: PASSWORD });
  await hold.started;
  expect(await outcome('cancelUnlock')).toBe('ok');
  hold.release();
  expect(await unlocking).toBe('CANCELLED');
  expect(services.vault.isUnlocked).toBe(false);
  stopWatching();
  expect(await outcome('unlock', { password: PASSWORD })).toBe('ok');
  expect(services.vault.isUnlocked).toBe(true);
});

it('a cancelled wrong password is not counted as one, and cancelUnlock with nothing running does nothing', async () => {
  expect(await outcome('cancelUnlock')).toBe('ok');
  for (let i = 0; i < 8; i++) {
    const hold = holdDerivations();
    const unlocking = outcome('unlock', { password: 'wrong' });
    await hold.started;
    await outcome('cancelUnlock');
    hold.release();
    expect(await unlocking).toBe('CANCELLED');
    stopWatching();
  }
  // No wait was started by the cancelled tries: the right password opens at once.
  expect(await outcome('unlock', { password: PASSWORD })).toBe('ok');
});
