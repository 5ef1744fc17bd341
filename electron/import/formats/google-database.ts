// Google Authenticator's own database, `databases` (Android: /data/data/com.google.android.apps.authenticator2/
// databases/, copied off a rooted phone or out of a device backup): the `accounts` table.
//
// Its columns (Google's AccountDb and Aegis' GoogleAuthImporter): `email` (the account name, often
// "Issuer:name"), `secret` (base32), `counter`, `type` (0 TOTP, 1 HOTP), `provider`, `issuer`,
// `original_name`. Every code is SHA1, 6 digits, 30 s. Newer app versions store the secret encrypted
// with a key kept in the phone's Android Keystore; such rows are named, and the app's own export
// (Transfer accounts) read instead.
import type { AccountInput } from '../../../shared/account';
import { AuthdeskError, isAuthdeskError } from '../../../shared/errors';
import type { Found } from '../found';
import { accountFromFields, describePlace, FoundCollector } from './entries';
import type { OpenedFile } from './opened-file';
import { accountsColumns, isSqlite, readAccountsTable, type SqlRow } from './sqlite';

const FORMAT = 'google-database';
const TOTP = 0;
const HOTP = 1;
const REQUIRED = ['email', 'secret'] as const;

/** Issuer and account name: the issuer column, else the "Issuer:" before the name; never twice. */
function names(row: SqlRow): { issuer: string; label: string } {
  const email = typeof row.email === 'string' ? row.email : '';
  const issuer = typeof row.issuer === 'string' ? row.issuer.trim() : '';
  const colon = email.indexOf(':');
  if (colon < 0) return { issuer, label: email };
  const before = email.slice(0, colon).trim();
  const after = email.slice(colon + 1).trim();
  if (issuer === '' || before === issuer) return { issuer: issuer || before, label: after };
  return { issuer, label: email };
}

function accountOf(row: SqlRow): AccountInput {
  const type = row.type ?? TOTP;
  if (type !== TOTP && type !== HOTP) {
    throw new AuthdeskError(
      'URI_TYPE',
      `This entry is of a kind Authdesk does not know (type ${JSON.stringify(type)}), so it was not imported.`,
    );
  }
  try {
    return accountFromFields({
      type: type === HOTP ? 'hotp' : 'totp',
      secret: row.secret,
      counter: row.counter ?? 0,
      ...names(row),
    });
  } catch (error) {
    if (isAuthdeskError(error) && error.code === 'SECRET_INVALID') {
      throw new AuthdeskError(
        'SECRET_DEVICE_BOUND',
        'Its secret key is not base32: newer Google Authenticator versions encrypt it with a key kept in the phone’s Android Keystore. Export the accounts from the app (Transfer accounts › Export accounts) and import the QR codes instead.',
      );
    }
    throw error;
  }
}

function readRows(rows: SqlRow[], source: string): Found {
  const found = new FoundCollector(source);
  rows.forEach((row, index) => {
    const { issuer, label } = names(row);
    found.add(describePlace(`row ${index + 1}`, issuer, label), () => accountOf(row));
  });
  return found.found();
}

/** A SQLite file whose `accounts` table has Google's `email` and `secret`; null for any other file. */
export function openGoogleDatabase(
  bytes: Uint8Array,
  _name: string,
  source: string,
): OpenedFile | null {
  if (!isSqlite(bytes)) return null;
  const columns = accountsColumns(bytes);
  if (columns === null || !columns.has('email') || !columns.has('secret')) return null;
  return {
    format: FORMAT,
    encrypted: false,
    read: async () => readRows(await readAccountsTable(bytes, FORMAT, REQUIRED), source),
  };
}
