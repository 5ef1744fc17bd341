// The time server as both processes see it: the servers offered, parsing "host[:port]", the measured
// clock status main reports, and when a difference is large enough to warn about.
import type { ErrorCode } from './errors';

export const DEFAULT_TIME_SERVER = 'time.google.com';
/** Offered in settings; any other host[:port] can be typed in. */
export const TIME_SERVERS = [DEFAULT_TIME_SERVER, 'pool.ntp.org'] as const;
const NTP_PORT = 123;
/** A host name (253) plus brackets and ":65535", with room to spare. */
export const TIME_SERVER_MAX_LENGTH = 270;
/**
 * Services accept the codes of about one 30-second step either side; past 15 s a code copied late in
 * its step is already at risk, so the accounts screen warns from here on.
 */
export const CLOCK_WARNING_MS = 15_000;
/**
 * Codes are never corrected automatically by more than this: SNTP is unauthenticated UDP, so a
 * spoofed reply must not be able to move codes further. A larger offset is shown and warned about;
 * the fix for it is setting this computer's clock.
 */
export const MAX_AUTO_CORRECTION_MS = 5 * 60_000;
/**
 * A measurement further than this from the offset the user accepted pauses the correction until the
 * user confirms the new one (an honest clock drifts by well under a second an hour).
 */
export const CORRECTION_RECONFIRM_MS = 5_000;
/** Checks the user asks for ("Check now", a new server) query the server at most once this often. */
export const CHECK_SPACING_MS = 10_000;

export interface TimeServerAddress {
  /** A host name (lower case), an IPv4 address, or an IPv6 address without brackets. */
  host: string;
  port: number;
}

/**
 * What codes follow: 'off' (the setting is off), 'applied' (codes follow appliedMs), 'unmeasured'
 * (on, nothing measured yet), 'confirm' (on, but the measured offset was never accepted or moved
 * more than CORRECTION_RECONFIRM_MS from the accepted one: paused until the user confirms it),
 * 'too-large' (on, but the offset is beyond MAX_AUTO_CORRECTION_MS: never applied). In every state
 * but 'applied', codes follow this computer's clock.
 */
export type CorrectionState = 'off' | 'applied' | 'unmeasured' | 'confirm' | 'too-large';

export interface ClockCorrection {
  state: CorrectionState;
  /** What codes add to this computer's clock now (0 unless 'applied'). */
  appliedMs: number;
  /** The offset the user last accepted (null: none yet). */
  acceptedMs: number | null;
}

/** What main last measured. Offsets are true time minus this computer's time: negative = fast. */
export interface ClockStatus {
  /** The server that measured offsetMs; null before the first good measurement. */
  server: string | null;
  offsetMs: number | null;
  /** The round trip of that measurement. */
  delayMs: number | null;
  /** Epoch ms (this computer's clock, uncorrected) of that measurement. */
  checkedAt: number | null;
  /** The latest attempt's failure; cleared by the next good measurement. It changes nothing else. */
  error: ClockCheckError | null;
  /** A measurement is under way (at start, or after "Check now"). */
  checking: boolean;
  /** Whether codes follow offsetMs, and why not. */
  correction: ClockCorrection;
}

export interface ClockCheckError {
  code: ErrorCode;
  message: string;
  server: string;
  /** Epoch ms (this computer's clock) of the failed attempt. */
  at: number;
}

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const DIGITS = /^\d{1,5}$/;

/** "host", "host:port", "[v6]", "[v6]:port" or a bare IPv6 address; null when it is none of them. */
export function parseTimeServer(text: string): TimeServerAddress | null {
  if (text.length === 0 || text.length > TIME_SERVER_MAX_LENGTH) return null;
  const bracketed = /^\[([^\]]+)\](?::([^:]*))?$/.exec(text);
  if (bracketed) {
    const port = parsePort(bracketed[2]);
    const host = bracketed[1]!.toLowerCase();
    return port !== null && isIpv6(host) ? { host, port } : null;
  }
  // Two colons or more without brackets can only be an IPv6 address, which then has no port.
  if (text.indexOf(':') !== text.lastIndexOf(':')) {
    const host = text.toLowerCase();
    return isIpv6(host) ? { host, port: NTP_PORT } : null;
  }
  const [name = '', portText] = text.split(':');
  const port = parsePort(portText);
  const host = name.toLowerCase().replace(/\.$/, '');
  return port !== null && isHostOrIpv4(host) ? { host, port } : null;
}

export function isTimeServer(text: string): boolean {
  return parseTimeServer(text) !== null;
}

/**
 * One of the servers Authdesk offers (any spelling: upper case, a trailing dot, ":123"): these need
 * no confirmation; any other host is asked about in main's own dialog before it is used.
 */
export function isBuiltInTimeServer(text: string): boolean {
  const address = parseTimeServer(text);
  return (
    address !== null &&
    address.port === NTP_PORT &&
    (TIME_SERVERS as readonly string[]).includes(address.host)
  );
}

function parsePort(text: string | undefined): number | null {
  if (text === undefined) return NTP_PORT;
  if (!DIGITS.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65_535 ? port : null;
}

function isHostOrIpv4(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  const labels = host.split('.');
  // As in URLs: a name whose last label is a number is an IPv4 address, and must be a valid one.
  if (/^\d+$/.test(labels[labels.length - 1]!)) {
    return (
      labels.length === 4 && labels.every((l) => /^(?:0|[1-9]\d{0,2})$/.test(l) && Number(l) <= 255)
    );
  }
  return labels.every((label) => HOST_LABEL.test(label));
}

/** Every IPv6 spelling: eight groups of 1–4 hex digits, one `::` for a run of zeros, an IPv4 tail. */
function isIpv6(host: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(host)) return false;
  const halves = host.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  const all = groups.flat();
  // An IPv4 tail counts as two groups and may only end the address.
  const last = all[all.length - 1];
  const v4 = last !== undefined && last.includes('.') && host.endsWith(last);
  if (v4 && !isHostOrIpv4(last)) return false;
  if (v4 && !/^\d+(?:\.\d+){3}$/.test(last)) return false;
  const hex = v4 ? all.slice(0, -1) : all;
  if (!hex.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  const count = hex.length + (v4 ? 2 : 0);
  return halves.length === 2 ? count <= 7 : count === 8;
}
