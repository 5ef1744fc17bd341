// Copying a code through the IPC handlers main registers: when the clipboard is cleared again. A
// TOTP code when it expires, an HOTP code (valid until used) 30 s after the copy, either on lock, and
// nothing when the user turned clearing off.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountInput } from '../../shared/account';
import type { Method, MethodArgs, MethodResults } from '../../shared/ipc';
import { codesAt, hotpCode as hotpAt } from '../../shared/otp';
import { dispatch } from '../../electron/ipc/dispatch';
import { composeServices, type Services } from '../../electron/composition';
import { HOTP_CLEAR_MS } from '../../electron/use-cases/clipboard-guard';
import { MemoryClipboard } from '../harness/browser/ports';
import { ManualTime } from '../harness/manual-timers';
import { testPorts } from '../harness/test-ports';
import { removeTempDir, tempVaultFile } from '../harness/vault-fixtures';

const HOTP: AccountInput = {
  issuer: 'Example',
  label: 'hotp',
  type: 'hotp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 5,
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
};
const TOTP: AccountInput = { ...HOTP, label: 'totp', type: 'totp', counter: 0 };
/** 10 s into a 30 s step. */
const START = Date.UTC(2026, 0, 1, 0, 0, 10);

let dir: string;
let time: ManualTime;
let clipboard: MemoryClipboard;
let services: Services;

async function ok<M extends Method>(method: M, args?: MethodArgs[M]): Promise<MethodResults[M]> {
  const result = await dispatch(services.handlers, method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as MethodResults[M];
}
const settle = () => new Promise((resolve) => setImmediate(resolve));
const hotpCode = (counter: number) => hotpAt(HOTP, counter);

beforeEach(async () => {
  let file: string;
  ({ dir, file } = await tempVaultFile());
  time = new ManualTime(START);
  clipboard = new MemoryClipboard();
  services = composeServices(testPorts({ vaultPath: file, clock: time, timers: time, clipboard }));
  await ok('createVault', { password: 'pw' });
});
afterEach(async () => {
  services.vault.lock('user');
  await removeTempDir(dir);
});

async function add(account: AccountInput): Promise<string> {
  return ((await ok('addAccount', { account })) as { id: string }).id;
}

describe('copying an HOTP code', () => {
  it(`clears it ${HOTP_CLEAR_MS / 1000} s after the copy, and says so`, async () => {
    const id = await add(HOTP);
    const copied = await ok('copyCode', { id, which: 'current' });
    expect(clipboard.text).toBe(hotpCode(5));
    expect(clipboard.secret).toBe(true);
    expect(copied.clearsAt).toBe(START + HOTP_CLEAR_MS);
    time.advance(HOTP_CLEAR_MS - 1);
    await settle();
    expect(clipboard.text).toBe(hotpCode(5));
    time.advance(1);
    await settle();
    expect(clipboard.text).toBe('');
  });

  it('clears it at once when the vault locks', async () => {
    const id = await add(HOTP);
    await ok('copyCode', { id, which: 'next' });
    expect(clipboard.text).toBe(hotpCode(6));
    services.vault.lock('idle');
    await settle();
    expect(clipboard.text).toBe('');
  });

  it('leaves the clipboard alone if the user copied something else meanwhile', async () => {
    const id = await add(HOTP);
    await ok('copyCode', { id, which: 'current' });
    clipboard.text = 'my notes';
    time.advance(HOTP_CLEAR_MS);
    await settle();
    expect(clipboard.text).toBe('my notes');
    services.vault.lock('user');
    await settle();
    expect(clipboard.text).toBe('my notes');
  });

  it('with clearing turned off, never clears it, not even on lock', async () => {
    const id = await add(HOTP);
    await ok('setSettings', { clearClipboard: false });
    expect(await ok('copyCode', { id, which: 'current' })).toEqual({ clearsAt: null });
    time.advance(3_600_000);
    services.vault.lock('user');
    await settle();
    expect(clipboard.text).toBe(hotpCode(5));
  });
});

describe('copying a TOTP code', () => {
  it('clears it when it expires, or at once on lock', async () => {
    const id = await add(TOTP);
    const copied = await ok('copyCode', { id, which: 'current' });
    expect(clipboard.text).toBe(codesAt(TOTP, START).current);
    expect(clipboard.secret).toBe(true);
    expect(copied.clearsAt).toBe(START + 20_000);
    time.advance(20_000);
    await settle();
    expect(clipboard.text).toBe('');

    await ok('copyCode', { id, which: 'current' });
    expect(clipboard.text).not.toBe('');
    services.vault.lock('system');
    await settle();
    expect(clipboard.text).toBe('');
  });
});
