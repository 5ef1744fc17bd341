// What recognising an import file yields: its format, whether it needs a password, and a reader.
import { AuthdeskError } from '../../../shared/errors';
import { IMPORT_FORMAT_NAMES, type ImportFormatId } from '../../../shared/transfer';
import type { Found } from '../found';

/** A file whose format is known and whose structure was checked; reading may still need a password. */
export interface OpenedFile {
  format: ImportFormatId;
  encrypted: boolean;
  /**
   * The accounts and problems; `password` is used only when the file is encrypted. A cancelled
   * `signal` stops before the next key derivation with CANCELLED (one running is not interrupted,
   * but what it yields is discarded).
   */
  read(password?: string, signal?: AbortSignal): Promise<Found>;
}

const name = (format: ImportFormatId) => IMPORT_FORMAT_NAMES[format];

export function unrecognizedFile(message: string): AuthdeskError {
  return new AuthdeskError('FILE_UNRECOGNIZED', message);
}

/** A file of a known format that is truncated, damaged or structurally wrong; `why` ends without a period. */
export function corruptFile(format: ImportFormatId, why: string): AuthdeskError {
  return new AuthdeskError('FILE_CORRUPT', `This ${name(format)} file cannot be read: ${why}.`);
}

export function wrongPassword(format: ImportFormatId, hint = ''): AuthdeskError {
  return new AuthdeskError(
    'WRONG_PASSWORD',
    `The password does not open this ${name(format)} file.${hint ? ` ${hint}` : ''}`,
  );
}

/** The password, or PASSWORD_REQUIRED when none (or an empty one) was given. */
export function requirePassword(format: ImportFormatId, password: string | undefined): string {
  if (password === undefined || password === '') {
    throw new AuthdeskError(
      'PASSWORD_REQUIRED',
      `This ${name(format)} file is encrypted: enter the password it was exported with.`,
    );
  }
  return password;
}

/**
 * The password as typed, then its NFC form if that differs: the other apps hash the UTF-8 bytes
 * of what the phone's keyboard produced (almost always NFC), which a desktop input may not match.
 */
export function passwordCandidates(password: string): string[] {
  const nfc = password.normalize('NFC');
  return nfc === password ? [password] : [password, nfc];
}
