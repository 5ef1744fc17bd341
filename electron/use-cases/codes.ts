// Codes at a time: the code to copy or print, when it stops being valid, and the clock it is read
// on — this computer's, plus the measured offset when the user turned correction on. The window's
// copy, `authdesk code` and (through the ticker) the list all read codes here or on the same clock.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Account } from '../../shared/account';
import type { Settings } from '../../shared/settings';
import { MAX_AUTO_CORRECTION_MS } from '../../shared/time-server';
import type { OtpEngine } from '../../shared/otp';
import { systemTimers } from '../clock/clock';
import type { Clock, TimeQuery } from '../ports';
import type { Vault } from '../vault/vault';
import { HOTP_CLEAR_MS, type ClipboardGuard } from './clipboard-guard';
import { ClockCheck } from './clock-check';
import type { RecentAccounts } from './recent-accounts';
import { SettingsService } from './settings';

export type Which = 'current' | 'next';

/** The code and the epoch ms at which it can no longer be used (null for HOTP: never by time). */
export function codeAt(
  engine: OtpEngine,
  account: Account,
  nowMs: number,
  which: Which,
): { code: string; expiresAt: number | null } {
  const codes = engine.codesAt(account, nowMs);
  const code = which === 'next' ? codes.next : codes.current;
  // The end of its step, one step more for "next".
  const expiresAt =
    codes.stepEndsAt === null
      ? null
      : codes.stepEndsAt + (which === 'next' ? account.period * 1000 : 0);
  return { code, expiresAt };
}

/**
 * Copies a code; when the user wants the clipboard cleared, that happens when the code expires (TOTP,
 * Steam) or HOTP_CLEAR_MS after the copy (HOTP, which does not expire by time), and on lock and quit.
 * Every door copies here (the window, quick access, the tray), so each copy counts as a use of the
 * account (RecentAccounts).
 */
export async function copyCode(
  deps: {
    vault: Vault;
    engine: OtpEngine;
    clockCheck: ClockCheck;
    clipboard: ClipboardGuard;
    settings: SettingsService;
    recent: Pick<RecentAccounts, 'used'>;
  },
  id: string,
  which: Which,
): Promise<{ clearsAt: number | null }> {
  const account = deps.vault.get(id);
  const now = deps.clockCheck.codeClock.now();
  const { code, expiresAt } = codeAt(deps.engine, account, now, which);
  const clearsAt = deps.settings.get().clearClipboard ? (expiresAt ?? now + HOTP_CLEAR_MS) : null;
  await deps.clipboard.copy(code, clearsAt);
  deps.recent.used(id);
  return { clearsAt };
}

/**
 * A code to type in somewhere (`authdesk code`): an HOTP code is used up once shown, so the
 * counter moves on (saved), and "next" only peeks one further.
 */
export async function takeCode(
  vault: Vault,
  engine: OtpEngine,
  account: Account,
  nowMs: number,
  which: Which,
): Promise<string> {
  if (account.type !== 'hotp') return codeAt(engine, account, nowMs, which).code;
  if (which === 'next') return engine.hotpCode(account, account.counter + 1);
  const code = engine.hotpCode(account, account.counter);
  await vault.nextHotp(account.id);
  return code;
}

/** The app's settings as it last saved them (electron-store's file), or the defaults. */
export async function readAppSettings(dataFolder: string): Promise<Settings> {
  let stored: unknown;
  try {
    const text = await readFile(join(dataFolder, 'settings.json'), 'utf8');
    stored = (JSON.parse(text) as { settings?: unknown } | null)?.settings;
  } catch {
    stored = undefined; // no app run yet, or a damaged file: the defaults, as the app would use
  }
  return new SettingsService({ read: () => stored, write: () => {} }, () => {}).get();
}

/**
 * The clock codes are read on, outside the app: with correction on, the time server is asked once
 * (as the app does at start), and its offset is followed under the app's rules (clock/correction.ts:
 * at most 5 minutes, and within 5 s of the offset accepted in the app); `warn` hears why it is not
 * followed, and then this computer's clock is used.
 */
export async function codeClock(
  settings: Settings,
  deps: { clock: Clock; query: TimeQuery; warn: (message: string) => void },
): Promise<Clock> {
  if (!settings.correctClock) return deps.clock;
  const check = new ClockCheck({
    clock: deps.clock,
    timers: systemTimers,
    query: deps.query,
    server: () => settings.timeServer,
    correct: () => true,
    accepted: () => settings.clockOffsetAcceptedMs,
    onStatus: () => {},
    onCorrectionChange: () => {},
  });
  const status = await check.check();
  check.stop();
  const ours = "the code follows this computer's clock.";
  if (status.error) {
    deps.warn(
      `Correcting the clock is on, but ${settings.timeServer} could not be asked (${status.error.message}); ${ours}`,
    );
  } else if (status.correction.state === 'too-large') {
    deps.warn(
      `${settings.timeServer} says this computer's clock is ${seconds(status.offsetMs!)} off, more than ` +
        `the ${MAX_AUTO_CORRECTION_MS / 60_000} minutes Authdesk corrects; ${ours} Set this computer's clock.`,
    );
  } else if (status.correction.state === 'confirm') {
    const accepted = status.correction.acceptedMs;
    deps.warn(
      `${settings.timeServer} now measures an offset of ${seconds(status.offsetMs!)}` +
        (accepted === null ? ', not yet confirmed' : `, not the ${seconds(accepted)} confirmed`) +
        ` in the app; ${ours} Confirm it in Authdesk's settings (Time).`,
    );
  }
  return check.codeClock;
}

/** "+42.5 s": true time minus this computer's, as the app shows it. */
function seconds(offsetMs: number): string {
  return `${offsetMs < 0 ? '-' : '+'}${(Math.abs(offsetMs) / 1000).toFixed(1)} s`;
}
