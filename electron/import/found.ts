// Turns what a source held (QR texts, pasted text) into accounts and explained problems; nothing else is imported.
import { displayName, type AccountInput } from '../../shared/account';
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';
import type { ImportItem, ImportProblem } from '../../shared/import';
import type { BackupInfo } from '../../shared/transfer';
import { parseAccountText } from '../../shared/import-text';
import type { MigrationResult } from '../../shared/migration';
import type { QrCode } from '../qr/decode';
import { finishAccount } from './finish-account';

export type Batch = NonNullable<ImportItem['batch']>;

export interface FoundAccount {
  input: AccountInput;
  source: string;
  batch: Batch | null;
  /**
   * A picture the source holds as this account's icon, not yet made into one: withIconPictures
   * (import-icons.ts) turns it into `input.icon` and a picture in `pictures`, or a problem.
   */
  iconFile?: IconFile;
}

/** An icon picture file from a source, and where it is ("entry 3: GitHub (alice)"). */
export interface IconFile {
  bytes: Uint8Array;
  place: string;
}

/** What one scan found: accounts (with their secrets, so this stays in main), problems, and batches. */
export interface Found {
  accounts: FoundAccount[];
  problems: ImportProblem[];
  /** Every Google export batch seen, even one whose accounts were all refused. */
  batches: Batch[];
  /** Set when the source was an Authdesk backup: what it says about itself, and its groups. */
  backup?: { info: BackupInfo; groups: string[] };
  /** The icon pictures the accounts name (input.icon image), by hash: PNG bytes as the vault keeps them. */
  pictures?: Map<string, Uint8Array>;
}

export const nothingFound = (): Found => ({ accounts: [], problems: [], batches: [] });

export function combine(parts: Found[]): Found {
  const pictures = new Map(parts.flatMap((p) => [...(p.pictures ?? [])]));
  return {
    accounts: parts.flatMap((p) => p.accounts),
    problems: parts.flatMap((p) => p.problems),
    batches: parts.flatMap((p) => p.batches),
    ...(pictures.size > 0 && { pictures }),
  };
}

/** An expected failure (a typed error) becomes a problem of its source; a bug is rethrown. */
export function problemFrom(error: unknown, source: string): Found {
  if (!isAuthdeskError(error)) throw error;
  return { ...nothingFound(), problems: [{ source, code: error.code, message: error.message }] };
}

const MAX_DETAIL = 300;
// otpauth://, and the export links of Google Authenticator and LastPass Authenticator.
const LINK = /^(?:otpauth(?:-migration)?|lpaauth-migration):/i;
const URL_PREFIX = /^https?:\/\//i;
const SCHEME = /^([a-z][a-z0-9+.-]{0,30}):/i;

/**
 * What a non-OTP code held, safe to show: a web address as such (without any user:password part),
 * otherwise only its kind ("WIFI:…"), since such text may itself be a password. Plain text: nothing.
 */
export function describeNonOtp(text: string): string | undefined {
  const clean = text.trim().replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '');
  if (URL_PREFIX.test(clean)) {
    const shown = clean.replace(/^(https?:\/\/)[^/?#@]*@/i, '$1');
    return shown.length > MAX_DETAIL ? `${shown.slice(0, MAX_DETAIL)}…` : shown;
  }
  const scheme = SCHEME.exec(clean)?.[1];
  return scheme ? `${scheme}:…` : undefined;
}

function fromMigration(result: MigrationResult, source: string): Found {
  const { id, index } = result.batch;
  const batch: Batch = { id, index, size: Math.max(result.batch.size, index + 1, 1) };
  return {
    accounts: result.accounts.map((input) => ({ input, source, batch })),
    problems: result.problems.map((p) => {
      // Google writes the name as "Issuer:account"; the issuer is shown once.
      const name =
        p.issuer && p.name.startsWith(`${p.issuer}:`) ? p.name.slice(p.issuer.length + 1) : p.name;
      return {
        source,
        code: p.error.code,
        message: p.error.message,
        detail: displayName({ issuer: p.issuer, label: name }),
      };
    }),
    batches: [batch],
  };
}

/**
 * The accounts as the vault will take them (names cut to its limits, then checked as it checks
 * them), as file imports do: one it would refuse (no name at all, a 2-hour period) is a problem
 * now rather than a failed commit later, since a commit adds all the chosen accounts or none.
 */
function storable(found: Found): Found {
  const accounts: FoundAccount[] = [];
  const problems = [...found.problems];
  for (const account of found.accounts) {
    try {
      accounts.push({ ...account, input: finishAccount(account.input) });
    } catch (error) {
      if (!isAuthdeskError(error)) throw error;
      const detail = displayName(account.input);
      problems.push({
        source: account.source,
        code: error.code,
        message: error.message,
        ...(detail && { detail }),
      });
    }
  }
  return { ...found, accounts, problems };
}

/** One link: an otpauth:// URI (one account) or a Google export batch (its accounts); null for other text. */
function fromLink(text: string, source: string): Found | null {
  if (!LINK.test(text)) return null;
  try {
    const parsed = parseAccountText(text);
    if (parsed.kind === 'migration') return storable(fromMigration(parsed.result, source));
    if (parsed.kind === 'uri') {
      return storable({
        ...nothingFound(),
        accounts: [{ input: parsed.account, source, batch: null }],
      });
    }
  } catch (error) {
    return problemFrom(error, source);
  }
  return null;
}

/** A secret key on its own, as parseAccountText recognises one. */
function isBareSecret(text: string): boolean {
  try {
    return parseAccountText(text).kind === 'secret';
  } catch {
    return false;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * How many bytes a QR code holds when they are not text, else undefined: bytes that are not UTF-8
 * and that zxing could not read as text in a character set (one an ECI declares, Kanji mode, or
 * ISO-8859-1/Shift_JIS text that is valid as such). zxing's reading of those is mojibake.
 */
export function binaryLength(code: QrCode): number | undefined {
  if (code.textual) return undefined;
  try {
    UTF8.decode(code.bytes);
    return undefined;
  } catch {
    return code.bytes.length;
  }
}

export const binaryDetail = (bytes: number) => `binary data (${bytes} bytes)`;

/** A QR code that is not a setup code, named by what is safe to show of it (never imported). */
function notOtpCode(source: string, shown: Pick<ImportProblem, 'detail' | 'binaryBytes'>): Found {
  return {
    ...nothingFound(),
    problems: [
      {
        source,
        code: 'QR_NOT_OTP',
        message: 'This QR code is not a two-step verification setup code.',
        ...shown,
      },
    ],
  };
}

/** Codes as the decoder found them: text codes as fromQrTexts reads them, binary ones named by size. */
export function fromQrCodes(codes: readonly QrCode[], source: string): Found {
  if (codes.length === 0) return fromQrTexts([], source);
  return combine(
    codes.map((code) => {
      const binary = binaryLength(code);
      if (binary === undefined) return fromQrTexts([code.text], source);
      return notOtpCode(source, { detail: binaryDetail(binary), binaryBytes: binary });
    }),
  );
}

/** The texts of the QR codes in one image; a code that is not an OTP link is named, never imported. */
export function fromQrTexts(texts: string[], source: string): Found {
  if (texts.length === 0) {
    return problemFrom(
      new AuthdeskError('QR_NOT_FOUND', 'No QR code was found in this image.'),
      source,
    );
  }
  return combine(
    texts.map((raw) => {
      const text = raw.trim();
      const found = fromLink(text, source);
      if (found) return found;
      const detail = describeNonOtp(text);
      return notOtpCode(source, detail === undefined ? {} : { detail });
    }),
  );
}

/**
 * Pasted text: one link, or a list of them one per line (as other apps export). A bare key has no
 * name to import under; the renderer opens the manual form for it instead.
 */
export function fromText(text: string, source = 'text'): Found {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const links = lines.map((line) => fromLink(line, source));
  const others = links.filter((found) => found === null).length;
  const found = combine(links.filter((f): f is Found => f !== null));
  if (others === 0 && lines.length > 0) return found;
  const message =
    lines.length === 1 && isBareSecret(lines[0]!)
      ? 'This is a secret key on its own; add it with the manual form, where you can name it.'
      : lines.length <= 1
        ? 'This text is not an otpauth:// link or a Google Authenticator export link.'
        : `${others} of ${lines.length} lines are not otpauth:// or export links.`;
  return combine([found, problemFrom(new AuthdeskError('URI_SCHEME', message), source)]);
}
