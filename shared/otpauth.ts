// otpauth:// key URIs (Google's Key Uri Format): read what services and scanners produce, write what apps read.
import {
  ACCOUNT_LIMITS,
  DEFAULT_OTP,
  STEAM_OTP,
  type AccountInput,
  type Algorithm,
  type OtpType,
} from './account';
import { normalizeSecret } from './base32';
import { AuthdeskError } from './errors';
import { OTP_LIMITS, validateOtpParams } from './otp';

// A link's names are counted in characters (code points), so a link is not refused for a name the
// importers can cut to ACCOUNT_LIMITS.name UTF-16 units and keep.
const MAX_NAME_CHARS = ACCOUNT_LIMITS.name;

// Control characters (a raw newline once broke other apps' lists), lone surrogates (unencodable),
// and line separators and bidirectional overrides (they can make a name display as another).
const UNSAFE_NAME_CHARS = /[\p{Cc}\p{Cs}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const PREFIX = 'otpauth://';
const MIN_BARE_SECRET_CHARS = 16;

/** A piece of user text made safe to show inside an error message. */
function quote(text: string): string {
  const chars = [...text];
  return JSON.stringify(chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : text);
}

/** Trims an issuer or account name and throws LABEL_INVALID if it cannot be shown safely. */
export function normalizeName(value: string, field: 'issuer' | 'label'): string {
  const what = field === 'issuer' ? 'issuer' : 'account name';
  const trimmed = value.trim();
  if (UNSAFE_NAME_CHARS.test(trimmed)) {
    throw new AuthdeskError(
      'LABEL_INVALID',
      `The ${what} contains a line break or another invisible control character.`,
    );
  }
  if ([...trimmed].length > MAX_NAME_CHARS) {
    throw new AuthdeskError(
      'LABEL_INVALID',
      `The ${what} is longer than ${MAX_NAME_CHARS} characters.`,
    );
  }
  return trimmed;
}

/** True for text that is a plausible base32 key on its own (≥ 16 characters once spaces go). */
export function looksLikeBareSecret(text: string): boolean {
  try {
    return normalizeSecret(text).length >= MIN_BARE_SECRET_CHARS;
  } catch {
    return false;
  }
}

function notAnOtpauthUri(text: string): AuthdeskError {
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'otpauth-migration') {
    return new AuthdeskError(
      'URI_SCHEME',
      'This is a Google Authenticator export link (otpauth-migration://), not a single account. ' +
        'Import it as an export instead.',
    );
  }
  if (scheme === 'lpaauth-migration') {
    return new AuthdeskError(
      'URI_SCHEME',
      'This is a LastPass Authenticator transfer link (lpaauth-migration://), not a single account. ' +
        'Import it as an export instead.',
    );
  }
  if (scheme === undefined && looksLikeBareSecret(text)) {
    return new AuthdeskError(
      'URI_SCHEME',
      'This looks like a secret key, not an otpauth:// link. Add it as a secret key instead.',
    );
  }
  if (scheme !== undefined) {
    return new AuthdeskError('URI_SCHEME', `This is a "${scheme}:" link, not an otpauth:// link.`);
  }
  return new AuthdeskError('URI_SCHEME', 'This text is not an otpauth:// link.');
}

/** `shown: false` keeps the value out of the message (a secret: messages reach the window and logs). */
function decodeComponent(raw: string, what: string, shown = true): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AuthdeskError(
      'URI_MALFORMED',
      `The ${what} in this link has a broken %-escape${shown ? `: ${quote(raw)}` : ''}.`,
    );
  }
}

/** Raw (still encoded) values by lower-case name; the first occurrence wins. */
function splitQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).toLowerCase();
    if (name !== '' && !params.has(name)) params.set(name, eq < 0 ? '' : part.slice(eq + 1));
  }
  return params;
}

function readParam(params: Map<string, string>, name: string): string | undefined {
  const raw = params.get(name);
  // Writers built on URLSearchParams encode a space as '+'; no field we read has a literal '+'
  // that survives unescaped in a well-formed link.
  return raw === undefined
    ? undefined
    : decodeComponent(raw.replace(/\+/g, ' '), `"${name}" value`, name !== 'secret');
}

function readType(rawType: string, params: Map<string, string>): OtpType {
  const type = rawType.toLowerCase();
  if (type === 'hotp') return 'hotp';
  if (type === 'steam') return 'steam';
  if (type === 'totp') {
    return readParam(params, 'encoder')?.trim().toLowerCase() === 'steam' ? 'steam' : 'totp';
  }
  if (type === '') {
    throw new AuthdeskError(
      'URI_TYPE',
      'The link does not say which kind of code it is (otpauth://totp/ or otpauth://hotp/).',
    );
  }
  throw new AuthdeskError(
    'URI_TYPE',
    `The link is for ${quote(rawType)} codes; Authdesk supports totp, hotp and Steam.`,
  );
}

function readAlgorithm(value: string | undefined): Algorithm {
  if (value === undefined || value.trim() === '') return DEFAULT_OTP.algorithm;
  const name = value
    .trim()
    .toUpperCase()
    .replace(/^HMAC[-_]?/, '')
    .replace(/[-_]/g, '');
  if (name === 'SHA1' || name === 'SHA256' || name === 'SHA512') return name;
  throw new AuthdeskError(
    'ALGORITHM_UNSUPPORTED',
    `The link uses the ${quote(value)} algorithm; Authdesk supports SHA1, SHA256 and SHA512.`,
  );
}

function readWholeNumber(value: string): number | undefined {
  const trimmed = value.trim();
  if (!/^\d{1,16}$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) ? n : undefined;
}

function readDigits(value: string | undefined): number {
  if (value === undefined) return DEFAULT_OTP.digits;
  const n = readWholeNumber(value);
  if (n === undefined || n < OTP_LIMITS.minDigits || n > OTP_LIMITS.maxDigits) {
    throw new AuthdeskError(
      'DIGITS_INVALID',
      `The link asks for ${quote(value)} digits; Authdesk supports codes of 6, 7 or 8 digits.`,
    );
  }
  return n;
}

function readPeriod(value: string | undefined): number {
  if (value === undefined) return DEFAULT_OTP.period;
  const n = readWholeNumber(value);
  if (n === undefined || n < OTP_LIMITS.minPeriod || n > OTP_LIMITS.maxPeriod) {
    throw new AuthdeskError(
      'PERIOD_INVALID',
      `The link's period ${quote(value)} is not supported: it must be a whole number of seconds ` +
        `from ${OTP_LIMITS.minPeriod} to ${OTP_LIMITS.maxPeriod}.`,
    );
  }
  return n;
}

function readCounter(value: string | undefined): number {
  // The Key Uri Format requires a counter for hotp; a link without one is read as counter 0,
  // the value every provisioning server starts from, rather than refused.
  if (value === undefined) return 0;
  const n = readWholeNumber(value);
  if (n === undefined || n >= Number.MAX_SAFE_INTEGER) {
    throw new AuthdeskError(
      'COUNTER_INVALID',
      `The link's counter ${quote(value)} is not a whole number of 0 or more.`,
    );
  }
  return n;
}

function readSecret(value: string | undefined): string {
  if (value === undefined || value.trim() === '') {
    throw new AuthdeskError('SECRET_MISSING', 'This link has no secret key (no "secret=" value).');
  }
  return normalizeSecret(value);
}

/**
 * Splits "ISSUER:ACCOUNT". The issuer parameter is tried first so that an issuer containing ':'
 * survives; then a literal ':' (what formatOtpauthUri writes); then an encoded one (%3A).
 */
function splitLabel(rawPath: string, issuerParam: string | undefined) {
  const decoded = decodeComponent(rawPath, 'account name');
  if (issuerParam && decoded.startsWith(`${issuerParam}:`)) {
    return { prefix: issuerParam, account: decoded.slice(issuerParam.length + 1) };
  }
  const literal = rawPath.indexOf(':');
  if (literal >= 0) {
    return {
      prefix: decodeComponent(rawPath.slice(0, literal), 'issuer'),
      account: decodeComponent(rawPath.slice(literal + 1), 'account name'),
    };
  }
  const encoded = decoded.indexOf(':');
  if (encoded >= 0)
    return { prefix: decoded.slice(0, encoded), account: decoded.slice(encoded + 1) };
  return { prefix: '', account: decoded };
}

/**
 * Reads an otpauth:// URI into an account. Every failure is an AuthdeskError.
 * An empty account name is accepted (the user can name the account in the preview).
 * For Steam (otpauth://steam/… or encoder=steam) the algorithm, length and period are Steam's own.
 */
export function parseOtpauthUri(text: string): AccountInput {
  const uri = text.trim();
  if (SCHEME.exec(uri)?.[1]?.toLowerCase() !== 'otpauth') throw notAnOtpauthUri(uri);
  if (uri.slice(0, PREFIX.length).toLowerCase() !== PREFIX) {
    throw new AuthdeskError('URI_MALFORMED', 'The link should start with "otpauth://".');
  }
  const rest = uri.slice(PREFIX.length);
  const q = rest.indexOf('?');
  const beforeQuery = q < 0 ? rest : rest.slice(0, q);
  const query = q < 0 ? '' : (rest.slice(q + 1).split('#')[0] ?? '');
  const slash = beforeQuery.indexOf('/');
  const rawType = slash < 0 ? beforeQuery : beforeQuery.slice(0, slash);
  const rawPath = slash < 0 ? '' : beforeQuery.slice(slash + 1);

  const params = splitQuery(query);
  const type = readType(rawType, params);
  if (/\p{Cc}/u.test(rawPath)) {
    throw new AuthdeskError(
      'LABEL_INVALID',
      'The account name in this link contains a line break or another control character.',
    );
  }
  const issuerValue = readParam(params, 'issuer');
  const issuerParam = issuerValue === undefined ? '' : normalizeName(issuerValue, 'issuer');
  const { prefix, account } = splitLabel(rawPath, issuerParam);
  // The label's prefix wins over the issuer parameter when both are present and disagree.
  const issuer = normalizeName(prefix, 'issuer') || issuerParam;
  const label = normalizeName(account, 'label');
  const secret = readSecret(readParam(params, 'secret'));

  const result: AccountInput =
    type === 'steam'
      ? { ...STEAM_OTP, secret, issuer, label }
      : {
          type,
          algorithm: readAlgorithm(readParam(params, 'algorithm')),
          digits: readDigits(readParam(params, 'digits')),
          period: type === 'totp' ? readPeriod(readParam(params, 'period')) : DEFAULT_OTP.period,
          counter: type === 'hotp' ? readCounter(readParam(params, 'counter')) : 0,
          secret,
          issuer,
          label,
        };
  validateOtpParams(result);
  return result;
}

/**
 * Writes an account as an otpauth:// URI. Steam accounts are written the way KeePassXC and others
 * read them: otpauth://totp/…&encoder=steam. Throws the same typed errors as parsing.
 */
export function formatOtpauthUri(account: AccountInput): string {
  validateOtpParams(account);
  const issuer = normalizeName(account.issuer, 'issuer');
  const label = normalizeName(account.label, 'label');
  const steam = account.type === 'steam';

  // A leading ':' marks an empty issuer, so a ':' inside the account name is not read as one.
  const path = issuer
    ? `${encodeURIComponent(issuer)}:${encodeURIComponent(label)}`
    : `${label.includes(':') ? ':' : ''}${encodeURIComponent(label)}`;
  const query: [string, string][] = [['secret', normalizeSecret(account.secret)]];
  if (issuer) query.push(['issuer', issuer]);
  query.push(
    ['algorithm', steam ? STEAM_OTP.algorithm : account.algorithm],
    ['digits', String(steam ? STEAM_OTP.digits : account.digits)],
  );
  if (account.type === 'hotp') query.push(['counter', String(account.counter)]);
  else query.push(['period', String(steam ? STEAM_OTP.period : account.period)]);
  if (steam) query.push(['encoder', 'steam']);

  const type = account.type === 'hotp' ? 'hotp' : 'totp';
  const search = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${PREFIX}${type}/${path}?${search}`;
}
