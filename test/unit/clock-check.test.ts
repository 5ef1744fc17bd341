// The clock check through the IPC handlers main registers, against a real SNTP server on 127.0.0.1
// that reports a skewed time: the status, the settings, and codes corrected by the measured offset.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountInput } from '../../shared/account';
import type { EventName, Events, Method, MethodArgs, MethodResults } from '../../shared/ipc';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { codesAt } from '../../shared/otp';
import type { ClockStatus } from '../../shared/time-server';
import { dispatch } from '../../electron/ipc/dispatch';
import { ClockCheck, RECHECK_MS, type ClockCheckDeps } from '../../electron/use-cases/clock-check';
import { CHECK_SPACING_MS, MAX_AUTO_CORRECTION_MS } from '../../shared/time-server';
import type { TimeQuery } from '../../electron/ports';
import { composeServices, type Services } from '../../electron/composition';
import { MemoryClipboard, MemorySettings, TestClock, TestDialogs } from '../harness/browser/ports';
import { ManualTime } from '../harness/manual-timers';
import { loopbackTimeQuery, SntpTestServer } from '../harness/sntp-server';
import { testPorts } from '../harness/test-ports';

const ACCOUNT: AccountInput = {
  issuer: 'Amazon Web Services',
  label: 'root@123456789012',
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
};
/** This computer's clock: 2 s into a 30 s step. */
const LOCAL = Date.UTC(2026, 0, 15, 9, 0, 2);
/** The computer is 42.5 s fast: true time is 08:59:19.5, 10 s before its step ends. */
const SKEW = -42_500;

let dir: string;
let services: Services;
let clock: TestClock;
let clipboard: MemoryClipboard;
let dialogs: TestDialogs;
let server: SntpTestServer;
let silent: SntpTestServer;
let events: { name: EventName; payload: unknown }[];

async function ok<M extends Method>(method: M, args?: MethodArgs[M]): Promise<MethodResults[M]> {
  const result = await dispatch(services.handlers, method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as MethodResults[M];
}

const status = (): Promise<ClockStatus> => ok('getClockStatus');
const check = (): Promise<ClockStatus> => ok('checkClock');
const codes = () => ok('getCodes');
const pushed = <E extends EventName>(name: E) =>
  events.filter((e) => e.name === name).map((e) => e.payload as Events[E]);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-clock-'));
  // Frozen: time moves only when a test moves it, so no step boundary is crossed behind its back
  // on a busy machine (the spacing tests move it 10 s at a time).
  clock = new TestClock();
  clock.set(LOCAL);
  clock.freeze();
  clipboard = new MemoryClipboard();
  dialogs = new TestDialogs();
  events = [];
  // The server's time is this computer's test clock plus the skew, so the offset is exact.
  server = await SntpTestServer.start({ time: () => clock.now() + SKEW });
  silent = await SntpTestServer.start({ reply: () => null });
  services = composeServices(
    testPorts({
      vaultPath: path.join(dir, 'vault.json'),
      clock,
      clipboard,
      dialogs,
      timeQuery: (s, options) => loopbackTimeQuery(s, { ...options, timeoutMs: 300 }),
      settingsStorage: new MemorySettings({ timeServer: server.server }),
      push: <E extends EventName>(name: E, payload: Events[E]) => events.push({ name, payload }),
    }),
  );
  await ok('createVault', { password: 'pw' });
  await ok('addAccount', { account: ACCOUNT });
});

afterEach(async () => {
  services.vault.lock('user');
  services.ticker.stop();
  services.clockCheck.stop();
  await server.close();
  await silent.close();
  await rm(dir, { recursive: true, force: true });
});

describe('clock check', () => {
  it('offers time.google.com by default, with correction off', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ timeServer: 'time.google.com', correctClock: false });
  });

  it('measures the offset on request and keeps it in the status', async () => {
    expect(await status()).toMatchObject({ server: null, offsetMs: null, checking: false });
    const measured = await check();
    expect(measured.server).toBe(server.server);
    // Loopback on a busy machine: a few ms either way (see sntp.test.ts).
    expect(measured.offsetMs).toBeGreaterThanOrEqual(SKEW - 25);
    expect(measured.offsetMs).toBeLessThanOrEqual(SKEW + 25);
    expect(measured.delayMs).toBeGreaterThanOrEqual(0);
    expect(measured.checkedAt).toBeGreaterThanOrEqual(LOCAL);
    expect(measured).toMatchObject({ error: null, checking: false });
    expect(await status()).toEqual(measured);
    // The renderer hears the check start and end.
    expect(pushed('clockStatus').map((s) => s.checking)).toEqual([true, false]);
  });

  it('measures at start in the background; a failure there is recorded, not thrown', async () => {
    await ok('setSettings', { timeServer: 'time.google.com' });
    services.clockCheck.start();
    expect((await status()).checking).toBe(true);
    await expect.poll(async () => (await status()).checking).toBe(false);
    expect((await status()).error).toMatchObject({
      code: 'TIME_SERVER_UNREACHABLE',
      server: 'time.google.com',
    });
  });

  it('shares one query between checks that overlap', async () => {
    const [a, b] = await Promise.all([check(), check()]);
    expect(a).toEqual(b);
    expect(server.requests).toHaveLength(1);
  });

  it('asks a server chosen during a check once that check is over', async () => {
    const other = await SntpTestServer.start({ time: () => clock.now() - 5_000 });
    try {
      const first = check();
      dialogs.answer = true;
      await ok('setSettings', { timeServer: other.server });
      clock.set(clock.now() + CHECK_SPACING_MS);
      const second = await check();
      expect((await first).server).toBe(server.server);
      expect(second.server).toBe(other.server);
      expect(second.offsetMs).toBeGreaterThan(-5_025);
      expect(second.offsetMs).toBeLessThan(-4_975);
    } finally {
      await other.close();
    }
  });

  it('leaves codes on this computer’s clock until correction is turned on', async () => {
    await check();
    const snapshot = await codes();
    expect(snapshot.codes[0]!.current).toBe(codesAt(ACCOUNT, LOCAL).current);
  });

  it('with correction on, codes and copied codes are those of the server’s time', async () => {
    const measured = await check();
    const local = await codes();
    await ok('acceptClockOffset', { offsetMs: measured.offsetMs! });
    expect(services.settings.get()).toMatchObject({
      correctClock: true,
      clockOffsetAcceptedMs: measured.offsetMs,
    });
    expect((await status()).correction).toEqual({
      state: 'applied',
      appliedMs: measured.offsetMs,
      acceptedMs: measured.offsetMs,
    });
    // Codes are pushed at once, computed for the server's time, with its step's end.
    const push = pushed('codes').at(-1)!;
    const serverTime = clock.now() + SKEW;
    const expected = codesAt(ACCOUNT, serverTime);
    expect(expected.current).not.toBe(local.codes[0]!.current);
    expect(push.codes[0]).toMatchObject({
      current: expected.current,
      next: expected.next,
      stepEndsAt: expected.stepEndsAt,
    });
    expect(push.at).toBe(serverTime);
    expect((await codes()).codes[0]!.current).toBe(expected.current);

    const [meta] = await ok('listAccounts');
    const copied = await ok('copyCode', { id: meta!.id, which: 'current' });
    expect(clipboard.text).toBe(expected.current);
    expect(copied.clearsAt).toBe(expected.stepEndsAt);
    expect(measured.offsetMs).not.toBeNull();

    // Off again: back to this computer's clock, pushed at once.
    await ok('setSettings', { correctClock: false });
    expect(pushed('codes').at(-1)!.codes[0]!.current).toBe(codesAt(ACCOUNT, clock.now()).current);
  });

  it('an unreachable server changes nothing: the last good offset and the codes stay', async () => {
    // The spacing below moves the clock 10 s; the corrected time must stay inside one 30 s step
    // (here 08:59:14.5 → 08:59:24.5).
    clock.set(LOCAL - 5_000);
    await ok('acceptClockOffset', { offsetMs: (await check()).offsetMs! });
    const before = await status();
    const beforeCodes = (await codes()).codes[0]!.current;
    const pushes = pushed('codes').length;

    dialogs.answer = true;
    await ok('setSettings', { timeServer: silent.server });
    clock.set(clock.now() + CHECK_SPACING_MS);
    const after = await check();
    expect(after.error).toMatchObject({ code: 'TIME_SERVER_UNREACHABLE', server: silent.server });
    expect(after.error!.message).toContain(silent.server);
    expect(after).toMatchObject({
      server: before.server,
      offsetMs: before.offsetMs,
      delayMs: before.delayMs,
      checkedAt: before.checkedAt,
    });
    expect((await codes()).codes[0]!.current).toBe(beforeCodes);
    expect(pushed('codes')).toHaveLength(pushes);

    // A good measurement again clears the error.
    await ok('setSettings', { timeServer: server.server });
    clock.set(clock.now() + CHECK_SPACING_MS);
    expect((await check()).error).toBeNull();
  });

  it('an unreachable server before any measurement leaves codes on this computer’s clock', async () => {
    dialogs.answer = true;
    await ok('setSettings', { timeServer: silent.server, correctClock: true });
    const after = await check();
    expect(after).toMatchObject({ offsetMs: null, error: { code: 'TIME_SERVER_UNREACHABLE' } });
    expect((await codes()).codes[0]!.current).toBe(codesAt(ACCOUNT, clock.now()).current);
  });

  it('a bad answer is TIME_SERVER_INVALID in the status and changes nothing', async () => {
    await check();
    const before = await status();
    server.behaviour = { ...server.behaviour, stratum: 0 };
    clock.set(clock.now() + CHECK_SPACING_MS);
    const after = await check();
    expect(after.error).toMatchObject({ code: 'TIME_SERVER_INVALID' });
    expect(after.offsetMs).toBe(before.offsetMs);
  });

  it('takes any host[:port] the user confirms as the server and refuses anything else', async () => {
    dialogs.answer = true;
    for (const timeServer of ['pool.ntp.org', 'ntp.nict.jp:123', '[2001:db8::1]:123', '::1']) {
      expect(await ok('setSettings', { timeServer })).toMatchObject({ timeServer });
    }
    for (const timeServer of ['', 'time.google.com:0', 'ntp://pool.ntp.org', 'a b']) {
      const result = await dispatch(services.handlers, 'setSettings', { timeServer });
      expect(result.ok ? 'ok' : result.error.code).toBe('INVALID_ARGUMENT');
    }
    expect(await ok('getSettings')).toMatchObject({ timeServer: '::1' });
  });
});

/**
 * A ClockCheck on ManualTime whose server answers the scripted offsets in turn (then 0), with the
 * settings it reads held here: `correct`, and `accepted` as acceptOffset saves it.
 */
function scripted(
  offsets: number[],
  settings = { correct: true, accepted: null as number | null },
) {
  const time = new ManualTime(LOCAL);
  const seen = { queries: 0, pushes: 0, statuses: [] as ClockStatus[] };
  const query: TimeQuery = async (server, { clock: local }) => {
    seen.queries++;
    return {
      server,
      address: '127.0.0.1',
      offsetMs: offsets.shift() ?? 0,
      delayMs: 1,
      stratum: 1,
      at: local.now(),
    };
  };
  const deps: ClockCheckDeps = {
    clock: time,
    timers: time,
    query,
    server: () => 'time.example.com',
    correct: () => settings.correct,
    accepted: () => settings.accepted,
    accept: (offsetMs) => {
      settings.correct = true;
      settings.accepted = offsetMs;
    },
    onStatus: (s) => seen.statuses.push(s),
    onCorrectionChange: () => seen.pushes++,
  };
  return { clockCheck: new ClockCheck(deps), time, seen, settings };
}

/** Lets the query's promise chain settle (ManualTime runs timers, not microtasks). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('clock check while correcting', () => {
  it('measures again every hour, so a clock fixed meanwhile is not corrected twice', async () => {
    // The first answer finds the clock 42.5 s fast; then the user fixes it.
    const { clockCheck, time, seen, settings } = scripted([SKEW, 0], {
      correct: true,
      accepted: SKEW,
    });
    await clockCheck.check();
    expect(clockCheck.codeClock.now()).toBe(LOCAL + SKEW);
    expect(seen.pushes).toBe(1);
    expect(time.pending).toBe(1);

    time.advance(RECHECK_MS);
    await expect.poll(() => clockCheck.correctionMs()).toBe(0);
    expect(clockCheck.codeClock.now()).toBe(time.now());
    expect(seen.pushes).toBe(2);

    // Correction off: no more measuring in the background.
    settings.correct = false;
    clockCheck.refreshCorrection();
    expect(time.pending).toBe(0);
  });

  it('follows a recheck that moved by 5 s or less; past that, pauses until the user confirms', async () => {
    const { clockCheck, time, seen } = scripted([SKEW, SKEW + 5_000, SKEW + 5_001 + 5_000]);
    // Turning correction on accepts the offset the user was shown.
    const first = await clockCheck.check();
    clockCheck.acceptOffset(first.offsetMs!);
    expect(clockCheck.status().correction).toEqual({
      state: 'applied',
      appliedMs: SKEW,
      acceptedMs: SKEW,
    });

    time.advance(RECHECK_MS); // 5 s away from the accepted offset: followed
    await settle();
    expect(clockCheck.status().correction).toMatchObject({
      state: 'applied',
      appliedMs: SKEW + 5_000,
    });

    time.advance(RECHECK_MS); // 10.001 s away: paused, codes on this computer's clock, and said so
    await settle();
    expect(clockCheck.status().correction).toEqual({
      state: 'confirm',
      appliedMs: 0,
      acceptedMs: SKEW,
    });
    expect(clockCheck.codeClock.now()).toBe(time.now());
    expect(seen.statuses.at(-1)!.correction.state).toBe('confirm');

    // The user confirms the new offset: followed again.
    const now = clockCheck.status().offsetMs!;
    expect(clockCheck.acceptOffset(now).correction).toEqual({
      state: 'applied',
      appliedMs: now,
      acceptedMs: now,
    });
    expect(clockCheck.codeClock.now()).toBe(time.now() + now);
    clockCheck.close();
  });

  it('never applies more than 5 minutes, even one accepted before; a larger offset is only shown', async () => {
    const big = -(MAX_AUTO_CORRECTION_MS + 1_000);
    const { clockCheck, time } = scripted([big], { correct: true, accepted: big + 1_000 });
    const measured = await clockCheck.check();
    expect(measured.offsetMs).toBe(big);
    expect(measured.correction).toMatchObject({ state: 'too-large', appliedMs: 0 });
    expect(clockCheck.codeClock.now()).toBe(time.now());
    expect(() => clockCheck.acceptOffset(big)).toThrow(
      expect.objectContaining({ code: 'CLOCK_OFFSET_TOO_LARGE' }),
    );
    // Exactly 5 minutes is still corrected.
    const edge = scripted([MAX_AUTO_CORRECTION_MS]);
    await edge.clockCheck.check();
    expect(edge.clockCheck.acceptOffset(MAX_AUTO_CORRECTION_MS).correction.state).toBe('applied');
    clockCheck.close();
    edge.clockCheck.close();
  });

  it('refuses to accept an offset other than the one measured (a recheck came in meanwhile)', async () => {
    const { clockCheck } = scripted([SKEW]);
    await clockCheck.check();
    expect(() => clockCheck.acceptOffset(SKEW + 1)).toThrow(
      expect.objectContaining({ code: 'CLOCK_OFFSET_CHANGED' }),
    );
    expect(clockCheck.status().correction.state).toBe('confirm');
    clockCheck.close();
  });

  it('turned on without an accepted offset, waits for the user instead of following the first answer', async () => {
    const { clockCheck, time } = scripted([SKEW], { correct: true, accepted: null });
    const measured = await clockCheck.check();
    expect(measured.correction).toEqual({ state: 'confirm', appliedMs: 0, acceptedMs: null });
    expect(clockCheck.codeClock.now()).toBe(time.now());
    clockCheck.close();
  });
});

describe('checks the user asks for', () => {
  it(`query the server at most once per ${CHECK_SPACING_MS / 1000} s, however often they are asked for`, async () => {
    const { clockCheck, time, seen } = scripted([], { correct: false, accepted: null });
    await clockCheck.check();
    expect(seen.queries).toBe(1);
    // A burst of clicks (or a renderer looping) right after: one more query, when the spacing is over.
    const burst = Array.from({ length: 50 }, () => clockCheck.check());
    await settle();
    expect(seen.queries).toBe(1);
    time.advance(CHECK_SPACING_MS - 1);
    await settle();
    expect(seen.queries).toBe(1);
    time.advance(1);
    const results = await Promise.all(burst);
    expect(seen.queries).toBe(2);
    expect(new Set(results.map((r) => r.checkedAt))).toEqual(new Set([LOCAL + CHECK_SPACING_MS]));
    // Once the spacing has passed, a check runs at once.
    time.advance(CHECK_SPACING_MS);
    await clockCheck.check();
    expect(seen.queries).toBe(3);
  });

  it('the check at start and the hourly recheck are not held back by them', async () => {
    const { clockCheck, time, seen } = scripted([], { correct: true, accepted: 0 });
    await clockCheck.check();
    clockCheck.start();
    await settle();
    expect(seen.queries).toBe(2);
    time.advance(RECHECK_MS);
    await settle();
    expect(seen.queries).toBe(3);
    clockCheck.close();
  });

  it('a clock set back does not hold checks for longer than the spacing', async () => {
    const { clockCheck, time, seen } = scripted([], { correct: false, accepted: null });
    await clockCheck.check();
    time.jump(-3_600_000);
    const later = clockCheck.check();
    time.advance(CHECK_SPACING_MS);
    await later;
    expect(seen.queries).toBe(2);
  });
});
