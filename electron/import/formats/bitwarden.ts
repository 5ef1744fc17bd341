// Bitwarden exports (unencrypted .json or .csv): every login whose TOTP field is set becomes an account.
//
// login.totp (CSV: login_totp) holds what the user pasted into Bitwarden: an otpauth:// link, a bare
// base32 secret (issuer = the item's name, account = its username), or steam://SECRET. Items without
// a TOTP are not accounts and are passed over in silence. Encrypted exports (password-protected, or
// tied to the Bitwarden account) hold nothing readable without Bitwarden's keys and are refused with
// the advice to export again as unencrypted JSON.
import type { AccountInput } from '../../../shared/account';
import { AuthdeskError } from '../../../shared/errors';
import { parseOtpauthUri } from '../../../shared/otpauth';
import type { Found } from '../found';
import { parseCsv } from './csv';
import { accountFromFields, describePlace, FoundCollector, groupNames } from './entries';
import { finishAccount } from '../finish-account';
import { isRecord } from './file-text';
import { corruptFile, unrecognizedFile, type OpenedFile } from './opened-file';

const LOGIN_ITEM = 1;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

interface Login {
  totp: string;
  name: unknown;
  username: unknown;
  notes: unknown;
  /** Its folder, then the organisation's collections it is in. */
  tags: string[];
}

/** Bitwarden's JSON export always says whether it is encrypted, next to its items or encrypted data. */
export function looksLikeBitwardenJson(value: Record<string, unknown>): boolean {
  return (
    typeof value.encrypted === 'boolean' &&
    ('items' in value || 'data' in value || 'encKeyValidation_DO_NOT_EDIT' in value)
  );
}

/** The header row of Bitwarden's CSV export names a login_totp column. */
export function looksLikeBitwardenCsv(text: string): boolean {
  const header = text.slice(0, text.search(/\r|\n|$/));
  const columns = header.split(',').map((c) => c.trim().toLowerCase());
  return columns.includes('login_totp') && columns.includes('name');
}

const asText = (value: unknown) => (typeof value === 'string' ? value : '');

function accountFromTotp(login: Login): AccountInput {
  const value = login.totp.trim();
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  const extras = { note: login.notes, tags: login.tags };
  if (scheme === 'otpauth') {
    const parsed = parseOtpauthUri(value);
    return finishAccount({
      ...parsed,
      // A link without an issuer or account name takes them from the item.
      issuer: parsed.issuer || asText(login.name),
      label: parsed.label || asText(login.username),
      note: asText(login.notes),
      tags: login.tags,
    });
  }
  if (scheme === 'steam') {
    const secret = value.slice(value.indexOf(':') + 1).replace(/^\/\//, '');
    return accountFromFields({
      type: 'steam',
      secret,
      issuer: login.name,
      label: login.username,
      ...extras,
    });
  }
  if (scheme !== undefined) {
    throw new AuthdeskError(
      'URI_SCHEME',
      `The TOTP field holds a "${scheme}:" link, not an otpauth:// link or a secret key.`,
    );
  }
  return accountFromFields({
    type: 'totp',
    secret: value,
    issuer: login.name,
    label: login.username,
    ...extras,
  });
}

function readLogins(logins: { place: string; login: Login }[], source: string): Found {
  const found = new FoundCollector(source);
  for (const { place, login } of logins) {
    found.add(describePlace(place, login.name, login.username), () => accountFromTotp(login));
  }
  return found.found();
}

export function openBitwardenJson(file: Record<string, unknown>, source: string): OpenedFile {
  if (file.encrypted === true) {
    throw unrecognizedFile(
      'This is an encrypted Bitwarden export, which only Bitwarden can open. In Bitwarden, ' +
        'export the vault again with the file format “.json” (not “.json (Encrypted)”), import ' +
        'that file, then delete it.',
    );
  }
  if (!Array.isArray(file.items)) throw corruptFile('bitwarden', 'it has no list of items');
  const folders = groupNames(file.folders, 'id');
  const collections = groupNames(file.collections, 'id');
  const logins = (file.items as unknown[]).flatMap((item, index) => {
    if (!isRecord(item) || item.type !== LOGIN_ITEM || !isRecord(item.login)) return [];
    const { totp } = item.login;
    if (typeof totp !== 'string' || totp.trim() === '') return [];
    const folder = typeof item.folderId === 'string' ? folders.get(item.folderId) : undefined;
    const ids: unknown[] = Array.isArray(item.collectionIds) ? item.collectionIds : [];
    const tags = [
      folder,
      ...ids.map((id) => (typeof id === 'string' ? collections.get(id) : undefined)),
    ];
    return [
      {
        place: `entry ${index + 1}`,
        login: {
          totp,
          name: item.name,
          username: item.login.username,
          notes: item.notes,
          tags: tags.filter((name) => name !== undefined),
        },
      },
    ];
  });
  return { format: 'bitwarden', encrypted: false, read: async () => readLogins(logins, source) };
}

export function openBitwardenCsv(text: string, source: string): OpenedFile {
  const rows = parseCsv(text);
  if (rows === null) {
    throw corruptFile('bitwarden', 'a quoted field never ends (the file may be cut short)');
  }
  const [header, ...body] = rows;
  const columns = (header?.cells ?? []).map((c) => c.trim().toLowerCase());
  const column = (name: string) => columns.indexOf(name);
  const at = {
    totp: column('login_totp'),
    name: column('name'),
    username: column('login_username'),
    notes: column('notes'),
    folder: column('folder'),
    // An organisation's export: the collections an item is in, their names joined by commas.
    collections: column('collections'),
  };
  const cell = (cells: string[], index: number) => (index < 0 ? '' : (cells[index] ?? ''));
  const logins = body.flatMap(({ line, cells }) => {
    const totp = cell(cells, at.totp);
    if (totp.trim() === '') return [];
    const tags = [cell(cells, at.folder), ...cell(cells, at.collections).split(',')];
    return [
      {
        place: `line ${line}`,
        login: {
          totp,
          name: cell(cells, at.name),
          username: cell(cells, at.username),
          notes: cell(cells, at.notes),
          tags: tags.map((name) => name.trim()).filter((name) => name !== ''),
        },
      },
    ];
  });
  return { format: 'bitwarden', encrypted: false, read: async () => readLogins(logins, source) };
}
