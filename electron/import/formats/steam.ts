// Steam Desktop Authenticator (SDA, Jessecar96/SteamDesktopAuthenticator): one account per .maFile.
//
// A plain .maFile is the JSON of Steam's authenticator: {shared_secret (base64, the key of the
// Steam Guard codes), serial_number, revocation_code, uri, server_time, account_name, token_gid,
// identity_secret, secret_1, status, device_id, fully_enrolled, Session}. SDA can encrypt its
// .maFiles: each becomes base64 of AES-256-CBC under PBKDF2-SHA1(passkey, salt, 50 000 iterations),
// with the salt and IV kept in SDA's manifest.json, not in the .maFile. Authdesk imports one file
// at a time, so an encrypted .maFile (or the manifest) is named and refused with the way to a
// plain one (SDA › Manage Encryption › Remove Encryption) rather than half-supported.
import type { Found } from '../found';
import { describePlace, FoundCollector, accountFromFields } from './entries';
import { base64Bytes } from './file-crypto';
import { isRecord } from './file-text';
import { AuthdeskError } from '../../../shared/errors';
import { encodeBase32 } from '../../../shared/base32';
import { unrecognizedFile, type OpenedFile } from './opened-file';

const REMOVE_ENCRYPTION =
  'In Steam Desktop Authenticator, choose Manage Encryption › Remove Encryption, then import the ' +
  '.maFile from its maFiles folder.';

/** A .maFile: Steam's shared_secret beside the account or device fields only Steam writes. */
export function looksLikeSteamMaFile(value: Record<string, unknown>): boolean {
  return (
    'shared_secret' in value &&
    ('account_name' in value || 'identity_secret' in value || 'revocation_code' in value)
  );
}

/** SDA's manifest.json: its list of .maFile entries with their encryption salt and IV. */
export function looksLikeSteamManifest(value: Record<string, unknown>): boolean {
  return (
    Array.isArray(value.entries) &&
    'encrypted' in value &&
    (value.entries as unknown[]).some(
      (entry) => isRecord(entry) && ('encryption_salt' in entry || 'filename' in entry),
    )
  );
}

/** The manifest holds no keys: it names where the accounts are. */
export function openSteamManifest(): OpenedFile {
  throw unrecognizedFile(
    "This is Steam Desktop Authenticator's manifest.json, which lists the accounts but holds none " +
      'of their keys. Import the .maFile files from the maFiles folder beside it instead (if SDA ' +
      `encrypts them: ${REMOVE_ENCRYPTION})`,
  );
}

function read(file: Record<string, unknown>, source: string): Found {
  const found = new FoundCollector(source);
  const label = file.account_name;
  found.add(describePlace('the account', 'Steam', label), () => {
    const bytes = base64Bytes(file.shared_secret);
    if (file.shared_secret !== undefined && file.shared_secret !== null && !bytes?.length) {
      throw new AuthdeskError(
        'SECRET_INVALID',
        'The shared_secret of this .maFile is not valid base64.',
      );
    }
    return accountFromFields({
      type: 'steam',
      secret: bytes ? encodeBase32(bytes) : undefined,
      issuer: 'Steam',
      label,
    });
  });
  return found.found();
}

export function openSteamMaFile(file: Record<string, unknown>, source: string): OpenedFile {
  return { format: 'steam', encrypted: false, read: async () => read(file, source) };
}

/**
 * An encrypted .maFile (TEXT_FORMATS, by its name: the content is plain base64, as other formats'):
 * refused with the way to a readable one, since its salt and IV are in SDA's manifest.json.
 */
export function openSteamEncrypted(text: string, name: string): OpenedFile | null {
  if (!/\.mafile$/i.test(name.trim())) return null;
  const bytes = base64Bytes(text.trim());
  if (bytes === null || bytes.length === 0 || bytes.length % 16 !== 0) return null;
  throw unrecognizedFile(
    'This Steam Desktop Authenticator .maFile is encrypted, and the salt and IV that open it are ' +
      `kept in SDA's manifest.json, so it cannot be opened on its own. ${REMOVE_ENCRYPTION}`,
  );
}
