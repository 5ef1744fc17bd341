// The IPC handler table main registers, driven through dispatch on a real vault in a temp folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountInput } from '../../shared/account';
import type { EventName, Events, Method, MethodArgs, Result } from '../../shared/ipc';
import { METHODS } from '../../shared/ipc';
import { codesAt } from '../../shared/otp';
import { dispatch } from '../../electron/ipc/dispatch';
import { systemTimers } from '../../electron/clock/clock';
import { composeServices, type Services } from '../../electron/composition';
import { IdleLock } from '../../electron/use-cases/idle-lock';
import { QrDecoder } from '../../electron/qr/decoder';
import { MemoryClipboard, TestClock } from '../harness/browser/ports';
import { testPorts } from '../harness/test-ports';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const AWS: AccountInput = {
  issuer: 'Amazon Web Services',
  label: 'root@123456789012',
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret: SECRET,
};

let dir: string;
let services: Services;
let clipboard: MemoryClipboard;
let clock: TestClock;
let sent: { name: string; payload: unknown }[];
let decoder: QrDecoder;

async function call<M extends Method>(method: M, args?: MethodArgs[M]): Promise<Result<unknown>> {
  const result = await dispatch(services.handlers, method, args);
  sent.push({ name: method, payload: result });
  return result;
}

async function value<M extends Method>(method: M, args?: MethodArgs[M]): Promise<unknown> {
  const result = await call(method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-ipc-'));
  clipboard = new MemoryClipboard();
  clock = new TestClock();
  sent = [];
  decoder = new QrDecoder();
  services = composeServices(
    testPorts({
      vaultPath: path.join(dir, 'vault.json'),
      clock,
      clipboard,
      decoder,
      push: <E extends EventName>(name: E, payload: Events[E]) => sent.push({ name, payload }),
      systemLanguage: () => 'ja-JP',
    }),
  );
});

afterEach(async () => {
  services.vault.lock('user');
  await decoder.close();
  await rm(dir, { recursive: true, force: true });
});

describe('IPC handlers', () => {
  it('walks first run: missing → created and unlocked → locked → unlocked', async () => {
    expect(await value('status')).toMatchObject({ vault: 'missing', systemLanguage: 'ja-JP' });
    await value('createVault', { password: 'a long password' });
    expect(await value('status')).toMatchObject({ vault: 'unlocked' });
    await value('lock');
    expect(sent.some((s) => s.name === 'locked')).toBe(true);
    expect(await value('status')).toMatchObject({ vault: 'locked' });
    expect(await call('unlock', { password: 'wrong' })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'WRONG_PASSWORD' }),
    });
    await value('unlock', { password: 'a long password' });
    expect(await value('status')).toMatchObject({ vault: 'unlocked' });
  });

  it('refuses calls while locked with VAULT_LOCKED', async () => {
    await value('createVault', { password: 'pw' });
    await value('lock');
    for (const method of ['listAccounts', 'getCodes'] as const) {
      const result = await call(method);
      expect(result.ok ? null : result.error.code).toBe('VAULT_LOCKED');
    }
  });

  it('validates every argument: unknown methods, extra fields and wrong types are INVALID_ARGUMENT', async () => {
    const bad: [unknown, unknown][] = [
      ['deleteEverything', undefined],
      ['unlock', { password: 'x', extra: 1 }],
      ['unlock', { password: 42 }],
      ['unlock', undefined],
      ['addAccount', { account: { ...AWS, digits: 'six' } }],
      ['addAccount', { account: { ...AWS, secret: 'x'.repeat(5000) } }],
      ['copyCode', { id: 'x', which: 'previous' }],
      ['setSettings', { autoLockMinutes: -5 }],
      ['reorderAccounts', { ids: 'all' }],
      ['status', { sneaky: true }],
    ];
    for (const [method, args] of bad) {
      const result = await dispatch(services.handlers, method, args);
      expect(result, String(method)).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      });
    }
  });

  it('adds, lists, edits, reorders and removes accounts, pushing each change', async () => {
    await value('createVault', { password: 'pw' });
    const added = (await value('addAccount', { account: AWS })) as { id: string };
    const second = (await value('addAccount', {
      account: { ...AWS, issuer: 'GitHub', label: 'octocat', secret: 'GEZDGNBVGY3TQOJQ' },
    })) as { id: string };
    expect(await call('addAccount', { account: AWS })).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_DUPLICATE' },
    });
    await value('updateAccount', {
      id: added.id,
      patch: { pinned: true, awsSerial: 'arn:aws:iam::123456789012:mfa/root' },
    });
    await value('reorderAccounts', { ids: [second.id, added.id] });
    const list = (await value('listAccounts')) as { id: string; pinned?: boolean }[];
    expect(list.map((a) => a.id)).toEqual([second.id, added.id]);
    expect(list[1]!.pinned).toBe(true);
    await value('removeAccount', { id: second.id });
    expect(((await value('listAccounts')) as unknown[]).length).toBe(1);
    expect(sent.filter((s) => s.name === 'accountsChanged').length).toBeGreaterThanOrEqual(5);
  });

  it('gives codes equal to the OTP engine for that moment', async () => {
    await value('createVault', { password: 'pw' });
    const added = (await value('addAccount', { account: AWS })) as { id: string };
    clock.set(Date.UTC(2026, 0, 1, 0, 0, 10));
    const snapshot = (await value('getCodes')) as {
      at: number;
      codes: { id: string; current: string; next: string }[];
    };
    const expected = codesAt(AWS, snapshot.at);
    expect(snapshot.codes).toEqual([
      {
        id: added.id,
        current: expected.current,
        next: expected.next,
        stepEndsAt: Date.UTC(2026, 0, 1, 0, 0, 30),
        period: 30,
      },
    ]);
  });

  it('copies the current or next code in main and reports when the clipboard clears', async () => {
    await value('createVault', { password: 'pw' });
    const added = (await value('addAccount', { account: AWS })) as { id: string };
    clock.set(Date.UTC(2026, 0, 1, 0, 0, 10));
    const copied = (await value('copyCode', { id: added.id, which: 'current' })) as {
      clearsAt: number;
    };
    expect(clipboard.text).toBe(codesAt(AWS, clock.now()).current);
    expect(copied.clearsAt).toBe(Date.UTC(2026, 0, 1, 0, 0, 30));
    const next = (await value('copyCode', { id: added.id, which: 'next' })) as { clearsAt: number };
    expect(clipboard.text).toBe(codesAt(AWS, clock.now()).next);
    expect(next.clearsAt).toBe(Date.UTC(2026, 0, 1, 0, 1, 0));
    await value('setSettings', { clearClipboard: false });
    expect(await value('copyCode', { id: added.id, which: 'current' })).toEqual({ clearsAt: null });
  });

  it('advances an HOTP counter only for HOTP accounts', async () => {
    await value('createVault', { password: 'pw' });
    const hotp = (await value('addAccount', { account: { ...AWS, type: 'hotp', label: 'h' } })) as {
      id: string;
    };
    expect(await value('nextHotpCode', { id: hotp.id })).toMatchObject({ counter: 1 });
    const totp = (await value('addAccount', {
      account: { ...AWS, secret: 'GEZDGNBVGY3TQOJQ' },
    })) as { id: string };
    expect(await call('nextHotpCode', { id: totp.id })).toMatchObject({ ok: false });
  });

  it('locks on idle after the configured minutes and pushes the reason', async () => {
    await value('createVault', { password: 'pw' });
    await value('setSettings', { autoLockMinutes: 1 });
    const idle = composeIdle(61);
    idle.check();
    idle.stop();
    expect(await value('status')).toMatchObject({ vault: 'locked' });
    expect(sent).toContainEqual({ name: 'locked', payload: { reason: 'idle' } });
  });

  it('never sends a secret to the renderer, in any result or event, across every method', async () => {
    await value('createVault', { password: 'pw' });
    const added = (await value('addAccount', { account: AWS })) as { id: string };
    await value('addAccount', {
      account: { ...AWS, type: 'hotp', label: 'h', secret: 'GEZDGNBVGY3TQOJQ' },
    });
    for (const method of METHODS) {
      if (['createVault', 'unlock', 'changePassword', 'lock', 'removeAccount'].includes(method))
        continue;
      await dispatch(services.handlers, method, sampleArgs(method, added.id)).then((r) =>
        sent.push({ name: method, payload: r }),
      );
    }
    await value('changePassword', { oldPassword: 'pw', newPassword: 'pw2' });
    await value('lock');
    await value('unlock', { password: 'pw2' });
    await value('removeAccount', { id: added.id });
    const wire = JSON.stringify(sent);
    for (const secret of [SECRET, 'GEZDGNBVGY3TQOJQ']) {
      expect(wire).not.toContain(secret);
      expect(wire.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    expect(wire).not.toContain('"secret"');
  });
});

function composeIdle(idleSeconds: number) {
  // The same IdleLock policy as the app, with the system idle time fixed for the test.
  return new IdleLock({
    timers: systemTimers,
    idleSeconds: () => idleSeconds,
    minutes: () => services.settings.get().autoLockMinutes,
    isUnlocked: () => services.vault.isUnlocked,
    lock: () => services.vault.lock('idle'),
  });
}

function sampleArgs(method: Method, id: string): unknown {
  switch (method) {
    case 'updateAccount':
      return { id, patch: { note: 'n' } };
    case 'nextHotpCode':
      return { id };
    case 'copyCode':
      return { id, which: 'next' };
    case 'reorderAccounts':
      return { ids: services.vault.list().map((a) => a.id) };
    case 'addAccount':
      return { account: { ...AWS, label: 'another', secret: 'MFRGGZDFMZTWQ2LK' } };
    case 'setSettings':
      return { theme: 'dark' };
    default:
      return undefined;
  }
}
