// Ente Auth exports (docs/auth/migration/export.md in ente-io/ente): a plain list of otpauth:// links
// with Ente's own extras, or that list encrypted (Argon2id key, libsodium secretstream XChaCha20-Poly1305).
import type { AccountIcon, AccountInput } from '../../../shared/account';
import { parseOtpauthUri } from '../../../shared/otpauth';
import type { Found } from '../found';
import { finishAccount } from '../finish-account';
import { namedBrand } from '../import-icons';
import { describePlace, FoundCollector } from './entries';
import { base64Bytes, importKeyArgon2id, type Argon2Params } from './file-crypto';
import { decodeUtf8, isRecord, meaningfulLines, parseJson } from './file-text';
import {
  corruptFile,
  passwordCandidates,
  requirePassword,
  unrecognizedFile,
  wrongPassword,
  type OpenedFile,
} from './opened-file';

/** The only export version Ente documents (and writes). */
const EXPORT_VERSION = 1;

/**
 * libsodium's crypto_pwhash limits as Ente uses them. Ente derives with the "sensitive" cost
 * (memLimit 1 GiB, opsLimit 4) and, on a phone short of memory, halves memLimit and doubles
 * opsLimit (so memLimit × opsLimit stays 4 GiB); 256 MiB × 16 on a "low spec" phone. A file asking
 * for more memory or more work than that is refused before any derivation: it was not made by Ente.
 */
export const ENTE_KDF_LIMITS = {
  /** crypto_pwhash_MEMLIMIT_MIN (8 KiB) and Ente's largest, MEMLIMIT_SENSITIVE (1 GiB). */
  minMemLimit: 8192,
  maxMemLimit: 1024 ** 3,
  /** crypto_pwhash_OPSLIMIT_MIN for Argon2id. */
  minOpsLimit: 1,
  /** memLimit × opsLimit of Ente's sensitive cost (1 GiB × 4), in bytes × passes. */
  maxWork: 4 * 1024 ** 3,
} as const;
/** crypto_pwhash_SALTBYTES and crypto_secretstream_xchacha20poly1305_HEADERBYTES. */
const SALT_BYTES = 16;
const HEADER_BYTES = 24;
/** crypto_secretstream_xchacha20poly1305_ABYTES: the tag byte and the 16-byte MAC. */
const STREAM_ABYTES = 17;

const corrupt = (why: string) => corruptFile('ente', why);

interface Sealed {
  kdf: Argon2Params;
  header: Buffer;
  data: Buffer;
}

/** The encrypted export: version, kdfParams {memLimit, opsLimit, salt}, encryptedData, encryptionNonce (the last two are Ente's names alone). */
export function looksLikeEnte(value: Record<string, unknown>): boolean {
  return 'encryptedData' in value && 'encryptionNonce' in value;
}

const isWhole = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);

/** Why Argon2id with these stored limits is refused, or null; checked before any derivation. */
export function enteKdfProblem(memLimit: unknown, opsLimit: unknown): string | null {
  const { minMemLimit, maxMemLimit, minOpsLimit, maxWork } = ENTE_KDF_LIMITS;
  if (!isWhole(memLimit) || memLimit < minMemLimit || memLimit > maxMemLimit) {
    return 'its Argon2 memory limit is not a whole number of bytes from 8 KiB to 1 GiB';
  }
  if (!isWhole(opsLimit) || opsLimit < minOpsLimit) {
    return 'its Argon2 operations limit is not a whole number of 1 or more';
  }
  if (memLimit * opsLimit > maxWork) {
    return 'its Argon2 limits ask for more work than Ente’s strongest setting (1 GiB × 4 passes)';
  }
  return null;
}

function sealed(file: Record<string, unknown>): Sealed {
  const { kdfParams } = file;
  if (!isRecord(kdfParams)) throw corrupt('its key derivation parameters are missing');
  const problem = enteKdfProblem(kdfParams.memLimit, kdfParams.opsLimit);
  if (problem !== null) throw corrupt(problem);
  const salt = base64Bytes(kdfParams.salt);
  if (salt?.length !== SALT_BYTES) throw corrupt('its salt is missing or damaged');
  const header = base64Bytes(file.encryptionNonce);
  if (header?.length !== HEADER_BYTES) throw corrupt('its nonce is missing or damaged');
  const data = base64Bytes(file.encryptedData);
  if (data === null || data.length < STREAM_ABYTES) {
    throw corrupt('its encrypted data is missing, cut short or not valid base64');
  }
  return {
    // libsodium's crypto_pwhash: Argon2id v1.3, one lane, memLimit in bytes (KiB here, floored).
    kdf: {
      memoryKiB: Math.floor((kdfParams.memLimit as number) / 1024),
      iterations: kdfParams.opsLimit as number,
      parallelism: 1,
      salt,
    },
    header,
    data,
  };
}

/** The one message of the stream, or null when the key does not open it (or the bytes were changed). */
async function openStream(key: Buffer, { header, data }: Sealed): Promise<Uint8Array | null> {
  // Loaded on the first encrypted Ente file: libsodium instantiates its WebAssembly when imported,
  // work neither the app's start nor the other importers need.
  const { default: sodium } = await import('libsodium-wrappers');
  await sodium.ready;
  let pulled: { message: Uint8Array; tag: number } | false;
  try {
    const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
    pulled = sodium.crypto_secretstream_xchacha20poly1305_pull(state, data, null) as typeof pulled;
  } catch {
    return null;
  }
  if (!pulled) return null;
  // Ente pushes the whole list as one final message; anything else was not written by Ente.
  if (pulled.tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
    throw corrupt('its encrypted data is not one complete message');
  }
  return pulled.message;
}

async function decrypt(
  file: Sealed,
  password: string | undefined,
  signal: AbortSignal | undefined,
): Promise<string> {
  for (const candidate of passwordCandidates(requirePassword('ente', password))) {
    const key = await importKeyArgon2id('ente', candidate, file.kdf, signal);
    let plain: Uint8Array | null;
    try {
      plain = await openStream(key, file);
    } finally {
      key.fill(0);
    }
    if (plain !== null) {
      const text = decodeUtf8(plain);
      if (text === null) throw corrupt('its decrypted content is not text');
      return text;
    }
  }
  // The MAC covers the data: a wrong password and changed bytes look the same, and the password
  // is by far the likelier.
  throw wrongPassword('ente');
}

// ---------------------------------------------------------------------------------------------
// The list of links, with Ente's extras.

/** What Ente keeps in its codeDisplay parameter that an Authdesk account has. */
interface Display {
  pinned?: boolean;
  note?: string;
  tags?: string[];
  icon?: AccountIcon;
}

/**
 * Ente's codeDisplay parameter: JSON {pinned, trashed, tags, note, position…}. Unreadable JSON is
 * ignored (the code itself is still good); its tags become the account's tags.
 */
function displayOf(value: string | undefined): Display {
  if (value === undefined) return {};
  let json: string;
  try {
    json = decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return {};
  }
  const parsed = parseJson(json)?.value;
  if (!isRecord(parsed)) return {};
  const tags = Array.isArray(parsed.tags)
    ? (parsed.tags as unknown[]).filter(
        (t): t is string => typeof t === 'string' && t.trim() !== '',
      )
    : [];
  // iconSrc "simpleIcon": iconID names a simple-icons brand; "customIcon" one of Ente's own set,
  // which Authdesk does not have (the account is then matched automatically).
  const icon = parsed.iconSrc === 'simpleIcon' ? namedBrand(parsed.iconID) : undefined;
  return {
    ...(parsed.pinned === true && { pinned: true }),
    ...(typeof parsed.note === 'string' && parsed.note.trim() !== '' && { note: parsed.note }),
    ...(tags.length > 0 && { tags }),
    ...(icon?.kind === 'brand' && { icon }),
  };
}

/**
 * The link without Ente's own parameters, and without the "null" values older Ente versions wrote
 * for an algorithm, length or period they did not know (`digits=null`): those mean the default.
 * Some versions wrote the algorithm as Dart's enum name (`algorithm=Algorithm.sha1`).
 */
function cleanLink(link: string): { link: string; display: Display } {
  const q = link.indexOf('?');
  if (q < 0) return { link, display: {} };
  let display: string | undefined;
  const kept = link
    .slice(q + 1)
    .split('&')
    .flatMap((part) => {
      const eq = part.indexOf('=');
      const name = (eq < 0 ? part : part.slice(0, eq)).toLowerCase();
      const value = eq < 0 ? '' : part.slice(eq + 1);
      if (name === 'codedisplay') {
        display ??= value;
        return [];
      }
      if (value === 'null') return [];
      if (name === 'algorithm') return [part.replace(/=Algorithm\./i, '=')];
      return [part];
    });
  return { link: `${link.slice(0, q)}?${kept.join('&')}`, display: displayOf(display) };
}

function accountOf(line: string): AccountInput {
  const { link, display } = cleanLink(line);
  const account = parseOtpauthUri(link);
  // Ente sometimes writes the issuer into the name as well ("GitHub:GitHub:alice").
  const label =
    account.issuer && account.label.startsWith(`${account.issuer}:`)
      ? account.label.slice(account.issuer.length + 1)
      : account.label;
  return finishAccount({ ...account, label, ...display });
}

/** Every meaningful line an account or a problem at "line N"; a line that is not a link is named, never shown. */
function readLinks(text: string, source: string): Found {
  const found = new FoundCollector(source);
  for (const { number, text: line } of meaningfulLines(text)) {
    const place = describePlace(`line ${number}`);
    if (!/^otpauth:/i.test(line)) {
      found.problem('URI_SCHEME', 'This line is not an otpauth:// link.', place);
      continue;
    }
    found.add(place, () => accountOf(line));
  }
  return found.found();
}

/**
 * Ente's plain export: otpauth:// links, at least one carrying Ente's codeDisplay parameter (what
 * tells it from any other list); null for other text, which the plain link list reads.
 */
export function openEnteText(text: string, _name: string, source: string): OpenedFile | null {
  // Every text file passes here before the link list: most are dismissed by this one search.
  if (!/codeDisplay=/i.test(text)) return null;
  const lines = meaningfulLines(text);
  const links = lines.filter((line) => /^otpauth:/i.test(line.text));
  if (links.length === 0 || !links.some((line) => /[?&]codeDisplay=/i.test(line.text))) {
    return null;
  }
  return { format: 'ente', encrypted: false, read: async () => readLinks(text, source) };
}

/** Checks the envelope and bounds the Argon2 limits without deriving a key. */
export function openEnte(file: Record<string, unknown>, source: string): OpenedFile {
  const { version } = file;
  if (!isWhole(version) || version < 1) throw corrupt('it has no valid version');
  if (version > EXPORT_VERSION) {
    throw unrecognizedFile(
      `This Ente Auth export uses version ${version}; Authdesk reads version ${EXPORT_VERSION}. ` +
        'Export the codes from Ente Auth as plain text instead.',
    );
  }
  const checked = sealed(file);
  return {
    format: 'ente',
    encrypted: true,
    read: async (password, signal) => {
      const text = await decrypt(checked, password, signal);
      const found = readLinks(text, source);
      if (found.accounts.length === 0 && found.problems.length === 0) {
        throw corrupt('its decrypted content holds no codes');
      }
      return found;
    },
  };
}
