// Typing a code (quick access's Shift+Enter) through the services main composes, with a recording
// typist: a fresh code (never one whose step ends within FRESH_MARGIN_MS), nothing typed into
// Authdesk's own windows, and a copy (cleared as every copy) wherever typing cannot be done.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountInput } from '../../shared/account';
import type { Method, MethodArgs, MethodResults } from '../../shared/ipc';
import { codesAt, hotpCode } from '../../shared/otp';
import { dispatch } from '../../electron/ipc/dispatch';
import { composeServices, type Services } from '../../electron/composition';
import { FRESH_MARGIN_MS } from '../../electron/use-cases/type-code';
import { MemoryClipboard, RecordingTypist } from '../harness/browser/ports';
import { ManualTime } from '../harness/manual-timers';
import { testPorts } from '../harness/test-ports';
import { removeTempDir, tempVaultFile } from '../harness/vault-fixtures';

const TOTP: AccountInput = {
  issuer: 'Example',
  label: 'totp',
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
};
const HOTP: AccountInput = { ...TOTP, label: 'hotp', type: 'hotp', counter: 5 };
/** The start of a 30 s step. */
const STEP = Date.UTC(2026, 0, 1, 0, 0, 0);
const NOT_OURS = { targetIsOurs: false };

let dir: string;
let time: ManualTime;
let clipboard: MemoryClipboard;
let typist: RecordingTypist;
let services: Services;
/** The clock's reading each time something was typed. */
let typedAt: number[];

async function ok<M extends Method>(method: M, args?: MethodArgs[M]): Promise<MethodResults[M]> {
  const result = await dispatch(services.handlers, method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as MethodResults[M];
}
const settle = () => new Promise((resolve) => setImmediate(resolve));
const code = (at: number) => codesAt(TOTP, at).current;

async function start(at: number): Promise<void> {
  let file: string;
  ({ dir, file } = await tempVaultFile());
  time = new ManualTime(at);
  clipboard = new MemoryClipboard();
  typist = new RecordingTypist();
  typedAt = [];
  typist.onType = () => typedAt.push(time.now());
  services = composeServices(
    testPorts({ vaultPath: file, clock: time, timers: time, clipboard, typist }),
  );
  await ok('createVault', { password: 'pw' });
}
async function add(account: AccountInput): Promise<string> {
  return ((await ok('addAccount', { account })) as { id: string }).id;
}

afterEach(async () => {
  services.vault.lock('user');
  await removeTempDir(dir);
});

describe('typing a TOTP code', () => {
  beforeEach(() => start(STEP + 10_000));

  it('types the current code at once when its step has time left, and copies nothing', async () => {
    const id = await add(TOTP);
    expect(await services.typeCode.type(id, NOT_OURS)).toEqual({ done: 'typed' });
    expect(typist.typed).toEqual([code(STEP + 10_000)]);
    expect(typedAt).toEqual([STEP + 10_000]);
    expect(clipboard.text).toBe('');
  });

  it(`types at once with exactly ${FRESH_MARGIN_MS} ms left`, async () => {
    const id = await add(TOTP);
    time.jump(30_000 - 10_000 - FRESH_MARGIN_MS);
    expect(await services.typeCode.type(id, NOT_OURS)).toEqual({ done: 'typed' });
    expect(typist.typed).toEqual([code(STEP)]);
  });

  it(`waits for the next step when the code has less than ${FRESH_MARGIN_MS} ms left, then types the new code`, async () => {
    const id = await add(TOTP);
    time.jump(30_000 - 10_000 - FRESH_MARGIN_MS + 1); // 999 ms left
    const typing = services.typeCode.type(id, NOT_OURS);
    await settle();
    expect(typist.typed).toEqual([]); // the old code is never typed
    time.advance(FRESH_MARGIN_MS - 2);
    await settle();
    expect(typist.typed).toEqual([]);
    time.advance(1); // the step ends
    expect(await typing).toEqual({ done: 'typed' });
    expect(typist.typed).toEqual([code(STEP + 30_000)]);
    expect(code(STEP + 30_000)).not.toBe(code(STEP));
    expect(typedAt).toEqual([STEP + 30_000]);
  });
});

describe('whether typing can be done (for Settings and quick access)', () => {
  beforeEach(() => start(STEP + 10_000));

  it('passes on what the typing engine says', async () => {
    expect(await services.typeCode.availability()).toEqual({ available: true });
    typist.unavailable = 'wayland';
    expect(await services.typeCode.availability()).toEqual({ available: false, reason: 'wayland' });
  });
});

describe('not typing', () => {
  beforeEach(() => start(STEP + 10_000));

  it("copies instead of typing into Authdesk's own window", async () => {
    const id = await add(TOTP);
    const result = await services.typeCode.type(id, { targetIsOurs: true });
    expect(result).toEqual({ done: 'copied', reason: 'own-window', clearsAt: STEP + 30_000 });
    expect(typist.typed).toEqual([]);
    expect(clipboard.text).toBe(code(STEP + 10_000));
    expect(clipboard.secret).toBe(true);
  });

  for (const reason of ['wayland', 'no-display', 'unsupported', 'failed'] as const) {
    it(`copies when typing is unavailable (${reason}), and clears the clipboard when the code expires`, async () => {
      const id = await add(TOTP);
      typist.unavailable = reason;
      const result = await services.typeCode.type(id, NOT_OURS);
      expect(result).toEqual({ done: 'copied', reason, clearsAt: STEP + 30_000 });
      expect(typist.typed).toEqual([]);
      expect(clipboard.text).toBe(code(STEP + 10_000));
      time.advance(20_000);
      await settle();
      expect(clipboard.text).toBe('');
    });
  }

  it('copies when the keystrokes fail', async () => {
    const id = await add(TOTP);
    typist.failing = true;
    const result = await services.typeCode.type(id, NOT_OURS);
    expect(result).toEqual({ done: 'copied', reason: 'failed', clearsAt: STEP + 30_000 });
    expect(clipboard.text).toBe(code(STEP + 10_000));
  });

  it('copies without clearing when the user turned clearing off', async () => {
    const id = await add(TOTP);
    await ok('setSettings', { clearClipboard: false });
    typist.unavailable = 'wayland';
    const result = await services.typeCode.type(id, NOT_OURS);
    expect(result).toEqual({ done: 'copied', reason: 'wayland', clearsAt: null });
    expect(clipboard.text).toBe(code(STEP + 10_000));
  });

  it('refuses while the vault is locked, typing and copying nothing', async () => {
    const id = await add(TOTP);
    services.vault.lock('user');
    await expect(services.typeCode.type(id, NOT_OURS)).rejects.toMatchObject({
      code: 'VAULT_LOCKED',
    });
    expect(typist.typed).toEqual([]);
    expect(clipboard.text).toBe('');
  });
});

describe('typing an HOTP code', () => {
  beforeEach(() => start(STEP + 29_500));

  it('types the current code at once (no expiry by time) and leaves the counter where it is', async () => {
    const id = await add(HOTP);
    expect(await services.typeCode.type(id, NOT_OURS)).toEqual({ done: 'typed' });
    expect(typist.typed).toEqual([hotpCode(HOTP, 5)]);
    expect(services.vault.get(id)).toMatchObject({ counter: 5 });
  });
});
