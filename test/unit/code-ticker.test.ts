// The code ticker pushes once per time step, with the codes the OTP engine gives for that moment.
import { describe, expect, it } from 'vitest';
import type { Account } from '../../shared/account';
import type { CodesSnapshot } from '../../shared/ipc';
import { createOtpEngine } from '../../shared/otp';
import { CodeTicker } from '../../electron/use-cases/code-ticker';
import { ManualTime } from '../harness/manual-timers';

const engine = createOtpEngine();
const T0 = Date.UTC(2026, 10, 23, 12, 0, 10); // 10 s into a 30 s step and a 60 s step

function account(id: string, period: number, type: Account['type'] = 'totp'): Account {
  return {
    id,
    issuer: 'Example',
    label: id,
    type,
    algorithm: 'SHA1',
    digits: type === 'steam' ? 5 : 6,
    period,
    counter: 0,
    secret: 'JBSWY3DPEHPK3PXP',
    createdAt: '',
    updatedAt: '',
  };
}

function setup(accounts: Account[] | undefined) {
  const time = new ManualTime(T0);
  const pushes: CodesSnapshot[] = [];
  let current = accounts;
  const ticker = new CodeTicker({
    clock: time,
    timers: time,
    engine,
    accounts: () => current,
    push: (s) => pushes.push(s),
  });
  return { time, pushes, ticker, setAccounts: (a: Account[] | undefined) => (current = a) };
}

describe('code ticker', () => {
  it('pushes at once, then exactly once per 30 s step, with the engine codes of that moment', () => {
    const { time, pushes, ticker } = setup([account('a', 30)]);
    ticker.refresh();
    expect(pushes).toHaveLength(1);
    time.advance(90_000);
    expect(pushes).toHaveLength(4);
    for (const snapshot of pushes) {
      const expected = engine.codesAt(account('a', 30), snapshot.at);
      expect(snapshot.codes[0]).toMatchObject({
        current: expected.current,
        next: expected.next,
        stepEndsAt: expected.stepEndsAt,
      });
    }
    // Each push after the first lands on a step boundary, or a few ms after it.
    for (const p of pushes.slice(1)) expect(p.at % 30_000).toBeLessThanOrEqual(5);
  });

  it('pushes at every boundary of mixed periods, not more', () => {
    const { time, pushes, ticker } = setup([account('a', 30), account('b', 60)]);
    ticker.refresh();
    time.advance(120_000);
    // 30 s boundaries at +20, +50, +80, +110 s; the 60 s ones coincide with some of them.
    expect(pushes).toHaveLength(5);
  });

  it('gives HOTP accounts codes without an expiry and schedules nothing for them', () => {
    const { time, pushes, ticker } = setup([account('h', 30, 'hotp')]);
    ticker.refresh();
    expect(pushes[0]!.codes[0]!.stepEndsAt).toBeNull();
    expect(time.pending).toBe(0);
  });

  it('pushes nothing while locked', () => {
    const { time, pushes, ticker } = setup(undefined);
    ticker.refresh();
    time.advance(60_000);
    expect(pushes).toHaveLength(0);
  });

  it('stops pushing after stop() (lock)', () => {
    const { time, pushes, ticker } = setup([account('a', 30)]);
    ticker.refresh();
    ticker.stop();
    time.advance(120_000);
    expect(pushes).toHaveLength(1);
  });

  it('catches up within 10 s when the clock jumps forward without timers firing (suspend)', () => {
    const { time, pushes, ticker } = setup([account('a', 30)]);
    ticker.refresh();
    time.jump(3_600_000);
    time.advance(10_000);
    expect(pushes).toHaveLength(2);
    expect(pushes[1]!.codes[0]!.current).toBe(
      engine.codesAt(account('a', 30), pushes[1]!.at).current,
    );
  });

  it('leaves out an account that cannot produce codes and still pushes the others', () => {
    const broken = { ...account('bad', 30), digits: 42 };
    const errors: string[] = [];
    const time = new ManualTime(T0);
    const pushes: CodesSnapshot[] = [];
    new CodeTicker({
      clock: time,
      timers: time,
      engine,
      accounts: () => [broken, account('good', 30)],
      push: (s) => pushes.push(s),
      onError: (a) => errors.push(a.id),
    }).refresh();
    expect(pushes[0]!.codes.map((c) => c.id)).toEqual(['good']);
    expect(errors).toEqual(['bad']);
  });
});
