// Aegis vault files (docs/vault.md in beemdevelopment/Aegis), written: the db as plain JSON, or
// encrypted under one password slot (scrypt N=2^15, r=8, p=1, as Aegis itself writes).
import { createCipheriv, randomBytes, randomUUID, scrypt } from 'node:crypto';
import type { Account } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import { passwordBytes } from '../vault/kdf';
import type { IconStore } from '../vault/icon-store';
import { BrandIcons } from '../icons/brand-icons';
import { aegisIcon } from './aegis-icons';

/** The file envelope version and the content ("db") version Aegis writes today. */
export const AEGIS_FILE_VERSION = 1;
export const AEGIS_DB_VERSION = 3;
/** vault.md's scrypt parameters: what a phone can derive without running out of memory. */
export const AEGIS_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const PASSWORD_SLOT = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AegisEntry {
  type: 'totp' | 'hotp' | 'steam';
  uuid: string;
  name: string;
  issuer: string;
  note: string;
  favorite: boolean;
  /** Base64 of the icon's bytes (aegis-icons.ts), with its type and Aegis's hash of it; or null. */
  icon: string | null;
  icon_mime?: string;
  icon_hash?: string;
  info:
    | { secret: string; algo: string; digits: number; period: number }
    | { secret: string; algo: string; digits: number; counter: number };
  groups: string[];
}

export interface AegisDb {
  version: number;
  entries: AegisEntry[];
  groups: { uuid: string; name: string }[];
}

/** What is exported: the accounts and the vault's tag order (its `groups`). */
export interface ExportContents {
  accounts: readonly Account[];
  groups: readonly string[];
  /** The vault's icon pictures (Vault.contents), for accounts whose icon is a picture. */
  icons?: IconStore;
}

/**
 * The db: one entry per account (issuer, name, note, pinned as favorite, each of its tags as an
 * Aegis group's uuid; HOTP keeps its counter, Steam is Aegis's "steam" type). The groups are the
 * tags the accounts use, in the vault's order. An account's id becomes its uuid, so exporting
 * twice gives the same entries. The AWS device ARN has no place in Aegis and stays behind.
 */
export function aegisDb({ accounts, groups, icons }: ExportContents): AegisDb {
  const used = new Set(accounts.flatMap((a) => a.tags ?? []));
  const names = [
    ...groups.filter((g) => used.has(g)),
    ...[...used].filter((g) => !groups.includes(g)),
  ];
  const uuids = new Map(names.map((name) => [name, randomUUID()]));
  // A chosen brand icon goes as its SVG (simple-icons' files, read when needed).
  const brands = new BrandIcons();
  return {
    version: AEGIS_DB_VERSION,
    entries: accounts.map((account): AegisEntry => {
      const { type, algorithm, digits, period, counter, secret } = account;
      return {
        type,
        uuid: UUID.test(account.id) ? account.id.toLowerCase() : randomUUID(),
        name: account.label,
        issuer: account.issuer,
        note: account.note ?? '',
        favorite: account.pinned === true,
        ...aegisIcon(account, icons, brands),
        info:
          type === 'hotp'
            ? { secret, algo: algorithm, digits, counter }
            : { secret, algo: algorithm, digits, period },
        groups: (account.tags ?? []).map((tag) => uuids.get(tag)!),
      };
    }),
    groups: names.map((name) => ({ uuid: uuids.get(name)!, name })),
  };
}

/** The plain vault: header slots and params null, the db as JSON. Every secret in plain text. */
export function encodeAegisPlain(contents: ExportContents): string {
  const file = {
    version: AEGIS_FILE_VERSION,
    header: { slots: null, params: null },
    db: aegisDb(contents),
  };
  return `${JSON.stringify(file, null, 4)}\n`;
}

function seal(key: Buffer, plaintext: Buffer): { data: Buffer; nonce: string; tag: string } {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { data, nonce: nonce.toString('hex'), tag: cipher.getAuthTag().toString('hex') };
}

function deriveKey(password: string, salt: Buffer, N: number): Promise<Buffer> {
  const { r, p } = AEGIS_SCRYPT;
  const secret = passwordBytes(password);
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(
      secret,
      salt,
      KEY_BYTES,
      { N, r, p, maxmem: 128 * r * (N + p + 2) + 2 ** 20 },
      (err, key) => {
        secret.fill(0);
        if (err) reject(err);
        else resolve(key);
      },
    );
  });
}

/**
 * The encrypted vault: a random master key seals the db (AES-256-GCM, base64 with padding), and
 * one password slot holds the master key sealed under scrypt(password). The password is taken as
 * NFC UTF-8, as Authdesk's own slots do (a phone's keyboard types NFC). PASSWORD_INVALID when it
 * is empty. `N` is for tests only: a file made with less is still valid, but weaker.
 */
export async function encodeAegisEncrypted(
  contents: ExportContents,
  password: string,
  options: { N?: number } = {},
): Promise<string> {
  if (password.length === 0) {
    throw new AuthdeskError(
      'PASSWORD_INVALID',
      'The export password must not be empty. Nothing was written.',
    );
  }
  const N = options.N ?? AEGIS_SCRYPT.N;
  const salt = randomBytes(SALT_BYTES);
  const master = randomBytes(KEY_BYTES);
  const plaintext = Buffer.from(JSON.stringify(aegisDb(contents)), 'utf8');
  try {
    const derived = await deriveKey(password, salt, N);
    let wrapped;
    try {
      wrapped = seal(derived, master);
    } finally {
      derived.fill(0);
    }
    const db = seal(master, plaintext);
    const file = {
      version: AEGIS_FILE_VERSION,
      header: {
        slots: [
          {
            type: PASSWORD_SLOT,
            uuid: randomUUID(),
            key: wrapped.data.toString('hex'),
            key_params: { nonce: wrapped.nonce, tag: wrapped.tag },
            n: N,
            r: AEGIS_SCRYPT.r,
            p: AEGIS_SCRYPT.p,
            salt: salt.toString('hex'),
            repaired: true,
          },
        ],
        params: { nonce: db.nonce, tag: db.tag },
      },
      db: db.data.toString('base64'),
    };
    return `${JSON.stringify(file, null, 4)}\n`;
  } finally {
    master.fill(0);
    plaintext.fill(0);
  }
}
