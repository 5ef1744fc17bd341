// FreeOTP (Android): the v1 preferences file tokens.xml, and the v2 encrypted backup.
//
// As freeotp-android writes them and Aegis' FreeOtpImporter reads them:
// - Token JSON (also FreeOTP+'s): {algo, counter, digits, issuerExt, issuerInt, issuerAlt?, label,
//   labelAlt?, period, secret: [signed bytes], type: "TOTP"|"HOTP"}. issuerAlt/labelAlt are the
//   names the user gave in the app, shown instead of issuerExt/label. FreeOTP shows Steam Guard
//   codes for a time-based token whose issuer is "Steam".
// - v1 tokens.xml: an Android preferences <map> of <string name="issuer:label">token JSON</string>,
//   plus <string name="tokenOrder">["issuer:label", …]</string> for the order shown.
// - v2 backup (externalBackup.xml, despite its name): a Java-serialized java.util.HashMap<String,
//   String> (stream magic AC ED 00 05). "masterKey" holds {mAlgorithm: "PBKDF2withHmacSHA1" or
//   "PBKDF2withHmacSHA512", mIterations, mSalt, mEncryptedKey}; each token is "<uuid>" →
//   {"key": EncryptedKey JSON} beside "<uuid>-token" → token JSON without its secret. An
//   EncryptedKey is {mCipher: "AES/GCM/NoPadding", mCipherText (ciphertext ‖ tag), mParameters
//   (DER GCM parameters: the nonce, and the tag length), mToken (the additional authenticated
//   data, e.g. "AES" or "HmacSHA1")}. The master key is wrapped with a 256-bit PBKDF2 key of the
//   password; each secret is wrapped with the master key.
import { createDecipheriv, pbkdf2 } from 'node:crypto';
import { beforeKdf, keptUnlessCancelled } from '../../vault/kdf';
import { encodeBase32 } from '../../../shared/base32';
import { AuthdeskError } from '../../../shared/errors';
import type { Found } from '../found';
import { describePlace, FoundCollector, accountFromFields, otpTypeOf } from './entries';
import { AES_KEY_BYTES } from './file-crypto';
import { isRecord, parseJson } from './file-text';
import {
  corruptFile,
  passwordCandidates,
  requirePassword,
  wrongPassword,
  type OpenedFile,
} from './opened-file';
import { looksLikeXml, parseXml, xmlList, xmlText } from './xml';

const corrupt = (why: string) => corruptFile('freeotp', why);

/** The secret as raw bytes from FreeOTP's list of signed (Java) bytes, or null when it is not one. */
export function secretBytes(value: unknown): Uint8Array | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const byte: unknown = value[i];
    if (typeof byte !== 'number' || !Number.isInteger(byte) || byte < -128 || byte > 255) {
      return null;
    }
    bytes[i] = byte & 0xff;
  }
  return bytes;
}

const nonEmpty = (value: unknown, fallback: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value : fallback;

/** The names FreeOTP shows for a token: the user's own when set. */
export function tokenNames(token: Record<string, unknown>): { issuer: unknown; label: unknown } {
  return {
    issuer: nonEmpty(token.issuerAlt, token.issuerExt),
    label: nonEmpty(token.labelAlt, token.label),
  };
}

/** The key FreeOTP files a token under (and lists in tokenOrder): "issuerInt:label", or the label. */
export function tokenKey(token: Record<string, unknown>): string {
  const issuer = typeof token.issuerInt === 'string' ? token.issuerInt : '';
  const label = typeof token.label === 'string' ? token.label : '';
  return issuer === '' ? label : `${issuer}:${label}`;
}

/** Adds one token (its secret given, or its own `secret` list) to `found`, or a problem naming it. */
export function addToken(
  found: FoundCollector,
  place: string,
  token: unknown,
  secret?: Uint8Array,
): void {
  const names = isRecord(token) ? tokenNames(token) : { issuer: undefined, label: undefined };
  found.add(describePlace(place, names.issuer, names.label), () => {
    if (!isRecord(token)) {
      throw new AuthdeskError(
        'ACCOUNT_INVALID',
        'This entry is not in the form the file format describes.',
      );
    }
    const bytes = secret ?? secretBytes(token.secret);
    if (bytes === null && token.secret !== undefined && token.secret !== null) {
      throw new AuthdeskError(
        'SECRET_INVALID',
        'The secret key of this entry is not a list of bytes.',
      );
    }
    const kind = otpTypeOf(token.type);
    // FreeOTP decides by the issuer the token came with, whatever the user renamed it to.
    const steam = kind === 'totp' && token.issuerExt === 'Steam';
    return accountFromFields({
      ...names,
      type: steam ? 'steam' : kind,
      secret: bytes === null ? undefined : encodeBase32(bytes),
      algorithm: token.algo,
      digits: token.digits,
      period: token.period,
      counter: token.counter,
    });
  });
}

/** Tokens in the order `order` lists their keys; any it does not list follow in file order. */
export function inOrder<T>(tokens: T[], keyOf: (t: T) => string | null, order: unknown): T[] {
  if (!Array.isArray(order)) return tokens;
  const rank = new Map<string, number>();
  (order as unknown[]).forEach((key, i) => {
    if (typeof key === 'string' && !rank.has(key)) rank.set(key, i);
  });
  const position = (t: T) => {
    const key = keyOf(t);
    return key === null ? Infinity : (rank.get(key) ?? Infinity);
  };
  return tokens
    .map((token, index) => ({ token, index, at: position(token) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ token }) => token);
}

// v1: tokens.xml

interface PreferenceString {
  name: string;
  text: string;
}

function preferenceStrings(text: string): PreferenceString[] | null {
  if (!looksLikeXml(text)) return null;
  const doc = parseXml(text);
  if (!doc || !isRecord(doc.map)) return null;
  return xmlList(doc.map.string).flatMap((element) => {
    const name = isRecord(element) ? element['@_name'] : undefined;
    const value = xmlText(element);
    return typeof name === 'string' && value !== undefined ? [{ name, text: value }] : [];
  });
}

const isToken = (value: unknown): value is Record<string, unknown> =>
  isRecord(value) && 'secret' in value && ('algo' in value || 'issuerExt' in value);

/** FreeOTP's tokens.xml (TEXT_FORMATS): a preferences map holding token JSON, else null. */
export function openFreeOtpXml(text: string, _name: string, source: string): OpenedFile | null {
  const strings = preferenceStrings(text);
  if (strings === null) return null;
  const order = strings.find((s) => s.name === 'tokenOrder');
  const entries = strings
    .filter((s) => s.name !== 'tokenOrder')
    .map((s, index) => ({ ...s, index, value: parseJson(s.text)?.value }));
  // Another app's preferences file (Authy's, a settings file) has no token JSON in it.
  if (!entries.some((e) => isToken(e.value)) && !(order && entries.length === 0)) return null;
  const ordered = inOrder(entries, (e) => e.name, order ? parseJson(order.text)?.value : null);
  return {
    format: 'freeotp',
    encrypted: false,
    read: async () => {
      const found = new FoundCollector(source);
      // Shown in FreeOTP's order; a problem names the entry's place in the file.
      for (const entry of ordered) addToken(found, `entry ${entry.index + 1}`, entry.value);
      return found.found();
    },
  };
}

// v2: the encrypted backup, a serialized HashMap<String, String>.

const STREAM_MAGIC = [0xac, 0xed, 0x00, 0x05];
const TC = {
  NULL: 0x70,
  REFERENCE: 0x71,
  CLASSDESC: 0x72,
  OBJECT: 0x73,
  STRING: 0x74,
  BLOCKDATA: 0x77,
  ENDBLOCKDATA: 0x78,
  LONGSTRING: 0x7c,
} as const;
const BASE_HANDLE = 0x7e0000;
const SC_WRITE_METHOD = 0x01;
const PRIMITIVE_BYTES: Record<string, number> = { B: 1, C: 2, D: 8, F: 4, I: 4, J: 8, S: 2, Z: 1 };
/** More tokens than any phone holds; each is two strings. */
const MAX_MAP_ENTRIES = 100_000;

class StreamReader {
  private pos = 0;
  private readonly handles: unknown[] = [];

  constructor(private readonly bytes: Uint8Array) {}

  private need(n: number): void {
    if (this.pos + n > this.bytes.length) throw corrupt('it ends in the middle of its data');
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.pos++]!;
  }

  u16(): number {
    return (this.u8() << 8) | this.u8();
  }

  u32(): number {
    return (this.u16() * 0x10000 + this.u16()) >>> 0;
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  expect(byte: number, what: string): void {
    if (this.u8() !== byte) throw corrupt(`it is not the Java map FreeOTP writes (${what})`);
  }

  newHandle(value: unknown): void {
    this.handles.push(value);
  }

  handle(n: number): unknown {
    return this.handles[n - BASE_HANDLE];
  }

  /** Java's modified UTF-8 (writeUTF): UTF-16 units in 1–3 bytes, NUL as C0 80. */
  utf(length: number): string {
    this.need(length);
    const end = this.pos + length;
    const units: number[] = [];
    while (this.pos < end) {
      const a = this.bytes[this.pos++]!;
      if (a < 0x80 && a !== 0) units.push(a);
      else if ((a & 0xe0) === 0xc0 && this.pos < end) {
        units.push(((a & 0x1f) << 6) | this.continuation());
      } else if ((a & 0xf0) === 0xe0 && this.pos + 1 < end) {
        units.push(((a & 0x0f) << 12) | (this.continuation() << 6) | this.continuation());
      } else throw corrupt('a text in it is not valid');
    }
    let text = '';
    for (let i = 0; i < units.length; i += 4096) {
      text += String.fromCharCode(...units.slice(i, i + 4096));
    }
    return text;
  }

  private continuation(): number {
    const b = this.bytes[this.pos++]!;
    if ((b & 0xc0) !== 0x80) throw corrupt('a text in it is not valid');
    return b & 0x3f;
  }

  /** A String object: new (short or long), or a reference to one read before. */
  string(): string {
    const tc = this.u8();
    if (tc === TC.STRING || tc === TC.LONGSTRING) {
      let length: number;
      if (tc === TC.STRING) length = this.u16();
      else {
        if (this.u32() !== 0) throw corrupt('a text in it is impossibly long');
        length = this.u32();
      }
      const text = this.utf(length);
      this.newHandle(text);
      return text;
    }
    if (tc === TC.REFERENCE) {
      const value = this.handle(this.u32());
      if (typeof value !== 'string') throw corrupt('a reference in it points at no text');
      return value;
    }
    throw corrupt('an entry of its map is not text');
  }
}

/** The map's class description: java.util.HashMap with primitive fields only; their total size. */
function hashMapClass(reader: StreamReader): { fieldBytes: number; writeMethod: boolean } {
  reader.expect(TC.CLASSDESC, 'class description');
  const name = reader.utf(reader.u16());
  if (name !== 'java.util.HashMap') {
    throw corrupt(`it holds a ${name.slice(0, 40)} where FreeOTP writes a java.util.HashMap`);
  }
  reader.skip(8); // serialVersionUID
  reader.newHandle(null);
  const flags = reader.u8();
  const fields = reader.u16();
  let fieldBytes = 0;
  for (let i = 0; i < fields; i++) {
    const type = String.fromCharCode(reader.u8());
    reader.utf(reader.u16());
    const size = PRIMITIVE_BYTES[type];
    if (size === undefined) throw corrupt('its map has a field FreeOTP never writes');
    fieldBytes += size;
  }
  reader.expect(TC.ENDBLOCKDATA, 'end of class annotations');
  reader.expect(TC.NULL, 'superclass');
  return { fieldBytes, writeMethod: (flags & SC_WRITE_METHOD) !== 0 };
}

/** The serialized HashMap<String, String> as a Map, checked all the way; FILE_CORRUPT otherwise. */
function serializedMap(bytes: Uint8Array): Map<string, string> {
  const reader = new StreamReader(bytes);
  reader.skip(STREAM_MAGIC.length);
  reader.expect(TC.OBJECT, 'object');
  const { fieldBytes, writeMethod } = hashMapClass(reader);
  reader.newHandle(null);
  reader.skip(fieldBytes);
  if (!writeMethod) throw corrupt('its map carries no entries');
  reader.expect(TC.BLOCKDATA, 'map size');
  const blockLength = reader.u8();
  if (blockLength < 8) throw corrupt('its map size is missing');
  reader.skip(4); // capacity
  const size = reader.u32();
  reader.skip(blockLength - 8);
  if (size > MAX_MAP_ENTRIES) throw corrupt(`its map claims ${size} entries`);
  const map = new Map<string, string>();
  for (let i = 0; i < size; i++) {
    const key = reader.string();
    map.set(key, reader.string());
  }
  reader.expect(TC.ENDBLOCKDATA, 'end of map');
  return map;
}

interface EncryptedKey {
  ciphertext: Buffer;
  tag: Buffer;
  nonce: Buffer;
  aad: Buffer;
}

const MIN_TAG_BYTES = 12;
const MAX_TAG_BYTES = 16;
const MAX_NONCE_BYTES = 64;

/** DER: one tag-length-value at `at` (short and long lengths up to 4 bytes), or null. */
function derItem(bytes: Buffer, at: number): { tag: number; start: number; end: number } | null {
  if (at + 2 > bytes.length) return null;
  const tag = bytes[at]!;
  let length = bytes[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > bytes.length) return null;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i]!;
    start += count;
  }
  const end = start + length;
  return end > bytes.length ? null : { tag, start, end };
}

const DER_SEQUENCE = 0x30;
const DER_OCTET_STRING = 0x04;
const DER_INTEGER = 0x02;

/** GCMParameters (RFC 5084): SEQUENCE {nonce OCTET STRING, tag length INTEGER}, or a bare nonce. */
function gcmParameters(bytes: Buffer): { nonce: Buffer; tagBytes: number } | null {
  const outer = derItem(bytes, 0);
  if (outer?.tag === DER_OCTET_STRING) {
    return { nonce: bytes.subarray(outer.start, outer.end), tagBytes: MAX_TAG_BYTES };
  }
  if (outer?.tag !== DER_SEQUENCE) return null;
  const nonce = derItem(bytes, outer.start);
  if (nonce?.tag !== DER_OCTET_STRING) return null;
  const length = derItem(bytes, nonce.end);
  let tagBytes = MAX_TAG_BYTES;
  if (length && length.tag === DER_INTEGER && length.end <= outer.end) {
    tagBytes = 0;
    for (let i = length.start; i < length.end; i++) tagBytes = tagBytes * 256 + bytes[i]!;
  }
  return { nonce: bytes.subarray(nonce.start, nonce.end), tagBytes };
}

/** An EncryptedKey object (already parsed), checked; `where` names it in the message. */
function encryptedKey(value: unknown, where: string): EncryptedKey {
  if (!isRecord(value)) throw corrupt(`${where} is missing`);
  if (value.mCipher !== 'AES/GCM/NoPadding') {
    throw corrupt(`${where} uses a cipher FreeOTP does not write`);
  }
  const data = secretBytes(value.mCipherText);
  const parameters = secretBytes(value.mParameters);
  const gcm = parameters && gcmParameters(Buffer.from(parameters));
  if (!data || !gcm || typeof value.mToken !== 'string') throw corrupt(`${where} is damaged`);
  const { nonce, tagBytes } = gcm;
  if (nonce.length === 0 || nonce.length > MAX_NONCE_BYTES) {
    throw corrupt(`the nonce of ${where} has no usable length`);
  }
  if (tagBytes < MIN_TAG_BYTES || tagBytes > MAX_TAG_BYTES || data.length < tagBytes) {
    throw corrupt(`the tag of ${where} has no usable length`);
  }
  const cut = data.length - tagBytes;
  return {
    ciphertext: Buffer.from(data.subarray(0, cut)),
    tag: Buffer.from(data.subarray(cut)),
    nonce: Buffer.from(nonce),
    aad: Buffer.from(value.mToken, 'utf8'),
  };
}

/** AES-256-GCM with additional data: the plaintext, or null for a wrong key or changed data. */
function openKey(key: Buffer, sealed: EncryptedKey): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce, {
      authTagLength: sealed.tag.length,
    });
    decipher.setAAD(sealed.aad);
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

const DIGESTS: Record<string, 'sha1' | 'sha512'> = {
  PBKDF2withHmacSHA1: 'sha1',
  PBKDF2withHmacSHA512: 'sha512',
};
/** FreeOTP writes 100 000; twenty times that is still refused as absurd before any derivation. */
const MAX_ITERATIONS = 2_000_000;
const MAX_SALT_BYTES = 1024;

interface MasterKey {
  digest: 'sha1' | 'sha512';
  iterations: number;
  salt: Buffer;
  wrapped: EncryptedKey;
}

function masterKeyOf(text: string | undefined): MasterKey {
  const value = text === undefined ? undefined : parseJson(text)?.value;
  if (!isRecord(value)) throw corrupt('its master key is missing');
  const digest = typeof value.mAlgorithm === 'string' ? DIGESTS[value.mAlgorithm] : undefined;
  if (!digest) throw corrupt('its master key uses a key derivation FreeOTP does not write');
  const { mIterations: iterations } = value;
  if (
    typeof iterations !== 'number' ||
    !Number.isInteger(iterations) ||
    iterations < 1 ||
    iterations > MAX_ITERATIONS
  ) {
    throw corrupt(`its PBKDF2 iteration count must be 1 to ${MAX_ITERATIONS}`);
  }
  const salt = secretBytes(value.mSalt);
  if (!salt || salt.length > MAX_SALT_BYTES) throw corrupt('its master key salt is damaged');
  return {
    digest,
    iterations,
    salt: Buffer.from(salt),
    wrapped: encryptedKey(value.mEncryptedKey, 'its master key'),
  };
}

async function pbkdf2Key(
  password: string,
  { digest, iterations, salt }: MasterKey,
  signal: AbortSignal | undefined,
): Promise<Buffer> {
  await beforeKdf({ name: 'pbkdf2', iterations, digest }, signal);
  const key = await new Promise<Buffer>((resolve, reject) => {
    pbkdf2(Buffer.from(password, 'utf8'), salt, iterations, AES_KEY_BYTES, digest, (err, k) =>
      err ? reject(err) : resolve(k),
    );
  });
  return keptUnlessCancelled(key, signal);
}

async function unwrapMaster(
  master: MasterKey,
  password: string,
  signal: AbortSignal | undefined,
): Promise<Buffer> {
  for (const candidate of passwordCandidates(password)) {
    const key = await pbkdf2Key(candidate, master, signal);
    const opened = openKey(key, master.wrapped);
    key.fill(0);
    if (opened !== null) {
      if (opened.length !== AES_KEY_BYTES) {
        opened.fill(0);
        throw corrupt('its master key has the wrong length');
      }
      return keptUnlessCancelled(opened, signal);
    }
  }
  throw wrongPassword('freeotp');
}

const TOKEN_SUFFIX = '-token';

function readBackup(map: Map<string, string>, key: Buffer, source: string): Found {
  const found = new FoundCollector(source);
  const ids = [...map.keys()].filter((k) => k !== 'masterKey' && !k.endsWith(TOKEN_SUFFIX));
  ids.forEach((id, i) => {
    const token = parseJson(map.get(`${id}${TOKEN_SUFFIX}`) ?? '')?.value;
    const names = isRecord(token) ? tokenNames(token) : { issuer: '', label: '' };
    const place = describePlace(`entry ${i + 1}`, names.issuer, names.label);
    const outer = parseJson(map.get(id) ?? '')?.value;
    const inner = isRecord(outer) && typeof outer.key === 'string' ? parseJson(outer.key) : null;
    let secret: Buffer | null = null;
    try {
      secret = inner ? openKey(key, encryptedKey(inner.value, 'its secret')) : null;
    } catch {
      secret = null;
    }
    if (!isRecord(token) || secret === null) {
      found.problem(
        'FILE_CORRUPT',
        isRecord(token)
          ? 'The secret key of this entry does not decrypt: that part of the backup is damaged.'
          : 'This entry has no token details in the backup.',
        place,
      );
      return;
    }
    addToken(found, `entry ${i + 1}`, token, secret);
    secret.fill(0);
  });
  return found.found();
}

/** FreeOTP's v2 backup (BINARY_FORMATS: it starts with Java's stream magic), else null. */
export function openFreeOtpBackup(bytes: Uint8Array, _name: string, source: string) {
  if (!STREAM_MAGIC.every((b, i) => bytes[i] === b)) return null;
  const map = serializedMap(bytes);
  const master = masterKeyOf(map.get('masterKey'));
  const opened: OpenedFile = {
    format: 'freeotp',
    encrypted: true,
    read: async (password, signal) => {
      const key = await unwrapMaster(master, requirePassword('freeotp', password), signal);
      try {
        return readBackup(map, key, source);
      } finally {
        key.fill(0);
      }
    },
  };
  return opened;
}
