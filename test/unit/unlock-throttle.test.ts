// Wrong vault passwords slow down after 5 in a row: the policy, the throttle on a manual clock, and
// The vault sending unlock, re-asking and changing the password through one count on a real vault.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthdeskError } from '../../shared/errors';
import { dispatch } from '../../electron/ipc/dispatch';
import type { Handlers } from '../../electron/ipc/handlers';
import { UnlockThrottle, waitAfter } from '../../electron/vault/unlock-throttle';
import { Vault } from '../../electron/vault/vault';
import { ManualTime } from '../harness/manual-timers';
import { PASSWORD, TINY_KDF, removeTempDir, tempVaultFile } from '../harness/vault-fixtures';

const T0 = Date.UTC(2025, 0, 15, 9, 0, 0);
const wrong = () =>
  Promise.reject(new AuthdeskError('WRONG_PASSWORD', 'The password is not correct.'));
const right = () => Promise.resolve('opened');

/** The error a promise rejects with (the test fails if it resolves). */
async function failure(promise: Promise<unknown>): Promise<AuthdeskError> {
  try {
    await promise;
  } catch (error) {
    return error as AuthdeskError;
  }
  throw new Error('expected a rejection');
}

describe('the throttle policy', () => {
  it('waits 1 s after the 5th wrong password, doubling per failure, at most 5 minutes', () => {
    expect([0, 1, 2, 3, 4].map((n) => waitAfter(n))).toEqual([0, 0, 0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => waitAfter(n))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(waitAfter(13)).toBe(256_000);
    expect(waitAfter(14)).toBe(300_000);
    expect(waitAfter(5_000)).toBe(300_000); // 2 ** 4995 is Infinity; the cap still holds
  });
});

describe('UnlockThrottle', () => {
  let time: ManualTime;
  let throttle: UnlockThrottle;
  let checks: number;
  const counted = (check: () => Promise<string>) => () => {
    checks++;
    return check();
  };

  beforeEach(() => {
    time = new ManualTime(T0);
    throttle = new UnlockThrottle(time);
    checks = 0;
  });

  async function failTimes(n: number): Promise<AuthdeskError> {
    let last!: AuthdeskError;
    for (let i = 0; i < n; i++) {
      last = await failure(throttle.attempt(counted(wrong)));
      expect(last.code).toBe('WRONG_PASSWORD');
      time.advance(waitAfter(throttle.failures));
    }
    return last;
  }

  it('lets four wrong passwords through untouched; the 5th says how long the next try waits', async () => {
    for (let i = 1; i <= 4; i++) {
      const error = await failure(throttle.attempt(counted(wrong)));
      expect(error.toInfo()).toEqual({
        code: 'WRONG_PASSWORD',
        message: 'The password is not correct.',
      });
    }
    const fifth = await failure(throttle.attempt(counted(wrong)));
    expect(fifth.toInfo()).toMatchObject({ code: 'WRONG_PASSWORD', retryAfterMs: 1_000 });
    expect(checks).toBe(5);
  });

  it('refuses the next try without running the check until the wait has passed', async () => {
    for (let i = 0; i < 5; i++) await failure(throttle.attempt(counted(wrong)));
    expect(checks).toBe(5);

    const early = await failure(throttle.attempt(counted(right)));
    expect(early.toInfo()).toEqual({
      code: 'UNLOCK_THROTTLED',
      message: 'Too many wrong passwords; try again later.',
      retryAfterMs: 1_000,
    });
    time.advance(999);
    expect((await failure(throttle.attempt(counted(right)))).retryAfterMs).toBe(1);
    expect(checks).toBe(5); // the KDF never ran for the refused tries

    time.advance(1);
    await expect(throttle.attempt(counted(right))).resolves.toBe('opened');
    expect(checks).toBe(6);
  });

  it('doubles the wait with each further wrong password and stops at 5 minutes', async () => {
    await failTimes(5);
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const error = await failure(throttle.attempt(counted(wrong)));
      waits.push(error.retryAfterMs!);
      expect(await failure(throttle.attempt(counted(right)))).toMatchObject({
        code: 'UNLOCK_THROTTLED',
        retryAfterMs: error.retryAfterMs,
      });
      time.advance(error.retryAfterMs!);
    }
    expect(waits).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000,
    ]);
  });

  it('a right password resets the count: the next wrong one is free again', async () => {
    await failTimes(7);
    await expect(throttle.attempt(counted(right))).resolves.toBe('opened');
    expect(throttle.failures).toBe(0);
    const next = await failure(throttle.attempt(counted(wrong)));
    expect(next.toInfo()).not.toHaveProperty('retryAfterMs');
    expect(throttle.waitMs()).toBe(0);
  });

  it('other errors neither count nor reset', async () => {
    await failTimes(3);
    const corrupt = () => Promise.reject(new AuthdeskError('VAULT_CORRUPT', 'Damaged.'));
    const io = () => Promise.reject(new Error('EIO'));
    expect((await failure(throttle.attempt(corrupt))).code).toBe('VAULT_CORRUPT');
    expect((await failure(throttle.attempt(io))).message).toBe('EIO');
    expect(throttle.failures).toBe(3);
  });

  it('runs tries one at a time, so a burst cannot pass the check before the failures count', async () => {
    const burst = await Promise.all(
      Array.from({ length: 12 }, () => failure(throttle.attempt(counted(wrong)))),
    );
    expect(checks).toBe(5);
    expect(burst.map((e) => e.code)).toEqual([
      ...Array<string>(5).fill('WRONG_PASSWORD'),
      ...Array<string>(7).fill('UNLOCK_THROTTLED'),
    ]);
  });

  it('a clock set back does not stretch the wait', async () => {
    await failTimes(5);
    await failure(throttle.attempt(counted(wrong))); // 6th: 2 s
    time.jump(-3_600_000);
    expect(throttle.waitMs()).toBe(2_000);
    time.advance(2_000);
    await expect(throttle.attempt(counted(right))).resolves.toBe('opened');
  });
});

describe('the vault with the throttle', () => {
  let dir: string;
  let file: string;
  let time: ManualTime;
  let service: Vault;

  beforeEach(async () => {
    ({ dir, file } = await tempVaultFile());
    (await Vault.create(file, PASSWORD, { kdf: TINY_KDF })).lock();
    time = new ManualTime(T0);
    service = new Vault(file, {
      events: { locked: () => {}, changed: () => {} },
      watch: time,
      throttle: new UnlockThrottle(time),
      kdf: TINY_KDF,
    });
  });

  afterEach(async () => {
    service.lock('user');
    await removeTempDir(dir);
  });

  it('counts wrong passwords given to unlock, to a re-ask and to a password change together', async () => {
    expect((await failure(service.unlock('nope 1'))).code).toBe('WRONG_PASSWORD');
    expect((await failure(service.checkPassword('nope 2'))).code).toBe('WRONG_PASSWORD');
    expect((await failure(service.unlock('nope 3'))).code).toBe('WRONG_PASSWORD');
    await service.unlock(PASSWORD); // resets
    for (let i = 0; i < 4; i++) await failure(service.checkPassword(`nope ${i}`));
    const fifth = await failure(service.changePassword('not it', 'a new password'));
    expect(fifth).toMatchObject({ code: 'WRONG_PASSWORD', retryAfterMs: 1_000 });

    // The right password too is refused while the wait runs, on every path.
    expect((await failure(service.checkPassword(PASSWORD))).code).toBe('UNLOCK_THROTTLED');
    service.lock('user');
    expect((await failure(service.unlock(PASSWORD))).code).toBe('UNLOCK_THROTTLED');
    expect(await service.state()).toBe('locked');

    time.advance(1_000);
    await service.unlock(PASSWORD);
    expect(await service.state()).toBe('unlocked');
  });

  it('main answers a throttled unlock with the code and the wait, through dispatch', async () => {
    for (let i = 0; i < 5; i++) await failure(service.unlock(`nope ${i}`));
    const handlers = { unlock: ({ password }) => service.unlock(password) } as Pick<
      Handlers,
      'unlock'
    >;
    time.advance(400);
    const result = await dispatch(handlers as Handlers, 'unlock', { password: PASSWORD });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'UNLOCK_THROTTLED',
        message: 'Too many wrong passwords; try again later.',
        retryAfterMs: 600,
      },
    });
  });
});
