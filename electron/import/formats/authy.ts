// Authy's tokens as the usual extraction tools give them (Authy has no export of its own):
//
// - The Android preferences files pulled off a rooted phone, `com.authy.storage.tokens.authenticator.xml`
//   (third-party accounts) and `com.authy.storage.tokens.authy.xml` (Authy's own accounts, e.g.
//   Twitch): a <map> whose <string name="com.authy.storage.tokens.….key"> holds a JSON list of tokens
//   (Aegis' AuthyImporter). A token carries `decryptedSecret` (base32) once the app has unlocked its
//   backups, else `encryptedSecret` (base64) and `salt`; Authy's own tokens carry `secretSeed` (hex).
//   Names: `name`, `originalName`, `originalIssuer`, `accountType`, `digits`.
// - The tokens Authy's API sends a device (`authenticator_tokens`: `encrypted_seed`, `salt`,
//   `key_derivation_iterations`, `unique_iv`, `name`, `original_name`, `issuer`, `digits`, as
//   saved by the Authy-iOS-MiTM method and read by AuthyDecryptor), and the same decrypted by those
//   tools (`decrypted_authenticator_tokens` with `decrypted_seed`).
// - The JSON lists that the desktop-extraction scripts wrote from Authy desktop before it was shut
//   down (appManager.getModel()): the app's token objects (`name`, `digits`, `decryptedSeed` or
//   `secretSeed`, `encryptedSeed`, `salt`…) with the script's base32 `secret` added, or bare
//   `{name, secret}` pairs. (The scripts that wrote a Bitwarden JSON are read by the Bitwarden importer.)
//
// An encrypted seed is AES-256-CBC (PKCS#7 padding) under PBKDF2-HMAC-SHA1(backup password, the
// salt's UTF-8 bytes, 256 bits): the old variant with 1 000 iterations and an all-zero IV (Aegis,
// alexzorin/authy before 2024), the newer one with its `key_derivation_iterations` (100 000 seen)
// and `unique_iv` (hex). The plaintext is the base32 secret. Every code is SHA1; Authy's own tokens
// (a hex `secretSeed`) are 7 digits every 10 s, the others every 30 s with their `digits` (as Aegis
// reads them; the desktop scripts' "7 digits means 10 s" only stood in for the seed they dropped).
import { createDecipheriv } from 'node:crypto';
import { encodeBase32, normalizeSecret } from '../../../shared/base32';
import { AuthdeskError } from '../../../shared/errors';
import type { Found } from '../found';
import { accountFromFields, describePlace, FoundCollector } from './entries';
import { base64Bytes, hexBytes, pbkdf2Key } from './file-crypto';
import { decodeUtf8, isRecord, parseJson } from './file-text';
import {
  corruptFile,
  passwordCandidates,
  requirePassword,
  unrecognizedFile,
  wrongPassword,
  type OpenedFile,
} from './opened-file';
import { looksLikeXml, parseXml, xmlList, xmlText } from './xml';

const FORMAT = 'authy';
const LEGACY_ITERATIONS = 1_000;
/** Authy has used 1 000 and 100 000; ten times the latter is allowed for one token. */
const MAX_ITERATIONS = 1_000_000;
/** All the distinct derivations of a file together (400 tokens at 100 000): refused above, unrun. */
const MAX_TOTAL_ITERATIONS = 40_000_000;
const MAX_SALT_CHARS = 1024;
const IV_BYTES = 16;
const BLOCK_BYTES = 16;
/** How many tokens must all fail before the password, rather than the tokens, is blamed. */
const TRIES_BEFORE_WRONG = 3;
const PREFERENCE_KEY = /^com\.authy\.storage\.tokens\.(authenticator|authy)\.key$/;

const corrupt = (why: string) => corruptFile(FORMAT, why);

interface Sealed {
  data: Buffer;
  salt: Buffer;
  iterations: number;
  iv: Buffer;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** The first of these fields that is non-empty text. */
function field(entry: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = text(entry[name]);
    if (value !== undefined) return value;
  }
  return undefined;
}

const plainSecret = (e: Record<string, unknown>) =>
  field(e, 'decryptedSecret', 'decrypted_seed', 'decryptedSeed', 'secret');
const hexSeed = (e: Record<string, unknown>) => field(e, 'secretSeed', 'secret_seed');
const encryptedSeed = (e: Record<string, unknown>) =>
  field(e, 'encryptedSecret', 'encrypted_seed', 'encryptedSeed');

/** The token needs the backup password: it has an encrypted seed and nothing readable. */
const needsPassword = (e: unknown) =>
  isRecord(e) && plainSecret(e) === undefined && hexSeed(e) === undefined && !!encryptedSeed(e);

/** Issuer and account name, as Aegis and the scripts derive them from Authy's fields. */
function names(entry: Record<string, unknown>): { issuer: string; label: string } {
  const name = text(entry.name) ?? '';
  if (hexSeed(entry) !== undefined) {
    // Authy's own tokens (Twitch, …) are named after their service only.
    return { issuer: name, label: '' };
  }
  const strip = (issuer: string) => {
    for (const separator of [':', ' - ']) {
      if (name.startsWith(issuer + separator)) {
        return name.slice(issuer.length + separator.length).trim();
      }
    }
    return name;
  };
  const issuer = field(entry, 'originalIssuer', 'original_issuer', 'issuer');
  if (issuer !== undefined) return { issuer, label: strip(issuer) };
  const original = field(entry, 'originalName', 'original_name') ?? '';
  if (original.includes(':')) {
    const before = original.slice(0, original.indexOf(':')).trim();
    return { issuer: before, label: strip(before) };
  }
  for (const separator of [':', ' - ']) {
    const at = name.indexOf(separator);
    if (at > 0) {
      return {
        issuer: name.slice(0, at).trim(),
        label: name.slice(at + separator.length).trim(),
      };
    }
  }
  const type = text(entry.accountType) ?? text(entry.account_type);
  const issuerFromType =
    type !== undefined && type.toLowerCase() !== 'authenticator'
      ? type[0]!.toUpperCase() + type.slice(1)
      : '';
  return { issuer: issuerFromType, label: name };
}

/** An entry's IV: hex (as AuthyDecryptor reads it) or base64 of 16 bytes; none is all zeros. */
function ivOf(entry: Record<string, unknown>): Buffer | null {
  const value = field(entry, 'unique_iv', 'uniqueIv');
  if (value === undefined) return Buffer.alloc(IV_BYTES);
  const bytes = hexBytes(value) ?? base64Bytes(value);
  return bytes?.length === IV_BYTES ? bytes : null;
}

function iterationsOf(entry: Record<string, unknown>, index: number): number {
  const value = entry.key_derivation_iterations ?? entry.keyDerivationIterations;
  if (value === undefined || value === null) return LEGACY_ITERATIONS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw corrupt(`the key derivation iterations of entry ${index + 1} are not a whole number`);
  }
  if (value > MAX_ITERATIONS) {
    throw corrupt(
      `entry ${index + 1} asks for ${value} PBKDF2 iterations, more than Authy uses (at most ${MAX_ITERATIONS} are run)`,
    );
  }
  return value;
}

/** The encrypted seed of an entry that needs the password; why it cannot be opened otherwise. */
function sealedOf(entry: Record<string, unknown>, iterations: number): Sealed | string {
  const data = base64Bytes(encryptedSeed(entry));
  if (data === null || data.length === 0 || data.length % BLOCK_BYTES !== 0) {
    return 'Its encrypted secret key is damaged (not whole AES blocks of base64).';
  }
  const salt = text(entry.salt);
  if (salt === undefined || salt.length > MAX_SALT_CHARS) {
    return 'Its encrypted secret key has no usable salt.';
  }
  const iv = ivOf(entry);
  if (iv === null) return 'Its encrypted secret key has a damaged IV.';
  return { data, salt: Buffer.from(salt, 'utf8'), iterations, iv };
}

/** AES-256-CBC: the plaintext, or null when the padding is wrong (a wrong key, almost always). */
function openCbc(key: Buffer, { iv, data }: Sealed): Buffer | null {
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  try {
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return null;
  }
}

/** The base32 secret a key opens, or null: a wrong key leaves bytes that are not base32 text. */
function base32Plaintext(plain: Buffer | null): string | null {
  const secret = plain === null ? null : decodeUtf8(plain);
  if (secret === null) return null;
  try {
    normalizeSecret(secret);
    return secret;
  } catch {
    return null;
  }
}

interface Token {
  entry: unknown;
  /** For entries that need the password: the seed, or why it cannot be opened. */
  sealed?: Sealed | string;
}

/** Checks every encrypted token's KDF cost before any runs (each distinct salt costs one run). */
function tokensOf(entries: unknown[]): Token[] {
  let total = 0;
  const seen = new Set<string>();
  const tokens = entries.map((entry, index): Token => {
    if (!needsPassword(entry)) return { entry };
    const record = entry as Record<string, unknown>;
    const sealed = sealedOf(record, iterationsOf(record, index));
    if (typeof sealed !== 'string') {
      const id = `${sealed.iterations}:${sealed.salt.toString('hex')}`;
      if (!seen.has(id)) {
        seen.add(id);
        total += sealed.iterations;
      }
    }
    return { entry, sealed };
  });
  if (total > MAX_TOTAL_ITERATIONS) {
    throw corrupt(
      `its tokens ask for ${total} PBKDF2 iterations in all, far more than Authy's ever need, so none was tried`,
    );
  }
  return tokens;
}

/** The base32 secret, and whether it is one of Authy's own tokens (which carry a hex seed). */
function secretOf(entry: Record<string, unknown>, decrypted: string | undefined) {
  const seed = hexSeed(entry);
  const authy = seed !== undefined;
  if (decrypted !== undefined) return { secret: decrypted, authy };
  // The desktop scripts' `secret` is the hex seed already in base32.
  const plain = plainSecret(entry);
  if (plain !== undefined) return { secret: plain, authy };
  if (seed !== undefined) {
    const bytes = hexBytes(seed);
    if (bytes === null || bytes.length === 0) {
      throw new AuthdeskError('SECRET_INVALID', 'The secret seed of this Authy token is not hex.');
    }
    return { secret: encodeBase32(bytes), authy: true };
  }
  throw new AuthdeskError('SECRET_MISSING', 'This token has no secret key.');
}

class Decrypter {
  private readonly keys = new Map<string, Buffer>();
  private chosen: string | undefined;
  private opened = 0;
  private failed = 0;

  constructor(
    private readonly candidates: string[],
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** The base32 secret, or null when this password does not open it (after others opened). */
  async open(sealed: Sealed): Promise<string | null> {
    for (const candidate of this.chosen === undefined ? this.candidates : [this.chosen]) {
      const id = `${candidate.length}:${candidate}:${sealed.iterations}:${sealed.salt.toString('hex')}`;
      let key = this.keys.get(id);
      if (key === undefined) {
        key = await pbkdf2Key(candidate, sealed.salt, sealed.iterations, 'sha1', this.signal);
        this.keys.set(id, key);
      }
      const secret = base32Plaintext(openCbc(key, sealed));
      if (secret !== null) {
        this.chosen = candidate;
        this.opened++;
        return secret;
      }
    }
    this.failed++;
    if (this.opened === 0 && this.failed >= TRIES_BEFORE_WRONG) throw wrongPassword(FORMAT);
    return null;
  }

  /** After the last token: none opened means the password was wrong. */
  finish(): void {
    if (this.opened === 0 && this.failed > 0) throw wrongPassword(FORMAT);
  }

  forget(): void {
    for (const key of this.keys.values()) key.fill(0);
    this.keys.clear();
  }
}

async function readTokens(
  tokens: Token[],
  source: string,
  password: string | undefined,
  signal: AbortSignal | undefined,
): Promise<Found> {
  const encrypted = tokens.some((t) => t.sealed !== undefined);
  const decrypter = encrypted
    ? new Decrypter(passwordCandidates(requirePassword(FORMAT, password)), signal)
    : undefined;
  const found = new FoundCollector(source);
  try {
    for (const [index, { entry, sealed }] of tokens.entries()) {
      const record = isRecord(entry) ? entry : {};
      const { issuer, label } = names(record);
      const place = describePlace(`entry ${index + 1}`, issuer, label);
      let decrypted: string | undefined;
      if (typeof sealed === 'string') {
        found.problem('SECRET_INVALID', sealed, place);
        continue;
      }
      if (sealed !== undefined) {
        const secret = await decrypter!.open(sealed);
        if (secret === null) {
          found.problem(
            'WRONG_PASSWORD',
            'This token does not open with the password that opened the others: it was probably encrypted under an earlier backup password.',
            place,
          );
          continue;
        }
        decrypted = secret;
      }
      found.add(place, () => {
        if (!isRecord(entry)) {
          throw new AuthdeskError('ACCOUNT_INVALID', 'This entry is not an Authy token.');
        }
        const { secret, authy } = secretOf(entry, decrypted);
        const digits = entry.digits ?? (authy ? 7 : undefined);
        return accountFromFields({
          type: 'totp',
          secret,
          digits,
          period: authy ? 10 : 30,
          issuer,
          label,
        });
      });
    }
    decrypter?.finish();
  } finally {
    decrypter?.forget();
  }
  return found.found();
}

function openTokens(entries: unknown[], source: string): OpenedFile {
  const tokens = tokensOf(entries);
  return {
    format: FORMAT,
    encrypted: tokens.some((t) => t.sealed !== undefined),
    read: (password, signal) => readTokens(tokens, source, password, signal),
  };
}

/** Field names only Authy's tokens have, as a cut-short JSON file still shows them. */
export const AUTHY_FIELDS =
  /"(authenticator_tokens|decryptedSecret|encryptedSecret|decryptedSeed|secretSeed|encryptedSeed|decrypted_seed|encrypted_seed)"\s*:/;

/** A token of one of the shapes above: a name or a seed field only Authy's tools write. */
function looksLikeToken(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const authyFields = [
    'decryptedSecret',
    'encryptedSecret',
    'decryptedSeed',
    'secretSeed',
    'encryptedSeed',
    'decrypted_seed',
    'encrypted_seed',
  ];
  if (authyFields.some((f) => f in value)) return true;
  // The scripts' bare pairs: a name and a secret, and none of the fields other apps' lists use.
  return (
    'name' in value &&
    'secret' in value &&
    !['label', 'issuer', 'type', 'otpGenerator'].some((f) => f in value)
  );
}

/** A JSON list of Authy tokens (desktop-extraction scripts, the XML's content saved alone). */
export function looksLikeAuthyList(value: unknown[]): boolean {
  return looksLikeToken(value[0]);
}

export function openAuthyList(value: unknown[], source: string): OpenedFile {
  return openTokens(value, source);
}

/** The tokens of Authy's API, encrypted or as the extraction tools decrypted them. */
export function looksLikeAuthyTokens(value: Record<string, unknown>): boolean {
  return (
    Array.isArray(value.authenticator_tokens) || Array.isArray(value.decrypted_authenticator_tokens)
  );
}

export function openAuthyTokens(value: Record<string, unknown>, source: string): OpenedFile {
  const list = Array.isArray(value.decrypted_authenticator_tokens)
    ? value.decrypted_authenticator_tokens
    : value.authenticator_tokens;
  return openTokens(list as unknown[], source);
}

/**
 * Authy's Android preferences file: null when the text is not XML holding Authy's token key.
 * Its JSON damaged is FILE_CORRUPT.
 */
export function openAuthyXml(text: string, _name: string, source: string): OpenedFile | null {
  if (!looksLikeXml(text) || !text.includes('com.authy.storage.tokens.')) return null;
  const document = parseXml(text);
  if (document === null) return null;
  const map = isRecord(document.map) ? document.map : null;
  if (map === null) return null;
  const strings = xmlList(map.string).filter(isRecord);
  const lists = strings.filter((s) => PREFERENCE_KEY.test(String(s['@_name'])));
  if (lists.length === 0) return null;
  const entries: unknown[] = [];
  for (const list of lists) {
    const parsed = parseJson(xmlText(list) ?? '');
    if (parsed === null || !Array.isArray(parsed.value)) {
      throw corrupt(`the list of tokens in ${String(list['@_name'])} is not a JSON list`);
    }
    entries.push(...(parsed.value as unknown[]));
  }
  if (entries.length === 0) {
    throw unrecognizedFile(
      'This Authy preferences file holds no tokens: there is nothing to import.',
    );
  }
  return openTokens(entries, source);
}
