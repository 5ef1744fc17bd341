// Microsoft Authenticator's own database, `PhoneFactor` (Android: /data/data/com.azure.authenticator/databases/,
// copied off a rooted phone or out of a device backup): the `accounts` table, one row per account.
//
// What a row holds (Aegis' MicrosoftAuthImporter and the extraction scripts that read the same table):
// `name` (the issuer), `username`, `account_type` and `oath_secret_key`. account_type 0 is a
// third-party account (a TOTP base32 secret, 6 digits, SHA1, 30 s); 1 a personal Microsoft account
// (its secret in base64, 8-digit codes); 2 a work or school (Microsoft Entra) account, whose sign-ins
// are approved in the app and whose codes Microsoft does not describe. Newer app versions may leave
// `oath_secret_key` empty and keep `encrypted_oath_secret_key`, encrypted with a key in the phone's
// Android Keystore that never leaves it.
import type { AccountInput } from '../../../shared/account';
import { encodeBase32 } from '../../../shared/base32';
import { AuthdeskError } from '../../../shared/errors';
import type { Found } from '../found';
import { accountFromFields, describePlace, FoundCollector } from './entries';
import { base64Bytes } from './file-crypto';
import type { OpenedFile } from './opened-file';
import { accountsColumns, isSqlite, readAccountsTable, type SqlRow } from './sqlite';

const FORMAT = 'microsoft-authenticator';
const THIRD_PARTY = 0;
const PERSONAL = 1;
const WORK_OR_SCHOOL = 2;
const REQUIRED = ['name', 'username', 'oath_secret_key', 'account_type'] as const;

const present = (value: unknown) => typeof value === 'string' && value.trim() !== '';

function noSecret(row: SqlRow): AuthdeskError {
  const bound = present(row.encrypted_oath_secret_key);
  return new AuthdeskError(
    bound ? 'SECRET_DEVICE_BOUND' : 'SECRET_MISSING',
    bound
      ? 'Its secret key is encrypted with a key kept in the phone’s Android Keystore, which no copy of the database carries. Add the account to Authdesk again from the service’s two-step settings.'
      : 'This account has no secret key in the database.',
  );
}

function accountOf(row: SqlRow): AccountInput {
  const type = row.account_type;
  const names = { issuer: row.name, label: row.username };
  if (type === WORK_OR_SCHOOL) {
    throw new AuthdeskError(
      'ACCOUNT_PUSH_ONLY',
      'This is a work or school account (Microsoft Entra): its sign-ins are approved in Microsoft Authenticator, and the database holds no code secret that other apps can use. Add Authdesk as an authenticator app in the account’s Security info (mysignins.microsoft.com).',
    );
  }
  if (type !== THIRD_PARTY && type !== PERSONAL) {
    throw new AuthdeskError(
      'URI_TYPE',
      `This account is of a kind Authdesk does not know (account type ${JSON.stringify(type)}), so it was not imported.`,
    );
  }
  if (!present(row.oath_secret_key)) throw noSecret(row);
  if (type === THIRD_PARTY) {
    return accountFromFields({ type: 'totp', secret: row.oath_secret_key, ...names });
  }
  // A personal Microsoft account: the secret is base64, the codes 8 digits.
  const bytes = base64Bytes(row.oath_secret_key);
  if (bytes === null || bytes.length === 0) {
    throw new AuthdeskError(
      'SECRET_INVALID',
      'The secret key of this Microsoft account is not the base64 the app writes.',
    );
  }
  return accountFromFields({ type: 'totp', secret: encodeBase32(bytes), digits: 8, ...names });
}

function readRows(rows: SqlRow[], source: string): Found {
  const found = new FoundCollector(source);
  rows.forEach((row, index) => {
    found.add(describePlace(`row ${index + 1}`, row.name, row.username), () => accountOf(row));
  });
  return found.found();
}

/** A SQLite file whose `accounts` table has Microsoft's `oath_secret_key`; null for any other file. */
export function openMicrosoftAuthenticator(
  bytes: Uint8Array,
  _name: string,
  source: string,
): OpenedFile | null {
  if (!isSqlite(bytes) || accountsColumns(bytes)?.has('oath_secret_key') !== true) return null;
  return {
    format: FORMAT,
    encrypted: false,
    read: async () => readRows(await readAccountsTable(bytes, FORMAT, REQUIRED), source),
  };
}
