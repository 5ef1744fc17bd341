// Aegis exports (docs/vault.md in beemdevelopment/Aegis): the db as plain JSON, or encrypted under password slots.
import { keptUnlessCancelled, slotWorkProblem } from '../../vault/kdf';
import type { Found } from '../found';
import { base64IconFile } from '../import-icons';
import { groupNames, otpTypeOf, readEntryList } from './entries';
import {
  AES_KEY_BYTES,
  base64Bytes,
  GCM_NONCE_BYTES,
  GCM_TAG_BYTES,
  hexBytes,
  openGcm,
  scryptKey,
  scryptParamsProblem,
  type ScryptParams,
} from './file-crypto';
import { decryptedJson, isRecord } from './file-text';
import {
  corruptFile,
  passwordCandidates,
  requirePassword,
  unrecognizedFile,
  wrongPassword,
  type OpenedFile,
} from './opened-file';

/** The file envelope version Aegis writes and the newest content ("db") version it documents. */
const FILE_VERSION = 1;
const MAX_DB_VERSION = 3;
/** Slot types (vault.md): 0 raw, 1 password, 2 biometric. Only password slots can be opened here. */
const PASSWORD_SLOT = 1;
/**
 * Aegis writes one password slot, and a second when a separate backup password is set. A few more
 * are read; their summed scrypt cost is bounded too (slotWorkProblem: at most twice the costliest).
 */
const MAX_PASSWORD_SLOTS = 4;

const corrupt = (why: string) => corruptFile('aegis', why);

interface Sealed {
  nonce: Buffer;
  tag: Buffer;
}
interface PasswordSlot extends Sealed, ScryptParams {
  key: Buffer;
}
interface EncryptedDb extends Sealed {
  slots: PasswordSlot[];
  data: Buffer;
}

/** An Aegis file has a header and a db (the names 2FAS, andOTP and Bitwarden never use). */
export function looksLikeAegis(value: Record<string, unknown>): boolean {
  return 'header' in value && 'db' in value;
}

/** key_params and header.params: a 12-byte nonce and a 16-byte tag, both hex. */
function sealedParams(value: unknown, where: string): Sealed {
  const nonce = isRecord(value) ? hexBytes(value.nonce) : null;
  const tag = isRecord(value) ? hexBytes(value.tag) : null;
  if (nonce?.length !== GCM_NONCE_BYTES || tag?.length !== GCM_TAG_BYTES) {
    throw corrupt(`the nonce or tag of ${where} is missing or damaged`);
  }
  return { nonce, tag };
}

function passwordSlot(slot: Record<string, unknown>, index: number): PasswordSlot {
  const where = `key slot ${index + 1}`;
  const key = hexBytes(slot.key);
  if (key?.length !== AES_KEY_BYTES) throw corrupt(`the wrapped key of ${where} is damaged`);
  const salt = hexBytes(slot.salt);
  if (salt === null) throw corrupt(`the salt of ${where} is damaged`);
  const problem = scryptParamsProblem(slot.n, slot.r, slot.p, salt);
  if (problem !== null) throw corrupt(`in ${where}, ${problem}`);
  return {
    key,
    ...sealedParams(slot.key_params, where),
    N: slot.n as number,
    r: slot.r as number,
    p: slot.p as number,
    salt,
  };
}

/**
 * The header and db of an encrypted file, checked before any key is derived: every password slot
 * costs a KDF run on a wrong password, so how many there are and what they cost together is bounded
 * here (a 20 MB file holds tens of thousands).
 */
function encryptedDb(header: Record<string, unknown>, db: unknown): EncryptedDb {
  if (!Array.isArray(header.slots)) throw corrupt('its header has no list of key slots');
  const list = header.slots as unknown[];
  const passwordSlots = list.filter((slot) => isRecord(slot) && slot.type === PASSWORD_SLOT);
  if (passwordSlots.length > MAX_PASSWORD_SLOTS) {
    throw corrupt(
      `it has ${passwordSlots.length} password slots; Aegis writes one or two (a backup password), ` +
        `and Authdesk tries at most ${MAX_PASSWORD_SLOTS}, so none was tried`,
    );
  }
  const slots = list.flatMap((slot: unknown, index) => {
    if (!isRecord(slot)) throw corrupt(`key slot ${index + 1} is not an object`);
    // Raw and biometric slots are opened by a key kept on the phone; they are skipped.
    return slot.type === PASSWORD_SLOT ? [passwordSlot(slot, index)] : [];
  });
  const problem = slotWorkProblem(slots, MAX_PASSWORD_SLOTS);
  if (problem !== null) throw corrupt(`it ${problem}, so none was tried`);
  if (slots.length === 0) {
    throw unrecognizedFile(
      'This Aegis vault has no password slot, so it can only be opened on the phone that made ' +
        'it. In Aegis, export it again with a password.',
    );
  }
  const data = base64Bytes(db);
  if (data === null) throw corrupt('its encrypted db is not valid base64');
  return { slots, data, ...sealedParams(header.params, 'the db') };
}

interface Content {
  entries: unknown[];
  /** uuid → name (db version 3). */
  groups: Map<string, string>;
}

function content(db: unknown): Content {
  if (!isRecord(db)) throw corrupt('its db is not an object');
  const { version } = db;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw corrupt('its db has no valid version');
  }
  if (version > MAX_DB_VERSION) {
    throw unrecognizedFile(
      `This Aegis export uses db version ${version}, newer than the versions 1–${MAX_DB_VERSION} ` +
        'Authdesk reads. Export the accounts as a plain-text list of otpauth:// links instead.',
    );
  }
  if (!Array.isArray(db.entries)) throw corrupt('its db has no list of entries');
  return { entries: db.entries as unknown[], groups: groupNames(db.groups, 'uuid') };
}

/** Version 3 entries list group uuids (of the db's groups); versions 1 and 2 had one group name. */
function tagsOf(entry: Record<string, unknown>, groups: Map<string, string>): unknown[] {
  const names: unknown[] = typeof entry.group === 'string' ? [entry.group] : [];
  if (Array.isArray(entry.groups)) {
    for (const uuid of entry.groups as unknown[]) {
      if (typeof uuid === 'string' && groups.has(uuid)) names.push(groups.get(uuid));
    }
  }
  return names;
}

function readContent({ entries, groups }: Content, source: string): Found {
  return readEntryList(entries, source, {
    names: (entry) => ({ issuer: entry.issuer, label: entry.name }),
    // Base64 of a PNG, JPEG or SVG (icon_mime); what the bytes are is read from the bytes themselves.
    icon: (entry) => (entry.icon == null ? undefined : base64IconFile(entry.icon)),
    fields(entry) {
      const info = isRecord(entry.info) ? entry.info : {};
      return {
        type: otpTypeOf(entry.type),
        secret: info.secret,
        algorithm: info.algo,
        digits: info.digits,
        period: info.period,
        counter: info.counter,
        tags: tagsOf(entry, groups),
        note: entry.note,
        pinned: entry.favorite === true,
      };
    },
  });
}

/**
 * Tries the password on every password slot (bounded in encryptedDb); the first that opens gives
 * the master key. A cancelled `signal` stops before the next derivation and discards a key found.
 */
async function masterKey(
  db: EncryptedDb,
  password: string,
  signal: AbortSignal | undefined,
): Promise<Buffer> {
  for (const slot of db.slots) {
    for (const candidate of passwordCandidates(password)) {
      const key = await scryptKey(candidate, slot, signal);
      const master = openGcm(key, slot.nonce, slot.key, slot.tag);
      key.fill(0);
      if (master !== null) return keptUnlessCancelled(master, signal);
    }
  }
  // Aegis also retries a slot not marked "repaired" with an older, buggy encoding of passwords
  // over 64 bytes (its issue #95); Aegis repairs such slots when it unlocks them, so that path
  // is not copied here.
  throw wrongPassword('aegis');
}

async function decryptDb(
  db: EncryptedDb,
  password: string | undefined,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  const master = await masterKey(db, requirePassword('aegis', password), signal);
  // The password opened a slot, so a failure now means the db itself was changed or cut.
  const plain = openGcm(master, db.nonce, db.data, db.tag);
  if (plain === null) throw corrupt('its encrypted db fails its integrity check');
  const parsed = decryptedJson(plain);
  if (parsed === null) throw corrupt('its decrypted db is not JSON');
  return parsed.value;
}

/** Checks the envelope (and every password slot's scrypt parameters) without deriving a key. */
export function openAegis(file: Record<string, unknown>, source: string): OpenedFile {
  const { version, header } = file;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw corrupt('it has no valid version');
  }
  if (version > FILE_VERSION) {
    throw unrecognizedFile(
      `This Aegis export uses file version ${version}; Authdesk reads version ${FILE_VERSION}. ` +
        'Export the accounts as a plain-text list of otpauth:// links instead.',
    );
  }
  if (!isRecord(header)) throw corrupt('it has no header');
  if (header.slots === null && header.params === null) {
    const plain = content(file.db);
    return { format: 'aegis', encrypted: false, read: async () => readContent(plain, source) };
  }
  const db = encryptedDb(header, file.db);
  return {
    format: 'aegis',
    encrypted: true,
    read: async (password, signal) =>
      readContent(content(await decryptDb(db, password, signal)), source),
  };
}
