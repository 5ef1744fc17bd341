// andOTP backups: a plain JSON list of entries, or that list encrypted (.json.aes) with PBKDF2-SHA1 and AES-GCM.
//
// Layout of an encrypted backup, as andOTP's BackupHelper writes it and Aegis' AndOtpImporter reads
// it: [4-byte big-endian PBKDF2 iteration count][12-byte salt][12-byte IV][ciphertext][16-byte tag],
// key = PBKDF2-HMAC-SHA1(password, salt, iterations, 256 bits). andOTP picks 140 000–160 000
// iterations; Aegis refuses more than 10 000 000 as "probably not an andOTP file", and so do we.
//
// andOTP's older encrypted format (key = SHA-256 of the password, [IV][ciphertext][tag], no header)
// has nothing that tells it from random bytes, so it is not guessed at: a binary file that fails the
// checks below is not recognised, and one named *.aes whose header is implausible is reported as
// damaged, with a word about the old format. Users of that format can export a new backup.
import type { Found } from '../found';
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
const OLD_FORMAT =
  'backups from old andOTP versions use a format Authdesk cannot read; export a new encrypted backup from andOTP';

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
    fields(entry) {
      // andOTP has tags, not groups; the first tag becomes the group.
      const tag = Array.isArray(entry.tags) ? (entry.tags as unknown[])[0] : undefined;
      return {
        type: otpTypeOf(entry.type ?? 'TOTP'),
        secret: entry.secret,
        algorithm: entry.algorithm,
        digits: entry.digits,
        period: entry.period,
        counter: entry.counter,
        group: typeof tag === 'string' ? tag : undefined,
      };
    },
  });
}

export function openAndOtpList(entries: unknown[], source: string): OpenedFile {
  return { format: 'andotp', encrypted: false, read: async () => readEntries(entries, source) };
}

/**
 * A binary file as an encrypted andOTP backup: null when it is not plausibly one, FILE_CORRUPT when
 * its name says it is (*.aes) but its header is impossible. Runs no KDF.
 */
export function openAndOtpEncrypted(
  bytes: Uint8Array,
  name: string,
  source: string,
): OpenedFile | null {
  const named = /\.aes$/i.test(name);
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length < HEADER_BYTES + GCM_TAG_BYTES) {
    if (named) throw corruptFile('andotp', 'it is too short to hold an encrypted backup');
    return null;
  }
  const iterations = data.readUInt32BE(0);
  if (iterations < 1 || iterations > MAX_ITERATIONS) {
    if (!named) return null;
    throw corruptFile(
      'andotp',
      `its header asks for ${iterations} PBKDF2 iterations, which no andOTP backup does (${OLD_FORMAT})`,
    );
  }
  const salt = data.subarray(ITERATIONS_BYTES, ITERATIONS_BYTES + SALT_BYTES);
  const iv = data.subarray(ITERATIONS_BYTES + SALT_BYTES, HEADER_BYTES);
  const ciphertext = data.subarray(HEADER_BYTES, data.length - GCM_TAG_BYTES);
  const tag = data.subarray(data.length - GCM_TAG_BYTES);
  return {
    format: 'andotp',
    encrypted: true,
    // One PBKDF2 run per password candidate (at most two), each bounded by MAX_ITERATIONS.
    async read(password, signal) {
      for (const candidate of passwordCandidates(requirePassword('andotp', password))) {
        const key = await pbkdf2Key(candidate, salt, iterations, 'sha1', signal);
        const plain = openGcm(key, iv, ciphertext, tag);
        if (plain === null) continue;
        const entries = decryptedJson(plain)?.value;
        if (!Array.isArray(entries))
          throw corruptFile('andotp', 'its decrypted content is not a JSON list');
        return readEntries(entries as unknown[], source);
      }
      // GCM cannot tell a wrong password from a changed byte; the password is the likelier cause.
      throw wrongPassword('andotp', `(Note: ${OLD_FORMAT}.)`);
    },
  };
}
