// Export to Aegis: the file checked against a strict schema written from Aegis's published format
// (docs/vault.md; the v3 entry fields note, favorite and groups as Aegis's VaultEntry writes them),
// opened by hand the way vault.md describes (scrypt → slot → db), and read back by Authdesk's own
// Aegis importer into the same accounts.
import { createDecipheriv, createHash, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Account, AccountInput } from '../../shared/account';
import { readImportFile, detectImportFile } from '../../electron/import/formats';
import {
  AEGIS_SCRYPT,
  encodeAegisEncrypted,
  encodeAegisPlain,
} from '../../electron/transfer/aegis-export';
import { sampleInput } from '../harness/vault-fixtures';

const PASSWORD = 'export password ß 日本';
/** A cheap scrypt for the round trips; one test writes the real N=2^15. */
const TEST_N = 2 ** 10;

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
const uuid = z.uuidv4();
const base32 = z.string().regex(/^[A-Z2-7]+$/);
const algo = z.enum(['SHA1', 'SHA256', 'SHA512']);
const sealed = z.strictObject({ nonce: hex(12), tag: hex(16) });

/**
 * vault.md "Password" slot (N = 2^15 as Aegis writes it; the tests' cheap files say their own N);
 * `repaired` is what Aegis's PasswordSlot adds (true once re-wrapped).
 */
const passwordSlot = (N: number) =>
  z.strictObject({
    type: z.literal(1),
    uuid,
    key: hex(32),
    key_params: sealed,
    n: z.literal(N),
    r: z.literal(8),
    p: z.literal(1),
    salt: hex(32),
    repaired: z.boolean().optional(),
  });

const totpInfo = z.strictObject({
  secret: base32,
  algo,
  digits: z.number().int().min(5).max(10),
  period: z.number().int().positive(),
});
const hotpInfo = z.strictObject({
  secret: base32,
  algo,
  digits: z.number().int().min(6).max(10),
  counter: z.number().int().nonnegative(),
});
const common = {
  uuid,
  name: z.string(),
  issuer: z.string(),
  note: z.string(),
  favorite: z.boolean(),
  // VaultEntryIcon.toJson: null, or base64 bytes with their MIME type and Aegis's hash of them.
  icon: z.base64().nullable(),
  icon_mime: z.enum(['image/png', 'image/jpeg', 'image/svg+xml']).optional(),
  icon_hash: hex(32).optional(),
  groups: z.array(uuid),
};
const entry = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('totp'), ...common, info: totpInfo }),
  z.strictObject({ type: z.literal('hotp'), ...common, info: hotpInfo }),
  // vault.md: Steam supports SHA-1 only; Aegis's SteamInfo has 5 digits and 30 s.
  z.strictObject({
    type: z.literal('steam'),
    ...common,
    info: totpInfo.extend({ algo: z.literal('SHA1'), digits: z.literal(5), period: z.literal(30) }),
  }),
]);
/** An icon comes with its type and hash (SHA-256 of the type's UTF-8, then the bytes); none, with neither. */
const iconWhole = (e: { icon: string | null; icon_mime?: string; icon_hash?: string }) =>
  e.icon === null
    ? e.icon_mime === undefined && e.icon_hash === undefined
    : e.icon_hash ===
      createHash('sha256')
        .update(e.icon_mime ?? '')
        .update(Buffer.from(e.icon, 'base64'))
        .digest('hex');
const db = z
  .strictObject({
    version: z.literal(3),
    entries: z.array(
      entry.refine(iconWhole, { message: 'icon, icon_mime and icon_hash disagree' }),
    ),
    groups: z.array(z.strictObject({ uuid, name: z.string().min(1) })),
  })
  .superRefine((value, ctx) => {
    const known = new Set(value.groups.map((g) => g.uuid));
    for (const e of value.entries) {
      for (const g of e.groups) if (!known.has(g)) ctx.addIssue(`unknown group ${g}`);
    }
    const uuids = value.entries.map((e) => e.uuid);
    if (new Set(uuids).size !== uuids.length) ctx.addIssue('entry uuids repeat');
  });
const encryptedFile = (N: number) =>
  z.strictObject({
    version: z.literal(1),
    header: z.strictObject({ slots: z.array(passwordSlot(N)).length(1), params: sealed }),
    // "Base64 encoded (with padding)"
    db: z.base64(),
  });
const plainFile = z.strictObject({
  version: z.literal(1),
  header: z.strictObject({ slots: z.null(), params: z.null() }),
  db,
});

const STAMP = '2026-12-01T00:00:00.000Z';
const account = (input: AccountInput, i: number): Account => ({
  ...input,
  id: `0b6a4c2e-1f3d-4e5a-9b7c-${String(i).padStart(12, '0')}`,
  createdAt: STAMP,
  updatedAt: STAMP,
});

/** Every field an Aegis entry can carry, in every combination that matters. */
const ACCOUNTS: Account[] = [
  sampleInput('aws', {
    issuer: 'Amazon Web Services',
    label: 'root@123456789012',
    tags: ['Work', 'Personal'],
    note: 'root account\nsecond line',
    pinned: true,
  }),
  sampleInput('sha512', { algorithm: 'SHA512', digits: 8, period: 60, tags: ['Work'] }),
  sampleInput('hotp', { type: 'hotp', counter: 41, algorithm: 'SHA256', digits: 7 }),
  sampleInput('steam', { type: 'steam', digits: 5, issuer: 'Steam', tags: ['Games'] }),
  sampleInput('unicode', { issuer: '銀行 Ünïcödé', label: 'アリス' }),
  sampleInput('noissuer', { issuer: '', label: 'only a name', tags: ['Personal'] }),
].map(account);
const GROUPS = ['Personal', 'Work', 'Games', 'Unused'];

/** What Authdesk's importer should give back: the account minus what Aegis has no place for. */
function carried(a: Account): AccountInput {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { id, createdAt, updatedAt, awsSerial, ...input } = a;
  return input;
}

/** vault.md's steps, by hand: scrypt(password, salt) opens the slot's master key, which opens the db. */
function openByHand(text: string, password: string): unknown {
  const file = encryptedFile(AEGIS_SCRYPT.N).parse(JSON.parse(text));
  const slot = file.header.slots[0]!;
  const derived = scryptSync(Buffer.from(password, 'utf8'), Buffer.from(slot.salt, 'hex'), 32, {
    N: slot.n,
    r: slot.r,
    p: slot.p,
    maxmem: 64 * 1024 * 1024,
  });
  const open = (key: Buffer, nonce: string, tag: string, data: Buffer) => {
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'hex'));
    d.setAuthTag(Buffer.from(tag, 'hex'));
    return Buffer.concat([d.update(data), d.final()]);
  };
  const master = open(
    derived,
    slot.key_params.nonce,
    slot.key_params.tag,
    Buffer.from(slot.key, 'hex'),
  );
  const { nonce, tag } = file.header.params;
  return JSON.parse(open(master, nonce, tag, Buffer.from(file.db, 'base64')).toString('utf8'));
}

function groupsByName(value: z.infer<typeof db>) {
  const names = new Map(value.groups.map((g) => [g.uuid, g.name]));
  return {
    ...value,
    groups: value.groups.map((g) => g.name),
    entries: value.entries.map((e) => ({ ...e, groups: e.groups.map((g) => names.get(g)) })),
  };
}

describe('Aegis export, plain', () => {
  const text = encodeAegisPlain({ accounts: ACCOUNTS, groups: GROUPS });

  it('validates against the published format, with tags as groups, favourites, notes and counters', () => {
    const file = plainFile.parse(JSON.parse(text));
    expect(file.db.groups.map((g) => g.name)).toEqual(['Personal', 'Work', 'Games']);
    const byName = new Map(file.db.groups.map((g) => [g.uuid, g.name]));
    // Every tag of an account is one of its entry's groups; only the tags in use are written.
    expect(file.db.entries.map((e) => e.groups.map((g) => byName.get(g)))).toEqual([
      ['Work', 'Personal'],
      ['Work'],
      [],
      ['Games'],
      [],
      ['Personal'],
    ]);
    const [aws, , hotp, steam] = file.db.entries;
    expect(aws).toMatchObject({ favorite: true, note: 'root account\nsecond line' });
    expect(aws!.uuid).toBe(ACCOUNTS[0]!.id);
    expect(hotp).toMatchObject({ type: 'hotp', info: { counter: 41, algo: 'SHA256', digits: 7 } });
    expect(steam).toMatchObject({ type: 'steam', info: { digits: 5, algo: 'SHA1', period: 30 } });
  });

  it("reads back through Authdesk's Aegis importer as the same accounts", async () => {
    const bytes = Buffer.from(text, 'utf8');
    expect(detectImportFile(bytes, 'x.json')).toEqual({ format: 'aegis', encrypted: false });
    const found = await readImportFile(bytes, 'x.json');
    expect(found.problems).toEqual([]);
    expect(found.accounts.map((a) => a.input)).toEqual(ACCOUNTS.map(carried));
  });
});

describe('Aegis export, encrypted', () => {
  it('validates against the published format and opens by vault.md’s steps alone', async () => {
    // The real cost once: the file says N=2^15, r=8, p=1 as Aegis writes it.
    const text = await encodeAegisEncrypted({ accounts: ACCOUNTS, groups: GROUPS }, PASSWORD);
    expect(text).not.toContain(ACCOUNTS[0]!.secret);
    expect(text).not.toContain('Amazon');
    const content = db.parse(openByHand(text, PASSWORD));
    const plain = plainFile.parse(
      JSON.parse(encodeAegisPlain({ accounts: ACCOUNTS, groups: GROUPS })),
    );
    // The same db as the plain export, but for the group uuids, which are fresh in every export.
    expect(groupsByName(content)).toEqual(groupsByName(plain.db));
  }, 20_000);

  it("reads back through Authdesk's Aegis importer as the same accounts; a wrong password opens nothing", async () => {
    const text = await encodeAegisEncrypted({ accounts: ACCOUNTS, groups: GROUPS }, PASSWORD, {
      N: TEST_N,
    });
    const bytes = Buffer.from(text, 'utf8');
    expect(detectImportFile(bytes, 'x.json')).toEqual({ format: 'aegis', encrypted: true });
    const found = await readImportFile(bytes, 'x.json', PASSWORD);
    expect(found.problems).toEqual([]);
    expect(found.accounts.map((a) => a.input)).toEqual(ACCOUNTS.map(carried));
    await expect(readImportFile(bytes, 'x.json', 'not it')).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
  });

  it('seals each export under fresh keys: two exports share no salt, nonce or ciphertext', async () => {
    const contents = { accounts: ACCOUNTS, groups: GROUPS };
    const [a, b] = await Promise.all([
      encodeAegisEncrypted(contents, PASSWORD, { N: TEST_N }),
      encodeAegisEncrypted(contents, PASSWORD, { N: TEST_N }),
    ]).then((texts) => texts.map((t) => encryptedFile(TEST_N).parse(JSON.parse(t))));
    expect(a!.header.slots[0]!.salt).not.toBe(b!.header.slots[0]!.salt);
    expect(a!.header.params.nonce).not.toBe(b!.header.params.nonce);
    expect(a!.db).not.toBe(b!.db);
  });

  it('refuses an empty export password before deriving anything', async () => {
    await expect(
      encodeAegisEncrypted({ accounts: ACCOUNTS, groups: [] }, ''),
    ).rejects.toMatchObject({
      code: 'PASSWORD_INVALID',
    });
  });
});
