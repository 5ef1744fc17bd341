// Sample files in other apps' published export formats (Aegis, 2FAS, andOTP, Bitwarden, link lists), really encrypted.
//
// Each builder writes what the app itself writes, field for field, from the sources named beside
// it, so that the importers are proven on files shaped like real exports. The KDF costs default to
// cheap values; pass the apps' real defaults (exported below) where a test needs them.
import { createCipheriv, pbkdf2Sync, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import type { AccountInput } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import { encodeMigrationUris } from '../../shared/migration';
import { formatOtpauthUri } from '../../shared/otpauth';

export const SAMPLE_PASSWORD = 'sample export password';

/** One of each kind the importers must carry over: HOTP, SHA256/512, 8 digits, 60 s, Steam, Japanese, no issuer. */
export const SAMPLE_ACCOUNTS: readonly AccountInput[] = [
  {
    issuer: 'GitHub',
    label: 'alice',
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    // 10 bytes, as real services issue them.
    secret: 'JBSWY3DPEHPK3PXP',
    // Two tags: formats with one group or folder per entry carry the first (withoutExtras).
    tags: ['Work', 'Open source'],
    note: 'Main account',
  },
  {
    issuer: 'Example HOTP',
    label: 'bob',
    type: 'hotp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 42,
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  },
  {
    issuer: 'Bank',
    label: 'carol',
    type: 'totp',
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
    counter: 0,
    secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
  },
  {
    issuer: 'Cloud',
    label: 'dave',
    type: 'hotp',
    algorithm: 'SHA512',
    digits: 8,
    period: 30,
    counter: 7,
    secret: 'ONSWG4TFORQWY2LDMVZXIZLSMVXGG5DF',
  },
  {
    issuer: '',
    label: 'eve@example.com',
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA',
  },
  {
    issuer: 'ヤフー',
    label: '山田太郎',
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret: 'NBSWY3DPEB3W64TMMQQGC3TEEBWW64TF',
    tags: ['個人'],
  },
  {
    issuer: 'Steam',
    label: 'gaben',
    type: 'steam',
    algorithm: 'SHA1',
    digits: 5,
    period: 30,
    counter: 0,
    secret: 'OBQXG43XN5ZGIIDTORSWC3JAMNXWIZJA',
  },
];

export const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const json = (value: unknown, indent?: number) => utf8(JSON.stringify(value, null, indent));

function sealGcm(key: Buffer, plain: Buffer): { nonce: Buffer; ciphertext: Buffer; tag: Buffer } {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

/** The tags the accounts use, in order: the groups (folders) of a format's file. */
const groupsOf = (accounts: readonly AccountInput[]) => [
  ...new Set(accounts.flatMap((a) => a.tags ?? [])),
];
const firstTag = (account: AccountInput) => account.tags?.[0];

// ---------------------------------------------------------------------------------------------
// Aegis: docs/vault.md in beemdevelopment/Aegis (db version 3, file version 1).

/** Aegis' own scrypt cost (vault.md); the builders default to a much cheaper one. */
export const AEGIS_DEFAULT_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
export const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1 } as const;

export function aegisEntry(
  account: AccountInput,
  groupUuids: string[] = [],
): Record<string, unknown> {
  const common = { secret: account.secret, algo: account.algorithm, digits: account.digits };
  return {
    type: account.type,
    uuid: randomUUID(),
    name: account.label,
    issuer: account.issuer,
    note: account.note ?? '',
    favorite: account.pinned ?? false,
    icon: null,
    icon_mime: null,
    icon_hash: null,
    info:
      account.type === 'hotp'
        ? { ...common, counter: account.counter }
        : { ...common, period: account.period },
    groups: groupUuids,
  };
}

/** The decrypted content ("db") of an Aegis vault, version 3: entries and their groups by uuid. */
export function aegisDb(accounts: readonly AccountInput[]): Record<string, unknown> {
  const groups = groupsOf(accounts).map((name) => ({ uuid: randomUUID(), name }));
  const uuidOf = (names: readonly string[] = []) =>
    names.map((name) => groups.find((g) => g.name === name)!.uuid);
  return {
    version: 3,
    entries: accounts.map((a) => aegisEntry(a, uuidOf(a.tags))),
    groups,
  };
}

/** Aegis writes the file with JSONObject.toString(4). */
export function aegisPlainFile(db: Record<string, unknown>): Uint8Array {
  return json({ version: 1, header: { slots: null, params: null }, db }, 4);
}

export interface AegisEncryptOptions {
  scrypt?: { N: number; r: number; p: number };
  /** More passwords, each in a slot of its own (Aegis tries every password slot). */
  morePasswords?: string[];
  /** Put a biometric slot first, as a phone with fingerprint unlock does. */
  biometricSlot?: boolean;
}

export function aegisEncryptedFile(
  db: Record<string, unknown>,
  password: string = SAMPLE_PASSWORD,
  options: AegisEncryptOptions = {},
): Uint8Array {
  const { N, r, p } = options.scrypt ?? CHEAP_SCRYPT;
  const masterKey = randomBytes(32);
  const slot = (type: number, wrapKey: Buffer) => {
    const sealed = sealGcm(wrapKey, masterKey);
    return {
      type,
      uuid: randomUUID(),
      key: sealed.ciphertext.toString('hex'),
      key_params: { nonce: sealed.nonce.toString('hex'), tag: sealed.tag.toString('hex') },
    };
  };
  const passwordSlot = (pw: string) => {
    const salt = randomBytes(32);
    const key = scryptSync(Buffer.from(pw, 'utf8'), salt, 32, {
      N,
      r,
      p,
      maxmem: 256 * 1024 * 1024,
    });
    return { ...slot(1, key), n: N, r, p, salt: salt.toString('hex'), repaired: true };
  };
  const slots = [
    ...(options.biometricSlot ? [slot(2, randomBytes(32))] : []),
    passwordSlot(password),
    ...(options.morePasswords ?? []).map(passwordSlot),
  ];
  const content = sealGcm(masterKey, Buffer.from(JSON.stringify(db, null, 4), 'utf8'));
  return json(
    {
      version: 1,
      header: {
        slots,
        params: { nonce: content.nonce.toString('hex'), tag: content.tag.toString('hex') },
      },
      db: content.ciphertext.toString('base64'),
    },
    4,
  );
}

// ---------------------------------------------------------------------------------------------
// 2FAS: BackupContent, BackupService and BackupCipherImpl in twofas/2fas-android (schema version 4).

/** BackupContent.Reference: encrypted next to the services so that a password can be checked. */
export const TWOFAS_REFERENCE =
  'tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd';
/** Fixed by the format (BackupKeyGeneratorPbkdf): not stored in the file. */
export const TWOFAS_ITERATIONS = 10_000;

const TWOFAS_TOKEN_TYPE = { totp: 'TOTP', hotp: 'HOTP', steam: 'STEAM' } as const;

export function twofasService(
  account: AccountInput,
  position: number,
  groupId?: string,
): Record<string, unknown> {
  const steam = account.type === 'steam';
  return {
    name: account.issuer,
    secret: account.secret,
    updatedAt: 1702934567518 + position,
    otp: {
      link: formatOtpauthUri(account),
      label: account.label,
      account: account.label,
      issuer: account.issuer,
      digits: steam ? 5 : account.digits,
      ...(account.type === 'hotp' ? { counter: account.counter } : { period: account.period }),
      algorithm: account.algorithm,
      tokenType: TWOFAS_TOKEN_TYPE[account.type],
      source: 'Link',
    },
    order: { position },
    icon: {
      selected: 'Label',
      label: { text: account.issuer.slice(0, 2).toUpperCase(), backgroundColor: 'Default' },
      iconCollection: { id: 'a5b3fb65-4ec5-43e6-8ec1-49e24ca9e7ad' },
    },
    ...(groupId !== undefined && { groupId }),
  };
}

function twofasContent(accounts: readonly AccountInput[]) {
  const groups = groupsOf(accounts).map((name) => ({
    id: randomUUID(),
    name,
    isExpanded: true,
    updatedAt: 1702934500000,
  }));
  const services = accounts.map((a, i) =>
    twofasService(a, i, groups.find((g) => g.name === firstTag(a))?.id),
  );
  return { services, groups };
}

const twofasEnvelope = {
  updatedAt: 1702934732299,
  schemaVersion: 4,
  appVersionCode: 5000009,
  appVersionName: '5.1.0',
  appOrigin: 'android',
};

export function twofasPlainFile(accounts: readonly AccountInput[]): Uint8Array {
  const { services, groups } = twofasContent(accounts);
  return json({ services, groups, ...twofasEnvelope });
}

/** "base64(ciphertext ‖ tag):base64(salt):base64(iv)", as BackupCipherImpl joins DataEncrypted. */
export function twofasSeal(plain: string, key: Buffer, salt: Buffer): string {
  const { nonce, ciphertext, tag } = sealGcm(key, Buffer.from(plain, 'utf8'));
  return [Buffer.concat([ciphertext, tag]), salt, nonce].map((b) => b.toString('base64')).join(':');
}

export function twofasEncryptedFile(
  accounts: readonly AccountInput[],
  password: string = SAMPLE_PASSWORD,
  options: { reference?: boolean; services?: unknown[] } = {},
): Uint8Array {
  const { services, groups } = twofasContent(accounts);
  const salt = randomBytes(256);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, TWOFAS_ITERATIONS, 32, 'sha256');
  return json({
    services: [],
    groups,
    ...twofasEnvelope,
    servicesEncrypted: twofasSeal(JSON.stringify(options.services ?? services), key, salt),
    ...((options.reference ?? true) && { reference: twofasSeal(TWOFAS_REFERENCE, key, salt) }),
  });
}

// ---------------------------------------------------------------------------------------------
// andOTP: Entry.toJSON and BackupHelper.backupToFile in andOTP/andOTP.

/** andOTP picks 140 000–160 000 iterations per backup; the builders default to a cheap count. */
export const ANDOTP_DEFAULT_ITERATIONS = 150_000;
export const CHEAP_ITERATIONS = 1_000;

export function andotpEntry(account: AccountInput): Record<string, unknown> {
  const type = account.type.toUpperCase();
  return {
    secret: account.secret,
    issuer: account.issuer,
    label: account.label,
    digits: account.digits,
    type,
    algorithm: account.algorithm,
    thumbnail: 'Default',
    last_used: 0,
    used_frequency: 0,
    ...(account.type === 'hotp' ? { counter: account.counter } : { period: account.period }),
    tags: account.tags ?? [],
  };
}

/** andOTP writes JSONArray.toString(): compact JSON. */
export function andotpJsonFile(entries: unknown[]): Uint8Array {
  return json(entries);
}

export function andotpPlainFile(accounts: readonly AccountInput[]): Uint8Array {
  return andotpJsonFile(accounts.map(andotpEntry));
}

/** [iterations, 4 bytes BE][salt, 12][IV, 12][ciphertext][tag, 16]; PBKDF2-HMAC-SHA1 to 256 bits. */
export function andotpEncrypt(
  plain: Uint8Array,
  password: string = SAMPLE_PASSWORD,
  iterations: number = CHEAP_ITERATIONS,
): Uint8Array {
  const salt = randomBytes(12);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha1');
  const { nonce, ciphertext, tag } = sealGcm(key, Buffer.from(plain));
  const header = Buffer.alloc(4);
  header.writeUInt32BE(iterations);
  return new Uint8Array(Buffer.concat([header, salt, nonce, ciphertext, tag]));
}

export function andotpEncryptedFile(
  accounts: readonly AccountInput[],
  password: string = SAMPLE_PASSWORD,
  iterations: number = CHEAP_ITERATIONS,
): Uint8Array {
  return andotpEncrypt(andotpPlainFile(accounts), password, iterations);
}

// ---------------------------------------------------------------------------------------------
// Bitwarden: the individual vault export (JSON, CSV) of bitwarden/clients.

/** How an account's key goes into the TOTP field: a link, the bare secret, or steam://SECRET. */
export function bitwardenTotp(account: AccountInput, style: 'uri' | 'secret' = 'uri'): string {
  if (account.type === 'steam') return `steam://${account.secret}`;
  return style === 'secret' ? account.secret : formatOtpauthUri(account);
}

export function bitwardenJsonFile(
  accounts: readonly AccountInput[],
  options: { style?: 'uri' | 'secret'; extraItems?: unknown[] } = {},
): Uint8Array {
  const folders = groupsOf(accounts).map((name) => ({ id: randomUUID(), name }));
  const items = accounts.map((a) => ({
    passwordHistory: null,
    revisionDate: '2024-05-01T10:00:00.000Z',
    creationDate: '2024-05-01T10:00:00.000Z',
    deletedDate: null,
    id: randomUUID(),
    organizationId: null,
    folderId: folders.find((f) => f.name === firstTag(a))?.id ?? null,
    type: 1,
    reprompt: 0,
    name: a.issuer,
    notes: a.note ?? null,
    favorite: false,
    login: {
      fido2Credentials: [],
      uris: [{ match: null, uri: 'https://example.com/login' }],
      username: a.label,
      password: 'hunter2',
      totp: bitwardenTotp(a, options.style),
    },
    collectionIds: null,
  }));
  const others = [
    {
      id: randomUUID(),
      folderId: null,
      type: 2,
      name: 'A secure note',
      notes: 'text',
      secureNote: { type: 0 },
    },
    {
      id: randomUUID(),
      folderId: null,
      type: 1,
      name: 'No TOTP here',
      notes: null,
      login: { uris: [], username: 'frank', password: 'pw', totp: null },
    },
  ];
  return json(
    { encrypted: false, folders, items: [...items, ...others, ...(options.extraItems ?? [])] },
    2,
  );
}

/** A password-protected export: nothing in it is readable without Bitwarden. */
export function bitwardenEncryptedJsonFile(): Uint8Array {
  const blob = () =>
    `2.${randomBytes(16).toString('base64')}|${randomBytes(64).toString('base64')}|${randomBytes(32).toString('base64')}`;
  return json(
    {
      encrypted: true,
      passwordProtected: true,
      salt: randomBytes(16).toString('base64'),
      kdfType: 0,
      kdfIterations: 600000,
      encKeyValidation_DO_NOT_EDIT: blob(),
      data: blob(),
    },
    2,
  );
}

const csvCell = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

export function bitwardenCsvFile(
  accounts: readonly AccountInput[],
  style: 'uri' | 'secret' = 'uri',
): Uint8Array {
  const header =
    'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';
  const rows = accounts.map((a) =>
    [
      firstTag(a) ?? '',
      '',
      'login',
      a.issuer,
      a.note ?? '',
      '',
      '0',
      'https://example.com',
      a.label,
      'hunter2',
      bitwardenTotp(a, style),
    ]
      .map(csvCell)
      .join(','),
  );
  rows.push(
    ['', '', 'note', 'A secure note', 'multi\nline, "quoted"', '', '0', '', '', '', '']
      .map(csvCell)
      .join(','),
  );
  return utf8(`${[header, ...rows].join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------
// Link lists: one otpauth:// link per line (Aegis, 2FAS and others export them); Google export links.

export function otpauthListFile(
  accounts: readonly AccountInput[],
  options: { bom?: boolean; crlf?: boolean; comments?: boolean } = {},
): Uint8Array {
  const lines = accounts.map((a) => formatOtpauthUri(a));
  if (options.comments) lines.unshift('# exported accounts', '', '// one per line');
  const text = lines.join(options.crlf ? '\r\n' : '\n');
  return utf8(`${options.bom ? '\uFEFF' : ''}${text}\n`);
}

/** The sample accounts a Google Authenticator export can carry: no Steam, 30-second steps only. */
export const GOOGLE_SAMPLE_ACCOUNTS: readonly AccountInput[] = SAMPLE_ACCOUNTS.filter(
  (a) => a.type !== 'steam' && a.period === 30,
);

/** Google Authenticator export links, `perBatch` accounts each, one per line (Google cannot hold Steam). */
export function googleExportFile(accounts: readonly AccountInput[], perBatch = 10): Uint8Array {
  return utf8(`${encodeMigrationUris([...accounts], { perBatch, batchId: 1234 }).join('\n')}\n`);
}

/**
 * The accounts as an importer gives them back from a format without tags or notes; `tags: 'first'`
 * for a format with one group or folder per entry, 'all' for one with several.
 */
export function withoutExtras(
  accounts: readonly AccountInput[],
  keep: { tags?: 'all' | 'first'; note?: boolean } = {},
): AccountInput[] {
  return accounts.map(({ tags, note, ...rest }) => ({
    ...rest,
    ...(keep.tags && tags?.length && { tags: keep.tags === 'all' ? tags : tags.slice(0, 1) }),
    ...(keep.note && note !== undefined && { note }),
  }));
}

/** The AuthdeskError a promise rejects with; throws if it resolves or fails with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<AuthdeskError> {
  let result: unknown;
  try {
    result = await promise;
  } catch (error) {
    if (error instanceof AuthdeskError) return error;
    throw error;
  }
  throw new Error(
    `expected an AuthdeskError, but it resolved: ${JSON.stringify(result)?.slice(0, 200)}`,
  );
}

/** The file's JSON, for tests that change one field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const jsonOf = (bytes: Uint8Array): any => JSON.parse(Buffer.from(bytes).toString('utf8'));
