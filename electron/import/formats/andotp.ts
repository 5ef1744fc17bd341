// andOTP backups: a plain JSON list of entries, or that list encrypted (.json.aes) with AES-GCM, in either of andOTP's two layouts.
//
// As andOTP's BackupHelper/EncryptionHelper write them and Aegis' AndOtpImporter reads them:
// - current (andOTP 0.6.3 and later): [4-byte big-endian PBKDF2 iteration count][12-byte salt]
//   [12-byte IV][ciphertext][16-byte tag], key = PBKDF2-HMAC-SHA1(password, salt, iterations,
//   256 bits). andOTP picks 140 000–160 000 iterations; Aegis refuses more than 10 000 000 as
//   "probably not an andOTP file", and so do we.
// - old (before 0.6.3): [12-byte IV][ciphertext][16-byte tag], key = SHA-256 of the password's
//   UTF-8 bytes. Nothing in it tells it from random bytes.
// Neither has a header of its own, so: a file whose first bytes make a plausible current header is
// read as either kind (the old one is tried first, being one hash); a file named *.aes whose
// header is implausible is read as an old backup only; any other binary file is not andOTP's. A
// wrong password (or, GCM being unable to tell, a damaged file) is WRONG_PASSWORD naming the
// kinds tried.
import { createHash } from 'node:crypto';
import { throwIfCancelled } from '../../vault/kdf';
import type { Found } from '../found';
import { namedBrand } from '../import-icons';
import { otpTypeOf, readEntryList } from './entries';
import { GCM_NONCE_BYTES, GCM_TAG_BYTES, openGcm, pbkdf2Key } from './file-crypto';
import { decryptedJson, isRecord } from './file-text';
import {
  corruptFile,
  passwordCandidates,
  requirePassword,
  wrongPassword,
  type OpenedFile,
} from './opened-file';

const ITERATIONS_BYTES = 4;
const SALT_BYTES = 12;
const HEADER_BYTES = ITERATIONS_BYTES + SALT_BYTES + GCM_NONCE_BYTES;
const MAX_ITERATIONS = 10_000_000;
/** The smallest encrypted backup of either kind: an IV and a tag around no content at all. */
const OLD_MIN_BYTES = GCM_NONCE_BYTES + GCM_TAG_BYTES;

interface Sealed {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}
interface CurrentBackup extends Sealed {
  iterations: number;
  salt: Buffer;
}

/** A JSON list whose first item is an andOTP entry (a secret with a label or issuer). */
export function looksLikeAndOtp(value: unknown[]): boolean {
  const first: unknown = value[0];
  return isRecord(first) && 'secret' in first && ('label' in first || 'issuer' in first);
}

/** Entries without an issuer come from old andOTP versions, whose label was "Issuer - account". */
function names(entry: Record<string, unknown>): { issuer: unknown; label: unknown } {
  if ('issuer' in entry || typeof entry.label !== 'string') {
    return { issuer: entry.issuer, label: entry.label };
  }
  const parts = entry.label.split(' - ');
  return parts.length > 1
    ? { issuer: parts[0], label: parts.slice(1).join(' - ') }
    : { issuer: '', label: entry.label };
}

function readEntries(entries: unknown[], source: string): Found {
  return readEntryList(entries, source, {
    names,
    // andOTP's thumbnail is the name of an icon of its own set ("Github", "Default" for none).
    icon: (entry) => (entry.thumbnail === 'Default' ? undefined : namedBrand(entry.thumbnail)),
    fields(entry) {
      return {
        type: otpTypeOf(entry.type ?? 'TOTP'),
        secret: entry.secret,
        algorithm: entry.algorithm,
        digits: entry.digits,
        period: entry.period,
        counter: entry.counter,
        tags: Array.isArray(entry.tags) ? (entry.tags as unknown[]) : [],
      };
    },
  });
}

export function openAndOtpList(entries: unknown[], source: string): OpenedFile {
  return { format: 'andotp', encrypted: false, read: async () => readEntries(entries, source) };
}

function sealed(data: Buffer, ivAt: number): Sealed {
  return {
    iv: data.subarray(ivAt, ivAt + GCM_NONCE_BYTES),
    ciphertext: data.subarray(ivAt + GCM_NONCE_BYTES, data.length - GCM_TAG_BYTES),
    tag: data.subarray(data.length - GCM_TAG_BYTES),
  };
}

/** The current layout, or null when the file is too short for it or its iteration count is absurd. */
function currentBackup(data: Buffer): CurrentBackup | null {
  if (data.length < HEADER_BYTES + GCM_TAG_BYTES) return null;
  const iterations = data.readUInt32BE(0);
  if (iterations < 1 || iterations > MAX_ITERATIONS) return null;
  return {
    iterations,
    salt: data.subarray(ITERATIONS_BYTES, ITERATIONS_BYTES + SALT_BYTES),
    ...sealed(data, ITERATIONS_BYTES + SALT_BYTES),
  };
}

function decryptedEntries(plain: Buffer, source: string): Found {
  const entries = decryptedJson(plain)?.value;
  if (!Array.isArray(entries))
    throw corruptFile('andotp', 'its decrypted content is not a JSON list');
  return readEntries(entries as unknown[], source);
}

const BOTH_KINDS =
  '(It was tried as both kinds of andOTP backup: from andOTP 0.6.3 and later, and from old andOTP versions before 0.6.3.)';
const OLD_KIND =
  '(Its first bytes are not those of a backup from andOTP 0.6.3 or later, so it was tried as one from an old andOTP version, before 0.6.3; a file that is not an andOTP backup at all gives the same answer.)';

/**
 * A binary file as an encrypted andOTP backup: null when it is not plausibly one, FILE_CORRUPT when
 * its name says it is (*.aes) but it is too short. Runs no KDF.
 */
export function openAndOtpEncrypted(
  bytes: Uint8Array,
  name: string,
  source: string,
): OpenedFile | null {
  const named = /\.aes$/i.test(name);
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const current = currentBackup(data);
  if (current === null && !named) return null;
  if (data.length < OLD_MIN_BYTES) {
    throw corruptFile('andotp', 'it is too short to hold an encrypted backup');
  }
  const old = sealed(data, 0);
  return {
    format: 'andotp',
    encrypted: true,
    // The old kind first (one SHA-256 per candidate), then at most two PBKDF2 runs, each bounded
    // by MAX_ITERATIONS. GCM's tag makes a wrong key fail, never open the file as garbage.
    async read(password, signal) {
      const candidates = passwordCandidates(requirePassword('andotp', password));
      for (const candidate of candidates) {
        throwIfCancelled(signal);
        const key = createHash('sha256').update(candidate, 'utf8').digest();
        const plain = openGcm(key, old.iv, old.ciphertext, old.tag);
        key.fill(0);
        if (plain !== null) return decryptedEntries(plain, source);
      }
      if (current === null) throw wrongPassword('andotp', OLD_KIND);
      for (const candidate of candidates) {
        const key = await pbkdf2Key(candidate, current.salt, current.iterations, 'sha1', signal);
        const plain = openGcm(key, current.iv, current.ciphertext, current.tag);
        key.fill(0);
        if (plain !== null) return decryptedEntries(plain, source);
      }
      // GCM cannot tell a wrong password from a changed byte; the password is the likelier cause.
      throw wrongPassword('andotp', BOTH_KINDS);
    },
  };
}
